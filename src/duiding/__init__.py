"""duiding: turn a pile of news articles into an explained story.

The public API; the CLI and the web app are thin layers over these functions::

    from duiding import Store, ingest, load_config
    with Store("duiding.db") as store:
        report = ingest(["articles/"], store, load_config())
"""

from .config import Config, load_config
from .errors import DuidingError
from .ingest import Overrides, build_article, discover, read_source
from .ingest.stage import IngestReport, ingest
from .records import Article, Failure, Outlet, Published, RawArticle, Removed
from .report.export import write_json
from .store import Store, search

__all__ = [
    "Article",
    "Config",
    "DuidingError",
    "Failure",
    "IngestReport",
    "Outlet",
    "Overrides",
    "Published",
    "RawArticle",
    "Removed",
    "Store",
    "build_article",
    "discover",
    "ingest",
    "load_config",
    "read_source",
    "search",
    "write_json",
]
