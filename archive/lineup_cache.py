"""The claims' line-ups ("Where sources disagree") kept between views, each under the archive's change stamp.

A line-up reads the whole archive (a search, the figures table, the texts of the captures found), so making it
at every view of a claim page costs the same search again and again. It is derived: made again from the archive
whenever asked. So each one is kept with the stamp of the archive it was made from (Archive.change_stamp: the
newest ledger entry of any kind but those in LEFT_ALONE, which every capture, citation and entity change adds,
and the captures still waiting for the search index), and given again only while the stamp is unchanged; the
first view after a change makes it anew. A line-up is never shown from an older archive than the one the view
reads. Kinds of entries are left alone by name, so that a kind added later counts as a change until it is
listed here.

The stamp is read before the line-up is made: a change made meanwhile leaves the line-up under the older stamp,
so the next view makes it again. Readers who ask for one claim at once wait for one making of it, not one each.
At most `size` line-ups are kept (the least recently viewed goes first), in this process only: nothing is
written, and a restart starts empty.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Made = TypeVar("Made")
# Ledger entries that change nothing a line-up reads (a claim's text and citations, the captures' texts and
# figures, the entities' names, the index): another claim made or judged, a source seen again with the same
# bytes, accounts.
LEFT_ALONE = ("claim.created", "claim.status_changed", "capture.observed", "account.added", "account.attested",
              "account.disabled", "account.role_changed", "account.token_issued", "account.token_revoked")
KEPT = 64  # line-ups kept: the claims being worked on; each holds its rows' sentences, not the captures' texts


class LineUpCache(Generic[Made]):
    """Derived values by key, each valid for one stamp of the archive; made once per key and stamp."""

    def __init__(self, size: int = KEPT):
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, Made]] = OrderedDict()
        self._making: dict[tuple[Hashable, Hashable], threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, stamp: Hashable, make: Callable[[], Made]) -> Made:
        """Return the value kept for `key` at `stamp`, else make it (once, however many ask at the same time)."""
        kept = self._kept_at(key, stamp)
        if kept is not None:
            return kept[0]
        with self._lock:
            making = self._making.setdefault((key, stamp), threading.Lock())
        try:
            with making:
                kept = self._kept_at(key, stamp)  # made by the reader this one waited for
                if kept is not None:
                    return kept[0]
                made = make()
                with self._lock:
                    self._kept[key] = (stamp, made)
                    self._kept.move_to_end(key)
                    while len(self._kept) > self.size:
                        self._kept.popitem(last=False)
                return made
        finally:
            with self._lock:
                self._making.pop((key, stamp), None)

    def _kept_at(self, key: Hashable, stamp: Hashable) -> tuple[Made] | None:
        with self._lock:
            entry = self._kept.get(key)
            if entry is None or entry[0] != stamp:
                return None
            self._kept.move_to_end(key)
            return (entry[1],)
