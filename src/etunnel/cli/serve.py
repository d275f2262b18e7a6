"""``etunnel serve``: the local web explorer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from etunnel.checks import InputError
from etunnel.cli import app

_HOST = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,252}|\[?[0-9A-Fa-f:.]{2,45}\]?")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port, 1 to 65535 (0: any free port).")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in the default browser.")] = False,
    supercon: Annotated[
        Path | None,
        typer.Option("--supercon", help="SuperCon-format CSV (columns name, Tc [K]) for the validation scorecard view."),
    ] = None,
    bootstrap: Annotated[int, typer.Option("--bootstrap", help="Bootstrap resamples per scorecard interval (0 to 10000).")] = 200,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="A zarr store written by `etunnel sweep --out`, shown at /api/v1/sweep and "
                                     "/api/v1/sweep/slice?material=&convention=&sample= (state on the (T, p) grid)."),
    ] = None,
) -> None:
    """Serve the explorer on http://HOST:PORT: the model, state diagrams, the periodic table, the reports.

    The page and its API (/api/v1/..., schema at /openapi.json) are served from
    the installed package; nothing is fetched from the internet. Without
    --supercon the validation view says it is unavailable. Stop with Ctrl-C.

    Examples:

      etunnel serve --port 8000 --open

      etunnel serve --store store.zarr   (then /api/v1/sweep/slice?material=Nb&sample=0)
    """
    if not _HOST.fullmatch(host):
        raise InputError(f"--host must be an IP address or host name such as 127.0.0.1, got {host!r}")
    if not 0 <= port <= 65535:
        raise InputError(f"--port must be in [0, 65535], got {port}")
    if not 0 <= bootstrap <= 10000:
        raise InputError(f"--bootstrap must be in [0, 10000], got {bootstrap}")
    if supercon is not None:
        if not str(supercon).strip() or str(supercon) == ".":
            raise InputError("--supercon: empty path; give a SuperCon-format CSV file")
        if supercon.is_dir():
            raise InputError(f"--supercon: {str(supercon)!r} is a folder; give a CSV file")
        if not supercon.is_file():
            raise InputError(f"--supercon: file {str(supercon)!r} not found")
    store_path = None
    if store is not None:
        if not str(store).strip() or str(store) == ".":
            raise InputError("--store: empty path; give a zarr store written by etunnel sweep")
        from etunnel.services.sweep_run import check_store

        store_path = check_store(store)
    import os

    import uvicorn

    # The application is named by its import string (cli/ never imports web/);
    # its settings travel in the environment of this process.
    os.environ["ETUNNEL_SERVE_SUPERCON"] = str(supercon.resolve()) if supercon is not None else ""
    os.environ["ETUNNEL_SERVE_BOOTSTRAP"] = str(bootstrap)
    os.environ["ETUNNEL_SERVE_STORE"] = store_path or ""
    config = uvicorn.Config("etunnel.web.app:app_from_environment", factory=True, host=host, port=port,
                            log_level="warning", timeout_keep_alive=30)
    server = uvicorn.Server(config)
    if open_browser:
        import threading
        import time
        import webbrowser

        def _open() -> None:
            while not server.started:
                time.sleep(0.05)
            bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
            webbrowser.open(f"http://{host}:{bound}/")

        threading.Thread(target=_open, daemon=True).start()
    typer.echo(f"etunnel explorer on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    server.run()
