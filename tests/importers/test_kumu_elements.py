"""Kumu elements: an event's "Start date" is its date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from graph.model import NodeKind
from graph.store.sqlite import SQLiteStore
from importers import ImportOptions, plan_paths


def workbook(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Elements"
    sheet.append(["Label", "Type", "Start date", "End date"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "k.xlsx"
    book.save(path)
    return path


def test_an_events_start_date_is_its_date(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [
            ["Studiedag LLO", "Event", "2023-03-14", None],
            ["Netwerkbijeenkomst", "Bijeenkomst", dt.datetime(2022, 9, 29), None],
            ["ROC Eén", "School", "2019", "2024-07-31"],
        ],
    )
    plan = plan_paths(sqlite_store, [path], ImportOptions("k"))
    assert not plan.problems
    found = {n.name: (n.kind, n.date, n.since, n.until) for n in plan.nodes}
    assert found == {
        "Studiedag LLO": (NodeKind.ACTIVITY, dt.date(2023, 3, 14), None, None),
        "Netwerkbijeenkomst": (NodeKind.ACTIVITY, dt.date(2022, 9, 29), None, None),
        "ROC Eén": (NodeKind.ORGANISATION, None, dt.date(2019, 1, 1), dt.date(2024, 7, 31)),
    }


def test_a_bad_event_start_date_names_its_column(sqlite_store: SQLiteStore, tmp_path: Path) -> None:
    path = workbook(tmp_path, [["Studiedag LLO", "Event", "volgende week", None]])
    (problem,) = plan_paths(sqlite_store, [path], ImportOptions("k")).problems
    assert (problem.row, problem.column) == (2, "Start date")
    assert "'volgende week' is not a date" in problem.message
