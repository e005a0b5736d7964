"""schemathesis against the API's own OpenAPI schema: no 5xx, and responses as documented.

The ingest endpoint is included, called with the server's token (issue 16): whatever files, names
and URLs schemathesis makes up, the answer is a job or a documented 4xx. Downloads are off, so a
generated URL is a failure row, not a request to the internet.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from duiding import Store, load_config
from duiding.ingest import OutletTable, build_article
from duiding.records import RawArticle
from duiding.web import create_app

from .conftest import DUTCH

TOKEN = "schema-test-token-0123456789"


def _app(tmp_path_factory_dir):
    db = tmp_path_factory_dir / "schema.db"
    with Store(db) as s:
        s.write_batch([build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", body=b, title=t,
                                                published="2025-01-14"), OutletTable()).article
                       for i, (t, b) in enumerate(DUTCH)], [])
    return create_app(db, load_config(env={}).with_overrides(analyse=False, fetch=False), token=TOKEN,
                      allowed_hosts=["testserver"])  # the Host schemathesis sends


def _schema():
    import tempfile
    from pathlib import Path

    return schemathesis.openapi.from_asgi("/openapi.json", _app(Path(tempfile.mkdtemp())))


schema = _schema()


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case) -> None:
    # "neither a file nor a URL" (400) is a rule the schema cannot state: only there may valid data be refused
    excluded = [schemathesis.checks.positive_data_acceptance] if case.path == "/api/ingest" else []
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=excluded)


@schema.include(path="/api/ingest", method="POST").parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_ingest_without_the_token_is_always_refused(case) -> None:
    response = case.call()
    # schemathesis also tries other methods: a write method is refused for the token first, others are 405
    expected = (401,) if case.method in ("POST", "PUT", "PATCH", "DELETE") else (405,)
    assert response.status_code in expected, (case.method, case.path, response.text)
