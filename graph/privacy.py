"""People's names out of a workspace: ``forget`` a person, pseudonymise an export.

One rule finds a person's names in any text (docs/privacy.md says it in words):

* the full name and every alias, wherever they stand;
* the surname (from the first particle, "van Beveren", or else the last word) and every
  word of the name of three letters or more that is not a particle ("van", "de", …);
* matching folds case and accents ("PÉTRA" is "Petra") and takes whole words only
  ("Petra" is not found in "Petraschool"); the words of a name may be separated by
  spaces, line breaks, ``-``, ``.`` or apostrophes;
* a name word that is also an ordinary word ("Ton", "Zwaan", "Zwart", "Roos", "Bakker",
  see :data:`ORDINARY_WORDS`) is replaced only where it starts with a capital, so "een
  ton subsidie" stays;
* the full names and aliases of people who stay are left alone ("Peter Jansen" keeps
  his first name when Peter Lorist is forgotten).

Every text field is searched: names, aliases, descriptions, roles, urls, free
properties, quotes and provenance quotes of nodes and relationships. Ids are not text
and are not changed.

Examples
--------
>>> petra = Node(id="p", kind="person", name="Petra van Beveren", workspace="w")
>>> scrub = scrub_names([(petra, FORGOTTEN)])
>>> scrub("door Petra en PÉTRA VAN BEVEREN; mevrouw Van Beveren")
'door [verwijderd] en [verwijderd]; mevrouw [verwijderd]'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, TypeVar

from graph.access import Actor
from graph.changes import ChangeEntry, Replacement
from graph.errors import NotFound
from graph.model import Node, NodeKind, Relationship
from graph.store.base import Store
from graph.views import moved_text, parse_moved

__all__ = [
    "AMBIGUOUS",
    "FORGOTTEN",
    "ORDINARY_WORDS",
    "PARTICLES",
    "Forgotten",
    "NameScrubber",
    "forget",
    "scrub_names",
]

#: what stands where a forgotten person's name stood
FORGOTTEN = "[verwijderd]"

#: what stands where a name word of several pseudonymised people stood
AMBIGUOUS = "[naam]"

#: the shortest name word that is searched for on its own
MIN_PART = 3

#: words of a name that are never searched for on their own (folded)
# fmt: off
PARTICLES = frozenset({
    "van", "de", "der", "den", "het", "t", "'t", "ten", "ter", "te", "in", "op", "aan",
    "onder", "uit", "bij", "la", "le", "les", "du", "da", "di", "del", "della", "dos",
    "das", "von", "vom", "zu", "zum", "y", "e", "el", "al", "bin", "ibn", "mc", "mac", "st",
})

#: name words that are also ordinary Dutch or English words (folded): replaced only
#: where they start with a capital
ORDINARY_WORDS = frozenset({
    "ton", "zwaan", "zwart", "wit", "roos", "bas", "mark", "rob", "jan", "wil", "hoop",
    "lot", "kok", "boer", "bakker", "visser", "smit", "smits", "molenaar", "schipper",
    "koster", "brouwer", "dekker", "mulder", "koning", "jong", "groot", "klein", "lange",
    "kort", "vos", "haan", "kuiper", "timmer", "post", "berg", "bos", "dijk", "hout",
    "veld", "water", "zee", "meer", "bloem", "mei", "juni", "april", "may", "june", "rose",
    "hope", "will", "grace", "faith", "joy", "dawn", "bill", "frank", "sky", "river",
    "king", "young", "brown", "green", "white", "black",
})
# fmt: on

_T = TypeVar("_T", Node, Relationship)
_WORD = re.compile(r"\w+")
#: what may stand between the words of a name
_JOIN = re.compile(r"[\s\-.'’‘]+")
_ID_FIELDS = frozenset({"id", "workspace", "source", "target"})


def _fold(text: str) -> tuple[str, list[int]]:
    """Case- and accent-folded text, and for each of its characters the index of the
    character of ``text`` it came from."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        plain = unicodedata.normalize("NFKD", char)
        folded = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
        out.append(folded)
        origin.extend([index] * len(folded))
    return "".join(out), origin


@dataclass(frozen=True)
class _Needle:
    words: tuple[str, ...]  # folded words, as :data:`_WORD` cuts them
    replacement: str | None  # None: a name of someone who stays, left as it is
    capital_only: bool


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_fold(text)[0]))


