"""Change over a series of dates: the network at each date (``--over 2019..2026 --every
year``), the ties gained and lost between consecutive dates, and each node's degree at
every date (the node page's small chart).

A tie is **gained** between two dates when *its own* validity begins between them: it
is not valid by its own ``since``/``until`` on the first date, it is on the second, and
both its ends exist on the second. A tie valid by its own dates on both days that enters
the network only because an end node begins (``since``) between them is not gained: it
is counted apart (``ties_with_new_nodes``), as the new node is. **Lost** mirrors it
(valid by its own dates on the first date, not on the second, both ends existing on the
first). An undated tie is valid on every date by its own dates: it is never gained or
lost, it comes and goes with its ends.

Examples
--------
>>> import datetime as dt
>>> g = nx.MultiDiGraph()
>>> g.add_nodes_from([("a", {"kind": "organisation"}), ("b", {"kind": "organisation"}),
...                   ("c", {"kind": "organisation", "since": "2021-03-01"})])
>>> _ = g.add_edge("a", "b", key="ab", type="partners_with", since="2020-05-01")
>>> _ = g.add_edge("b", "c", key="bc", type="partners_with")
>>> r = series(g, dates(dt.date(2019, 1, 1), dt.date(2022, 1, 1), "year"))
>>> [(row["date"], row["ties"], row["ties_gained"], row["ties_with_new_nodes"]) for row in r.rows]
[('2019-01-01', 0, 0, 0), ('2020-01-01', 0, 0, 0), ('2021-01-01', 1, 1, 0), ('2022-01-01', 2, 0, 1)]
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx

from graph.analysis.change import Dated, gained_and_lost, tie_rows
from graph.analysis.result import Result

__all__ = ["EVERY", "dates", "node_series", "parse_over", "series"]

EVERY = ("year", "quarter", "month")
_MONTHS = {"year": 12, "quarter": 3, "month": 1}
MAX_DATES = 400


def parse_over(text: str) -> tuple[dt.date, dt.date]:
    """The first and last date of a series.

    Parameters
    ----------
    text : str
        ``2019..2026`` (years: 1 January), ``2019-01-01..2026-06-30`` or a mix.

    Returns
    -------
    tuple of datetime.date
        The first and the last date.

    Examples
    --------
    >>> parse_over("2019..2026")
    (datetime.date(2019, 1, 1), datetime.date(2026, 1, 1))
    >>> parse_over("2026..2019")
    Traceback (most recent call last):
    ...
    ValueError: over: 2026-01-01 is after 2019-01-01
    """
    first, sep, last = text.partition("..")
    if not sep:
        raise ValueError(f"over: {text!r} is not FIRST..LAST (e.g. 2019..2026)")

    def day(part: str) -> dt.date:
        part = part.strip()
        try:
            return dt.date(int(part), 1, 1) if part.isdigit() else dt.date.fromisoformat(part)
        except ValueError:
            raise ValueError(f"over: {part!r} is not a year or a date (YYYY-MM-DD)") from None

    start, end = day(first), day(last)
    if end < start:
        raise ValueError(f"over: {start} is after {end}")
    return start, end


def dates(start: dt.date, end: dt.date, every: str) -> list[dt.date]:
    """``start`` and every ``every`` after it up to ``end``.

    Parameters
    ----------
    start, end : datetime.date
        The first date and the last one allowed.
    every : {"year", "quarter", "month"}
        The step.

    Returns
    -------
    list of datetime.date
        The dates (at most 400).

    Examples
    --------
    >>> [d.isoformat() for d in dates(dt.date(2020, 1, 1), dt.date(2020, 12, 31), "quarter")]
    ['2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01']
    """
    if every not in EVERY:
        raise ValueError(f"every: {every!r}; use {', '.join(EVERY)}")
    step = _MONTHS[every]
    out: list[dt.date] = []
    month = 0
    while True:
        index = start.month - 1 + month
        year, m = start.year + index // 12, index % 12 + 1
        when = dt.date(year, m, min(start.day, 28))
        if when > end:
            return out
        out.append(when)
        if len(out) > MAX_DATES:
            raise ValueError(f"over/every: more than {MAX_DATES} dates; take a longer step")
        month += step


def series(graph: nx.MultiDiGraph, when: list[dt.date], *, dated: Dated | None = None) -> Result:
    """The network at each date of ``when``: nodes, ties, density, and the ties and
    nodes gained and lost since the date before (see the module's definitions).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    when : list of datetime.date
        The dates, in order.
    dated : Dated, optional
        ``Dated(graph)`` when already built.

    Returns
    -------
    Result
        ``change_series``: a row per date with ``date``, ``nodes``, ``ties``,
        ``density`` (undirected simple graph), ``ties_gained``, ``ties_lost``,
        ``ties_with_new_nodes``, ``nodes_gained``, ``nodes_lost``; ``meta`` lists the
        ties gained and lost between each pair of dates with their own dates
        (``steps``) and each node's degree at every date (``degrees``).

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> series(g, [dt.date(2020, 1, 1)]).rows[0]["ties"]
    1
    """
    dated = dated if dated is not None else Dated(graph)
    rows, steps = [], []
    degrees: dict[Any, list[float]] = {node: [] for node in dated.nodes}
    previous: dt.date | None = None
    for day in when:
        nodes, ties = dated.at(day)
        degree = dated.degrees(day)
        for node in dated.nodes:
            degrees[node].append(degree.get(node, 0.0))
        n = int(nodes.sum())
        links = sum(degree.values()) / 2
        row: dict[str, Any] = {
            "date": day.isoformat(),
            "nodes": n,
            "ties": int(ties.sum()),
            "density": 2 * links / (n * (n - 1)) if n > 1 else 0.0,
            "ties_gained": 0,
            "ties_lost": 0,
            "ties_with_new_nodes": 0,
            "nodes_gained": 0,
            "nodes_lost": 0,
        }
        if previous is not None:
            found = gained_and_lost(dated, previous, day)
            before = dated.at(previous)[0]
            row.update(
                ties_gained=int(found["gained"].sum()),
                ties_lost=int(found["lost"].sum()),
                ties_with_new_nodes=int(found["with_new_nodes"].sum()),
                nodes_gained=int((nodes & ~before).sum()),
                nodes_lost=int((before & ~nodes).sum()),
            )
            steps.append(
                {
                    "from": previous.isoformat(),
                    "to": day.isoformat(),
                    "gained": tie_rows(dated, found["gained"]),
                    "lost": tie_rows(dated, found["lost"]),
                }
            )
        rows.append(row)
        previous = day
    meta = {
        "dates": [d.isoformat() for d in when],
        "steps": steps,
        "degrees": {str(k): v for k, v in degrees.items() if any(v)},
        "definition": "a tie is gained when its own validity begins between two dates and "
        "both its ends exist on the second; ties that appear only because an end node "
        "began are counted as ties_with_new_nodes",
    }
    return Result("change_series", rows, meta)


def node_series(
    graph: nx.MultiDiGraph, node: str, when: list[dt.date], *, dated: Dated | None = None
) -> list[tuple[str, float]]:
    """A node's degree (neighbours in the undirected simple graph) at each date.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A workspace graph or a view of it.
    node : str
        The node's id.
    when : list of datetime.date
        The dates.
    dated : Dated, optional
        ``Dated(graph)`` when already built.

    Returns
    -------
    list of tuple
        ``(ISO date, degree)`` per date.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b")])
    >>> node_series(g, "a", [dt.date(2020, 1, 1)])
    [('2020-01-01', 1.0)]
    """
    dated = dated if dated is not None else Dated(graph)
    return [(day.isoformat(), dated.degrees(day).get(node, 0.0)) for day in when]
