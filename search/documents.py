"""What gets indexed: published modalities and articles as plain dictionaries, read from the database,
and the site's own fixed pages (search/fixed_pages.yaml).

Each language's index holds the rows written in that language and its fixed pages
(search/fixed_pages.es.yaml for Spanish), with the addresses of that language (/es/...). The index of
a language other than the site's also holds each page not written in it yet: its English row as a
stand-in (found by its title, summary, tags and therapies, not by its English text; `language` says
it is English), as the lists of that language show it, until a version in the language is published.

The database is the source of truth; these dictionaries are the only thing the index learns about an
item. Every item has a title, summary, tags and dates; each model declares what else goes in
(`search_fields`, see search/fields.py), and articles add the names of the therapies they link to.
Each document carries a `stamp`: a hash of the database values it was made from (those same columns,
its tags, the modalities it links to). Catching up compares stamps, which `current_stamps()` computes
from plain column values without building any document, so it is cheap, and it never trusts
timestamps (a queryset .update() or a tag change does not touch `updated_at`).
"""

import datetime
import functools
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator
from html import unescape
from html.parser import HTMLParser

import yaml
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from taggit.models import TaggedItem

from articles.models import Article
from editorial.languages import site_language
from editorial.models import Status
from modalities.models import Modality
from search.django_internals import render_block
from search.fields import BODY, NAMES
from search.languages import data_file

MODALITY = "modality"
ARTICLE = "article"
PAGE = "page"
log = logging.getLogger(__name__)
KINDS = (MODALITY, ARTICLE)  # what readers may narrow a search to; fixed pages show under "Everything"
# Fixed pages have no publication date; they count as published long ago.
FIXED_PAGE_DATE = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Tags inside a line of text: they separate no words ("<em>might</em>:" stays "might:").
INLINE = {"a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "small", "span", "strong", "sub", "sup"}


class _TextOnly(HTMLParser):
    """Collects the text of sanitised HTML, with a space wherever a block began or ended.

    A heading ends with a colon, so a snippet that runs across one still reads as sentences.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in INLINE:
            return
        if tag in HEADINGS:
            last = next((part.rstrip() for part in reversed(self.parts) if part.strip()), "")
            if last and last[-1] not in ".:;?!":
                self.parts.append(":")
        self.parts.append(" ")


def html_to_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html or "")
    parser.close()
    return " ".join(unescape("".join(parser.parts)).split())


def key_for(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


# Every item's own columns, around those its model declares (search_fields).
FRAME_BEFORE = ("language", "slug", "title", "summary")
FRAME_AFTER = ("published_at", "updated_at", "last_reviewed")
MODELS = {MODALITY: Modality, ARTICLE: Article}


def source_fields(kind: str) -> tuple[str, ...]:
    """The columns a document of this kind is made from, in a fixed order: a change to any of them
    changes the stamp."""
    declared = tuple(field.name for field in MODELS[kind].search_fields)
    return (*FRAME_BEFORE, *declared, *FRAME_AFTER)


# Bump when documents are made differently from the same columns, so every entry is re-indexed.
STAMP_VERSION = 2
# Items are read in batches: memory stays flat and every IN (...) list stays well under database limits.
BATCH = 500


def _published(model, language: str):
    # Scheduled items are indexed too; the search filters on published_at when it runs, so an item
    # appears the moment its time comes without any re-indexing. Each language's index holds the
    # versions written in it and, in another language than the site's, the site's own version of every
    # page that has no published (or scheduled) version in it.
    rows = model.objects.filter(status=Status.PUBLISHED, published_at__isnull=False)
    if language == site_language():
        return rows.filter(language=language)
    written = rows.filter(language=language).values("slug")
    return rows.filter(Q(language=language) | (Q(language=site_language()) & ~Q(slug__in=written)))


def _tags_by_object(model, ids) -> dict[int, list[tuple[str, str]]]:
    """(name, slug) of each object's tags, in one query (taggit's own prefetch costs a query per object)."""
    rows = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=ids
    ).values_list("object_id", "tag__name", "tag__slug")
    tags: dict[int, list[tuple[str, str]]] = {}
    for object_id, name, slug in rows:
        tags.setdefault(object_id, []).append((name, slug))
    return {object_id: sorted(pairs) for object_id, pairs in tags.items()}


def _links_by_article(ids) -> dict[int, list[tuple[str, str, str]]]:
    """(slug, title, full name) of the published modalities each article links to, in the site's order."""
    rows = (
        Article.modalities.through.objects.filter(article_id__in=ids, modality__status=Status.PUBLISHED)
        .order_by("modality__position", "modality__title")
        .values_list("article_id", "modality__slug", "modality__title", "modality__full_name")
    )
    links: dict[int, list[tuple[str, str, str]]] = {}
    for article_id, *link in rows:
        links.setdefault(article_id, []).append(tuple(link))
    return links


