"""Frog, the Dutch NLP suite, as duiding's backend for ``nl``: sentences, tokens, lemmas, POS, NER.

Route (measured, see ../shared/dependencies.md and benchmarks/nlp_throughput.py): the PyPI
``python-frog`` binding with the language data of Debian trixie's ``frogdata``/``uctodata``
packages, unpacked by ``scripts/install-frogdata.sh`` into ``<venv>/share/duiding/frogdata``.
The binding is sound for ``process_raw`` (tab-separated columns), which is all we use:
``process()`` crashes when a module is off and ``skip=``/``overrides=`` are broken.

Speed choices: the parser, chunker, morphological analyser and multi-word units are off
(duiding does not use them), the name-list lookup (``known_ners``) is switched off in a private
copy of ``frog.cfg`` (on, one article took 201 s), and Frog runs single-threaded, one process
per core (``--workers``).

Names: with ``ner = e5`` Frog's own NER is off and duiding's Dutch model (``ner.py``, F1 0.63 ->
0.90 on CoNLL-2002) tags Frog's tokens instead; ``ner = e5`` is the default; ``ner = frog``
keeps Frog's NER (for users who may not use a model trained on CoNLL-2002, research use only).
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ConfigError
from ..records import Sentence, Token
from .align import align

if TYPE_CHECKING:
    from .ner import DutchNer

NER_CHOICES = ("e5", "frog")
_COLUMNS = {"word": 1, "lemma": 2, "pos": 4, "ner": 6}


def find_frogdata(explicit: str | None = None) -> Path:
    """The folder holding ``usr/share/frog/nld/frog.cfg`` (an unpacked frogdata), or ConfigError."""
    here = Path(__file__).resolve()
    chosen = explicit or os.environ.get("DUIDING_FROGDATA")
    # a folder the user named is the only place looked in: silently using another would hide their mistake
    candidates = [chosen] if chosen else [Path(sys.prefix) / "share" / "duiding" / "frogdata",
                                           Path.home() / ".local" / "share" / "duiding" / "frogdata",
                                           here.parents[3] / ".frogdata"]  # an editable install in a checkout
    tried = []
    for c in candidates:
        if not c:
            continue
        root = Path(c)
        tried.append(str(root))
        if (root / "root" / "usr" / "share" / "frog" / "nld" / "frog.cfg").is_file():
            return root
    raise ConfigError("Frog's language data (frogdata) is not installed; run `make setup` "
                      f"(scripts/install-frogdata.sh) or set DUIDING_FROGDATA. Looked in: {', '.join(tried)}")


def prepare_config(data: Path) -> Path:
    """A config folder (XDG layout) whose frog.cfg has the slow name-list lookup switched off."""
    share = data / "root" / "usr" / "share"
    for base in (data / "config", Path.home() / ".cache" / "duiding" / "frog-config"):
        cfg = base / "frog" / "nld" / "frog.cfg"
        try:
            if not cfg.is_file():
                _build_config(share, base)
            return base
        except OSError:
            continue
    raise ConfigError(f"cannot write Frog's configuration next to {data} nor in ~/.cache")


def _build_config(share: Path, base: Path) -> None:
    nld = base / "frog" / "nld"
    nld.mkdir(parents=True, exist_ok=True)
    for f in (share / "frog" / "nld").iterdir():
        link = nld / f.name
        if f.name != "frog.cfg" and not link.exists():
            link.symlink_to(f)
    original = (share / "frog" / "nld" / "frog.cfg").read_text(encoding="utf-8")
    patched = "\n".join("#" + line if line.startswith("known_ners=") else line for line in original.splitlines())
    tmp = nld / "frog.cfg.tmp"
    tmp.write_text(patched + "\n", encoding="utf-8")
    tmp.replace(nld / "frog.cfg")
    ucto = base / "ucto"
    if not ucto.exists():
        ucto.symlink_to(share / "ucto")


class FrogBackend:
    name = "frog"
    language = "nl"

    def __init__(self, frogdata: str | None = None, ner: str = "e5") -> None:
        if ner not in NER_CHOICES:
            raise ConfigError(f"ner = {ner!r}: choose one of {', '.join(NER_CHOICES)}")
        data = find_frogdata(frogdata)
        config = prepare_config(data)
        os.environ["XDG_CONFIG_HOME"] = str(config)  # Frog finds ucto's data through it
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        try:
            import frog
        except ImportError as e:
            raise ConfigError(f"the python-frog package is not installed ({e}); run `make setup`") from e
        options = frog.FrogOptions(parser=False, morph=False, chunking=False, mwu=False, lemma=True, ner=ner == "frog",
                                   numThreads=1)
        with _quiet_stderr():
            self._frog = frog.Frog(options, str(config / "frog" / "nld" / "frog.cfg"))
        self.misaligned = 0
        self.first_names = _first_names(data)
        self.ner: DutchNer | None = None
        self.tagger = ner  # which repairs the mentions get (enrich/mentions.py)
        if ner == "e5":
            from .ner import DutchNer, names_folder

            self.ner = DutchNer(names_folder(data))

    def analyse(self, text: str) -> tuple[Sentence, ...]:
        with _quiet_stderr():
            raw = self._frog.process_raw(text)
        sentences = parse_columns(raw, text, self)
        return retag(sentences, self.ner) if self.ner is not None else sentences


def retag(sentences: tuple[Sentence, ...], ner: DutchNer) -> tuple[Sentence, ...]:
    """The same sentences with each token's IOB tag from ``ner`` (one call per article: the model reads
    capitalisation across the whole article)."""
    tags = ner.tag([[t.text for t in s.tokens] for s in sentences])
    return tuple(replace(s, tokens=tuple(replace(t, ner=_frog_tag(tag)) for t, tag in zip(s.tokens, row, strict=True)))
                 for s, row in zip(sentences, tags, strict=True))


def _frog_tag(tag: str) -> str:
    """CoNLL's ``B-PER`` in Frog's spelling (``B-per``), which the mention repairs read."""
    return tag if tag == "O" else tag[:2] + tag[2:].lower()


def _first_names(data: Path) -> frozenset[str]:
    """Frog's own first-name list (62k names), used to repair person names the tagger splits or mistypes."""
    from .ner import names_folder

    path = names_folder(data) / "voornamen.ner"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return frozenset()
    return frozenset(n for line in lines if (n := line.split("\t")[0].strip()) and n[:1].isupper())


