"""Docs that are checked cannot drift: every command, setting and the two set-up commands are in the README."""

from __future__ import annotations

import re

from duiding.cli import main
from duiding.config import SETTINGS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented() -> None:
    for name in main.commands:
        assert f"duiding {name}" in README, f"`duiding {name}` is not in the README"


def test_every_setting_is_documented() -> None:
    for s in SETTINGS:
        assert f"`{s.name}`" in README, f"setting {s.name} is not in the README"


def test_first_screen_gives_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    first_screen = "\n".join(README.splitlines()[:25])
    commands = re.findall(r"^(make \w+)", first_screen, flags=re.MULTILINE)
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