def _related(kind: str, ids) -> tuple[dict, dict]:
    return _tags_by_object(MODELS[kind], ids), (_links_by_article(ids) if kind == ARTICLE else {})


def _stamp(kind: str, values, tags, links) -> str:
    encoded = json.dumps([STAMP_VERSION, kind, list(values), tags, links], default=str).encode()
    return hashlib.blake2b(encoded, digest_size=12).hexdigest()


def _batches(queryset):
    """Rows of `queryset` in primary-key order, BATCH at a time."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1][0] if isinstance(batch[-1], tuple) else batch[-1].pk


def current_stamps(language: str | None = None) -> dict[str, str]:
    """The stamp every published item's document in `language` (the site's own when None) would have
    now, from column values alone."""
    language = language or site_language()
    stamps = {key: doc["stamp"] for key, doc in fixed_page_documents(language).items()}
    for kind, model in MODELS.items():
        rows = _published(model, language).values_list("pk", *source_fields(kind))
        for batch in _batches(rows):
            tags, links = _related(kind, [row[0] for row in batch])
            for pk, *values in batch:
                stamps[key_for(kind, pk)] = _stamp(kind, values, tags.get(pk, []), links.get(pk, []))
    return stamps


def _date(value: datetime.date | None) -> datetime.datetime | None:
    if value is None:
        return None
    return datetime.datetime.combine(value, datetime.time(), datetime.UTC)


def _declared_text(obj, part: str) -> list[str]:
    """The text of each field `obj`'s model declares for this part of its document, in order."""
    return [
        html_to_text(getattr(obj, field.name)) if field.html else getattr(obj, field.name)
        for field in type(obj).search_fields
        if field.part == part
    ]


def _need_words(tag_names: list[str], language: str) -> list[str]:
    """The needs' names as words of a document in `language`: tags keep their English names in every
    language (the vocabulary's keys), so they are words of the site's own language only, and a search
    in another language neither matches nor suggests them (its synonym map finds the need itself)."""
    return tag_names if language == site_language() else []


def _document(kind: str, obj, tags, links, language: str) -> dict:
    # An article's document also names the therapies it covers ("EMDR" finds it); an explainer's own
    # slug is its modality.
    names = _declared_text(obj, NAMES) + [
        name for _slug, title, full_name in links for name in (title, full_name)
    ]
    # A stand-in's English text is not searched in another language: read by that language's analyser,
    # its words would match the reader's by chance and crowd out the pages written for them.
    stand_in = obj.language != language
    body = [] if stand_in else _declared_text(obj, BODY)
    modalities = [obj.slug] if kind == MODALITY else [slug for slug, _title, _full_name in links]
    values = [getattr(obj, field) for field in source_fields(kind)]
    return {
        "key": key_for(kind, obj.pk),
        "ref": f"{kind}:{obj.slug}",
        "type": kind,
        "url": obj.get_absolute_url(),
        "title": obj.title,
        "names": " ".join(name for name in names if name),
        "summary": obj.summary,
        "body": " ".join(part for part in body if part),
        "tags": [name for name, _slug in tags],
        "tag_slugs": [slug for _name, slug in tags],
        "needs": _need_words([name for name, _slug in tags], language),
        "modalities": modalities,
        "published_at": obj.published_at,
        "updated_at": obj.updated_at,
        "last_reviewed": _date(obj.last_reviewed),
        "language": obj.language,
        "stand_in": stand_in,
        "stamp": _stamp(kind, values, tags, links),
    }


def _documents(kind: str, queryset, language: str) -> Iterator[dict]:
    for batch in _batches(queryset):
        tags, links = _related(kind, [obj.pk for obj in batch])
        # Addresses in the index's language, whatever language the caller's request is in.
        with translation.override(language):
            for obj in batch:
                yield _document(kind, obj, tags.get(obj.pk, []), links.get(obj.pk, []), language)


def published_documents(language: str | None = None) -> Iterator[dict]:
    """Every published (or scheduled) item's document in `language` (the site's own when None),
    modalities first, then the fixed pages."""
    language = language or site_language()
    yield from _documents(MODALITY, _published(Modality, language), language)
    yield from _documents(ARTICLE, _published(Article, language), language)
    yield from fixed_page_documents(language).values()


