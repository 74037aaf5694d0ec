"""How a content model declares what it contributes to its search document.

Each indexed model lists `search_fields`: the fields whose text goes into its document besides the
title and summary every item has. search/documents.py builds documents from that list and stamps them
with the same list, so a field added there is both searchable and noticed when it changes.
"""

from dataclasses import dataclass

# The parts of a document a declared field can join, most telling first (weights: search/weights.py).
NAMES = "names"  # what the item is called besides its title ("Eye Movement Desensitisation ...")
BODY = "body"  # what it says
PARTS = (NAMES, BODY)


@dataclass(frozen=True)
class SearchField:
    """One model field whose text goes into the item's search document."""

    name: str
    part: str = BODY
    html: bool = False  # sanitised HTML: its text is indexed, without the markup

    def __post_init__(self):
        if self.part not in PARTS:
            raise ValueError(f"a search field joins one of {PARTS}, not {self.part!r}")
