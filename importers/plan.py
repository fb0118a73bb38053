"""Turning parsed files into one all-or-nothing write.

:func:`plan_import` validates every row, resolves relationship ends (by id, then
by name or alias, in the files and in the workspace), checks that each type may
join the kinds it joins, finds near-duplicate names (merge suggestions, never
merged silently) and counts what would change. :func:`apply_plan` writes the
plan in one store transaction. Nothing is written while any problem remains.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from graph.errors import Problem, ValidationFailed
from graph.merge import merge_node
from graph.model import (
    ID_PATTERN,
    Node,
    NodeKind,
    Relationship,
    RelType,
    is_safe_id,
    normalise,
    relationship_id,
    safe_id,
    slugify,
)
from graph.store.base import Progress, Store, WriteResult
from importers.parsed import FidelityReport, ParsedFile
from importers.records import ImportOptions, RawNode, RawRelationship, RecordBuilder

__all__ = ["ImportPlan", "MergeSuggestion", "apply_plan", "plan_import"]

#: names at least this similar (rapidfuzz ratio, 0-100) but not equal are reported
SUGGESTION_THRESHOLD = 90.0
WINDOW = 8  # neighbours each name is compared with, in each sort order


@dataclass(frozen=True)
class MergeSuggestion:
    """Two nodes of one kind whose names are nearly the same."""

    kind: NodeKind
    first: str
    first_name: str
    second: str
    second_name: str
    score: float

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.first_name!r} ({self.first}) looks like "
            f"{self.second_name!r} ({self.second}), similarity {self.score:.0f}%"
        )


@dataclass
class ImportPlan:
    workspace: str
    files: list[str]
    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    suggestions: list[MergeSuggestion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    nodes_new: int = 0
    nodes_existing: int = 0
    relationships_new: int = 0
    relationships_existing: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class _NameIndex:
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


def plan_import(
    store: Store, parsed_files: Sequence[ParsedFile], options: ImportOptions
) -> ImportPlan:
    """Validate and resolve everything; the plan says what a write would do."""
    workspace = options.workspace
    plan = ImportPlan(workspace, [p.path for p in parsed_files])
    for parsed in parsed_files:
        plan.problems.extend(parsed.problems)
        plan.notes.extend(f"{parsed.path}: {n}" for n in parsed.notes)

    # 1. nodes
    batch: dict[str, Node] = {}
    derived_ids: set[str] = set()  # ids made from names, open to entity resolution
    failed_refs: set[str] = set()  # ids and names of node rows with a problem
    builders: dict[str, RecordBuilder] = {}
    for parsed in parsed_files:
        builder = RecordBuilder(options, strict=parsed.strict)
        builders[parsed.path] = builder
        for raw_node in parsed.nodes:
            node = builder.node(raw_node)
            if node is None:
                failed_refs.update(_refs_of(raw_node))
                continue
            if not raw_node.fields.get("id"):
                derived_ids.add(node.id)
            if node.id in batch:
                previous = batch[node.id]
                if previous.kind is not node.kind:
                    plan.problems.append(
                        raw_node.location.problem(
                            f"id {node.id!r} is used for a {previous.kind} and a {node.kind}; "
                            "give the rows distinct ids"
                        )
                    )
                    continue
                node = merge_node(previous, node)
            batch[node.id] = node

    # 2. entity resolution against the workspace: a node whose id was made from its
    #    name takes the id of a stored node of the same kind with that name or alias
    stored_by_id = store.get_nodes(workspace, list(batch))
    stored_index: _NameIndex | None = None
    stored_all: dict[str, Node] = {}

    def load_stored() -> _NameIndex:
        nonlocal stored_index
        if stored_index is None:
            stored_index = _NameIndex()
            for node in store.list_nodes(workspace):
                stored_all[node.id] = node
                stored_index.add(node)
        return stored_index

    renamed: dict[str, str] = {}
    if derived_ids and store.version(workspace) > 0:
        index = load_stored()
        for node_id in sorted(derived_ids):
            if node_id in stored_by_id:
                continue
            node = batch[node_id]
            matches = {i for i in index.find(node.name) if stored_all[i].kind is node.kind}
            if len(matches) == 1:
                target = matches.pop()
                renamed[node_id] = target
        for old, new in renamed.items():
            node = batch.pop(old).model_copy(update={"id": new})
            batch[new] = merge_node(batch[new], node) if new in batch else node
            stored_by_id.setdefault(new, stored_all[new])

    batch_index = _NameIndex(list(batch.values()))

    # 3. relationships: resolve ends, check kinds
    pending: list[tuple[ParsedFile, RawRelationship, str | None, str | None]] = []
    unresolved: set[str] = set()
    for parsed in parsed_files:
        for raw_rel in parsed.relationships:
            ends: list[str | None] = []
            for key in ("source", "target"):
                ref = raw_rel.fields.get(key)
                ref_text = str(ref).strip() if ref is not None else ""
                resolved = _in_batch(ref_text, batch, batch_index, renamed)
                if resolved is None and ref_text:
                    unresolved.add(ref_text)
                ends.append(resolved)
            pending.append((parsed, raw_rel, ends[0], ends[1]))
    lookups = unresolved | {safe_id(r) for r in unresolved if not is_safe_id(r)}
    stored_refs = store.get_nodes(workspace, sorted(lookups)) if unresolved else {}
    stored_by_id.update(stored_refs)
    need_names = {r for r in unresolved if r not in stored_refs and safe_id(r) not in stored_refs}
    if need_names and store.version(workspace) > 0:
        load_stored()

    rels: dict[str, Relationship] = {}
    fidelity = FidelityReport()  # self-loops skipped and ties merged in others' files
    for parsed, raw, src_end, tgt_end in pending:
        builder = builders[parsed.path]
        resolved_ends: list[str | None] = []
        for key, in_batch in (("source", src_end), ("target", tgt_end)):
            found, end_problem = _resolve_end(
                raw, key, in_batch, stored_refs, stored_index, stored_all, failed_refs, workspace
            )
            if end_problem is not None:
                plan.problems.append(end_problem)
            resolved_ends.append(found)
        if (
            not parsed.strict
            and resolved_ends[0] is not None
            and resolved_ends[0] == resolved_ends[1]
        ):
            fidelity.self_loop(parsed.path, raw.location, resolved_ends[0])
            continue
        # the row's own fields are checked even when an end is missing
        rel = builder.relationship(raw, resolved_ends[0], resolved_ends[1])
        if rel is None:
            # a row with other problems: its ends are still checked against its type
            rel_type = builder.strict_type_of(raw) if parsed.strict else None
            if rel_type is not None and None not in resolved_ends:
                rel = Relationship.model_construct(
                    type=rel_type, source=resolved_ends[0], target=resolved_ends[1]
                )
                if problem := _endpoints_problem(rel, batch, stored_by_id, stored_all):
                    plan.problems.append(
                        raw.location.problem(problem, raw.columns.get("type", "type"))
                    )
            continue
        problem = _endpoints_problem(rel, batch, stored_by_id, stored_all)
        if problem is not None:
            if parsed.strict:
                plan.problems.append(raw.location.problem(problem, raw.columns.get("type", "type")))
                continue
            properties = {
                **rel.properties,
                "original_type": rel.properties.get("original_type", rel.type.value),
            }
            rel = rel.model_copy(update={"type": RelType.RELATED_TO, "properties": properties})
            rel = rel.model_copy(update={"id": _rederive_id(rel, raw)})
        fidelity.add(rels, rel, raw.location, strict=parsed.strict)
    plan.notes.extend(fidelity.notes())

    for path, builder in builders.items():
        plan.problems.extend(builder.problems)
        if builder.replaced_ids:
            plan.notes.append(f"{path}: {_replaced_note(builder.replaced_ids)}")
    plan.problems = _by_row(plan.problems)
    plan.nodes = list(batch.values())
    plan.relationships = list(rels.values())

    # 4. what would change
    plan.nodes_existing = sum(1 for n in plan.nodes if n.id in stored_by_id)
    plan.nodes_new = len(plan.nodes) - plan.nodes_existing
    if plan.relationships:
        existing_rels = _existing_relationship_ids(store, workspace, plan.relationships)
        plan.relationships_existing = len(existing_rels)
        plan.relationships_new = len(plan.relationships) - len(existing_rels)

    # 5. near-duplicates
    if not plan.problems:
        others = stored_all.values() if stored_index is not None else stored_by_id.values()
        plan.suggestions = suggest_merges(plan.nodes, others)
    return plan


def _endpoints_problem(
    rel: Relationship,
    batch: dict[str, Node],
    stored_by_id: dict[str, Node],
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


def _by_row(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (in the order the files came) and row, so that every
    problem of one row is listed together."""
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.row or 0))


