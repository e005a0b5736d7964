"""The analysis modules as pure functions over records: no store, no database, no language backend.

Records are built by hand in the shape the store's query functions return (``store.analysis``), so
each rule is checked on its own: features (lemmas, lead bonus, digests), the shared story sentences,
outlet comparison, timeline merging, the summary, claim alignment over dates and the whole report
model.
"""

from __future__ import annotations

import json
from collections import Counter

from duiding.claims import align_claims
from duiding.compare import compare_outlets, outlet_labels
from duiding.dedup import Doc
from duiding.features import LEAD_BONUS, TYPE_WEIGHT, article_features, features_of
from duiding.lang import nl
from duiding.records import (
    ArticleMaterial,
    EntityMention,
    StoredArticle,
    StoredClaim,
    StoredSentence,
    StoredTimex,
    StoryMaterial,
    StoryRef,
)
from duiding.report.model import build_report
from duiding.sentences import story_sentences
from duiding.store.db import UNKNOWN_OUTLET
from duiding.stories import plan_stories
from duiding.summarise import summarise
from duiding.timeline import story_timeline

LOC_WEIGHT = TYPE_WEIGHT["LOC"]
NOUN, VERB, ADJ, NUM, DET = "N(soort,ev,basis)", "WW(pv,tgw,ev)", "ADJ(prenom,basis)", "TW(hoofd)", "LID(bep)"


def sentence(article: str, index: int, start: int, words: list[tuple[str, str]]) -> tuple[StoredSentence, str]:
    """A stored sentence from (word, tag) pairs starting at ``start``; also returns its text."""
    tokens, pos = [], start
    for word, tag in words:
        tokens.append((pos, pos + len(word), word.lower(), tag))
        pos += len(word) + 1
    return StoredSentence(article, index, start, pos - 1, tuple(tokens)), " ".join(w for w, _ in words)


def article(aid: str, sentences: list[list[tuple[str, str]]], *, outlet: str | None = "Krant",
            published: str = "2024-03-14", title: str | None = "Een titel van woorden",
            ) -> tuple[StoredArticle, tuple[StoredSentence, ...]]:
    stored, texts, pos = [], [], 0
    for i, words in enumerate(sentences):
        s, text = sentence(aid, i, pos, words)
        stored.append(s)
        texts.append(text)
        pos += len(text) + 1
    text = " ".join(texts)
    return (StoredArticle(aid, f"{aid}.txt", title, outlet, published, published, published, text, "done"),
            tuple(stored))


DIJK = [("De", DET), ("dijk", NOUN), ("brak", VERB), ("bij", "VZ(init)"), ("hoogwater", NOUN), (".", "LET()")]
POLDER = [("Water", NOUN), ("stroomde", VERB), ("de", DET), ("polder", NOUN), ("in", "VZ(fin)"), (".", "LET()")]


def test_features_count_content_lemmas_title_words_and_lead_mentions() -> None:
    a, sents = article("a1", [DIJK, POLDER], title="Dijk breekt")
    lead = EntityMention("a1", "e-venlo", 0, "LOC")
    later = EntityMention("a1", "e-venlo", len(a.text) + 5, "LOC")  # after the first paragraph: no bonus
    f = features_of(ArticleMaterial(a, sents, (lead, later)), nl)
    assert f.terms["dijk"] == 1 + 2  # a content lemma, and a title word counts double
    assert f.terms["polder"] == 1
    assert "de" not in f.terms  # a determiner is not content
    assert f.entities == {"e-venlo": LOC_WEIGHT * LEAD_BONUS + LOC_WEIGHT}
    assert not f.digest


def test_an_article_not_analysed_falls_back_to_its_words() -> None:
    a = StoredArticle("a2", "a2.txt", None, None, None, None, None, "Woorden zonder analyse hoogwater", None)
    [f] = article_features([ArticleMaterial(a, (), ())], nl)
    assert "hoogwater" in f.terms and "analyse" in f.terms
    assert f.entities == {}


