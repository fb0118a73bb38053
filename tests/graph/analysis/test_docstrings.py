"""Every public analysis function documents its Parameters, Returns and Examples.

numpydoc sections, networkx's ``algorithms/centrality/betweenness.py`` being the model;
the Examples run as doctests in ``make test``. One test per function, so each failure
names it.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from typing import Any

import pytest

import graph.analysis

SECTIONS = ("Parameters", "Returns", "Examples")


def _public_functions() -> list[tuple[str, Callable[..., Any]]]:
    found = []
    for info in pkgutil.iter_modules(graph.analysis.__path__):
        module = importlib.import_module(f"graph.analysis.{info.name}")
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isfunction(value) and value.__module__ == module.__name__:
                found.append((f"{module.__name__}.{name}", value))
    return found


FUNCTIONS = _public_functions()


def test_every_analysis_module_has_all() -> None:
    missing = [
        info.name
        for info in pkgutil.iter_modules(graph.analysis.__path__)
        if not hasattr(importlib.import_module(f"graph.analysis.{info.name}"), "__all__")
    ]
    assert missing == []


def test_functions_are_found() -> None:
    names = {name for name, _ in FUNCTIONS}
    expected = {"graph.analysis.centrality.centralities", "graph.analysis.paths.learning_paths"}
    assert expected <= names


@pytest.mark.parametrize("name,function", FUNCTIONS, ids=[name for name, _ in FUNCTIONS])
def test_numpydoc_sections(name: str, function: Callable[..., Any]) -> None:
    doc = inspect.getdoc(function) or ""
    missing = [s for s in SECTIONS if not re.search(rf"^{s}\n-{{{len(s)}}}$", doc, re.M)]
    assert missing == [], f"{name} lacks the numpydoc section(s) {', '.join(missing)}"
