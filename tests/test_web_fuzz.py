"""OpenAPI-driven fuzzing of the explorer's API (schemathesis): no 5xx, responses match the schema.

Every operation of ``/openapi.json`` gets a few generated requests, valid and
invalid; each response must not be a server error, must use a documented
status code and content type, and must match its documented schema. The
report job is given a stand-in builder so that fuzzing never starts the real,
minutes-long reproduction.
"""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # schemathesis/starlette import-time deprecation notices
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis import checks

from etunnel.web import create_app  # noqa: E402


def _builder(folder):
    (folder / "report.html").write_text("<html></html>")


app = create_app(report_builder=_builder)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_api_fuzz(case):
    if case.path == "/api/v1/diagram/{material}":
        # keep each diagram small so the run takes seconds (sizes up to the caps are tested in test_web_api)
        case.query = {**(case.query or {}), "t_points": 3, "p_points": 2}
    if case.path == "/api/v1/periodic-table" and str((case.query or {}).get("terms", "")).isdigit():
        case.query = {**case.query, "terms": "1"}  # 103 truncated-sum root solves per request otherwise
    case.call_and_validate(checks=CHECKS)
