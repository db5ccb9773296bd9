"""Spellings in the captures that may be more names of an entity, and why.

A name's words are searched as names are (Latin readings, close spellings); each run of marked words in a
hit's passage is a spelling the captures use. It is suggested when it is no name yet and it reads close to
the name it was found for: its Latin reading the same ("Небесная механика" for "Nebesnaya Mekhanika"), or
within a few edits ("Mekhanica"). Names that mean the same in other words ("Sky Mechanics") share no letters
and are only found by people: the entity page takes them as aliases.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from archive.entities import name_forms
from archive.errors import InvalidInputError

NAMES_SEARCHED = 20  # an entity's names searched for suggestions (a 1,000-name entity is searched for 20)
CLOSE_ENOUGH = 80.0  # rapidfuzz's normalised similarity (0-100) of the Latin readings, at least


@dataclass
class AliasSuggestion:
    """A spelling that may be another name of an entity: where it was seen and why it is offered."""

    name: str
    folded: str
    reason: str
    score: float
    capture_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if key != "folded"}


def entity_suggestion(spelling: str, found_for: str, have: set[str]) -> AliasSuggestion | None:
    """Return a spelling as a suggestion for the name it was found for, or None when it is a name already or
    reads too far from it."""
    from rapidfuzz import fuzz

    try:
        shown, folded, reading = name_forms(spelling)
        _name, name_folded, name_reading = name_forms(found_for)
    except InvalidInputError:
        return None
    if folded in have or len(folded.split()) != len(name_folded.split()):
        return None
    if reading == name_reading:
        return AliasSuggestion(shown, folded, f"reads in Latin letters as {found_for!r} does", 100.0)
    score = fuzz.ratio(reading, name_reading)
    if score < CLOSE_ENOUGH:
        return None
    return AliasSuggestion(shown, folded, f"spelled close to {found_for!r} ({score:.0f} % alike)", round(score, 1))
