"""The language-backend protocol and the registry that picks one per language.

A backend turns cleaned article text into sentences, tokens (lemma, POS) and raw entity
mentions; duiding's own repairs (``enrich``) run on top, whatever the backend. Backends are
loaded once per process, never per article. A language without a backend is not analysed
with another language's models: its articles are stored and flagged instead.

Extra backends plug in by name: ``DUIDING_BACKEND_<LANG>=package.module:Class`` (used by the
tests to inject a crashing backend, and by users to add a language).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Protocol

from ..errors import ConfigError
from ..records import Sentence


class Backend(Protocol):
    name: str
    language: str

    def analyse(self, text: str) -> tuple[Sentence, ...]:
        """Sentences with tokens whose spans index into ``text``; raise on failure."""
        ...


_BUILTIN: dict[str, str] = {"nl": "duiding.nlp.frog:FrogBackend", "en": "duiding.nlp.spacy_en:SpacyBackend"}
_LOADED: dict[str, Backend] = {}


def has_backend(language: str | None) -> bool:
    if not language:
        return False
    return language in _BUILTIN or f"DUIDING_BACKEND_{language.upper()}" in os.environ


def backend_for(language: str, options: dict[str, str] | None = None) -> Backend:
    """The process-wide backend for ``language``; loaded on first use (Frog takes ~7 s)."""
    if language not in _LOADED:
        _LOADED[language] = _factory(language)(**(options or {}))
    return _LOADED[language]


def _factory(language: str) -> Callable[..., Backend]:
    spec = os.environ.get(f"DUIDING_BACKEND_{language.upper()}") or _BUILTIN.get(language)
    if spec is None:
        raise ConfigError(f"no backend for {language}")
    module, _, name = spec.partition(":")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as e:
        raise ConfigError(f"backend {spec!r} for {language} cannot be loaded: {e}") from e


def reset() -> None:
    """Forget loaded backends (tests, and a worker that must reload after a crash)."""
    _LOADED.clear()