def _refs_of(raw: RawNode) -> set[str]:
    """The texts a relationship row may use to name this node row."""
    refs = set()
    for key in ("id", "name"):
        value = raw.fields.get(key)
        if value is not None and str(value).strip():
            refs.update({str(value).strip(), normalise(str(value))})
    return refs


def _replaced_note(replaced: dict[str, str]) -> str:
    """The import report's note on foreign ids replaced by safe ones."""
    shown = ", ".join(f"{old!r} → {new!r}" for old, new in list(replaced.items())[:5])
    more = f" and {len(replaced) - 5} more" if len(replaced) > 5 else ""
    return (
        f"{len(replaced)} id(s) did not fit the id pattern {ID_PATTERN} and were replaced by "
        f"ids made from them, the original kept as the property original_id: {shown}{more}"
    )


def _existing_relationship_ids(
    store: Store, workspace: str, rels: Sequence[Relationship]
) -> set[str]:
    if store.version(workspace) == 0:
        return set()
    return store.existing_relationship_ids(workspace, [r.id for r in rels])


def _rederive_id(rel: Relationship, raw: RawRelationship) -> str:
    if raw.fields.get("id"):
        return rel.id
    return relationship_id(rel.type, rel.source, rel.target)


def _resolve_end(
    raw: RawRelationship,
    key: str,
    in_batch: str | None,
    stored_refs: dict[str, Node],
    stored_index: _NameIndex | None,
    stored_all: dict[str, Node],
    failed_refs: set[str],
    workspace: str,
) -> tuple[str | None, Problem | None]:
    """The node id one end of a relationship row names, or the problem with it."""
    column = raw.columns.get(key, "from" if key == "source" else "to")
    ref = raw.fields.get(key)
    ref_text = str(ref).strip() if ref is not None else ""
    if not ref_text:
        return None, raw.location.problem("the relationship has no end here", column)
    if in_batch is not None:
        return in_batch, None
    found = _in_store(ref_text, stored_refs, stored_index, stored_all)
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
    return None, raw.location.problem(message, column)


