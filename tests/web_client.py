"""The web app and FastAPI's test client for the web tests, imported on first use.

A test module that imports ``etunnel.web`` or ``fastapi.testclient`` at its top makes every
pytest-xdist worker import the web stack (FastAPI, Starlette, pydantic, httpx) while
collecting, including the workers that run no web test.
"""

from __future__ import annotations

import warnings


def create_app(**options):
    """``etunnel.web.create_app(**options)``."""
    from etunnel.web import create_app as build

    return build(**options)


def TestClient(app):  # noqa: N802 (stands in for the class)
    """``fastapi.testclient.TestClient(app)``."""
    with warnings.catch_warnings():
        # Starlette warns on import (StarletteDeprecationWarning) that its client will move to httpx2.
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient as Client

    return Client(app)
