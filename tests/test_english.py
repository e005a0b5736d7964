"""English behind the same interfaces: spaCy's backend, ``lang/en.py`` and the shared enrich rules.

The text is written for this test. The backend is real (``en_core_web_sm`` from the installed wheel);
the test skips when spaCy or the model is not installed.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

import duiding.lang as lang_pkg
from duiding.enrich.timex import find_timexes
from duiding.lang import en, for_language, nl, of_article, primary
from duiding.nlp.spacy_en import coarse_tag
from duiding.nlp.tags import has, is_

spacy = pytest.importorskip("spacy")

TEXT = """Flood waters forced 3,500 residents from their homes in Harlow on Tuesday, and the damage could \
reach $1.2 billion, according to the county council.

“We have never seen the river rise this fast,” Mayor Linda Carver said in a statement. “Every pump we \
have is running.”

According to the Environment Agency, the rainfall was the heaviest since 1998. “This is a once-in-a-century \
event,” said Tom Reyes, a hydrologist at the University of Leeds.

The council warned that 3.5 million pounds of emergency funding would not be enough."""


@pytest.fixture(scope="module")
def annotation():
    from duiding.nlp.annotate import Job, annotate

    try:
        return annotate(Job("t", "t.txt", TEXT, "en", "2024-03-14", "2024-03-14", "Floods in Harlow"))
    except Exception as e:  # the model wheel missing on this machine
        pytest.skip(f"English backend not available: {e}")


def test_every_language_module_defines_every_table_of_the_protocol() -> None:
    wanted = {n for n, v in vars(lang_pkg.Language).items() if isinstance(v, property)}
    for module in (nl, en):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        defined = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                   for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                   if isinstance(t, ast.Name)}
        assert wanted <= defined, (module.__name__, sorted(wanted - defined))


def test_languages_are_chosen_from_data_not_assumed() -> None:
    assert primary("en,nl") is en and primary("nl,en") is nl and primary("de,en") is en
    assert of_article("en", nl) is en and of_article("xx", nl) is nl and of_article(None, en) is en
    assert for_language("en").MONTHS["march"] == 3


def test_penn_tags_become_coarse_tags() -> None:
    assert coarse_tag("VBD") == "VERB:fin,past" and is_(coarse_tag("NNS"), "NOUN") and has(coarse_tag("NNS"), "plur")
    assert is_(coarse_tag("NNP"), "NAME") and has(coarse_tag("PRP$"), "poss") and is_(coarse_tag(","), "PUNCT")


def test_backend_gives_sentences_tokens_lemmas_and_names(annotation) -> None:
    tokens = [t for s in annotation.sentences for t in s.tokens]
    assert all(TEXT[t.start:t.end] == t.text for t in tokens)
    said = next(t for t in tokens if t.text == "said")
    assert said.lemma == "say" and has(said.tag, "past")
    names = {(m.name, m.type) for m in annotation.mentions}
    assert {("Linda Carver", "PER"), ("Tom Reyes", "PER"), ("Harlow", "LOC")} <= names
    assert ("University of Leeds", "ORG") in names


def test_english_quote_conventions(annotation) -> None:
    by_start = {q.text.split()[0]: q for q in annotation.quotes if q.kind == "direct"}
    assert by_start["We"].speaker.name == "Linda Carver" and by_start["We"].speaker.role == "Mayor"  # “…,” X said
    assert by_start["Every"].speaker.name == "Linda Carver"  # the next quote of the same voice
    assert by_start["This"].speaker.name == "Tom Reyes"  # “…,” said X
    according = [q for q in annotation.quotes if q.speaker.name == "Environment Agency"]
    assert according and according[0].kind == "indirect"  # according to X, …


def test_english_numbers(annotation) -> None:
    claims = {c.text: c for c in annotation.claims}
    assert claims["$1.2 billion"].value == 1.2e9 and claims["$1.2 billion"].unit == "USD"
    assert claims["3.5 million pounds"].value == 3.5e6 and claims["3.5 million pounds"].unit == "GBP"
    assert claims["3,500 residents"].value == 3500


def test_english_time_expressions() -> None:
    text = ("The quake struck last Tuesday, two weeks ago. On March 5, 2024 the council met; it meets again next "
            "week and in three weeks. Yesterday the mayor spoke. The vote was on 12 June 2023 and the works run "
            "between March and June 2019, or until early 2025.")
    got = {t.text: (t.value_start, t.value_end) for t in find_timexes(text, (date(2024, 3, 14),) * 2, en)}
    assert got["last Tuesday"] == ("2024-03-12", "2024-03-12")
    assert got["two weeks ago"][0] == "2024-02-26"
    assert got["March 5, 2024"] == ("2024-03-05", "2024-03-05")
    assert got["next week"] == ("2024-03-18", "2024-03-24")
    assert got["in three weeks"][0] == "2024-04-01"
    assert got["Yesterday"] == ("2024-03-13", "2024-03-13")
    assert got["12 June 2023"] == ("2023-06-12", "2023-06-12")
    assert got["between March and June 2019"] == ("2019-03-01", "2019-06-30")
    assert got["early 2025"][0] == "2025-01-01"


def test_dutch_words_do_not_match_in_english() -> None:
    # "over" is Dutch for "in" (over drie weken) but an English preposition: not a time in English
    text = "The row went on over three weeks of talks."
    assert not [t for t in find_timexes(text, (date(2024, 3, 14),) * 2, en) if t.text.startswith("over")]


def test_an_article_outside_the_languages_setting_is_flagged_not_analysed(tmp_path: Path) -> None:
    from duiding import Store, load_config
    from duiding.ingest.build import Overrides
    from duiding.pipeline import analyze

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "storm.txt").write_text("Storm closes harbour\n\nThe harbour was closed on Tuesday after a heavy "
                                      "storm damaged two cranes. Shipping firms expect delays all week.\n",
                                      encoding="utf-8")
    cfg = load_config(env={}).with_overrides(workers=1, languages="nl,de", reports="")
    with Store(tmp_path / "s.db") as store:
        report = analyze([str(folder)], store, cfg, Overrides(language="en"))  # as `--lang en` declares it
        status = [tuple(r) for r in store.conn.execute("SELECT language, nlp_status FROM articles")]
    assert status == [("en", "not analysed: en is not in the languages setting")]
    assert report.nlp.analysed == 0
