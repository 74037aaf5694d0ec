"""What every piece of curated content shares: publication status, review dates and a content version.

`Publishable` is abstract; modalities and articles inherit it, so the publication rule lives in one
QuerySet method (`published()`) and the review-date rule in another (`review_due()`).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from editorial.languages import reading_language, site_language
from markup import render_markdown

REVIEW_WARNING_DAYS = 30
# The group whose members may be named as the reviewer (made by editorial migration 0002).
CLINICAL_REVIEWERS_GROUP = "Clinical reviewers"
# A clinical review holds for a year unless the reviewer picks another date.
REVIEW_INTERVAL_DAYS = 365


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


def publication_time() -> datetime.datetime:
    """Now, in whole seconds: the admin's date and time fields hold seconds, so a stamp with
    microseconds would come back changed from every later save and clutter the history."""
    return timezone.now().replace(microsecond=0)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, and its publish time has come (scheduled publishing)."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def review_due(self, within_days: int = REVIEW_WARNING_DAYS):
        """Overdue for review, or due within `within_days`."""
        horizon = timezone.localdate() + datetime.timedelta(days=within_days)
        return self.filter(next_review_due__lte=horizon)

    def overdue(self):
        return self.filter(next_review_due__lt=timezone.localdate())

    def in_language(self, language: str | None = None):
        """What a reader of `language` (the active one by default) gets: the rows in that language,
        and the English row of every slug that has no published version in it yet, so that a page
        not translated yet stays reachable in the reader's frame. English readers get English only.
        """
        language = language or reading_language()
        if language == site_language():
            return self.filter(language=language)
        translated = self.model._default_manager.published().filter(language=language).values("slug")
        return self.filter(Q(language=language) | (Q(language=site_language()) & ~Q(slug__in=translated)))


class Publishable(models.Model):
    """Abstract base for curated content: renders its Markdown fields once, on save."""

    # Names of Markdown source fields; each has a sibling `<name>_html` holding sanitised HTML.
    markdown_fields: tuple[str, ...] = ()
    # The public page's URL name; it takes the slug.
    url_name = ""

    # Each language version of a page is its own row, with its own status, review and history; the
    # versions share the slug, so a page has the same address in every language (/es/ in front).
    language = models.CharField(
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language this version is written in. A translation keeps the English page's "
            "slug, so that its address is the English one with /es/ in front."
        ),
    )
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    summary = models.CharField(max_length=400, help_text=_("One plain sentence shown in lists."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set a future time to publish on schedule."),
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"groups__name": CLINICAL_REVIEWERS_GROUP},
        verbose_name=_("reviewed by"),
        help_text=_("The clinical reviewer who checked it last."),
    )

    tags = TaggableManager(
        blank=True, help_text=_("Needs and symptoms, in everyday words, separated by commas.")
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["language", "slug"], name="%(app_label)s_%(class)s_one_slug_per_language"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.render_markdown_fields()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = publication_time()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """This version's page. An English version is also the page readers of another language
        get while theirs is missing, so it answers in the active language; any other version
        answers in its own (the admin, which is English, links a Spanish version to /es/...)."""
        if self.language == site_language():
            return reverse(self.url_name, args=[self.slug])
        with translation.override(self.language):
            return reverse(self.url_name, args=[self.slug])

    @property
    def untranslated(self) -> bool:
        """Shown to a reader of another language: their version of this page does not exist yet."""
        return self.language != reading_language()

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def review_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < timezone.localdate()

    @property
    def rendered_fields(self) -> tuple[str, ...]:
        """The stored HTML that render_markdown_fields() writes."""
        return tuple(f"{name}_html" for name in self.markdown_fields)

    def render_markdown_fields(self):
        """Render each Markdown field into its stored HTML, in the row's own language (the words
        Markdown adds, such as a footnote's link back to the text, are in it)."""
        for name in self.markdown_fields:
            setattr(self, f"{name}_html", render_markdown(getattr(self, name), self.language).html)

    # --- Workflow: draft -> in review -> published, and back to draft. Callers save afterwards. ---

    @classmethod
    def publish_permission(cls) -> str:
        """The permission (declared on each concrete model) that lets a clinical reviewer publish."""
        return f"{cls._meta.app_label}.publish_{cls._meta.model_name}"

    def submit_for_review(self) -> None:
        self.status = Status.IN_REVIEW

    def unpublish(self) -> None:
        """Back to draft: off every page, feed and sitemap (all of them read `published()`)."""
        self.status = Status.DRAFT

    def publish(self, reviewer, next_review_due: datetime.date | None = None) -> None:
        """Publish as `reviewer`: stamps who published, when (unless a time is scheduled), and the review.

        A `published_at` already set - in the future for scheduled publishing - is kept.
        """
        self.status = Status.PUBLISHED
        self.published_by = reviewer
        if self.published_at is None:
            self.published_at = publication_time()
        self.record_review(reviewer, next_review_due)

    def record_review(self, reviewer, next_review_due: datetime.date | None = None) -> None:
        """Record a clinical review today; the next one falls due after `REVIEW_INTERVAL_DAYS`."""
        today = timezone.localdate()
        self.last_reviewed = today
        self.reviewed_by = reviewer
        if next_review_due is None or next_review_due <= today:
            next_review_due = today + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
        self.next_review_due = next_review_due


class ContentVersion(models.Model):
    """A single counter bumped after every committed content change.

    Caches and each app server's search index compare it cheaply to know they are behind.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"content version {self.version}"

    @classmethod
    def current(cls) -> int:
        row = cls.objects.filter(pk=1).values_list("version", flat=True).first()
        return row or 0

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(version=F("version") + 1, changed_at=timezone.now())
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"version": 1})
