"""Who may be named as an item's clinical reviewer, and finding one by the name someone wrote.

Content files still say who reviewed them in words (`reviewed_by: Dr Amal Rao`); the loader turns
that into the reviewer's account where one matches, and leaves it empty otherwise.
"""

from django.contrib.auth import get_user_model

from editorial.models import CLINICAL_REVIEWERS_GROUP


def clinical_reviewers():
    return get_user_model().objects.filter(groups__name=CLINICAL_REVIEWERS_GROUP, is_active=True).distinct()


def _names(user) -> tuple[set[str], str]:
    full = f"{user.first_name} {user.last_name}".strip().casefold()
    return {name.casefold() for name in (user.username, user.first_name, full) if name}, full


def reviewer_named(text: str):
    """The one clinical reviewer `text` names (user name, first name or full name, alone or within
    the text, as in "Dr Amal Rao, LCSW"), or None when none or several match."""
    wanted = " ".join((text or "").split()).casefold()
    if not wanted:
        return None
    reviewers = list(clinical_reviewers())
    exact = [user for user in reviewers if wanted in _names(user)[0]]
    if len(exact) == 1:
        return exact[0]
    within = [user for user in reviewers if " " in _names(user)[1] and _names(user)[1] in wanted]
    return within[0] if len(within) == 1 else None
