"""Finding the nodes a relationship row names: by id, by a foreign id made safe, by name
or alias (in the files of an import, then in the workspace), and whether its type may
join their kinds. Used by :func:`importers.plan.plan_import`.

Examples
--------
>>> from graph.model import Node
>>> ann = Node(workspace="w", id="ann", kind="person", name="Ann de Vries", aliases=["Ann"])
>>> index = NameIndex([ann])
>>> index.find("ann de vries"), index.find("ANN")
({'ann'}, {'ann'})
>>> in_batch("Ann de Vries", {"ann": ann}, index, {})
'ann'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from graph.errors import Problem
from graph.model import Node, Relationship, is_safe_id, normalise, safe_id, slugify
from graph.store.datatypes import NodeHead
from importers.rows import RawNode, RawRelationship

__all__ = ["NameIndex", "endpoints_problem", "in_batch", "in_store", "refs_of", "resolve_end"]


class NameIndex:
    """Nodes by normalised name and alias, built on the first look-up (most imports
    refer to nodes by id and never need it)."""

    def __init__(self, nodes: Iterable[Node] = ()) -> None:
        self._pending: Iterable[Node] | None = nodes
        self.by_name: dict[str, set[str]] = defaultdict(set)

    def add(self, node: Node) -> None:
        self.by_name[normalise(node.name)].add(node.id)
        for alias in node.aliases:
            self.by_name[normalise(alias)].add(node.id)

    def find(self, text: str) -> set[str]:
        if self._pending is not None:
            for node in self._pending:
                self.add(node)
            self._pending = None
        return self.by_name.get(normalise(text), set())


def endpoints_problem(
    rel: Relationship,
    batch: dict[str, Node],
    stored_by_id: Mapping[str, Node | NodeHead],
    stored_all: dict[str, Node],
) -> str | None:
    """Why the relationship's type cannot join its ends' kinds (``None``: it can, or an
    end's kind is not known)."""
    kinds = []
    for end in (rel.source, rel.target):
        node = batch.get(end) or stored_by_id.get(end) or stored_all.get(end)
        if node is None:
            return None
        kinds.append(node.kind)
    return rel.endpoints_problem(kinds[0], kinds[1])


def refs_of(raw: RawNode) -> set[str]:
    """The texts a relationship row may use to name this node row."""
    refs = set()
    for key in ("id", "name"):
        value = raw.fields.get(key)
        if value is not None and str(value).strip():
            refs.update({str(value).strip(), normalise(str(value))})
    return refs


def resolve_end(
    raw: RawRelationship,
    key: str,
    in_batch: str | None,
    stored_refs: dict[str, Node],
    stored_index: NameIndex | None,
    stored_all: dict[str, Node],
    failed_refs: set[str],
    workspace: str,
    suggest: Callable[[str], str] | None = None,
) -> tuple[str | None, Problem | None]:
    """The node id one end of a relationship row names, or the problem with it
    (``suggest``: the "did you mean …?" added to a name that names no node)."""
    column = raw.columns.get(key, "from" if key == "source" else "to")
    ref = raw.fields.get(key)
    ref_text = str(ref).strip() if ref is not None else ""
    if not ref_text:
        return None, raw.location.problem("the relationship has no end here", column)
    if in_batch is not None:
        return in_batch, None
    found = in_store(ref_text, stored_refs, stored_index, stored_all)
    if isinstance(found, Problem):
        return None, raw.location.problem(found.message, column)
    if found is not None:
        return found, None
    if ref_text in failed_refs or normalise(ref_text) in failed_refs:
        message = f"points at {ref_text!r}, whose own row has a problem (see there)"
    else:
        message = (
            f"points at unknown node {ref_text!r} (not in this import, not in "
            f"workspace {workspace!r})"
        )
        if suggest is not None:
            message += suggest(ref_text)
    return None, raw.location.problem(message, column)


def in_batch(
    ref: str, batch: dict[str, Node], index: NameIndex, renamed: dict[str, str]
) -> str | None:
    if not ref:
        return None
    if ref in batch:
        return ref
    if ref in renamed:
        return renamed[ref]
    if not is_safe_id(ref) and safe_id(ref) in batch:  # a foreign id made safe
        return safe_id(ref)
    matches = index.find(ref)
    if len(matches) == 1:
        return next(iter(matches))
    slug = slugify(ref)
    if slug in batch:
        return slug
    if slug in renamed:
        return renamed[slug]
    return None


def in_store(
    ref: str,
    by_id: dict[str, Node],
    index: NameIndex | None,
    every: dict[str, Node],
) -> str | Problem | None:
    if ref in by_id:
        return ref
    if not is_safe_id(ref) and safe_id(ref) in by_id:  # a foreign id made safe
        return safe_id(ref)
    if index is None:
        return None
    matches = index.find(ref)
    if len(matches) == 1:
        return next(iter(matches))
    if len(matches) > 1:
        listed = ", ".join(sorted(matches)[:5])
        return Problem("", f"{ref!r} names several nodes ({listed}); use the id instead")
    slug = slugify(ref)
    return slug if slug in every else None
