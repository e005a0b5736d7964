"""Full-text search: escaping of user text (including adversarial input), filters, snippets.

Searches run on both stores: SQLite's FTS5 and PostgreSQL's `dutch` text search."""

from __future__ import annotations

import contextlib
import importlib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duiding import Store, search
from duiding.errors import QueryError
from duiding.ingest import OutletTable, build_article
from duiding.records import RawArticle
from duiding.store.search import MARK_END, MARK_START, fts_query, ts_query

from .conftest import DUTCH


@pytest.fixture
def store(store_target: str):
    with Store(store_target) as s:
        yield s


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
    ("NEAR(a b)", 'NEAR("a" "b", 10)'),
    ("NEAR(a b, 3) c", 'NEAR("a" "b", 3) "c"'),
    ("title:dijk Venlo", 'title : "dijk" "Venlo"'),
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


EVERY = "dijk OR staking OR gemeenteraad"  # one word of each article (no stop words: PostgreSQL skips those)


def test_filters(filled: Store) -> None:
    assert len(search(filled, EVERY)) == 3
    assert search(filled, EVERY, outlet="nos.nl")[0].outlet == "NOS"
    assert search(filled, EVERY, since="2025-03-01")[0].outlet == "De Standaard"
    assert search(filled, EVERY, language="en") == []
    with pytest.raises(QueryError, match="bad date"):
        search(filled, EVERY, since="2025-13-40")


def test_phrase_prefix_and_exclusion(filled: Store) -> None:
    assert [h.outlet for h in search(filled, '"lage-emissiezone"')] == ["De Standaard"]
    assert [h.outlet for h in search(filled, "dijkgr*")] == ["NOS"]
    assert [h.title for h in search(filled, "staking OR dijk -Venlo")] == ["Treinen rijden weer na staking"]
    assert search(filled, "dijkgraaf", limit=1, offset=1) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("dijk Venlo", "(('dijk' & 'Venlo'))"),
    ('"de dijk"', "(('de' <-> 'dijk'))"),
    ("dijk*", "(('dijk':*))"),
    ("dijk Venlo -Maas OR staking", "(('dijk' & 'Venlo') & !('Maas')) | (('staking'))"),
    ("AND OR (", "(('AND'))"),
])
def test_ts_query_quotes_user_text(text: str, expected: str) -> None:
    assert ts_query(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "OR", "-a", "-b", "-c", '"a b"', "b*"]), min_size=1, max_size=6))
def test_ts_query_means_what_the_fts5_query_means(words: list[str]) -> None:
    """Over every subset of {a, b, c}, SQLite's FTS5 and a tsquery from the same text match the same documents."""
    import itertools
    import sqlite3


    text = " ".join(words)
    try:
        match = fts_query(text)
    except QueryError:
        return
    docs = [" ".join(d) for n in range(1, 4) for d in itertools.combinations("abc", n)]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(t)")
    db.executemany("INSERT INTO f(rowid, t) VALUES (?, ?)", list(enumerate(docs, 1)))
    fts5 = sorted(r[0] for r in db.execute("SELECT rowid FROM f WHERE f MATCH ?", (match,)))
    assert fts5 == _ts_eval(ts_query(text), docs)


def _ts_eval(tsq: str, docs: list[str]) -> list[int]:
    """Evaluate a tsquery over one-letter documents in Python (|, &, !, parentheses, <->, :*)."""
    expr = tsq.replace("|", " or ").replace("&", " and ").replace("!", " not ")
    out = []
    for i, d in enumerate(docs, 1):
        words = d.split()

        def has(m: re.Match[str], words: list[str] = words) -> str:
            parts = [p.strip().strip("'").removesuffix("':*").strip("'") for p in m.group(0).split("<->")]
            n = len(parts)
            return str(any(words[j:j + n] == [p.lower() for p in parts] for j in range(len(words))))

        if eval(re.sub(r"'[^']*'(?::\*)?(?:\s*<->\s*'[^']*'(?::\*)?)*", has, expr)):
            out.append(i)
    return out


def test_postgres_search_stems_dutch_and_drops_stop_words(pg_url: str) -> None:
    with Store(pg_url) as s:
        arts = [build_article(RawArticle(source="0.txt", origin="0.txt", body=DUTCH[0][1], title=DUTCH[0][0]),
                              OutletTable()).article]
        s.write_batch(arts, [])
        assert [h.title for h in search(s, "dijken")] == ["Waterschap sluit dijk bij Venlo af"]  # dijk, dijken
        assert [h.title for h in search(s, "inspecteur")] == ["Waterschap sluit dijk bij Venlo af"]
        assert search(s, "de het") == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_any_user_text_gives_results_or_a_query_error(filled: Store, text: str) -> None:
    with contextlib.suppress(QueryError):
        search(filled, text)