def test_a_digest_is_described_by_its_first_item() -> None:
    topics = [[(w, NOUN), (v, VERB), (".", "LET()")] for w, v in (
        ("dijk", "brak"), ("dijk", "hield"), ("dijk", "zakte"), ("school", "sloot"), ("trein", "reed"),
        ("markt", "opende"), ("bakker", "bakte"), ("fiets", "viel"), ("museum", "toonde"), ("haven", "lag"),
        ("toren", "stond"), ("kerk", "luidde"))]
    a, sents = article("a3", topics, title=None)
    f = features_of(ArticleMaterial(a, sents, (EntityMention("a3", "e-late", sents[-1].start, "PER"),)), nl)
    assert f.digest
    assert "dijk" in f.terms and "kerk" not in f.terms  # only the first LEAD_SENTENCES sentences
    assert f.entities == {}  # the mention after the first item is left out


def test_story_sentences_keep_article_order_and_skip_unknown_articles() -> None:
    a, sa = article("a1", [DIJK, POLDER])
    b, sb = article("b1", [POLDER])
    stray, _ = sentence("zz", 0, 0, DIJK)
    sents = story_sentences([b, a], [*sa, *sb, stray], nl)
    assert [(s.article, s.index) for s in sents] == [("a1", 0), ("a1", 1), ("b1", 0)]
    assert sents[0].text == a.text[sents[0].start:sents[0].end] == "De dijk brak bij hoogwater ."
    assert sents[0].terms == Counter({"dijk": 1, "brak": 1, "hoogwater": 1})


SCOOP = [("Minister", NOUN), ("Jansen", "SPEC(deeleigen)"), ("beloofde", VERB), ("12", NUM), ("nieuwe", ADJ),
         ("gemalen", NOUN), ("voor", "VZ(init)"), ("de", DET), ("regio", NOUN), ("volgend", ADJ), ("jaar", NOUN),
         (".", "LET()")]


def material(*, claims: tuple[StoredClaim, ...] = (), timexes: tuple[StoredTimex, ...] = (),
             groups: tuple[dict, ...] = ()) -> StoryMaterial:
    a, sa = article("a1", [DIJK, POLDER], outlet="Krant")
    b, sb = article("b1", [DIJK, SCOOP], outlet=None, published="2024-03-15")
    head = StoryRef("ev1", "event", "Dijk breekt", "2024-03-14", "2024-03-15", "sl1")
    group_claims = {c.id: c for c in claims}
    return StoryMaterial(
        head=head, events=((head, ("a1", "b1")),), articles=(a, b), sentences=(*sa, *sb),
        speakers=(("a1", "Jansen "), ("b1", "Jansen")), entity_names=(("a1", "Venlo"), ("b1", "Venlo")),
        claims=claims, timexes=timexes, quotes=(), claim_groups=groups, group_claims=group_claims,
        group_timexes={(t.article_id, t.start): t for t in timexes},
        contexts={(c.article_id, c.start): "de zin" for c in claims}, entities=())


def test_outlets_compared_with_the_unknown_outlet_as_one_group_and_unique_facts() -> None:
    m = material()
    label = outlet_labels(m.articles)
    assert label == {"a1": "Krant", "b1": UNKNOWN_OUTLET}
    views = compare_outlets(m, story_sentences(m.articles, m.sentences, nl))
    assert [v.outlet for v in views] == ["Krant", UNKNOWN_OUTLET]
    assert views[0].speakers == Counter({"Jansen": 1})  # names are stripped
    assert views[0].entities == [("Venlo", 1)]
    unique = {v.outlet: [s.text for s in v.unique] for v in views}
    assert unique[UNKNOWN_OUTLET] == [" ".join(w for w, _ in SCOOP)]  # only b1 says it, with a number
    assert unique["Krant"] == []  # the shared dike sentence and a short one are no scoop


def timex(article: str, start: int, text: str, day: str, outlet: str | None = "Krant") -> StoredTimex:
    return StoredTimex(article, start, start + len(text), text, day, day, "day", False, outlet)


def test_timeline_merges_the_same_dated_happening_from_two_outlets() -> None:
    m = material()
    sents = story_sentences(m.articles, m.sentences, nl)
    early = timex("a1", 3, "dijk", "2024-03-14")  # inside the dike sentence of both articles
    same = timex("b1", 3, "dijk", "2024-03-14", outlet=None)
    old = timex("b1", sents[-1].start, "Minister", "2019-01-01", outlet=None)
    entries = story_timeline(sents, [old, early, same], "2024-03-14")
    assert [(e.start, e.background) for e in entries] == [("2019-01-01", True), ("2024-03-14", False)]
    assert [c["article"] for c in entries[1].citations] == ["a1", "b1"]  # one entry, two sources
    assert entries[1].what == "De dijk brak bij hoogwater ."


