"""Where sources disagree: line up, for each figure of a claim, what every source says of it.

Each passage found for a claim (archive.find_sources: cited or not) becomes a row under the claim's figure it
states, with a verdict:
- "agreeing": the same figure in the same context; "rounding": the same context, a rounding of the figure
  (by the precision each side writes); "contradicting": the same context and another value, or the same
  figure credited to another actor ("Nebesnaya Mekhanika sent 500 drones" against a claim that Aspan Arba
  sent them); "not comparable": another period, direction or subject, with the reason (shown grey, never
  counted as contradicting).
- The actor of a figure is the name written last before its role's word (figures.context.actor). Two names
  are one actor when they are names of one recorded entity, and two actors when they are names of two
  (``entity_of`` tells which entity a name is one of: the archive reads the recorded entities). Otherwise two
  spellings of one of the claim's names are one actor, and two names are taken for one unless they are written
  in one script and differ by more than a fifth of their letters: a name in another script may be the same one
  transliterated, which only an entity's aliases can tell.
- Names are found through every spelling the anchors give them (the claim's name and its entity's aliases),
  and each row says by which words its source names each of the claim's names ("named as Скај механикс").

The sentences that name the claim's names and years (its anchors) are listed too, as mentions. Across every
row, a figure with a role that two sources credit to different actors ("Aspan Arba sent 500 drones";
"Nebesnaya Mekhanika sent 500 Aspan Arba drones") makes an account set side by side: the same value, unit,
kind of role and period, told of different actors.
Pure: the rows come from candidates the archive found, each with its capture's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from archive.anchors import Anchors, found_names
from archive.figures import extract
from archive.figures.context import actor, describe_period, family

VERDICTS = {"same": "agreeing", "rounded": "rounding", "different": "contradicting",
            "not_comparable": "not comparable"}
ORDER = ("agreeing", "rounding", "contradicting", "not comparable")
MAX_FIGURES = 12  # a claim's figures lined up at most (a claim with 40 figures shows its first 12, and says so)


@dataclass
class Row:
    """What one source says of one of the claim's figures (or, for a claim without figures, of its anchors)."""

    candidate: Any  # archive.Candidate: the capture, the sentence, the agreement, the citation if cited
    verdict: str
    reason: str | None = None
    actor: str | None = None
    names: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    named_as: dict[str, str] = field(default_factory=dict)  # a claim's name -> the alias its source wrote

    def to_json(self) -> dict:
        """Return the row as JSON: where, the quote, the verdict with its reason, the source's figure."""
        candidate = self.candidate
        figure = candidate.agreement.source_figure
        return {"capture_id": candidate.capture.id, "title": candidate.capture.title,
                "published": candidate.capture.published, "start": candidate.start, "end": candidate.end,
                "quote": candidate.sentence, "verdict": self.verdict, "reason": self.reason,
                "figure": figure.to_json() if figure else None, "actor": self.actor, "names": self.names,
                "named_as": self.named_as, "years": self.years,
                "cited": {"id": candidate.citation.id, "stance": candidate.citation.stance}
                if candidate.citation else None}


@dataclass
class FigureLine:
    """The rows of one of the claim's figures."""

    figure: Any  # figures.Figure of the claim
    actor: str | None
    rows: list[Row]

    def to_json(self) -> dict:
        return {"figure": self.figure.to_json(), "actor": self.actor, "context": describe_context(self.figure),
                "rows": [row.to_json() for row in self.rows]}


@dataclass
class Account:
    """One figure with a role that sources credit to different actors: who, by which rows."""

    figure: Any  # figures.Figure as the first source writes it
    by_actor: dict[str, list[Row]]
    named_as: dict[str, list[str]] = field(default_factory=dict)  # an actor -> its other names the sources wrote

    def to_json(self) -> dict:
        return {"figure": self.figure.to_json(), "context": describe_context(self.figure),
                "actors": [{"actor": name, "named_as": self.named_as.get(name, []),
                            "capture_ids": sorted({row.candidate.capture.id for row in rows}),
                            "quotes": [row.candidate.sentence for row in rows]}
                           for name, rows in self.by_actor.items()]}


@dataclass
class LineUp:
    """The claim page's "Where sources disagree": a line per figure, the accounts told of different actors,
    and the sentences naming the claim's anchors."""

    anchors: Anchors
    figures: list[FigureLine]
    accounts: list[Account]
    mentions: list[Row]
    figures_left_out: int = 0  # the claim's figures past MAX_FIGURES
    as_of: int | None = None  # the archive's last ledger entry of a change it reads (Archive.change_stamp)

    def to_json(self) -> dict:
        return {"anchors": self.anchors.to_json(), "figures": [line.to_json() for line in self.figures],
                "accounts": [account.to_json() for account in self.accounts],
                "mentions": [row.to_json() for row in self.mentions], "figures_left_out": self.figures_left_out,
                "as_of": self.as_of}


EntityOf = Callable[[str], Any]  # a name -> the entity it is one of (any value that tells entities apart), or None


def no_entities(_name: str) -> None:
    """Tell that no name is a recorded entity's."""
    return None


