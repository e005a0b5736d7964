"""Reading articles from wherever users keep them: files, folders, feeds, URLs, tables.

``discover`` names the inputs, ``read_source`` yields raw articles (or failures) from one input,
and ``build_article`` cleans one into a stored :class:`~duiding.records.Article`.
"""

from .build import Built, Overrides, article_id, build_article
from .outlets import OutletTable
from .sources import ReadOptions, Source, discover, read_source

__all__ = ["Built", "OutletTable", "Overrides", "ReadOptions", "Source", "article_id", "build_article",
           "discover", "read_source"]
