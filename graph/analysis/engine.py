"""Where an analysis runs: in this process on the loaded workspace graph (``local``),
or inside the database next to the data (``gds``: Neo4j Graph Data Science, through
:mod:`graph.analysis.in_database`).

``auto`` (the default) runs centrality and communities in the database when the store
declares it can (``capabilities.in_database_analytics``), the workspace has at least
``min_nodes`` nodes, and every option asked for can be honoured there; otherwise in
process. ``gds`` asks for the database and is refused, with the reasons, when it
cannot be done; ``local`` never uses it. The choice and its reason go in the result's
``meta`` (``engine``, ``engine_reason``).

See :func:`cannot_honour` for what the database cannot honour, and
:func:`choose_engine` for the choice.
"""

from __future__ import annotations

from typing import Any

from graph.errors import GrenswerkError
from graph.settings import StoreSettings
from graph.store.analytics import in_database_analytics

__all__ = ["ENGINES", "GDS_MIN_NODES", "IN_DATABASE", "cannot_honour", "choose_engine"]

#: The engines an analysis can be asked to run on.
ENGINES = ("auto", "local", "gds")
#: ``auto`` runs in the database from this many nodes of a workspace (the default of
#: the setting ``GRENSWERK_GDS_MIN_NODES``).
GDS_MIN_NODES: int = StoreSettings.model_fields["gds_min_nodes"].default
#: The analyses the database can run.
IN_DATABASE = ("centrality", "communities")

#: Why an option cannot be honoured in the database, by option (docs/analyses.md).
REASONS = {
    "analysis": "{name} runs in this process only (the database runs centrality and communities)",
    "project": "project: the shared-neighbour projection is built in this process only",
    "eigenvector": "eigenvector: GDS finds it by power iteration, which does not settle "
    "on the two-sided (bipartite) parts of a network (people and the organisations they "
    "work at), where igraph's ARPACK does",
    "path_weighted": "path_weighted: GDS's closeness and harmonic count hops only, and "
    "its betweenness compares path lengths exactly, so two routes of equal length whose "
    "sums of 1 / strength round differently count as one (the in-process engine counts "
    "both)",
    "directed": "directed: communities ignore direction, and the in-process engine keeps "
    "one direction's weight of a tie that runs both ways, which GDS cannot repeat",
    "resolution": "resolution: GDS's Louvain has no resolution (its Leiden has: use "
    "--method leiden)",
    "seed": "seed: GDS's Louvain draws nothing at random (one thread: always the same "
    "communities), so another seed cannot give other ones",
}


def cannot_honour(name: str, options: Any) -> list[str]:
    """Why the database cannot run analysis ``name`` with ``options`` (empty: it can).

    Parameters
    ----------
    name : str
        An analysis of :data:`graph.analysis.registry.ANALYSES`.
    options : AnalysisOptions
        The options asked for.

    Returns
    -------
    list of str
        One sentence per option that cannot be honoured, naming it.

    Examples
    --------
    >>> from graph.analysis.registry import AnalysisOptions
    >>> cannot_honour("centrality", AnalysisOptions(measures=("pagerank",)))
    []
    >>> [r.split(":")[0] for r in cannot_honour("centrality", AnalysisOptions())]
    ['eigenvector']
    >>> cannot_honour("communities", AnalysisOptions(method="louvain", seed=2))[0][:40]
    "seed: GDS's Louvain draws nothing at ran"
    """
    if name not in IN_DATABASE:
        return [REASONS["analysis"].format(name=name)]
    found = []
    if options.project:
        found.append(REASONS["project"])
    if name == "centrality":
        if "eigenvector" in options.measures:
            found.append(REASONS["eigenvector"])
        distances = {"betweenness", "closeness", "harmonic"} & set(options.measures)
        if options.path_weighted and options.weighted and distances:
            found.append(REASONS["path_weighted"])
    else:
        if options.directed:
            found.append(REASONS["directed"])
        if options.method == "louvain" and options.resolution != 1.0:
            found.append(REASONS["resolution"])
        if options.method == "louvain" and options.seed != 0:
            found.append(REASONS["seed"])
    return found


def choose_engine(
    store: Any, workspace: str, name: str, options: Any, min_nodes: int = GDS_MIN_NODES
) -> tuple[str, str]:
    """The engine analysis ``name`` runs on, and why.

    Parameters
    ----------
    store : Store
        The workspace's store.
    workspace : str
        The workspace.
    name : str
        The analysis.
    options : AnalysisOptions
        Its options; ``options.engine`` is ``auto``, ``local`` or ``gds``.
    min_nodes : int
        ``auto``: the database from this many nodes of the workspace.

    Returns
    -------
    tuple of (str, str)
        ``local`` or ``gds``, and a sentence saying why.

    Raises
    ------
    GrenswerkError
        ``gds`` asked for where the store cannot, or with options it cannot honour.

    Examples
    --------
    >>> from graph.analysis.registry import AnalysisOptions
    >>> from graph.store.sqlite import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> choose_engine(store, "w", "centrality", AnalysisOptions())
    ('local', 'the store cannot run analyses inside its database')
    >>> choose_engine(store, "w", "centrality", AnalysisOptions(engine="gds"))
    Traceback (most recent call last):
    ...
    graph.errors.NotSupported: this store cannot run analyses inside its database ...
    """
    engine = options.engine
    if engine == "local":
        return "local", "asked for (engine local)"
    capable = bool(store.capabilities.in_database_analytics)
    problems = cannot_honour(name, options)
    if engine == "gds":
        if not capable:
            in_database_analytics(store)  # raises NotSupported, saying what is needed
        if problems:
            raise GrenswerkError(
                "engine gds cannot honour what was asked: "
                + "; ".join(problems)
                + ". Use engine local (or auto)."
            )
        return "gds", "asked for (engine gds)"
    if not capable:
        return "local", "the store cannot run analyses inside its database"
    if name not in IN_DATABASE:
        return "local", REASONS["analysis"].format(name=name)
    nodes = in_database_analytics(store).count_nodes(workspace)
    if nodes < min_nodes:
        return "local", f"{nodes} nodes, fewer than the {min_nodes} from which auto uses GDS"
    if problems:
        return "local", "GDS cannot honour what was asked: " + "; ".join(problems)
    return "gds", f"{nodes} nodes, at least the {min_nodes} from which auto uses GDS"
