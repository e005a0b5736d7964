"""RawArticle -> Article: clean the body, resolve metadata, and give the article its stable id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..errors import EmptyArticleError, MalformedDateError
from ..records import Article, Failure, RawArticle
from .clean import clean_body
from .dates import parse_published
from .outlets import OutletTable

SHORT_BODY_CHARS = 40  # shorter bodies are kept but flagged: usually a truncated record


@dataclass(frozen=True)
class Overrides:
    """Metadata the user forces on every article of a run (CLI ``--outlet``, ``--date``, ``--lang``)."""

    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    title: str | None = None


def article_id(text: str) -> str:
    """A hash of the whitespace-normalised body: the same text from any path is the same article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Built:
    article: Article
    warnings: list[Failure]
    declared_language: str | None  # what the source said; detection decides unless the text is short


def build_article(raw: RawArticle, outlets: OutletTable, overrides: Overrides = Overrides()) -> Built:
    """Clean and describe one article; warnings are recorded but keep the article; raise EmptyArticleError."""
    cleaned = clean_body(raw.body)
    if not any(ch.isalnum() for ch in cleaned.text):
        what = "empty" if not raw.body.strip() else "empty after removing page furniture"
        raise EmptyArticleError(f"{raw.source}: article body is {what}")
    warnings: list[Failure] = []
    if len(cleaned.text) < SHORT_BODY_CHARS:
        warnings.append(Failure(raw.source, raw.origin, "short", f"{raw.source}: body is only "
                                f"{len(cleaned.text)} characters ({cleaned.text!r}); probably a truncated record",
                                severity="warning"))
    date_text = overrides.published or raw.published
    try:
        published = parse_published(date_text)
    except MalformedDateError as e:
        if overrides.published:
            raise  # the user's own flag must not be silently ignored
        published = None
        warnings.append(Failure(source=raw.source, origin=raw.origin, code=e.code,
                                reason=f"{e}; stored without a date", severity="warning"))
    outlet = outlets.resolve(explicit=overrides.outlet or raw.outlet, url=raw.url,
                             hint=raw.extra.get("sitename"))
    article = Article(
        id=article_id(cleaned.text),
        source=raw.source,
        origin=raw.origin,
        text=cleaned.text,
        title=overrides.title or (" ".join(raw.title.split()) if raw.title else None),
        url=raw.url,
        outlet=outlet,
        published=published,
        language=overrides.language,
        removed=cleaned.removed,
        section=raw.section or cleaned.section,
    )
    return Built(article, warnings, raw.language)
