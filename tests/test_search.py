"""Full-text search: escaping of user text (including adversarial input), filters, snippets."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duiding import Store, search
from duiding.errors import QueryError
from duiding.ingest import OutletTable, build_article
from duiding.records import RawArticle
from duiding.store.search import MARK_END, MARK_START, fts_query

from .conftest import DUTCH


@pytest.fixture
def filled(store: Store) -> Store:
    arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", body=b, title=t,
                                     published=f"2025-0{i + 1}-10", url=f"https://{d}/x"), OutletTable()).article
            for i, ((t, b), d) in enumerate(zip(DUTCH, ["nos.nl", "nu.nl", "standaard.be"], strict=True))]
    store.write_batch(arts, [])
    return store


@pytest.mark.parametrize(("text", "expected"), [
    ("dijk", '"dijk"'),
    ("dijk Venlo", '"dijk" "Venlo"'),
    ('"de dijk"', '"de dijk"'),
    ("dijk*", '"dijk"*'),
    ("staking OR dijk", '"staking" OR "dijk"'),
    ("dijk -Venlo", '"dijk" NOT "Venlo"'),
    ('"unbalanced', '"unbalanced"'),
    ("AND OR (", '"AND"'),
    ("NEAR(a b)", '"NEAR a" "b"'),
])
def test_fts_query_quotes_user_text(text: str, expected: str) -> None:
    assert fts_query(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "((( )))", '"', "-", "* ^ :"])
def test_nothing_searchable_is_a_clear_query_error(text: str) -> None:
    with pytest.raises(QueryError, match="nothing to search"):
        fts_query(text)


def test_search_finds_and_highlights(filled: Store) -> None:
    hits = search(filled, "dijkgraaf")
    assert len(hits) == 1
    assert hits[0].title == "Waterschap sluit dijk bij Venlo af"
    assert f"{MARK_START}dijkgraaf{MARK_END}" in hits[0].snippet


def test_search_ignores_diacritics_and_case(filled: Store) -> None:
    assert search(filled, "GENTSE")[0].outlet == "De Standaard"


def test_title_matches_rank_above_body_matches(filled: Store, store: Store) -> None:
    hits = search(filled, "staking")
    assert hits[0].title.startswith("Treinen")


def test_filters(filled: Store) -> None:
    assert search(filled, "de", outlet="nos.nl")[0].outlet == "NOS"
    assert search(filled, "de", since="2025-03-01")[0].outlet == "De Standaard"
    assert search(filled, "de", language="en") == []
    with pytest.raises(QueryError, match="bad date"):
        search(filled, "de", since="2025-13-40")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_any_user_text_gives_results_or_a_query_error(filled: Store, text: str) -> None:
    with contextlib.suppress(QueryError):
        search(filled, text)


def test_words_in_most_articles_rank_newest_first(store: Store) -> None:
    arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt",
                                     body=f"De gemeente meldt bericht nummer {i} over de begroting."
                                     + (" Uniek woord zeldzaamheid." if i == 7 else ""), title=f"Bericht {i}"),
                          OutletTable()).article for i in range(1200)]
    for i in range(0, 1200, 400):
        store.write_batch(arts[i:i + 400], [])
    hits = search(store, "gemeente", limit=3)
    assert [h.title for h in hits] == ["Bericht 1199", "Bericht 1198", "Bericht 1197"]
    assert [h.title for h in search(store, "zeldzaamheid")] == ["Bericht 7"]
