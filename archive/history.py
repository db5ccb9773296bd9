"""Who did what, read from the ledger: events with their actor, a claim's history, and the ledger's filters.

Pure: the catalog reads the entries, this module makes them events, checks the filters people and scripts
give (actor, kind of event, date range, subject) and attributes citations to who made and retracted them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta, timezone
from typing import Any

from archive import inputs
from archive.actors import ACTOR_MAX
from archive.clock import format_timestamp, parse_time
from archive.errors import InvalidInputError
from archive.ledger import ACTOR_KEY

FAMILIES = ("capture", "claim", "citation", "account")
_EVENT = re.compile(r"[a-z_]{1,40}(\.[a-z_]{1,40})?")
_SUBJECT = re.compile(r"(?:(capture|claim|citation)\s*[:#]?\s*)?#?([0-9]{1,18})", re.I)
_ACCOUNT_SUBJECT = re.compile(r"account\s+(.+)", re.I | re.S)  # account events name their account, not an id
_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class Event:
    """One ledger entry as people read it: when, who, what, about what, and its hash."""

    seq: int
    at: str
    event: str
    subject: str | None
    actor: str | None  # None in entries written before actors were recorded
    data: dict[str, Any] | None  # None when the stored data is no JSON object (verify reports it)
    hash: str
    prev_hash: str

    @property
    def family(self) -> str:
        return self.event.partition(".")[0]

    def describe(self) -> str:
        """Say in a few words what happened."""
        data = self.data or {}
        if self.event == "claim.created":
            return f"created claim #{self.subject}"
        if self.event == "claim.status_changed":
            notes = f" ({data['notes']})" if data.get("notes") else ""
            return f"set claim #{self.subject} to {data.get('status')}{notes}"
        if self.event == "citation.added":
            return f"cited capture #{data.get('capture_id')} for claim #{data.get('claim_id')} (citation #{self.subject})"
        if self.event == "citation.removed":
            reason = f": {data['reason']}" if data.get("reason") else ""
            return f"retracted citation #{self.subject}{reason}"
        if self.family == "account":
            return self._describe_account(data)
        # A capture is named by its URL, never by `source`: pages show no local file's path.
        where = f" ({data['url']})" if data.get("url") else ""
        if self.event == "capture.added":
            return f"captured #{self.subject}{where}"
        if self.event == "capture.observed":
            return f"found capture #{self.subject} again{where}"
        return f"{self.event} {self.subject or ''}".strip()

    def _describe_account(self, data: dict[str, Any]) -> str:
        """Say what was done to an account: who was given which rights, which token (by prefix) for whom."""
        name = self.subject
        if self.event == "account.added":
            return f"added account {name} as {_with_article(data.get('role'))}"
        if self.event == "account.role_changed":
            return f"made {name} {_with_article(data.get('role'))}"
        if self.event == "account.disabled":
            return f"disabled account {name}"
        if self.event == "account.token_issued":
            return f"issued a token {data.get('prefix')}… for {name}"
        if self.event == "account.token_revoked":
            return f"revoked the token {data.get('prefix')}… of {name}"
        if self.event == "account.attested":
            state = ", disabled" if data.get("disabled_at") else ""
            return f"recorded account {name} as it stood ({data.get('role')}{state}) when accounts joined the ledger"
        return f"{self.event} {name or ''}".strip()

    def to_json(self) -> dict[str, Any]:
        """Return the shape of `GET /api/ledger` entries and of a claim's history."""
        return {"seq": self.seq, "at": self.at, "actor": self.actor, "event": self.event, "subject": self.subject,
                "data": self.data, "hash": self.hash, "prev_hash": self.prev_hash}


