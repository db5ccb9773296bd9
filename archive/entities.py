"""Entities (a company, a person, a place) and their names in any script and spelling.

A user records that several names are one entity ("Nebesnaya Mekhanika" = "Небесная механика" = "Sky
Mechanics"); a search naming any of them then finds every one (archive.search.variants), each hit saying which
name it holds. A name belongs to one entity at most, compared folded (case, accents and spacing aside), so a
name in a query stands for one entity; a name already another entity's is refused with the way out (merge).
Merging moves every name of one entity to another and leaves the first pointing at it, so its page and id go
on working; merging an entity into itself, or into one already merged into it, is refused (no loops).

Every change is a ledger event naming its actor, written by the catalog in the change's own transaction:
`entity.created` (its name, kind and names), `entity.name_added`, `entity.name_removed` (with the reason),
`entity.merged` (the names moved).

The public API others build on:
- ``Entities.aliases(name)``: every name of the entity `name` is one of (read across scripts), else [].
- ``Entities.in_query(query)``: the names a query holds, replaced by placeholder words, with the names each
  stands for: what `Archive.search` and `Archive.captures_naming` give the index.
- ``mentions(text, names)``: whether a text (a claim) names any of the names, word for word.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from archive import inputs
from archive.analysis import MultilingualTokenizer
from archive.seams import CatalogBackend
from archive.clock import utc_now
from archive.errors import EntityNameTakenError, InvalidInputError, NotFoundError
from archive.folding import fold
from archive.models import ENTITY_KINDS
from archive.spelling import latin

NAME_LIMIT = 200  # characters of one name
NAME_WORDS = 12  # words of one name: a query is searched for names this long at most
NAMES_LIMIT = 2_000  # names of one entity (a search naming it looks for every one)
MERGE_DEPTH = 100  # merges followed from an old id to the entity it now belongs to
_PLACEHOLDER = "zzalias{}zz"  # a word no text holds: the index reads it as "any name of this entity"


@dataclass
class Entity:
    """An entity with its names (its own name first), and the entity it was merged into, if any."""

    id: int
    name: str
    kind: str
    names: list[str]
    created_at: str
    updated_at: str
    merged_into: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class QueryNames:
    """A query with the entity names it holds replaced by placeholder words, and what each stands for."""

    query: str
    aliases: dict[str, list[str]] = field(default_factory=dict)  # placeholder -> every name of the entity
    typed: dict[str, str] = field(default_factory=dict)  # placeholder -> the name as the query wrote it
    entities: list[Entity] = field(default_factory=list)


def name_forms(name: object, what: str = "name") -> tuple[str, str, str]:
    """Return a name as shown (spaces made single), folded (its words folded, for comparison) and read in Latin;
    raise InvalidInputError for a name that is no text, too long, or without a word."""
    shown = " ".join(inputs.text(name, what, NAME_LIMIT).split())
    words = [fold(token.text) for token in MultilingualTokenizer()(shown)]
    if not words:
        raise InvalidInputError(f"The {what} {shown!r} has no word in it: write the name as the sources do.")
    if len(words) > NAME_WORDS:
        raise InvalidInputError(f"The {what} {shown[:60]!r} has {len(words)} words: a name has at most "
                                f"{NAME_WORDS}.")
    return shown, " ".join(words), " ".join(latin(word) or word for word in words)


def mentions(text: str, names: list[str]) -> list[str]:
    """Return the names a text names, word for word (folded, or in the same Latin reading)."""
    words = [fold(token.text) for token in MultilingualTokenizer()(text)]
    folded, read = f" {' '.join(words)} ", f" {' '.join(latin(word) or word for word in words)} "
    found = []
    for name in names:
        try:
            _shown, name_folded, name_read = name_forms(name)
        except InvalidInputError:
            continue
        if f" {name_folded} " in folded or f" {name_read} " in read:
            found.append(name)
    return found


class Entities:
    """Entities and their names in one archive's catalog."""

    def __init__(self, catalog: CatalogBackend):
        self.catalog = catalog

    def add(self, name: str, kind: str = "other", aliases: list[str] | tuple[str, ...] = ()) -> Entity:
        """Record an entity under a name, with more names (aliases) at once."""
        kind = _kind(kind)
        names = _distinct([name_forms(name), *(name_forms(alias, "alias") for alias in _listed(aliases))])
        # the catalog refuses a name another entity holds, checked under its write lock (EntityNameTakenError)
        return self.get(self.catalog.add_entity(names[0][0], kind, names, at=utc_now()))

    def add_names(self, entity_id: int, names: list[str] | tuple[str, ...]) -> Entity:
        """Give an entity more names; a name it already has is left as it is."""
        entity = self.get(entity_id)
        have = {name_forms(name)[1] for name in entity.names}
        new = [forms for forms in _distinct([name_forms(n, "alias") for n in _listed(names)]) if forms[1] not in have]
        if len(entity.names) + len(new) > NAMES_LIMIT:
            raise InvalidInputError(f"Entity {entity.id} would have {len(entity.names) + len(new):,} names: the "
                                    f"limit is {NAMES_LIMIT:,}.")
        if new:
            self.catalog.add_entity_names(entity.id, new, at=utc_now())
        return self.get(entity.id)

    def remove_name(self, entity_id: int, name: str, reason: str | None = None) -> Entity:
        """Take a name from an entity (not its last one)."""
        entity = self.get(entity_id)
        _shown, folded, _reading = name_forms(name)
        if self.catalog.entity_name_owner(folded) != entity.id:
            raise NotFoundError(f"entity {entity.id} ({entity.name}) has no name {name!r}")
        if len(entity.names) == 1:
            raise InvalidInputError(f"{name!r} is the only name of entity {entity.id}: an entity keeps one name.")
        reason = inputs.text(reason, "reason", inputs.NOTE_MAX, required=False)
        self.catalog.remove_entity_name(entity.id, folded, reason, at=utc_now())
        return self.get(entity.id)

    def merge(self, entity_id: int, into: int) -> Entity:
        """Make one entity of two: every name of `entity_id` becomes a name of `into`."""
        source, target = self.get(entity_id), self.get(into)
        if source.id == target.id:
            raise InvalidInputError(f"Entity {entity_id} and entity {into} are already one entity "
                                    f"({target.name}, #{target.id}).")
        self.catalog.merge_entities(source.id, target.id, at=utc_now())
        return self.get(target.id)

    def get(self, entity_id: int) -> Entity:
        """Return an entity by id; an entity merged into another answers as that one."""
        entity_id = inputs.record_id(entity_id, "entity")
        followed: list[dict] = []
        row = self.catalog.entity_row(entity_id)
        while row is not None and row["merged_into"] is not None and len(followed) < MERGE_DEPTH:
            followed.append(row)
            if any(seen["id"] == row["merged_into"] for seen in followed):
                # a loop edited into the catalog: stop where it closes, as the entity of the loop holding the
                # names (a merge moved them there), so that its names still find each other
                row = max(followed, key=lambda seen: len(seen["names"]))
                break
            row = self.catalog.entity_row(row["merged_into"])
        if row is None:
            raise NotFoundError(f"there is no entity {entity_id} in this archive")
        return Entity(**row)

    def list(self, limit: int | None = None, offset: int = 0) -> list[Entity]:
        """Return the entities (merged ones aside) by name."""
        return [Entity(**row) for row in self.catalog.entity_rows(limit, offset)]

    def count(self) -> int:
        """Return how many entities there are, merged ones aside."""
        return self.catalog.count_entities()

    def find(self, name: str) -> Entity | None:
        """Return the entity a name is one of, read folded or in Latin, or None."""
        _shown, folded, reading = name_forms(name)
        rows = self.catalog.entity_names_matching([folded], [reading])
        exact = [row for row in rows if row["folded"] == folded] or rows
        return self.get(exact[0]["entity_id"]) if exact else None

    def aliases(self, name: str) -> list[str]:
        """Return every name of the entity `name` is one of (its own included), or [] when it is none's."""
        entity = self.find(name)
        return list(entity.names) if entity else []

    def in_query(self, query: str) -> QueryNames:
        """Find the entity names a query holds (longest first, read folded or in Latin) and replace each by a
        placeholder word; a name inside a longer quoted phrase stays as written."""
        if not self.catalog.count_entities():
            return QueryNames(query)  # most archives have none: one count, not a look-up of every run of words
        words = [(token.startchar, token.endchar, fold(token.text))
                 for token in MultilingualTokenizer()(query, chars=True)]
        if not words:
            return QueryNames(query)
        spans = [(i, j) for i in range(len(words)) for j in range(i + 1, min(i + NAME_WORDS, len(words)) + 1)]
        folded = {span: " ".join(word for _s, _e, word in words[span[0]:span[1]]) for span in spans}
        read = {span: " ".join(latin(word) or word for _s, _e, word in words[span[0]:span[1]]) for span in spans}
        rows = self.catalog.entity_names_matching(folded.values(), read.values())
        if not rows:
            return QueryNames(query)
        by_folded = {row["folded"]: row["entity_id"] for row in rows}
        by_reading = {row["reading"]: row["entity_id"] for row in rows}
        taken: set[int] = set()
        found: list[tuple[int, int, int]] = []  # (start char, end char, entity id)
        for i, j in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
            if taken & set(range(i, j)):
                continue
            entity_id = by_folded.get(folded[(i, j)]) or by_reading.get(read[(i, j)])
            start, end = words[i][0], words[j - 1][1]
            if entity_id is None or _inside_a_longer_phrase(query, start, end) or query[start - 1:start] == ":":
                continue
            taken |= set(range(i, j))
            found.append((start, end, entity_id))
        result = QueryNames(query)
        entities: dict[int, Entity] = {}
        found.sort()
        for number in reversed(range(len(found))):
            start, end, entity_id = found[number]
            if entity_id not in entities:
                entities[entity_id] = self.get(entity_id)
            placeholder = _PLACEHOLDER.format(number)
            result.aliases[placeholder] = list(entities[entity_id].names)
            result.typed[placeholder] = query[start:end]
            result.query = result.query[:start] + placeholder + result.query[end:]
        result.entities = sorted(entities.values(), key=lambda entity: entity.id)
        return result


def _inside_a_longer_phrase(query: str, start: int, end: int) -> bool:
    """Tell whether a span stands inside quotes that hold more than it."""
    if query[:start].count('"') % 2 == 0:
        return False
    return not (query[:start].rstrip().endswith('"') and query[end:].lstrip().startswith('"'))


def _kind(kind: object) -> str:
    kind = inputs.text(kind, "kind", inputs.NAME_MAX)
    if kind not in ENTITY_KINDS:
        raise InvalidInputError(f"Unknown kind of entity {kind!r}: use one of {', '.join(ENTITY_KINDS)}.")
    return kind


def _listed(names: object) -> list:
    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise InvalidInputError("The aliases must be a list of names.")
    if len(names) > NAMES_LIMIT:
        raise InvalidInputError(f"{len(names):,} names at once: an entity has at most {NAMES_LIMIT:,}.")
    return list(names)


def _distinct(names: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Drop names that fold to one already listed (the first spelling stays)."""
    seen, kept = set(), []
    for forms in names:
        if forms[1] not in seen:
            seen.add(forms[1])
            kept.append(forms)
    return kept

