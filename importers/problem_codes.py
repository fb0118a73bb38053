"""The common import problems as a code with parameters, for pages that say them in
their own language (as :mod:`graph.analysis.reasons` does for reasons).

The importers write English sentences (the CLI and the JSON API show them as they are);
this module recognises the common ones — a missing column, an unknown kind, type or
other vocabulary value, an unknown node, a bad date, a file that is not UTF-8 or is
empty, a relationship whose ends are of the wrong kinds, a node without a name, a
value that is not a number, a self-loop, an id that is not allowed, an end before the
start, a limit of :mod:`importers.limits` reached, a hierarchy a reader does not read —
and returns their code and parameters. Any other message has no code and is shown as it is.
``tests/api/test_import_problems.py`` checks that every such message the importers write
is recognised.

>>> problem_code("unknown node kind 'school'; use one of person (persoon)")
('unknown_value', {'what': 'node kind', 'value': 'school'})
>>> problem_code("'31-02-2024' is not a date (use YYYY-MM-DD, DD-MM-YYYY, YYYY-MM or YYYY)")
('bad_date', {'value': '31-02-2024'})
>>> problem_code("points at unknown node 'ROC Oost' (not in this import, not in workspace "
...              "'demo'); did you mean 'ROC-Oost' or 'ROC West'?")
('unknown_node', {'value': 'ROC Oost', 'suggestions': ['ROC-Oost', 'ROC West']})
>>> problem_code("vertex 3 is not declared under *Vertices") is None
True
"""

from __future__ import annotations

import ast
import re
from typing import Any

__all__ = ["CODES", "problem_code"]

_QUOTED = r"(?P<value>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
_QUOTES = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
#: code -> the English sentence it stands for (a regular expression over the message)
CODES: dict[str, re.Pattern[str]] = {
    "missing_columns": re.compile(
        r"missing column\(s\) (?P<columns>.+?)(?:: a node file needs .*| in a relationship"
        r" file\.) Found: (?P<found>.*)",
        re.S,
    ),
    "missing_kumu_columns": re.compile(
        r"missing column (?P<columns>Label|From and To); found (?P<found>.*)", re.S
    ),
    "unknown_value": re.compile(
        r"unknown (?P<what>node kind|relationship type|organisation type|activity type"
        rf"|mechanism) {_QUOTED}; use one of .*",
        re.S,
    ),
    "unknown_node": re.compile(
        rf"points at unknown node {_QUOTED} \(not in this import, not in workspace "
        r"(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\)(?:; did you mean (?P<suggestions>.+)\?)?",
        re.S,
    ),
    "not_a_number": re.compile(rf"{_QUOTED} is not a number"),
    "self_loop": re.compile(
        rf"a relationship from {_QUOTED} to itself \(a self-loop\) is not allowed: .*", re.S
    ),
    "bad_id": re.compile(rf"id {_QUOTED} is not allowed: .*", re.S),
    "until_before_since": re.compile(
        r"until \((?P<until>[0-9-]+)\) is before since \((?P<since>[0-9-]+)\)"
    ),
    "bad_date": re.compile(rf"{_QUOTED} is not a date \(use .*", re.S),
    "not_utf8": re.compile(
        r"the file is not UTF-8 text \(byte (?P<byte>0x[0-9a-f]{2}) at position \d+,"
        r" line (?P<line>\d+)\).*",
        re.S,
    ),
    "empty_file": re.compile(r"the file is empty \(0 bytes\)"),
    "wrong_ends": re.compile(
        r"a (?P<type>\w+) relationship goes from (?P<sources>[\w/]+) to (?P<targets>[\w/]+),"
        r" not from (?P<source>\w+) to (?P<target>\w+)"
    ),
    "missing_name": re.compile(r"a node needs a name"),
    "too_many_properties": re.compile(
        r"(?P<count>\d+) properties; an element may have at most (?P<limit>\d+) "
        r"\(GRENSWERK_IMPORT_MAX_PROPERTIES\)"
    ),
    "too_many_columns": re.compile(
        r"(?P<count>\d+) (?P<what>columns|declared node attributes|declared edge attributes)"
        r" beyond the known fields; an element may have at most (?P<limit>\d+) properties "
        r"\(GRENSWERK_IMPORT_MAX_PROPERTIES\)"
    ),
    "value_too_long": re.compile(
        r"a value of (?P<count>\d+) characters; a property may hold at most (?P<limit>\d+) "
        r"\(GRENSWERK_IMPORT_MAX_VALUE_CHARS\)"
    ),
    "unpacks_too_much": re.compile(
        r"the part unpacks to (?P<unpacked>.+?) from (?P<packed>.+?) \((?P<times>\d+) times\);"
        r" Grenswerk unpacks at most (?P<limit>\d+) times .*",
        re.S,
    ),
    "unpacks_too_large": re.compile(
        r"the workbook unpacks to (?P<unpacked>\d+) MB; at most (?P<limit>\d+) MB are read .*",
        re.S,
    ),
    "nested_elements": re.compile(
        r"(?P<said>.+?) stand inside other elements \((?P<where>.+?)\): a hierarchy, .*", re.S
    ),
}
#: a relationship file's columns as the message names them ("from (van)") -> the field
_COLUMNS = {"name": "name", "kind": "kind", "from": "from", "to": "to", "type": "type"}


def problem_code(message: str) -> tuple[str, dict[str, Any]] | None:
    """The code and parameters of an importer's problem message, or ``None``.

    Parameters
    ----------
    message : str
        The English message of a :class:`graph.errors.Problem`.

    Returns
    -------
    tuple of (str, dict) or None
        The code (a key of :data:`CODES`) and its parameters: ``columns`` (a list of
        ``name``, ``kind``, ``from``, ``to``, ``type``, or Kumu's ``Label``, ``From``,
        ``To``) and ``found`` for a missing column; ``what`` and ``value`` for an unknown
        value; ``value`` for an unknown node or a bad date; ``byte`` and ``line`` for a
        file that is not UTF-8; ``type``, ``sources``, ``targets``, ``source`` and
        ``target`` (internal values) for a relationship of the wrong kinds.
    """
    for code, pattern in CODES.items():
        found = pattern.fullmatch(message.strip())
        if found is None:
            continue
        params: dict[str, Any] = dict(found.groupdict())
        if "value" in params:
            params["value"] = str(ast.literal_eval(params["value"]))
        if code == "unknown_node":
            said = params.pop("suggestions") or ""
            params["suggestions"] = [str(ast.literal_eval(q)) for q in _QUOTES.findall(said)]
        if code == "missing_columns":
            words = (part.split(" ")[0] for part in params["columns"].split(", "))
            params["columns"] = [_COLUMNS.get(word, word) for word in words]
        elif code == "missing_kumu_columns":
            code, params["columns"] = "missing_columns", params["columns"].split(" and ")
        elif code == "wrong_ends":
            params["sources"] = params["sources"].split("/")
            params["targets"] = params["targets"].split("/")
        return code, params
    return None
