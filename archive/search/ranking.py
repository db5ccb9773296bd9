"""Top hits and exact totals: a searcher kept warm between queries, filters as cached document sets."""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict

from whoosh import collectors, scoring
from whoosh import query as query_module

from archive.search.whoosh_internals import TopOfMatches, only_segments_added, term_documents

CACHED_IDS = 400_000  # document numbers kept in a warm searcher's sets of recent clauses (~20 MB)


class WarmSearcher:
    """An open searcher kept between queries, with the document sets of recent clauses.

    Filters (lang:, kind:, dates) and single words recur from query to query; their sets cost a walk of
    the postings each time (about 1 microsecond a document), so the recent ones are kept, up to
    CACHED_IDS document numbers, and forgotten when the index changes.
    """

    def __init__(self, ix):
        self.ix, self.ix_id = ix, id(ix)
        self.searcher = ix.searcher(weighting=scoring.BM25F())
        self._sets: OrderedDict[str, set[int]] = OrderedDict()
        self._cached = 0

    def current(self) -> bool:
        """Tell whether the searcher sees the latest commit."""
        return self.searcher.up_to_date()

    def refresh(self) -> None:
        """Follow commits made since the searcher opened; a new searcher forgets the cached sets."""
        if self.searcher.up_to_date():
            return
        if only_segments_added(self.ix, self.searcher):
            # The fresh searcher reuses the old one's segment readers, so the old one must stay open.
            fresh = self.searcher.refresh()
        else:
            # whoosh 2.7's refresh keeps the readers of segments a merge removed (their documents then count
            # twice) and reuses a segment's reader after deletions in it; an empty index has none to reuse.
            fresh = self.ix.searcher(weighting=scoring.BM25F())
            self.searcher.close()
        self.searcher, self._sets, self._cached = fresh, OrderedDict(), 0

    def matching(self, clause) -> set[int]:
        """Return the documents one clause matches; the set is shared between queries, so only read it."""
        key = repr(clause)
        found = self._sets.get(key)
        if found is None:
            found = term_documents(self.searcher, clause.fieldname, clause.text) if type(
                clause) is query_module.Term else None
            if found is None:
                found = set(self.searcher.docs_for_query(clause))
            self._sets[key] = found
            self._cached += len(found)
            while self._cached > CACHED_IDS and len(self._sets) > 1:
                self._cached -= len(self._sets.popitem(last=False)[1])
        self._sets.move_to_end(key)
        return found

    def docs(self, filters: list) -> set[int] | None:
        """Return the documents every filter clause admits, or None when there is no filter."""
        admitted: set[int] | None = None
        for clause in filters:
            found = self.matching(clause)
            admitted = found if admitted is None else admitted & found
        return admitted

    def close(self) -> None:
        """Close the searcher."""
        self.searcher.close()


def rank(warm: WarmSearcher, scored, limit: int, admitted: set[int] | None):
    """Return whoosh's results holding the top `limit` hits, and the exact number of matches."""
    if admitted is None:
        # The count comes from sets; the top hits from scoring those matches (or from Whoosh's block-max
        # skipping, in a segment holding many).
        matched = matching_docs(scored, warm)
        collector = TopOfMatches(matched, limit)
        warm.searcher.search_with_collector(scored, collector)
        return collector.results(), len(matched)
    # Under a filter every admitted match is scored, and counted on the way. replace=0: whoosh otherwise
    # swaps in matchers that drop the documents unable to reach the top (an OR becomes AND-MAYBE).
    collector = LeapfrogFilter(collectors.TopCollector(limit=limit, usequality=False, replace=0), allow=admitted)
    warm.searcher.search_with_collector(scored, collector)
    results = collector.results()
    return results, len(results)


def matching_docs(node, warm: WarmSearcher) -> set[int]:
    """Return the documents a query matches, combining its parts' sets as the query combines them.

    Whoosh's own count walks every match one at a time through the whole matcher tree; sets are faster.
    The sets of single words may be shared (the warm searcher's cache): the result is only read.
    """
    kind = type(node)
    if kind is query_module.And:
        return set.intersection(*sorted((matching_docs(sub, warm) for sub in node.subqueries), key=len))
    if (kind is query_module.Or and not node.minmatch) or kind is query_module.DisjunctionMax:
        return set().union(*(matching_docs(sub, warm) for sub in node.subqueries))
    if kind is query_module.AndNot:
        return matching_docs(node.a, warm) - matching_docs(node.b, warm)
    if kind is query_module.AndMaybe:
        return matching_docs(node.a, warm)
    if kind is query_module.Require:
        return matching_docs(node.a, warm) & matching_docs(node.b, warm)
    if kind is query_module.Term:
        return warm.matching(node)  # words recur between queries: their sets are kept a while
    return set(warm.searcher.docs_for_query(node))


class LeapfrogFilter(collectors.FilterCollector):
    """Collect only the admitted documents, skipping the matcher from one to the next.

    Whoosh's own filter walks every match of the query and tests each against the set: the cost of the
    longest posting list even when the set (a phrase's documents, one language) is small.
    """

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self._sorted = sorted(self.allow)

    def set_subsearcher(self, subsearcher, offset):
        super().set_subsearcher(subsearcher, offset)
        first = bisect_left(self._sorted, offset)
        last = bisect_left(self._sorted, offset + subsearcher.doc_count_all())
        self._local = [docnum - offset for docnum in self._sorted[first:last]]

    def collect_matches(self):
        child, wanted = self.child, self._local
        matcher = child.matcher
        at = 0
        while at < len(wanted) and matcher.is_active():
            if matcher.id() < wanted[at]:
                matcher.skip_to(wanted[at])
                if not matcher.is_active():
                    break
            if matcher.id() == wanted[at]:
                child.collect(wanted[at])
                at += 1  # no matcher.next(): it would hunt for the next match the filter may not admit
            else:
                at = bisect_left(wanted, matcher.id(), at)
