"""Homophily by practice, with permutation tests: is the E-I index (Krackhardt & Stern)
or the assortativity by group (Newman) further from what the group sizes alone give
than chance?

The test permutes the group labels over the actors (node-label permutation, the QAP
test of one graph against a fixed "same group" matrix: UCINET's E-I permutation test,
R ``sna::qaptest``) ``permutations`` times, seeded, and reports as ``qaptest`` does:
``p_greater`` = the share of permutations whose statistic is at least the observed one,
``p_less`` = the share at most, and ``p_two_sided`` = the share at least as far from
the permutations' mean. Actors of unknown group keep no label and their ties are left
out, as the E-I index leaves them out.

Examples
--------
>>> g = nx.Graph([("s1", "s2"), ("c1", "c2"), ("s1", "c1")])
>>> groups = {"s1": "school", "s2": "school", "c1": "company", "c2": "company"}
>>> r = homophily(g, groups, permutations=99, seed=1)
>>> [(row["statistic"], round(row["observed"], 3)) for row in r.rows]
[('ei_index', -0.333), ('assortativity', 0.333)]
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

from graph.analysis.result import Result

__all__ = ["assortativity", "ei_statistic", "homophily"]


def ei_statistic(u: np.ndarray, v: np.ndarray) -> float:
    """Krackhardt & Stern's E-I index: (external − internal) / ties.

    Parameters
    ----------
    u, v : numpy.ndarray
        The group label (an integer) of each tie's two ends.

    Returns
    -------
    float
        From −1 (all internal) to 1 (all external); NaN without ties.

    Examples
    --------
    >>> ei_statistic(np.array([0, 0]), np.array([0, 1]))
    0.0
    """
    if len(u) == 0:
        return float("nan")
    internal = int((u == v).sum())
    return (len(u) - 2 * internal) / len(u)


def assortativity(u: np.ndarray, v: np.ndarray, k: int) -> float:
    """Newman's assortativity by a categorical attribute, ``(Σ e_ii − Σ a_i²) / (1 − Σ
    a_i²)``, each tie counted both ways (networkx's ``attribute_assortativity_coefficient``,
    R igraph's ``assortativity_nominal(directed = FALSE)``).

    Parameters
    ----------
    u, v : numpy.ndarray
        The group label (0 to ``k − 1``) of each tie's two ends.
    k : int
        The number of groups.

    Returns
    -------
    float
        From −1 to 1; NaN without ties or when every end is in one group.

    Examples
    --------
    >>> round(assortativity(np.array([0, 1, 0]), np.array([0, 1, 1]), 2), 3)
    0.333
    """
    if len(u) == 0:
        return float("nan")
    e = np.zeros((k, k))
    np.add.at(e, (u, v), 1)
    np.add.at(e, (v, u), 1)
    e /= e.sum()
    a = e.sum(axis=1)
    spread = 1 - float((a * a).sum())
    return (float(np.trace(e)) - float((a * a).sum())) / spread if spread else float("nan")


def _test(observed: float, sample: np.ndarray) -> dict[str, Any]:
    mean = float(sample.mean()) if len(sample) else float("nan")
    far = abs(observed - mean)
    return {
        "observed": observed,
        "expected": mean,
        "sd": float(sample.std(ddof=1)) if len(sample) > 1 else float("nan"),
        "p_greater": float((sample >= observed - 1e-12).mean()),
        "p_less": float((sample <= observed + 1e-12).mean()),
        "p_two_sided": float((np.abs(sample - mean) >= far - 1e-12).mean()),
        "permutations": len(sample),
    }


def homophily(
    graph: nx.Graph,
    group: str | dict[Any, Any],
    *,
    permutations: int = 999,
    seed: int = 0,
) -> Result:
    """The E-I index and assortativity by group, each with a permutation test.

    Parameters
    ----------
    graph : networkx.Graph
        A simple graph (direction is ignored: each tie counts once).
    group : str or dict
        A node attribute or a mapping node → group; ``None`` and ``unknown`` carry no
        label.
    permutations : int, default 999
        How many random relabellings.
    seed : int, default 0
        The seed of the relabellings (numpy's ``default_rng``).

    Returns
    -------
    Result
        ``homophily``: a row per statistic (``ei_index``, ``assortativity``) with
        ``observed``, the permutations' mean (``expected``) and ``sd``, ``p_greater``,
        ``p_less``, ``p_two_sided`` and ``permutations``; ``meta`` says how it was
        computed.

    References
    ----------
    .. [1] Krackhardt, D. and Stern, R. N. (1988). Informal networks and organizational
       crises. *Social Psychology Quarterly* 51, 123–140.
    .. [2] Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67,
       026126.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> r = homophily(g, {"a": "x", "b": "x", "c": "y", "d": "y"}, permutations=10)
    >>> r.rows[0]["permutations"], r.meta["computed"]
    (10, 'sampled: 10 random permutations of the group labels (seed 0)')
    """
    raw = (
        dict(group.items())
        if isinstance(group, dict)
        else {n: graph.nodes[n].get(group) for n in graph}
    )
    groups = {n: g for n, g in raw.items() if n in graph and g not in (None, "", "unknown")}
    names = sorted({str(g) for g in groups.values()})
    k = len(names)
    labelled = list(groups)
    position = {n: i for i, n in enumerate(labelled)}
    labels = np.array([names.index(str(groups[n])) for n in labelled], dtype=np.int64)
    # the ties as positions of their ends among the labelled actors
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    ends = np.array(
        [
            (position[a], position[b])
            for a, b in undirected.edges()
            if a != b and a in position and b in position
        ],
        dtype=np.int64,
    ).reshape(-1, 2)
    u, v = labels[ends[:, 0]], labels[ends[:, 1]]
    rng = np.random.default_rng(seed)
    ei_sample = np.empty(permutations)
    assort_sample = np.empty(permutations)
    for i in range(permutations):
        shuffled = rng.permutation(labels)
        a, b = shuffled[ends[:, 0]], shuffled[ends[:, 1]]
        ei_sample[i] = ei_statistic(a, b)
        assort_sample[i] = assortativity(a, b, k)
    rows = [
        {"statistic": "ei_index", **_test(ei_statistic(u, v), ei_sample)},
        {"statistic": "assortativity", **_test(assortativity(u, v, k), assort_sample)},
    ]
    meta = {
        "groups": {name: int((labels == i).sum()) for i, name in enumerate(names)},
        "ties": len(u),
        "permutations": permutations,
        "seed": seed,
        "computed": f"sampled: {permutations} random permutations of the group labels "
        f"(seed {seed})",
    }
    return Result("homophily", rows, meta)
