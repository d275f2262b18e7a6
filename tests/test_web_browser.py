"""The explorer page in a real browser: Debian's Chromium, headless, driven by Playwright.

A uvicorn server is started on a free 127.0.0.1 port; the test moves c across
the insulating threshold c* and checks that the shown state and the plotted
curve change, that the Hg state diagram renders with its measured points, that
the periodic table links to an element's sources, and that the page logged no
console error and asked for no URL outside the server. Screenshots are saved to
``$ETUNNEL_SCREENSHOTS`` when it is set (none otherwise).
"""

from __future__ import annotations

import os
import socket
import threading
import time
import warnings
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# One server and one browser for the module: in a parallel run its tests share one worker.
pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(),
                                 reason="Debian Chromium not installed at /usr/bin/chromium (apt-get install chromium)"),
              pytest.mark.xdist_group("browser"), pytest.mark.slow]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SWEEP_SPEC = {"seed": 5, "parameters": {"c0": {"distribution": "uniform", "low": 0.15, "high": 0.5}},
              "axes": {"materials": ["Pb", "Nb"], "conventions": ["paper"],
                       "temperature": {"start": 0.0, "stop": 20.0, "num": 21},
                       "pressure": {"start": 0.0, "stop": 100.0, "num": 11, "unit": "GPa"}},
              "samples": {"count": 2}, "outputs": {"variables": ["state"]}}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from etunnel.web import create_app

    def builder(folder):  # the real report takes minutes; the page only needs its files
        (folder / "report.html").write_text("<html><body><h1>Reproduction report</h1></body></html>")

    from etunnel.services.sweep_run import run_sweep

    store = tmp_path_factory.mktemp("sweep") / "store.zarr"
    run_sweep(SWEEP_SPEC, store, local_scheduler="sync")
    app = create_app(report_builder=builder, workdir=tmp_path_factory.mktemp("serve"), store=store)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def shots():
    """``shots(page, name)`` saves a full-page screenshot to ``$ETUNNEL_SCREENSHOTS`` for a person to look at,
    and does nothing when that is not set: nothing asserts on the images, and each costs the browser ~0.2 s."""
    folder = os.environ.get("ETUNNEL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> None:
        if folder:
            page.screenshot(path=str(Path(folder) / name), full_page=True)

    return shoot


@pytest.fixture(scope="module")
def browser_page(server, tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

        def check_request(request):
            url = urlparse(request.url)
            if url.scheme in ("data", "blob"):
                return
            if url.hostname != "127.0.0.1":
                problems.append(f"non-local request: {request.url}")

        page.on("request", check_request)
        page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
        yield page, problems
        context.close()
        browser.close()


def _ready(page):
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=30000)


def _curve(page):
    return page.evaluate("() => { const d = document.getElementById('curve-plot');"
                         " return {y: d.data[0].y, shapes: (d.layout.shapes || []).length, title: d.layout.title.text}; }")


def test_model_view_moves_across_threshold(server, browser_page, shots):
    page, problems = browser_page
    page.goto(f"{server}/?view=model&rv=149&rb=155&c=0.130&terms=infinite")
    _ready(page)
    page.wait_for_function("document.getElementById('state').textContent === 'insulator'")
    before = _curve(page)
    shots(page, "model-below-threshold.png")
    slider = page.locator("#c")
    slider.focus()
    for _ in range(5):  # 0.130 -> 0.135 in steps of 0.001, across c* = 0.1328
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.getElementById('c-num').value === '0.135'")
    page.wait_for_function("document.getElementById('state').textContent === 'conductor'", timeout=15000)
    page.wait_for_function("document.getElementById('curve-plot').layout.title.text.includes('0.135')")
    after = _curve(page)
    assert after["y"] != before["y"]
    assert after["shapes"] > before["shapes"]  # the tunnel region and R_c appear
    assert page.locator("#Rc").inner_text() != "none (no tunnel)"
    assert "c=0.135" in page.url  # the view is addressable
    shots(page, "model-above-threshold.png")
    page.locator("#c-num").fill("0.5")
    page.wait_for_function("document.getElementById('state').textContent === 'superconductor'", timeout=15000)
    page.select_option("#terms", "1")
    page.wait_for_function("document.getElementById('curve-plot').layout.title.text.includes('first term')")
    assert page.locator("#cstar").inner_text() == "0.2"
    assert not problems, problems


def test_hg_state_diagram_renders(server, browser_page, shots):
    page, problems = browser_page
    page.goto(f"{server}/?view=diagram&material=Hg&tmin=0&tmax=10&tpts=41&pmin=0&pmax=4&ppts=21")
    _ready(page)
    info = page.evaluate("() => { const d = document.getElementById('diagram-plot');"
                         " return {types: d.data.map(t => t.type || 'scatter'), names: d.data.map(t => t.name),"
                         " rows: d.data[0].z.length, cols: d.data[0].z[0].length,"
                         " measured: (d.data.find(t => (t.name || '').includes('measured')) || {x: []}).x.length}; }")
    assert info["types"][0] == "heatmap" and (info["rows"], info["cols"]) == (41, 21)
    assert info["measured"] >= 3
    assert page.locator(".main-svg").count() > 0
    assert page.locator("#diagram-notes table.sources tr").count() >= 4
    shots(page, "diagram-hg.png")
    assert not problems, problems


def test_periodic_table_links_to_sources(server, browser_page, shots):
    page, problems = browser_page
    page.goto(f"{server}/?view=table&color=state&c=0.5")
    _ready(page)
    assert page.locator("#periodic a").count() == 103
    shots(page, "periodic-table.png")
    page.locator("#periodic a", has_text="Hg").first.click()
    _ready(page)
    assert "el=Hg" in page.url and "view=model" in page.url
    page.wait_for_selector("#element-sources table.sources")
    assert "Cordero" in page.locator("#element-sources").inner_text()
    page.wait_for_function("document.getElementById('rv-num').value === '132.0'")
    page.wait_for_function("document.getElementById('state').textContent === 'superconductor'")
    shots(page, "element-hg.png")
    page.goto(f"{server}/?view=table&color=D&c=0.1")
    _ready(page)
    assert "D < 0" in page.locator("#periodic-legend").inner_text()
    shots(page, "periodic-table-D.png")
    assert not problems, problems


def test_report_and_validation_views(server, browser_page, shots):
    page, problems = browser_page
    page.goto(f"{server}/?view=validation")
    _ready(page)
    assert "--supercon" in page.locator("#validation-status").inner_text()
    page.goto(f"{server}/?view=report")
    _ready(page)
    page.locator("#report-start").click()
    page.wait_for_function("document.getElementById('report-frame').style.display === 'block'", timeout=15000)
    assert page.frame_locator("#report-frame").locator("h1").inner_text() == "Reproduction report"
    assert not problems, problems


def test_sweep_store_slice_renders(server, browser_page, shots):
    page, problems = browser_page
    page.goto(f"{server}/?view=sweep&material=Nb&convention=paper&sample=1")
    _ready(page)
    info = page.evaluate("() => { const d = document.getElementById('sweep-plot');"
                         " return {type: d.data[0].type, rows: d.data[0].z.length, cols: d.data[0].z[0].length,"
                         " title: d.layout.title.text}; }")
    assert info == {"type": "heatmap", "rows": 21, "cols": 11, "title": "Nb, paper, sample 1"}
    assert "Parameters: c0 = " in page.locator("#sweep-message").inner_text()
    shots(page, "sweep-slice.png")
    page.fill("#s-sample", "7")
    page.click("#draw-sweep")
    page.wait_for_function("document.getElementById('sweep-message').textContent.includes('sample')")
    assert "sample must be an integer in [0, 1]" in page.locator("#sweep-message").inner_text()
    problems[:] = [p for p in problems if "422" not in p]  # the refused request logs a console error by design
    assert not problems, problems