def test_summary_cites_each_sentence_and_skips_fragments() -> None:
    m = material()
    summary = summarise(story_sentences(m.articles, m.sentences, nl), length=3)
    assert summary, "a story with full sentences has a summary"
    for s in summary:
        assert len(s.text.split()) >= 8 and s.article in {"a1", "b1"}
        assert m.articles[0 if s.article == "a1" else 1].text[s.start:s.end] == s.text


def test_report_model_from_material_alone() -> None:
    claim = StoredClaim("c1", "b1", 0, 2, "12", 12.0, None, "count", None, "gemalen", "[]", 1, None)
    outside = StoredClaim("c9", "zz", 5, 7, "14", 14.0, None, "count", "ongeveer", "gemalen", "[]", 0, "Blad")
    group = {"id": "g1", "about": "count gemalen", "status": "discrepancy", "severity": "small",
             "claims": ["c1", "c9"]}
    m = material(claims=(claim,), groups=(group,))
    m.group_claims["c9"] = outside
    m.contexts[("zz", 5)] = "elders"
    report = build_report(m, nl, summary_length=2)
    assert report["kind"] == "event" and report["id"] == "ev1"
    assert [a["outlet"] for a in report["articles"]] == ["Krant", UNKNOWN_OUTLET]
    assert report["events"] == [{"id": "ev1", "label": "Dijk breekt", "start": "2024-03-14", "end": "2024-03-15",
                                 "articles": ["a1", "b1"]}]
    members = report["claim_groups"][0]["members"]
    assert members[0]["outlet"] == UNKNOWN_OUTLET and members[0]["sentence"] == "de zin"
    assert members[1] == {"outlet": "Blad", "article": "zz", "text": "14", "value": 14.0, "hedge": "ongeveer",
                          "sentence": "elders"}
    assert report["outlets"][1]["claims"][0]["id"] == "c1"


def test_date_agreements_need_two_articles_of_one_event() -> None:
    days = [("a1", 10, "14 maart", "2024-03-14", "2024-03-15", "ev1"),
            ("b1", 20, "14 maart", "2024-03-14", "2024-03-15", "ev1"),
            ("c1", 30, "14 maart", "2024-03-14", "2024-03-15", "ev2")]
    groups = align_claims([], days, nl)
    assert len(groups) == 1
    assert groups[0].status == "agreement" and groups[0].claims == ("t:a1:10", "t:b1:20")


def test_plan_stories_groups_similar_articles_and_labels_them() -> None:
    materials = []
    for aid, title in (("a1", "Dijk breekt bij Venlo"), ("a2", "Dijk bij Venlo breekt door"),
                       ("b1", "Trein rijdt niet")):
        words = DIJK if aid.startswith("a") else [("Trein", NOUN), ("reed", VERB), ("niet", "BW()"), (".", "LET()")]
        a, sents = article(aid, [words, words], title=title)
        mentions = (EntityMention(aid, "e-venlo", 0, "LOC"),) if aid.startswith("a") else ()
        materials.append(ArticleMaterial(a, sents, mentions))
    features = {f.id: f for f in article_features(materials, nl)}
    docs = [Doc(m.article.id, m.article.text, m.article.published_start) for m in materials]
    events, lines, _groups, new = plan_stories(features, {}, {"e-venlo": "Venlo"}, docs)
    assert new == 3
    by_article = {a: e["id"] for e in events for a in e["articles"]}
    assert by_article["a1"] == by_article["a2"] != by_article["b1"]
    [label] = [e["label"] for e in events if "a1" in e["articles"]]
    assert label in {"Dijk breekt bij Venlo", "Dijk bij Venlo breekt door"}  # a member's title
    assert all(line["id"].startswith("sl") for line in lines)


def test_kept_features_give_back_language_and_lead_embedding() -> None:
    from duiding.cluster import Features
    from duiding.features import features_from, features_json

    plain = Features("a1", "2024-03-14", "2024-03-14", "Dijk", {"dijk": 2.0}, {"e-venlo": 1.5}, False)
    assert features_from("a1", json.loads(features_json(plain))) == plain
    assert '"l"' not in features_json(plain) and '"v"' not in features_json(plain)  # one language: as before
    mixed = Features("a2", None, None, None, {}, {}, True, "en", (0.1, -0.2, 1 / 3))
    assert features_from("a2", json.loads(features_json(mixed))) == mixed  # floats exactly, not rounded
