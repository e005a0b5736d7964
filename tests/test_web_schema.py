"""schemathesis against the API's own OpenAPI schema: no 5xx, and responses as documented.

The ingest endpoint is left out: it starts analysis jobs, and "neither a file nor a URL" is a
rule a schema cannot state; tests/test_web_ingest.py covers it.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from duiding import Store, load_config
from duiding.ingest import OutletTable, build_article
from duiding.records import RawArticle
from duiding.web import create_app

from .conftest import DUTCH


def _app(tmp_path_factory_dir):
    db = tmp_path_factory_dir / "schema.db"
    with Store(db) as s:
        s.write_batch([build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", body=b, title=t,
                                                published="2025-01-14"), OutletTable()).article
                       for i, (t, b) in enumerate(DUTCH)], [])
    return create_app(db, load_config(env={}).with_overrides(analyse=False))


def _schema():
    import tempfile
    from pathlib import Path

    return schemathesis.openapi.from_asgi("/openapi.json", _app(Path(tempfile.mkdtemp())))


schema = _schema().exclude(path="/api/ingest")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case) -> None:
    case.call_and_validate()
