"""Settings as data: shipped defaults <- user file <- ``DUIDING_*`` environment <- CLI flags.

Each layer overrides only what it sets. The user file is TOML (``--config FILE``, else
``$DUIDING_CONFIG``, else ``./duiding.toml`` when present) with top-level settings plus two
tables: ``[columns]`` (field = column name for JSON/CSV input) and ``[outlets]`` (domain = name).
``duiding config`` prints every setting with its help line and where its value came from.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "duiding.db", "SQLite file that holds everything (created on first use), or a postgresql:// URL."),
    Setting("batch_size", 200, "Articles written per transaction: a crash loses at most one batch of work."),
    Setting("languages", "nl,en,de,fr,es,it,pt,af,da,sv,pl,ru,uk,tr,ar,id",
            "Languages the detector chooses among (ISO 639-1); fewer is faster and more accurate."),
    Setting("min_language_chars", 40, "Shorter texts keep their declared language instead of a guess."),
    Setting("fetch", True, "Download URLs given as input and follow short feed entries to their pages."),
    Setting("fetch_timeout", 15.0, "Seconds one download may take in all (not per read)."),
    Setting("fetch_private", True, "Let downloads reach loopback, private and link-local addresses "
            "(the web server's never do)."),
    Setting("max_file_mb", 200, "Larger input files are refused (a JSON/CSV file is read whole)."),
    Setting("workers", 0, "Language-analysis processes (0 = one per core); each Frog process needs ~650 MB."),
    Setting("frogdata", "", "Folder of Frog's unpacked language data (empty = the one `make setup` installed)."),
    Setting("ner", "e5", "Dutch names: e5 (duiding's model, F1 ~0.90; trained on CoNLL-2002, research use only) "
                         "or frog (Frog's own NER with duiding's repairs, F1 ~0.63, no such restriction)."),
    Setting("analyse", True, "Run language analysis (Frog) after reading; off stores articles only."),
    Setting("reports", "auto",
            "Folder where analyze writes an HTML report per storyline (auto: next to the store, "
            "<db>.reports/; a folder shared by stores gives each its own subfolder; empty: write none)."),
    Setting("token", "", "Write token of `duiding serve` (empty: a new random one at each start, printed)."),
)
SECRET = frozenset({"token"})  # shown as "(set)" by `duiding config`
_BY_NAME = {s.name: s for s in SETTINGS}


def _default(name: str) -> Any:
    return _BY_NAME[name].default


@dataclass
class Config:
    """Every setting as a typed attribute (defaults from ``SETTINGS``), where each value came from, and the
    ``[columns]`` and ``[outlets]`` tables."""

    db: str = _default("db")
    batch_size: int = _default("batch_size")
    languages: str = _default("languages")
    min_language_chars: int = _default("min_language_chars")
    fetch: bool = _default("fetch")
    fetch_timeout: float = _default("fetch_timeout")
    fetch_private: bool = _default("fetch_private")
    max_file_mb: int = _default("max_file_mb")
    workers: int = _default("workers")
    frogdata: str = _default("frogdata")
    ner: str = _default("ner")
    analyse: bool = _default("analyse")
    reports: str = _default("reports")
    token: str = _default("token")
    origins: dict[str, str] = field(default_factory=lambda: {s.name: "default" for s in SETTINGS})
    columns: dict[str, str] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        """Setting name -> value (a copy: set a setting through its attribute or ``with_overrides``)."""
        return {s.name: getattr(self, s.name) for s in SETTINGS}

    def set(self, name: str, value: Any, origin: str) -> None:
        """Set one setting from text or a value, coerced to the setting's type, and say where it came from."""
        setattr(self, name, _coerce(name, value))
        self.origins[name] = origin

    def with_overrides(self, **flags: Any) -> Config:
        """A copy with CLI flags applied (``None`` means the flag was not given)."""
        new = replace(self, origins=dict(self.origins), columns=dict(self.columns), outlets=dict(self.outlets))
        for name, value in flags.items():
            if value is not None:
                if name not in _BY_NAME:
                    raise ConfigError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}")
                new.set(name, value, "flag")
        return new


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    env = dict(os.environ if env is None else env)
    config = Config()
    file = Path(path) if path else Path(env["DUIDING_CONFIG"]) if env.get("DUIDING_CONFIG") else None
    if file is None and Path("duiding.toml").is_file():
        file = Path("duiding.toml")
    if file is not None:
        _apply_file(config, file)
    for s in SETTINGS:
        key = f"DUIDING_{s.name.upper()}"
        if key in env:
            config.set(s.name, env[key], f"env {key}")
    return config


def _apply_file(config: Config, file: Path) -> None:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read config file {file}: {e.strerror}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"config file {file} is not valid TOML: {e}") from e
    for key, value in data.items():
        if key == "columns" and isinstance(value, dict):
            config.columns.update({str(k): str(v) for k, v in value.items()})
        elif key == "outlets" and isinstance(value, dict):
            config.outlets.update({str(k): str(v) for k, v in value.items()})
        elif key in _BY_NAME:
            config.set(key, value, f"file {file}")
        else:
            raise ConfigError(f"config file {file}: unknown setting {key!r}; known: {', '.join(_BY_NAME)}")


def _coerce(name: str, value: Any) -> Any:
    default = _BY_NAME[name].default if name in _BY_NAME else value
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                return low in ("1", "true", "yes", "on")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}: {value!r} is not a valid {type(default).__name__}") from e
    return str(value) if isinstance(default, str) else value


def describe(config: Config) -> list[tuple[str, str, str, str]]:
    """Rows of (name, value, origin, help) for ``duiding config``."""
    values = config.values
    return [(s.name, "(set)" if s.name in SECRET and values[s.name] else str(values[s.name]),
             config.origins[s.name], s.help) for s in SETTINGS]