def _needle(name: str, replacement: str | None) -> _Needle:
    words = _words(name)
    return _Needle(words, replacement, len(words) == 1 and words[0] in ORDINARY_WORDS)


def _needles(person: Node, replacement: str | None) -> list[_Needle]:
    """Every way ``person`` may be named, by the module's rule."""
    names = [n for n in (person.name, *person.aliases) if _words(n)]
    found = [_needle(n, replacement) for n in names]
    if replacement is None or person.kind is not NodeKind.PERSON:
        return found
    words = _words(person.name)
    particle = next((i for i, w in enumerate(words) if i > 0 and w in PARTICLES), None)
    if particle is not None and particle < len(words) - 1:
        found.append(_Needle(words[particle:], replacement, False))  # "van Beveren"
    for name in names:
        for word in _words(name):
            if len(word) >= MIN_PART and word not in PARTICLES:
                found.append(_needle(word, replacement))
    return found


@dataclass
class _Trie:
    children: dict[str, _Trie] = field(default_factory=dict)
    needle: _Needle | None = None


class NameScrubber:
    """Replaces people's names in texts and in every text field of nodes and ties.

    A text is cut into words (runs of letters and digits, case- and accent-folded); at
    each word the longest name that starts there and matches word for word is taken.
    The words of a name may be separated by white space, ``-``, ``.`` or apostrophes.
    """

    def __init__(self, needles: list[_Needle]) -> None:
        ordered: dict[tuple[str, ...], _Needle] = {}
        # a kept name wins over the same words of a name to replace
        for needle in sorted(needles, key=lambda n: n.replacement is not None):
            seen = ordered.setdefault(needle.words, needle)
            if seen.replacement not in (None, needle.replacement):
                # a name word of two people ("Peter"): neither pseudonym fits
                ordered[needle.words] = _Needle(needle.words, AMBIGUOUS, seen.capital_only)
        self._trie = _Trie()
        for needle in ordered.values():
            node = self._trie
            for word in needle.words:
                node = node.children.setdefault(word, _Trie())
            node.needle = needle

    def _match(self, words: list[re.Match[str]], at: int, folded: str) -> _Needle | None:
        """The longest name that starts at word ``at``."""
        found = None
        node = self._trie.children.get(words[at].group())
        index = at
        while node is not None:
            found = node.needle or found
            index += 1
            if index == len(words) or not _JOIN.fullmatch(
                folded, words[index - 1].end(), words[index].start()
            ):
                break
            node = node.children.get(words[index].group())
        return found

    def __call__(self, text: str) -> str:
        """``text`` with every name replaced."""
        if not self._trie.children or not text:
            return text
        folded, origin = _fold(text)
        words = list(_WORD.finditer(folded))
        pieces: list[str] = []
        done = at = 0
        while at < len(words):
            needle = self._match(words, at, folded)
            if needle is None:
                at += 1
                continue
            last = words[at + len(needle.words) - 1]
            start, end = origin[words[at].start()], origin[last.end() - 1] + 1
            at += len(needle.words)
            if needle.replacement is None or (needle.capital_only and not text[start].isupper()):
                continue
            pieces.append(text[done:start] + needle.replacement)
            done = end
        return "".join(pieces) + text[done:]

    def _value(self, value: Any) -> Any:
        if isinstance(value, str) and not isinstance(value, Enum):
            return self(value)
        if isinstance(value, list):
            return [self._value(v) for v in value]
        if isinstance(value, dict):
            return {k: self._value(v) for k, v in value.items()}
        return value

    def _fields(self, data: dict[str, Any]) -> dict[str, Any]:
        out = {k: v if k in _ID_FIELDS else self._value(v) for k, v in data.items()}
        # a provenance's source is the id of a source node, not text
        out["provenance"] = [
            {**scrubbed, "source": given["source"]}
            for scrubbed, given in zip(out["provenance"], data["provenance"], strict=True)
        ]
        return out

    def node(self, node: Node) -> Node:
        """``node`` with the names replaced in every text field (not in its id)."""
        return Node.model_validate(self._fields(node.model_dump()))

    def relationship(self, rel: Relationship) -> Relationship:
        """``rel`` with the names replaced in every text field (not in its id or ends)."""
        return Relationship.model_validate(self._fields(rel.model_dump()))


