"""One vocabulary of needs and symptoms: tags are typed as a comma-separated list, matched to the
existing ones whatever their capitals, and shown back exactly as stored, without quotation marks.

taggit reads `parse_tags` and `format_tags` through the TAGGIT_TAGS_FROM_STRING and
TAGGIT_STRING_FROM_TAGS settings, and matches names case-insensitively under TAGGIT_CASE_INSENSITIVE,
so "Nightmares" files content under the existing "nightmares" instead of making a second tag page.
"""

from taggit.models import Tag


def parse_tags(text: str) -> list[str]:
    """The names in a comma-separated list, trimmed, first spelling of each kept.

    Commas are the only separator: the help text says so, and a name may hold spaces ("trouble sleeping").
    Quotation marks that older pages wrote around such names are dropped.
    """
    names: list[str] = []
    seen: set[str] = set()
    for part in (text or "").split(","):
        name = " ".join(part.replace('"', " ").split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return sorted(names)  # taggit compares sorted lists to tell whether the tags changed


def format_tags(tags) -> str:
    """Tags as the edit form shows them: names as stored, separated by commas, in order."""
    return ", ".join(sorted((tag.name for tag in tags), key=str.casefold))


def new_tag_names(names) -> list[str]:
    """The names that match no existing tag, whatever their capitals."""
    known = {name.casefold() for name in Tag.objects.values_list("name", flat=True)}
    return [name for name in names if name.casefold() not in known]
