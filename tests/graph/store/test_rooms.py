"""The store's rooms stay small: no module under ``graph/store/`` (its backends' folders
included) is longer than the project's 400 lines. That no import runs in a circle inside
``graph.store`` is the ``acyclic_siblings`` contract of ``pyproject.toml`` (lint-imports)."""

from __future__ import annotations

from pathlib import Path

import graph.store

LIMIT = 400
STORE = Path(graph.store.__file__).parent


def lines(path: Path) -> int:
    """Lines as ``wc -l`` counts them."""
    return path.read_bytes().count(b"\n")


def test_no_store_module_is_longer_than_the_limit() -> None:
    modules = sorted(STORE.rglob("*.py"))
    assert len(modules) > 20, modules  # the folder was found, backends included
    too_long = {str(m.relative_to(STORE)): n for m in modules if (n := lines(m)) > LIMIT}
    assert too_long == {}, f"modules of graph/store over {LIMIT} lines: {too_long}"
