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
    from hypothesis import HealthCheck, given, settings
    from schemathesis import checks

from etunnel.web import create_app  # noqa: E402


def _builder(folder):
    (folder / "report.html").write_text("<html></html>")


app = create_app(report_builder=_builder)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
CHECKS = [checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
          checks.response_schema_conformance]


# One test per operation, with its label as the test id. (schemathesis's own ``schema.parametrize`` names
# every operation ``test_api_fuzz`` under newer pytest releases; pytest-xdist then runs one of the 13
# and reports the run as passed.)
OPERATIONS = {result.ok().label: result.ok() for result in schema.get_all_operations()}


@pytest.mark.parametrize("label", sorted(OPERATIONS))
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_api_fuzz(label):
    @given(case=OPERATIONS[label].as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    def fuzz(case):
        if case.path == "/api/v1/diagram/{material}":
            # keep each diagram small so the run takes seconds (sizes up to the caps are tested in test_web_api)
            case.query = {**(case.query or {}), "t_points": 3, "p_points": 2}
        if case.path == "/api/v1/periodic-table" and str((case.query or {}).get("terms", "")).isdigit():
            case.query = {**case.query, "terms": "1"}  # 103 truncated-sum root solves per request otherwise
        case.call_and_validate(checks=CHECKS)

    fuzz()


def test_every_operation_is_fuzzed():
    assert len(OPERATIONS) == len(list(schema.get_all_operations())) >= 13
    assert {"GET /api/v1/model", "GET /api/v1/diagram/{material}", "GET /api/v1/periodic-table"} <= set(OPERATIONS)