def event(entry: dict[str, Any]) -> Event:
    """Return a stored ledger entry as an Event."""
    try:
        data = json.loads(entry["data"])
    except (TypeError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        data = None
    actor = data.get(ACTOR_KEY) if data else None
    return Event(entry["seq"], entry["at"], entry["event"], entry["subject"],
                 actor if isinstance(actor, str) else None, data, entry["hash"], entry["prev_hash"])


def _with_article(role: object) -> str:
    return f"{'an' if str(role)[:1] in 'aeiou' else 'a'} {role}"


def attribute(citations: list, events: list[Event]) -> None:
    """Set each citation's created_by, and retracted_by and reason when retracted, from its claim's events."""
    by_id = {str(c.id): c for c in citations}
    for item in events:
        citation = by_id.get(item.subject or "")
        if citation is None:
            continue
        if item.event == "citation.added":
            citation.created_by = item.actor
        elif item.event == "citation.removed":
            citation.retracted_by = item.actor
            citation.reason = (item.data or {}).get("reason")


@dataclass
class LedgerFilter:
    """Filters on the ledger, checked and in the catalog's terms (see Catalog.ledger_page)."""

    actor: str | None = None
    events: tuple[str, str] | None = None  # event names from the first (included) to the second (excluded)
    since: str | None = None  # stored times from this one, included
    until: str | None = None  # up to this one, excluded
    subject: str | None = None

    def query(self) -> dict[str, Any]:
        return {"actor": self.actor, "events": self.events, "since": self.since, "until": self.until,
                "subject": self.subject}


def ledger_filter(actor: object = None, event: object = None, since: object = None, until: object = None,
                  subject: object = None) -> LedgerFilter:
    """Check filters as people type them (empty means none) and return them in the catalog's terms.

    `event` is a kind (claim.created) or a family (claim); `since` and `until` are dates or times, a date
    `until` including its whole day; `subject` is an id, optionally named by family ("claim 3", "citation #5"),
    or an account by name ("account bob").
    """
    found = LedgerFilter(actor=_given(actor, "actor", ACTOR_MAX))
    family = None
    subject_text = _given(subject, "subject", 80)
    if subject_text is not None:
        match = _SUBJECT.fullmatch(subject_text)
        account = _ACCOUNT_SUBJECT.fullmatch(subject_text)
        if match:
            family, found.subject = (match.group(1) or "").lower() or None, str(int(match.group(2)))
        elif account:
            family, found.subject = "account", account.group(1)
        else:
            raise InvalidInputError("The subject must be an id, optionally with its kind (3, claim 3 or citation "
                                    "#5), or an account by name (account bob).")
    event_text = _given(event, "event", 81)
    if event_text is not None:
        if not _EVENT.fullmatch(event_text):
            raise InvalidInputError("The event must be a kind such as claim.created or a family such as claim.")
        found.events = (event_text, event_text + "\0") if "." in event_text else (event_text + ".", event_text + "/")
        if family is not None and event_text.partition(".")[0] != family:
            found.events = ("", "")  # a citation's subject and a claim's events: nothing is both
    elif family is not None:
        found.events = (family + ".", family + "/")
    found.since = _bound(since, "since", end=False)
    found.until = _bound(until, "until", end=True)
    return found


def _given(value: object, name: str, limit: int) -> str | None:
    text = inputs.text(value, name, limit, required=False)
    return text.strip() or None if text is not None else None


def _bound(value: object, name: str, end: bool) -> str | None:
    """Return a date or time as the stored times compare: an `until` date ends after its whole day."""
    text = _given(value, name, 40)
    if text is None:
        return None
    moment = parse_time(text)
    if moment is None:
        raise InvalidInputError(f"The {name} must be a date or a time, such as 2026-12-01 or 2026-12-01T09:30:00Z.")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        if _DATE_ONLY.fullmatch(text):
            return format_timestamp(moment + timedelta(days=1)) if end else format_timestamp(moment)
        stored = format_timestamp(moment)
    except OverflowError as exc:  # the last day of year 9999, or a zone that takes a time past it
        raise InvalidInputError(f"The {name} is past the last date this archive can record.") from exc
    return stored + "\0" if end else stored  # a time given as `until` is included