def _in_batch(
    ref: str, batch: dict[str, Node], index: _NameIndex, renamed: dict[str, str]
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


def _in_store(
    ref: str,
    by_id: dict[str, Node],
    index: _NameIndex | None,
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


def suggest_merges(
    incoming: Iterable[Node], stored: Iterable[Node], *, threshold: float = SUGGESTION_THRESHOLD
) -> list[MergeSuggestion]:
    """Pairs of nodes of one kind whose normalised names are nearly or exactly equal.

    The sorted-neighbourhood method (Hernández & Stolfo 1995): names are sorted, and
    each is compared with the next :data:`WINDOW` names; then again with the names
    sorted from their last letter, so that a typo at the start is caught too. The
    cost is linear in the number of names, so it runs on national-scale imports.

    >>> a = Node(id="a", kind="organisation", name="ROC Midden-Nederland", workspace="w")
    >>> b = Node(id="b", kind="organisation", name="ROC Midden Nederlnd", workspace="w")
    >>> [s.second for s in suggest_merges([a], [b])]
    ['b']
    """
    incoming = list(incoming)
    incoming_ids = {n.id for n in incoming}
    pool: dict[str, Node] = {}
    for node in (*stored, *incoming):
        pool[node.id] = node
    by_kind: dict[NodeKind, list[tuple[str, str]]] = defaultdict(list)
    for node in pool.values():
        if node.kind is NodeKind.SOURCE:
            continue
        norm = normalise(node.name)
        if len(norm) >= 4:
            by_kind[node.kind].append((norm, node.id))
    found: dict[tuple[str, str], float] = {}
    for entries in by_kind.values():
        for reverse in (False, True):
            order = sorted(entries, key=(lambda e: e[0][::-1]) if reverse else (lambda e: e))
            names = [e[0] for e in order]
            for k in range(1, min(WINDOW, len(names) - 1) + 1):
                scores = process.cpdist(
                    names[:-k],
                    names[k:],
                    scorer=fuzz.ratio,
                    score_cutoff=threshold,
                    dtype=np.uint8,
                    workers=-1,
                )
                for i in np.nonzero(scores)[0]:
                    first, second = order[i][1], order[i + k][1]
                    if first in incoming_ids or second in incoming_ids:
                        pair = (min(first, second), max(first, second))
                        found[pair] = max(found.get(pair, 0.0), float(scores[i]))
    out = [
        MergeSuggestion(pool[a].kind, a, pool[a].name, b, pool[b].name, score)
        for (a, b), score in found.items()
    ]
    return sorted(out, key=lambda s: (-s.score, s.first, s.second))


def apply_plan(store: Store, plan: ImportPlan, *, progress: Progress | None = None) -> WriteResult:
    """Write the plan in one transaction; refuses a plan that has problems."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    return store.upsert(plan.workspace, plan.nodes, plan.relationships, progress=progress)