def scrub_names(people: Iterable[tuple[Node, str]], keep: Iterable[Node] = ()) -> NameScrubber:
    """A scrubber that replaces each person's names with the string paired with them,
    leaving the full names and aliases of the ``keep`` people as they are.

    Parameters
    ----------
    people
        ``(node, replacement)`` pairs: a pseudonym, or :data:`FORGOTTEN`.
    keep
        People whose own names must not be touched (those who stay).
    """
    needles = [n for node, replacement in people for n in _needles(node, replacement)]
    needles += [n for node in keep for n in _needles(node, None)]
    return NameScrubber(needles)


@dataclass(frozen=True)
class Forgotten:
    """What :func:`forget` did."""

    node: Node  #: the node as it was
    relationships: int  #: its ties, deleted with it
    rewritten: int  #: other nodes and ties whose text named it


def forget(
    store: Store,
    workspace: str,
    node_id: str,
    marker: str = FORGOTTEN,
    *,
    actor: Actor | None = None,
) -> Forgotten:
    """Remove a node with all its ties, and its names from every text of the workspace
    and from every earlier entry of its change log, in one write.

    For a person every name by the module's rule is replaced with ``marker``; for
    other nodes their full name and aliases. The names of other people stay. The log
    keeps only that a node was forgotten, when and by whom (no name, no details).

    Raises
    ------
    NotFound
        When the workspace has no such node.
    """
    node = store.get_node(workspace, node_id)
    if node is None:
        raise NotFound(f"no node {node_id!r} in workspace {workspace!r}")
    ties = store.list_relationships(workspace, node_id=node_id)
    nodes = [n for n in store.list_nodes(workspace) if n.id != node_id]
    rels = [r for r in store.list_relationships(workspace) if node_id not in (r.source, r.target)]
    stay = [n for n in nodes if n.kind is NodeKind.PERSON]
    scrub = scrub_names([(node, marker)], keep=stay)
    changed_nodes = _changed(nodes, scrub.node)
    changed_rels = _changed(rels, scrub.relationship)
    plan = Replacement(
        action="forget",
        nodes=changed_nodes,
        relationships=changed_rels,
        delete_nodes=[node_id],
        details=False,
        scrub=_log_scrubber(scrub, node_id, marker),
    )
    store.apply(workspace, plan, actor=actor)
    _forget_place(store, workspace, node_id)
    return Forgotten(node, len(ties), len(changed_nodes) + len(changed_rels))


def _forget_place(store: Store, workspace: str, node_id: str) -> None:
    """The node's place on the map goes too: its kept position, and where a saved view
    had it dragged to."""
    positions = store.get_positions(workspace)
    if node_id in positions:
        store.put_positions(workspace, {n: p for n, p in positions.items() if n != node_id})
    for view in store.list_views(workspace):
        moved = parse_moved(view.settings.get("moved", ""))
        if node_id in moved:
            del moved[node_id]
            settings = {**view.settings, "moved": moved_text(moved)}
            store.put_view(
                workspace, replace(view, settings={k: v for k, v in settings.items() if v})
            )


#: fields of a change entry that are never names
_LOG_FIXED = frozenset({"id", "time", "role", "action", "op", "counts", "undoes", "scrubbed"})


def _log_scrubber(
    scrub: NameScrubber, node_id: str, marker: str
) -> Callable[[ChangeEntry], ChangeEntry]:
    """Rewrites a change entry: the forgotten node's id and every name by the module's
    rule replaced with ``marker``, in every string of the entry (ids and quotes too)."""

    def value(item: Any) -> Any:
        if isinstance(item, str) and not isinstance(item, Enum):
            return marker if item == node_id else scrub(item)
        if isinstance(item, list):
            return [value(v) for v in item]
        if isinstance(item, dict):
            return {k: value(v) for k, v in item.items()}
        return item

    def rewrite(entry: ChangeEntry) -> ChangeEntry:
        data = entry.model_dump()
        out = {k: v if k in _LOG_FIXED else value(v) for k, v in data.items()}
        for what in ("nodes", "relationships"):
            out[what] = [
                {**value(e), "op": e["op"], "id": marker if e["id"] == node_id else scrub(e["id"])}
                for e in data[what]
            ]
        return ChangeEntry.model_validate(out)

    return rewrite


def _changed(elements: list[_T], scrub: Callable[[_T], _T]) -> list[_T]:
    """The elements that ``scrub`` changes, as it changes them."""
    out = []
    for element in elements:
        scrubbed = scrub(element)
        if scrubbed != element:
            out.append(scrubbed)
    return out
