"""Language knowledge as data, one module per language (``nl`` first).

``for_language(code)`` returns the module for an ISO 639-1 code; rules take their word lists
from it, so adding a language means adding a module with the same names.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ..errors import ConfigError

_AVAILABLE = ("nl",)


def for_language(code: str) -> ModuleType:
    """The data module for ``code``; an unknown language is a configuration error, not a crash."""
    if code not in _AVAILABLE:
        raise ConfigError(f"no language data for {code!r}; available: {', '.join(_AVAILABLE)}")
    return importlib.import_module(f"{__name__}.{code}")


def available() -> tuple[str, ...]:
    return _AVAILABLE
