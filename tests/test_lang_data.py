"""Language modules are data: every table is defined once, so a second definition cannot silently
replace the first (two stages once shared one name with different words)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import duiding.lang as lang_pkg


def test_each_table_of_a_language_module_is_defined_once() -> None:
    for path in Path(lang_pkg.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = Counter(
            target.id
            for node in tree.body
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        )
        twice = sorted(n for n, c in names.items() if c > 1)
        assert not twice, f"{path.name} defines {twice} more than once"