def parse_columns(raw: str, text: str, stats: FrogBackend | None = None) -> tuple[Sentence, ...]:
    """Frog's tab-separated output (one token a line, blank line between sentences) -> Sentences."""
    sentences: list[Sentence] = []
    rows: list[list[str]] = []
    pos = 0
    for line in [*raw.split("\n"), ""]:
        if line.strip():
            rows.append(line.split("\t"))
            continue
        if not rows:
            continue
        spans, misses = align(text, [r[_COLUMNS["word"]] for r in rows], pos)
        if stats is not None:
            stats.misaligned += misses
        tokens = tuple(Token(s, e, text[s:e], _col(r, "lemma"), _col(r, "pos"), _col(r, "ner") or "O")
                       for r, (s, e) in zip(rows, spans, strict=True))
        sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
        pos = tokens[-1].end
        rows = []
    return tuple(sentences)


def _col(row: list[str], name: str) -> str:
    i = _COLUMNS[name]
    return row[i] if i < len(row) else ""


class _quiet_stderr:
    """Frog logs its start-up to file descriptor 2; keep it out of the user's terminal."""

    def __enter__(self) -> None:
        sys.stderr.flush()
        self._saved = os.dup(2)
        self._null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(self._null, 2)

    def __exit__(self, *exc: object) -> None:
        os.dup2(self._saved, 2)
        os.close(self._saved)
        os.close(self._null)
