"""Which matches are worth listing: a relevance floor, and the content a crisis search begins with.

Ranking scores say how well each item fits the words searched. An item far below the best one matched
only in passing (one common word of a long sentence), and a list of every item on the site helps no
one, so items scoring under FLOOR_SHARE of the best are left out; the page says how many, with a link
that shows them. The floor is relative, so it works the same for one word and for a whole sentence.
"""

from dataclasses import dataclass

# An item is listed when its score is at least this share of the best item's.
FLOOR_SHARE = 0.35


@dataclass(frozen=True)
class Listing:
    documents: list  # what to list, best first (document numbers of the engine)
    weaker: int  # matches left out under the floor


def listing(scored: list[tuple[float, int]], lead: list[int] = (), *, everything: bool = False) -> Listing:
    """Order (score, document) pairs for listing: `lead` first, then the rest above the floor, best first.

    `scored` need not be sorted. With `everything`, nothing is left out.
    """
    lead = list(dict.fromkeys(lead))
    chosen = set(lead)
    ranked = sorted(((score, doc) for score, doc in scored if doc not in chosen), key=lambda pair: -pair[0])
    if everything or not ranked:
        return Listing(lead + [doc for _score, doc in ranked], 0)
    floor = ranked[0][0] * FLOOR_SHARE
    kept = [doc for score, doc in ranked if score >= floor]
    return Listing(lead + kept, len(ranked) - len(kept))
