"""How much each kind of match counts: said once, for the index's ranking and the database fallback.

Tags ("needs") and titles say what an item is about; the body only that it mentions something.
Explainers are the site's main answer, so one about the need outranks an article that mentions it.
"""

# A word of the query found in one of the text fields of an item.
FIELD_BOOSTS = {"title": 3.0, "needs": 3.0, "names": 2.0, "summary": 2.0, "body": 1.0}

# A word from the synonym map: the item is filed under that need, is that therapy's explainer, or is
# an article linked to that therapy.
NEED_BOOST = 4.0
THERAPY_BOOST = 3.0
THERAPY_LINK_BOOST = 1.5

# A correction of a misspelt word counts a little less than a word typed correctly.
CORRECTION_BOOST = 0.8

# Every match of an explainer counts this much more than the same match in an article.
MODALITY_BOOST = 1.5

# Every match of a stand-in (a page not written in the reader's language yet, found in its English
# version) counts this much of the same match in a page written in the reader's language.
STAND_IN_BOOST = 0.5
