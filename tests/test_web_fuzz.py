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

# Every operation of the API, by schemathesis's label. Listed here, not read from the schema, so that collecting
# the suite imports neither schemathesis nor the app; test_every_operation_is_fuzzed checks the list against the
# schema, so an operation added to the API fails the suite until it is fuzzed too.
LABELS = (
    "GET /api/v1/conventions", "GET /api/v1/curve", "GET /api/v1/diagram", "GET /api/v1/diagram/{material}",
    "GET /api/v1/elements/{symbol}", "GET /api/v1/model", "GET /api/v1/periodic-table", "GET /api/v1/report",
    "GET /api/v1/sweep", "GET /api/v1/sweep/slice", "GET /api/v1/validation", "POST /api/v1/report",
    "POST /api/v1/validation",
)
# The schema is built once per worker that runs these tests; in a parallel run they share one worker.
pytestmark = pytest.mark.xdist_group("web_fuzz")


def _builder(folder):
    (folder / "report.html").write_text("<html></html>")


@pytest.fixture(scope="module")
def fuzzing():
    """The app's schema (schemathesis, from ``/openapi.json``), its operations by label, and the checks."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # schemathesis/starlette import-time deprecation notices
        import schemathesis
        from schemathesis import checks as check

    from etunnel.web import create_app

    app = create_app(report_builder=_builder)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    checks = [check.not_a_server_error, check.status_code_conformance, check.content_type_conformance,
              check.response_schema_conformance]
    operations = {result.ok().label: result.ok() for result in schema.get_all_operations()}
    return schema, operations, checks


# One test per operation, with its label as the test id. (schemathesis's own ``schema.parametrize`` names
# every operation ``test_api_fuzz`` under newer pytest releases; pytest-xdist then runs one of the 13
# and reports the run as passed.)
@pytest.mark.parametrize("label", sorted(LABELS))
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_api_fuzz(fuzzing, label):
    from hypothesis import HealthCheck, given, settings

    _, operations, checks = fuzzing

    @given(case=operations[label].as_strategy())
    @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
    def fuzz(case):
        if case.path == "/api/v1/diagram/{material}":
            # keep each diagram small so the run takes seconds (sizes up to the caps are tested in test_web_api)
            case.query = {**(case.query or {}), "t_points": 3, "p_points": 2}
        if case.path == "/api/v1/periodic-table" and str((case.query or {}).get("terms", "")).isdigit():
            case.query = {**case.query, "terms": "1"}  # 103 truncated-sum root solves per request otherwise
        case.call_and_validate(checks=checks)

    fuzz()


def test_every_operation_is_fuzzed(fuzzing):
    schema, operations, _ = fuzzing
    assert len(operations) == len(list(schema.get_all_operations())) >= 13
    assert set(operations) == set(LABELS) and len(LABELS) == len(set(LABELS))
    assert {"GET /api/v1/model", "GET /api/v1/diagram/{material}", "GET /api/v1/periodic-table"} <= set(operations)
