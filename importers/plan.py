"""Turning parsed files into one all-or-nothing write.

:func:`plan_import` validates every row, resolves relationship ends (by id, then
by name or alias, in the files and in the workspace), checks that each type may
join the kinds it joins, finds near-duplicate names (merge suggestions, never
merged silently) and counts what would change. :func:`apply_plan` writes the
plan in one store transaction. Nothing is written while any problem remains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.access import Actor
from graph.collecting import cycle_collection_paused
from graph.errors import Problem, ValidationFailed
from graph.merge import merge_node
from graph.model import (
    ID_PATTERN,
    Node,
    NodeKind,
    Relationship,
    RelType,
    is_safe_id,
    relationship_id,
    safe_id,
)
from graph.store.base import Progress, Store, WriteResult
from graph.store.datatypes import NodeHead
from graph.store.upsert import EncodedRelationships
from importers.bulk import bulk_eligible, encode_relationships
from importers.bulk_nodes import build_nodes
from importers.parsed import FidelityReport, ParsedFile
from importers.records import RecordBuilder
from importers.resolve import (
    NameIndex,
    endpoints_problem,
    in_batch,
    in_store,
    refs_of,
    resolve_end,
)
from importers.rows import ImportOptions, RawRelationship
from importers.suggestions import (
    MAX_SUGGESTIONS,
    MergeSuggestion,
    close_names,
    likeliest_merges,
    name_choices,
    new_names,
)

__all__ = ["ImportPlan", "MergeSuggestion", "apply_plan", "plan_import"]


@dataclass
class ImportPlan:
    workspace: str
    files: list[str]
    nodes: list[Node] = field(default_factory=list)
    #: a list, or from the bulk path the rows in their stored form (decoded on access)
    relationships: Sequence[Relationship] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the likeliest near-duplicates (at most :data:`MAX_SUGGESTIONS`), likeliest first
    suggestions: list[MergeSuggestion] = field(default_factory=list)
    #: how many more near-duplicates were found than :attr:`suggestions` shows
    suggestions_more: int = 0
    notes: list[str] = field(default_factory=list)
    nodes_new: int = 0
    nodes_existing: int = 0
    relationships_new: int = 0
    relationships_existing: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def plan_import(
    store: Store, parsed_files: Sequence[ParsedFile], options: ImportOptions
) -> ImportPlan:
    """Validate and resolve everything; the plan says what a write would do."""
    with cycle_collection_paused():  # many new objects (rows, models), none in a cycle
        return _Planner(store, parsed_files, options).plan_all()


#: how many unknown names of one plan get a "did you mean …?"
_SUGGESTED = 20

#: a relationship row with the ends found for it in the files of the import
_Pending = tuple[ParsedFile, RawRelationship, str | None, str | None]


class _Planner:
    """One :func:`plan_import`: the batch of nodes and what is known of the store."""

    def __init__(
        self, store: Store, parsed_files: Sequence[ParsedFile], options: ImportOptions
    ) -> None:
        self.store = store
        self.files = parsed_files
        self.options = options
        self.workspace = options.workspace
        self.plan = ImportPlan(self.workspace, [p.path for p in parsed_files])
        self.batch: dict[str, Node] = {}
        self.derived_ids: set[str] = set()  # ids made from names, open to entity resolution
        self.failed_refs: set[str] = set()  # ids and names of node rows with a problem
        self.builders: dict[str, RecordBuilder] = {}
        self.renamed: dict[str, str] = {}
        #: the stored nodes the import names: the id, kind and name of those it holds
        self.stored_by_id: dict[str, Node | NodeHead] = {}
        self.stored_index: NameIndex | None = None
        self.stored_all: dict[str, Node] = {}
        self.stored_refs: dict[str, Node] = {}
        self.suggested = 0  # "did you mean" offered (capped: each scans every name)
        self.choices: dict[str, str] | None = None  # the names they choose from

    def plan_all(self) -> ImportPlan:
        plan = self.plan
        for parsed in self.files:
            plan.problems.extend(parsed.problems)
            plan.notes.extend(f"{parsed.path}: {n}" for n in parsed.notes)
        self.read_nodes()
        self.resolve_entities()
        encoded = self.bulk_relationships()
        if encoded is None:  # the row path: every row built, every problem found
            plan.relationships = list(
                self.read_relationships(self.pending_relationships()).values()
            )
        else:
            plan.relationships = encoded
        for path, builder in self.builders.items():
            plan.problems.extend(builder.problems)
            if builder.replaced_ids:
                plan.notes.append(f"{path}: {_replaced_note(builder.replaced_ids)}")
        plan.problems = _by_row(plan.problems)
        plan.nodes = list(self.batch.values())
        self.count_changes()
        if not plan.problems:  # near-duplicates, among the names new in this import
            stored = self.stored_all if self.stored_index is not None else self.stored_by_id
            plan.suggestions, found = likeliest_merges(
                plan.nodes,
                stored.values(),
                ties=_ties(plan.relationships),
                new=new_names(plan.nodes, self.stored_by_id),
                limit=MAX_SUGGESTIONS,
            )
            plan.suggestions_more = found - len(plan.suggestions)
        return plan

    def read_nodes(self) -> None:
        """1. Every node row built; rows of one id merged."""
        for parsed in self.files:
            builder = RecordBuilder(self.options, strict=parsed.strict)
            self.builders[parsed.path] = builder
            built = build_nodes(parsed, self.options)  # the column path, if it takes them
            for index, raw_node in enumerate(parsed.nodes):
                node = builder.node(raw_node) if built is None else built[index]
                if node is None:
                    self.failed_refs.update(refs_of(raw_node))
                    continue
                if not raw_node.fields.get("id"):
                    self.derived_ids.add(node.id)
                if node.id in self.batch:
                    previous = self.batch[node.id]
                    if previous.kind is not node.kind:
                        self.plan.problems.append(
                            raw_node.location.problem(
                                f"id {node.id!r} is used for a {previous.kind} and a "
                                f"{node.kind}; give the rows distinct ids"
                            )
                        )
                        continue
                    node = merge_node(previous, node)
                self.batch[node.id] = node

    def load_stored(self) -> NameIndex:
        """Every stored node and its names, read once when a name must be looked up."""
        if self.stored_index is None:
            self.stored_index = NameIndex()
            for node in self.store.list_nodes(self.workspace):
                self.stored_all[node.id] = node
                self.stored_index.add(node)
        return self.stored_index

    def resolve_entities(self) -> None:
        """2. Entity resolution against the workspace: a node whose id was made from its
        name takes the id of a stored node of the same kind with that name or alias."""
        batch = self.batch
        self.stored_by_id = dict(self.store.node_heads(self.workspace, list(batch)))
        if not self.derived_ids or self.store.version(self.workspace) == 0:
            return
        index = self.load_stored()
        for node_id in sorted(self.derived_ids):
            if node_id in self.stored_by_id:
                continue
            node = batch[node_id]
            matches = {i for i in index.find(node.name) if self.stored_all[i].kind is node.kind}
            if len(matches) == 1:
                self.renamed[node_id] = matches.pop()
        for old, new in self.renamed.items():
            node = batch.pop(old).model_copy(update={"id": new})
            batch[new] = merge_node(batch[new], node) if new in batch else node
            self.stored_by_id.setdefault(new, self.stored_all[new])

    def bulk_relationships(self) -> EncodedRelationships | None:
        """3. The relationship rows through the bulk path (:mod:`importers.bulk`), when
        the import is clean so far and every row is one it takes; ``None`` otherwise,
        or at the first row with a problem (the row path then reports them all)."""
        if (
            self.plan.problems
            or any(p.problems for p in self.files)
            or any(b.problems for b in self.builders.values())
            or not bulk_eligible(self.files)
        ):
            return None
        return encode_relationships(self.files, self.workspace, self.ends_and_kinds)

    def ends_and_kinds(self, refs: set[str]) -> tuple[dict[str, str], dict[str, NodeKind]] | None:
        """The node id each text naming an end resolves to and the kinds of those nodes
        (the import's before the stored); ``None`` when a text does not resolve."""
        ends = self.resolve_refs(refs)
        if ends is None:
            return None
        kinds = {i: n.kind for i, n in self.stored_by_id.items()}
        kinds.update((i, n.kind) for i, n in self.batch.items())
        kinds.update((i, self.stored_all[i].kind) for i in ends.values() if i not in kinds)
        return ends, kinds

    def resolve_refs(self, refs: set[str]) -> dict[str, str] | None:
        """The node id each text naming an end resolves to, as :meth:`end` finds it;
        ``None`` when one does not resolve (the row path words why)."""
        batch_index = NameIndex(list(self.batch.values()))
        ends: dict[str, str] = {}
        unresolved: set[str] = set()
        for ref in refs:
            found = in_batch(ref, self.batch, batch_index, self.renamed)
            if found is None:
                unresolved.add(ref)
            else:
                ends[ref] = found
        if "" in unresolved:
            return None
        if unresolved:
            lookups = unresolved | {safe_id(r) for r in unresolved if not is_safe_id(r)}
            self.stored_refs = self.store.get_nodes(self.workspace, sorted(lookups))
            self.stored_by_id.update(self.stored_refs)
            need_names = {
                r
                for r in unresolved
                if r not in self.stored_refs and safe_id(r) not in self.stored_refs
            }
            if need_names and self.store.version(self.workspace) > 0:
                self.load_stored()  # as the row path does: it decides the suggestions' pool
        for ref in unresolved:
            found_in_store = in_store(ref, self.stored_refs, self.stored_index, self.stored_all)
            if not isinstance(found_in_store, str):
                return None
            ends[ref] = found_in_store
        return ends

    def pending_relationships(self) -> list[_Pending]:
        """3a. The ends of every relationship row found in the import, and the stored
        nodes the others name read."""
        batch_index = NameIndex(list(self.batch.values()))
        pending: list[_Pending] = []
        unresolved: set[str] = set()
        for parsed in self.files:
            for raw_rel in parsed.relationship_rows():
                ends: list[str | None] = []
                for key in ("source", "target"):
                    ref = raw_rel.fields.get(key)
                    ref_text = str(ref).strip() if ref is not None else ""
                    resolved = in_batch(ref_text, self.batch, batch_index, self.renamed)
                    if resolved is None and ref_text:
                        unresolved.add(ref_text)
                    ends.append(resolved)
                pending.append((parsed, raw_rel, ends[0], ends[1]))
        lookups = unresolved | {safe_id(r) for r in unresolved if not is_safe_id(r)}
        if unresolved:
            self.stored_refs = self.store.get_nodes(self.workspace, sorted(lookups))
        self.stored_by_id.update(self.stored_refs)
        need_names = {
            r
            for r in unresolved
            if r not in self.stored_refs and safe_id(r) not in self.stored_refs
        }
        if need_names and self.store.version(self.workspace) > 0:
            self.load_stored()
        return pending

    def read_relationships(self, pending: list[_Pending]) -> dict[str, Relationship]:
        """3b. Every relationship row built, its ends resolved and its kinds checked."""
        rels: dict[str, Relationship] = {}
        fidelity = FidelityReport()  # self-loops skipped and ties merged in others' files
        for parsed, raw, source, target in pending:
            ends = [self.end(raw, "source", source), self.end(raw, "target", target)]
            if not parsed.strict and ends[0] is not None and ends[0] == ends[1]:
                fidelity.self_loop(parsed.path, raw.location, ends[0])
                continue
            rel = self.relationship(parsed, raw, ends[0], ends[1])
            if rel is not None:
                fidelity.add(rels, rel, raw.location, strict=parsed.strict)
        self.plan.notes.extend(fidelity.notes())
        return rels

    def end(self, raw: RawRelationship, key: str, found_in_batch: str | None) -> str | None:
        """The node one end of a row names; its problem goes into the plan."""
        found, problem = resolve_end(
            raw,
            key,
            found_in_batch,
            self.stored_refs,
            self.stored_index,
            self.stored_all,
            self.failed_refs,
            self.workspace,
            self.did_you_mean,
        )
        if problem is not None:
            self.plan.problems.append(problem)
        return found

    def did_you_mean(self, ref: str) -> str:
        """'; did you mean …?' with the closest names in the import and the workspace, for
        the first :data:`_SUGGESTED` unknown names of a plan ('' when none is close)."""
        if self.suggested >= _SUGGESTED:
            return ""
        self.suggested += 1
        if self.choices is None:
            self.choices = name_choices([*self.batch.values(), *self.stored_all.values()])
        names = close_names(ref, self.choices)
        return f"; did you mean {' or '.join(repr(n) for n in names)}?" if names else ""

    def relationship(
        self, parsed: ParsedFile, raw: RawRelationship, source: str | None, target: str | None
    ) -> Relationship | None:
        """The relationship a row gives, ``None`` when it has a problem (in the plan).

        In others' files, a type that cannot join its ends' kinds becomes
        ``related_to``, the original kept as the property ``original_type``.
        """
        # the row's own fields are checked even when an end is missing
        rel = self.builders[parsed.path].relationship(raw, source, target)
        type_column = raw.columns.get("type", "type")
        if rel is None:
            # a row with other problems: its ends are still checked against its type
            rel_type = self.builders[parsed.path].strict_type_of(raw) if parsed.strict else None
            if rel_type is not None and source is not None and target is not None:
                rel = Relationship.model_construct(type=rel_type, source=source, target=target)
                if problem := self.endpoints_problem(rel):
                    self.plan.problems.append(raw.location.problem(problem, type_column))
            return None
        problem = self.endpoints_problem(rel)
        if problem is None:
            return rel
        if parsed.strict:
            self.plan.problems.append(raw.location.problem(problem, type_column))
            return None
        properties = {
            **rel.properties,
            "original_type": rel.properties.get("original_type", rel.type.value),
        }
        rel = rel.model_copy(update={"type": RelType.RELATED_TO, "properties": properties})
        return rel.model_copy(update={"id": _rederive_id(rel, raw)})

    def endpoints_problem(self, rel: Relationship) -> str | None:
        return endpoints_problem(rel, self.batch, self.stored_by_id, self.stored_all)

    def count_changes(self) -> None:
        """4. What would change."""
        plan = self.plan
        plan.nodes_existing = sum(1 for n in plan.nodes if n.id in self.stored_by_id)
        plan.nodes_new = len(plan.nodes) - plan.nodes_existing
        if plan.relationships:
            rels = plan.relationships
            ids = rels.ids if isinstance(rels, EncodedRelationships) else [r.id for r in rels]
            existing = _existing_relationship_ids(self.store, self.workspace, ids)
            plan.relationships_existing = len(existing)
            plan.relationships_new = len(plan.relationships) - len(existing)


def _ties(rels: Sequence[Relationship]) -> Counter[str]:
    """How many of ``rels`` each node has."""
    if isinstance(rels, EncodedRelationships):
        return Counter([*rels.sources, *rels.targets])
    return Counter([end for r in rels for end in (r.source, r.target)])


def _by_row(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file (in the order the files came) and row, so that every
    problem of one row is listed together."""
    files: dict[str, int] = {}
    for problem in problems:
        files.setdefault(problem.file, len(files))
    return sorted(problems, key=lambda p: (files[p.file], p.row or 0))


def _replaced_note(replaced: dict[str, str]) -> str:
    """The import report's note on foreign ids replaced by safe ones."""
    shown = ", ".join(f"{old!r} → {new!r}" for old, new in list(replaced.items())[:5])
    more = f" and {len(replaced) - 5} more" if len(replaced) > 5 else ""
    return (
        f"{len(replaced)} id(s) did not fit the id pattern {ID_PATTERN} and were replaced by "
        f"ids made from them, the original kept as the property original_id: {shown}{more}"
    )


def _existing_relationship_ids(store: Store, workspace: str, ids: list[str]) -> set[str]:
    if store.version(workspace) == 0:
        return set()
    # in key order: each chunk of look-ups lands on a few neighbouring pages (at 200 000
    # ties of a re-import, 0.5 s instead of 1.2 s)
    return store.existing_relationship_ids(workspace, sorted(ids))


def _rederive_id(rel: Relationship, raw: RawRelationship) -> str:
    if raw.fields.get("id"):
        return rel.id
    return relationship_id(rel.type, rel.source, rel.target)


def apply_plan(
    store: Store,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    actor: Actor | None = None,
) -> WriteResult:
    """Write the plan in one transaction (logged as ``actor``'s change); refuses a plan
    that has problems."""
    if plan.problems:
        raise ValidationFailed(plan.problems)
    with cycle_collection_paused():  # the rows of the write: none in a cycle
        return store.upsert(
            plan.workspace, plan.nodes, plan.relationships, progress=progress, actor=actor
        )