def line_up(claim_text: str, claim_figures: list, anchors: Anchors, candidates: Iterable,
            entity_of: EntityOf = no_entities) -> LineUp:
    """Return the claim's line-up from the candidates found for it (see the module's docstring)."""
    lines = [FigureLine(figure, actor(claim_text, figure.start, figure.end), [])
             for figure in claim_figures[:MAX_FIGURES]]
    mentions: list[Row] = []
    told: list[tuple[Any, str, Row]] = []  # (figure, actor, row) of every figure with a role and an actor
    for candidate in candidates:
        agreement = candidate.agreement
        named = found_names(candidate.sentence, anchors)
        names, years = list(named), [year for year in anchors.years if year in candidate.sentence]
        named_as = {name: words for name, words in named.items() if words is not None}
        if agreement.source_figure is None:
            row = Row(candidate, "mentions", names=names, years=years, named_as=named_as)
            mentions.append(row)
            told += _told_in_sentence(candidate, row)
            continue
        line = next((line for line in lines if line.figure == agreement.claim_figure), None)
        if line is None or agreement.kind not in VERDICTS:
            continue
        who = actor(candidate.capture.text or "", agreement.source_figure.start, agreement.source_figure.end)
        verdict, reason = VERDICTS[agreement.kind], agreement.reason
        if verdict in ("agreeing", "rounding") and line.actor and who and \
                not _same_actor(line.actor, who, anchors, entity_of):
            verdict, reason = "contradicting", f"another actor: {who}, the claim's {line.actor}"
        row = Row(candidate, verdict, reason, who, names, years, named_as)
        line.rows.append(row)
        if who and agreement.source_figure.direction and verdict != "not comparable":
            told.append((agreement.source_figure, who, row))
    for line in lines:
        line.rows.sort(key=lambda row: (ORDER.index(row.verdict), -row.candidate.score, row.candidate.capture.id))
    return LineUp(anchors, lines, _accounts(told, anchors, entity_of), mentions,
                  max(0, len(claim_figures) - MAX_FIGURES))


def _told_in_sentence(candidate, row: Row) -> list[tuple[Any, str, Row]]:
    """Return the figures with a role and an actor that a mentioning sentence states."""
    told = []
    for figure in extract(candidate.sentence, candidate.capture.published)[:MAX_FIGURES]:
        who = actor(candidate.sentence, figure.start, figure.end) if figure.direction else None
        if who:
            told.append((figure, who, row))
    return told


def _accounts(told: list[tuple[Any, str, Row]], anchors: Anchors, entity_of: EntityOf) -> list[Account]:
    """Group the figures told with an actor by what they state (value, unit, kind of role, period), and keep the
    groups whose sources credit them to more than one actor."""
    groups: dict[tuple, list[tuple[Any, str, Row]]] = {}
    for figure, who, row in told:
        key = (round(figure.value, 6), figure.unit, family(figure.direction))
        groups.setdefault(key, []).append((figure, who, row))
    accounts = []
    for members in groups.values():
        by_actor: dict[str, list[Row]] = {}
        named_as: dict[str, list[str]] = {}
        for figure, who, row in members:
            same = next((name for name in by_actor if _same_actor(name, who, anchors, entity_of)), who)
            if all(existing is not row for existing in by_actor.get(same, [])):
                by_actor.setdefault(same, []).append(row)
            if who.casefold() != same.casefold() and who not in named_as.setdefault(same, []):
                named_as[same].append(who)
        periods = {figure.period for figure, _, _ in members if figure.period}
        if len(by_actor) > 1 and len(periods) <= 1:
            accounts.append(Account(members[0][0], by_actor, {name: named_as[name] for name in by_actor
                                                              if named_as.get(name)}))
    return accounts


def _same_actor(one: str, other: str, anchors: Anchors, entity_of: EntityOf = no_entities) -> bool:
    """Tell whether two names may be one actor: names of one recorded entity (and never names of two), both
    spellings of one of the claim's names, written alike or nearly so (an edit distance of at most a fifth of
    their length: "Kazakstan", "Kazakhstan"), or in different scripts (which only an entity's aliases can tell
    apart: "Казахстан", "Kazakhstan")."""
    if one.casefold() == other.casefold():
        return True
    one_entity, other_entity = entity_of(one), entity_of(other)
    if one_entity is not None and other_entity is not None:
        return one_entity == other_entity
    one, other = one.casefold(), other.casefold()
    if _scripts(one) != _scripts(other):
        return True
    from rapidfuzz.distance import Levenshtein  # the claim page and `claim show` only

    if Levenshtein.normalized_similarity(one, other) >= 0.8:
        return True
    for name in anchors.names:
        spellings = {spelling.casefold() for spelling in name.spellings}
        if one in spellings and other in spellings:
            return True
    return False


def _scripts(name: str) -> frozenset[str]:
    """Return the scripts a name is written in: "latin", "cyrillic", "other"."""
    return frozenset("cyrillic" if "\u0400" <= char <= "\u052f" else "latin" if char.isascii() or char <= "\u024f"
                     else "other" for char in name if char.isalpha())


def describe_context(figure) -> str:
    """Say a figure's context for people: "2022 · export · drones", or "" when its sentence says none."""
    parts = [describe_period(figure.period) if figure.period else None, figure.direction,
             figure.subject.replace(",", ", ") if figure.subject else None]
    return " · ".join(part for part in parts if part)