def _main_text(template_name: str) -> str:
    """The readable text of a page's `content` block, rendered on its own, without a request.

    Only that block: the frame around it (base.html) is the same on every page, and rendering it
    would need what only a request or collected static files provide. A page that cannot be
    rendered here is still indexed, by its title, summary and words.
    """
    try:
        return html_to_text(render_block(template_name, "content"))
    except Exception as exc:
        log.warning("fixed page %s not rendered for search (%s)", template_name, type(exc).__name__)
        return ""


def fixed_page_documents(language: str | None = None) -> dict[str, dict]:
    """The fixed pages of `language` (the site's own when None: search/fixed_pages.yaml; Spanish:
    search/fixed_pages.es.yaml) as documents, by key; made once per process.

    They change only with a new release, which starts new processes.
    """
    return _fixed_page_documents(language or site_language())


@functools.cache
def _fixed_page_documents(language: str) -> dict[str, dict]:
    with data_file("fixed_pages", language).open(encoding="utf-8") as handle:
        pages = yaml.safe_load(handle) or {}
    docs = {}
    for name, page in pages.items():
        # The page's address and text as a reader of this language gets them.
        with translation.override(language):
            try:
                url = reverse(page["url"])
            except NoReverseMatch:
                continue  # not part of this site (yet)
            body = _main_text(page["template"]) if page.get("template") else ""
        names = " ".join(page.get("words") or ())
        values = [url, page["title"], page["summary"], names, body]
        docs[f"{PAGE}:{name}"] = {
            "key": f"{PAGE}:{name}",
            "ref": f"{PAGE}:{name}",
            "type": PAGE,
            "url": url,
            "title": page["title"],
            "names": names,
            "summary": page["summary"],
            "body": body,
            "tags": [],
            "tag_slugs": [],
            "needs": [],
            "modalities": [],
            "published_at": FIXED_PAGE_DATE,
            "updated_at": FIXED_PAGE_DATE,
            "last_reviewed": None,
            "language": language,
            "stand_in": False,
            "stamp": _stamp(PAGE, values, [], []),
        }
    return docs


def documents_for_keys(keys: Iterable[str], language: str | None = None) -> dict[str, dict | None]:
    """The current document in `language` (the site's own when None) for each key, or None where the
    item is gone, not published or written in another language."""
    language = language or site_language()
    keys = list(keys)
    ids: dict[str, set[int]] = {MODALITY: set(), ARTICLE: set()}
    for key in keys:
        kind, _, pk = key.partition(":")
        if kind in ids and pk.isdigit():
            ids[kind].add(int(pk))
    docs: dict[str, dict | None] = {key_for(kind, pk): None for kind, pks in ids.items() for pk in pks}
    page_keys = [key for key in keys if key.startswith(f"{PAGE}:")]
    if page_keys:
        pages = fixed_page_documents(language)
        docs.update({key: pages.get(key) for key in page_keys})
    for kind, model in MODELS.items():
        if ids[kind]:
            for doc in _documents(kind, _published(model, language).filter(pk__in=ids[kind]), language):
                docs[doc["key"]] = doc
    return docs


def documents_for(refs: Iterable[tuple[str, int]], language: str | None = None) -> dict[str, dict | None]:
    """The current document in `language` (the site's own when None) for each (kind, pk), or None
    where it is gone, not published or written in another language.

    A changed modality also refreshes the articles that link to it, since they show its name and slug.
    A changed version of a page also refreshes its other language versions: publishing a translation
    takes the stand-in out of that language's index, unpublishing it brings the stand-in back.
    """
    refs = set(refs)
    keys = {key_for(kind, pk) for kind, pk in refs}
    for kind, model in MODELS.items():
        pks = {pk for ref_kind, pk in refs if ref_kind == kind}
        if pks:
            slugs = model.objects.filter(pk__in=pks).values("slug")
            keys.update(
                key_for(kind, pk) for pk in model.objects.filter(slug__in=slugs).values_list("pk", flat=True)
            )
    modality_ids = {pk for kind, pk in refs if kind == MODALITY}
    if modality_ids:
        linked = Article.objects.filter(modalities__in=modality_ids).values_list("pk", flat=True)
        keys.update(key_for(ARTICLE, pk) for pk in linked)
    return documents_for_keys(keys, language)
