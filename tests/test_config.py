"""Settings layers: defaults <- file <- environment <- flags, each overriding only what it sets."""

from __future__ import annotations

import pytest

from duiding.config import SETTINGS, load_config
from duiding.errors import ConfigError


def test_defaults(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    cfg = load_config(env={})
    assert cfg.db == "duiding.db" and cfg.origins["db"] == "default"


def test_layers_override_only_what_they_set(tmp_path) -> None:
    file = tmp_path / "d.toml"
    file.write_text('db = "file.db"\nbatch_size = 10\n[columns]\ntext = "body"\n[outlets]\n"x.nl" = "X"\n')
    cfg = load_config(file, env={"DUIDING_BATCH_SIZE": "20", "DUIDING_FETCH": "off"}).with_overrides(db="flag.db")
    assert (cfg.db, cfg.origins["db"]) == ("flag.db", "flag")
    assert (cfg.batch_size, cfg.origins["batch_size"]) == (20, "env DUIDING_BATCH_SIZE")
    assert cfg.fetch is False
    assert cfg.columns == {"text": "body"} and cfg.outlets == {"x.nl": "X"}
    assert cfg.origins["languages"] == "default"


@pytest.mark.parametrize(("content", "message"), [
    ("db = ", "not valid TOML"),
    ("colour = 'red'", "unknown setting 'colour'"),
    ("batch_size = 'veel'", "not a valid int"),
])
def test_bad_files_are_config_errors(tmp_path, content: str, message: str) -> None:
    file = tmp_path / "bad.toml"
    file.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(file, env={})


def test_bad_environment_value() -> None:
    with pytest.raises(ConfigError, match="fetch"):
        load_config(env={"DUIDING_FETCH": "misschien"})


def test_every_setting_has_a_help_line() -> None:
    assert all(s.help.endswith(".") and len(s.help) > 20 for s in SETTINGS)


def test_config_is_typed_one_attribute_per_setting() -> None:
    from dataclasses import fields

    from duiding.config import Config

    typed = {f.name: f for f in fields(Config)}
    for s in SETTINGS:
        assert s.name in typed, f"setting {s.name} has no typed attribute"
        assert typed[s.name].default == s.default
    cfg = load_config(env={"DUIDING_WORKERS": "3", "DUIDING_ANALYSE": "off"})
    assert cfg.workers == 3 and cfg.analyse is False  # coerced to the attribute's type
    assert cfg.values["workers"] == 3
    with pytest.raises(ConfigError, match="unknown setting"):
        cfg.with_overrides(no_such_setting=1)