def test_too_many_matches_to_rank_in_time_come_newest_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt",
                                     body=f"De gemeente meldt bericht nummer {i} over de begroting."
                                     + (" Uniek woord zeldzaamheid." if i == 7 else ""), title=f"Bericht {i}"),
                          OutletTable()).article for i in range(1200)]
    for i in range(0, 1200, 400):
        store.write_batch(arts[i:i + 400], [])
    ranked = search(store, "gemeente", limit=50)
    assert [h.score for h in ranked] == sorted(h.score for h in ranked)  # within the budget: best first
    if store.dialect.is_postgres:
        return  # the ranking budget is SQLite's (its bm25 scores every match before returning any)
    # As if ranking 1,200 matches took too long:
    monkeypatch.setattr(importlib.import_module("duiding.store.search"), "RANK_BUDGET_S", 0.0)
    hits = search(store, "gemeente", limit=3)
    assert [h.title for h in hits] == ["Bericht 1199", "Bericht 1198", "Bericht 1197"]
    assert [h.title for h in search(store, "zeldzaamheid")] == ["Bericht 7"]


def test_search_all_counts_pages_and_facets_every_match(filled: Store) -> None:
    from duiding.store.search import search_all

    every = "dijk OR staking OR gemeenteraad"  # one word of each article (not a stop word: PostgreSQL drops those)
    first = search_all(filled, every, limit=1)
    assert first.total == 3 and len(first.hits) == 1
    rest = search_all(filled, every, limit=10, offset=1)
    assert {h.id for h in first.hits} | {h.id for h in rest.hits} == {h.id for h in search(filled, every, limit=10)}
    assert sum(v["n"] for v in first.facets["outlet"]) == 3  # over every match, not the page of one
    assert sum(v["n"] for v in first.facets["date"]) == 3
    assert [v["value"] for v in first.facets["date"]] == sorted(v["value"] for v in first.facets["date"])


def test_field_queries_filter_and_fields_alone_list_articles(filled: Store) -> None:
    from duiding.store.search import search_all

    in_title = search_all(filled, "title:dijk")
    assert [h.title for h in in_title.hits] == ["Waterschap sluit dijk bij Venlo af"]
    assert search_all(filled, "title:inspecteurs").total == 0  # a body word is not in the title
    by_outlet = search_all(filled, "treinen OR dijk outlet:nu.nl")
    assert by_outlet.total == 1 and by_outlet.hits[0].title == "Treinen rijden weer na staking"
    listed = search_all(filled, "outlet:nu.nl")  # fields only: every article of that outlet
    assert listed.total == 1 and listed.hits[0].snippet


def test_near_finds_words_close_together(filled: Store) -> None:
    assert [h.title for h in search(filled, "NEAR(dijk Venlo, 2)")] == ["Waterschap sluit dijk bij Venlo af"]
    assert search(filled, "NEAR(dijk dijkgraaf, 1)") == []  # both in the article, far apart
    assert [h.title for h in search(filled, "dijk dijkgraaf")] == ["Waterschap sluit dijk bij Venlo af"]


def test_unknown_outlet_is_one_filter_value(store: Store) -> None:
    arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", body=f"Bericht {i} over de dijk bij Venlo.",
                                     title=f"Bericht {i}"), OutletTable()).article for i in range(3)]
    store.write_batch(arts, [])
    from duiding.store.search import search_all

    found = search_all(store, "dijk")
    assert found.facets["outlet"] == [{"value": "unknown", "n": 3}]
    assert search_all(store, "dijk", outlet="unknown").total == 3


def test_counts_and_facets_are_bounded_and_say_so(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past COUNT_LIMIT matches the total is that lower bound (not exact); facets count the FACET_SCAN
    most recently added matches, and their counts sum to exactly that many: on both stores."""
    from duiding.store.search import search_all

    module = importlib.import_module("duiding.store.search")
    outlets = ["nos.nl", "nu.nl", "trouw.nl"]
    arts = [build_article(RawArticle(source=f"{i}.txt", origin=f"{i}.txt", title=f"Bericht {i}",
                                     body=f"Bericht {i} over de waterkering bij Venlo.",
                                     published=f"2025-03-{i + 1:02d}",
                                     url=f"https://{outlets[i % 3]}/x{i}"), OutletTable()).article for i in range(7)]
    store.write_batch(arts, [])
    full = search_all(store, "waterkering", limit=2)
    assert (full.total, full.total_exact, full.facets_over) == (7, True, 7)
    monkeypatch.setattr(module, "COUNT_LIMIT", 5)
    monkeypatch.setattr(module, "FACET_SCAN", 3)
    bounded = search_all(store, "waterkering", limit=2)
    assert (bounded.total, bounded.total_exact, bounded.facets_over) == (5, False, 3)
    assert len(bounded.hits) == 2
    assert sum(v["n"] for v in bounded.facets["outlet"]) == 3 == sum(v["n"] for v in bounded.facets["date"])
    # the three most recently added: articles 4, 5 and 6, one per outlet, on 5, 6 and 7 March
    assert [v["value"] for v in bounded.facets["date"]] == ["2025-03-05", "2025-03-06", "2025-03-07"]
    assert {v["n"] for v in bounded.facets["outlet"]} == {1}
    exact = search_all(store, "waterkering", limit=2, outlet="nos.nl")  # 3 of them: under the bound
    assert (exact.total, exact.total_exact) == (3, True)
    assert search_all(store, "waterkering", limit=20).total == 7  # the page holds every match: counted exactly
    fields_only = search_all(store, "outlet:nu.nl", limit=1)  # a query of fields only is bounded the same way
    assert (fields_only.total, fields_only.total_exact) == (2, True)
    monkeypatch.setattr(module, "COUNT_LIMIT", 1)
    assert (search_all(store, "outlet:nu.nl", limit=1).total_exact) is False
