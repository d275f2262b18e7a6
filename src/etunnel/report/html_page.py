"""Render a report's Markdown as one self-contained HTML page.

The Markdown document is the single source of a report: this module renders
it with markdown-it-py (CommonMark plus tables, raw HTML disabled, so text
from data can never inject markup), gives every heading an anchor, puts a
table of contents after the title, and embeds each figure the Markdown links
(``![name](figures/name.png)``) as its SVG, base64-encoded, so the page needs
no other file and scales without blurring.

>>> page = markdown_page("# T\\n\\nintro *x*\\n\\n## A b\\n\\n| a |\\n|---|\\n| 1 |\\n", title="t")
>>> '<a href="#a-b">A b</a>' in page, "<em>x</em>" in page, "<table>" in page
(True, True, True)
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from markdown_it import MarkdownIt

_STYLE = (
    "body{font-family:sans-serif;max-width:1150px;margin:auto;padding:1em;line-height:1.4;}"
    "table{border-collapse:collapse;font-size:0.85em;margin:1em 0;}"
    "td,th{border:1px solid #999;padding:3px 6px;vertical-align:top;}th{background:#eee;}"
    "img{max-width:100%;height:auto;}nav.toc{background:#f6f6f6;padding:0.5em 1em;margin:1em 0;}"
    "nav.toc ul{margin:0.2em 0;}"
)
_FIGURE_LINK = re.compile(r"^(?:.*/)?([A-Za-z0-9_-]+)\.(?:png|svg)$")


def _slug(text: str, seen: dict[str, int]) -> str:
    base = re.sub(r"[^\w\- ]", "", text.lower()).strip().replace(" ", "-") or "section"
    n = seen.get(base, 0)
    seen[base] = n + 1
    return base if n == 0 else f"{base}-{n}"


def markdown_page(markdown: str, *, title: str, figures: dict | None = None) -> str:
    """One HTML page from ``markdown``, with a table of contents and figures embedded as SVG.

    Parameters
    ----------
    markdown : str
        The report, CommonMark with pipe tables.
    title : str
        The page's ``<title>``.
    figures : dict, optional
        ``{name: {"svg": path, ...}}``; an image whose file name (without
        extension) is a key is embedded from that SVG file. Other images keep
        their link.

    Returns
    -------
    str
        A complete HTML document.
    """
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(markdown)
    seen: dict[str, int] = {}
    toc: list[tuple[int, str, str]] = []
    for k, token in enumerate(tokens):
        if token.type == "heading_open":
            text = tokens[k + 1].content
            anchor = _slug(text, seen)
            token.attrSet("id", anchor)
            if token.tag in ("h2", "h3"):
                toc.append((int(token.tag[1]), anchor, text))
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type != "image":
                    continue
                match = _FIGURE_LINK.match(str(child.attrGet("src") or ""))
                svg = (figures or {}).get(match.group(1), {}).get("svg") if match else None
                if svg is not None:
                    data = base64.b64encode(Path(svg).read_bytes()).decode("ascii")
                    child.attrSet("src", f"data:image/svg+xml;base64,{data}")
    body = md.renderer.render(tokens, md.options, {})
    indent = {2: "", 3: ' style="margin-left:1.5em"'}
    items = "".join(f'<li{indent[level]}><a href="#{a}">{html.escape(t)}</a></li>' for level, a, t in toc)
    nav = f'<nav class="toc"><strong>Contents</strong><ul>{items}</ul></nav>' if toc else ""
    end_of_title = body.find("</h1>")
    if end_of_title >= 0:
        body = body[:end_of_title + 5] + "\n" + nav + body[end_of_title + 5:]
    else:
        body = nav + body
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>", f"<style>{_STYLE}</style></head><body>", body, "</body></html>", ""])
