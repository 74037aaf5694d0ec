"""Curated articles: Markdown rendered once on save, tagged with needs and symptoms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.models import Publishable
from markup import render_markdown
from modalities.models import Modality
from search.fields import SearchField


class Article(Publishable):
    # The body renders with a table of contents too, so `render_markdown_fields` is its own.
    markdown_fields = ("body",)

    body = models.TextField(help_text=_("Markdown. Start sections with ## headings."))
    body_html = models.TextField(editable=False, default="")
    toc_html = models.TextField(editable=False, default="")
    content_note = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Optional: what the article touches on, for readers who want to know first."),
    )
    modalities = models.ManyToManyField(Modality, blank=True, related_name="articles")

    history = HistoricalRecords(excluded_fields=["body_html", "toc_html"])

    # What site search indexes besides the title and summary (search/fields.py). The names of the
    # therapies an article covers join its document too ("EMDR" finds it): see search/documents.py.
    search_fields = (SearchField("body_html", html=True),)

    url_name = "articles:detail"

    class Meta(Publishable.Meta):
        ordering = ["-published_at", "title"]
        # Clinical reviewers hold it (editorial migration 0002); editors do not.
        permissions = [("publish_article", "Can publish articles and record their review")]

    @property
    def rendered_fields(self) -> tuple[str, ...]:
        return ("body_html", "toc_html")

    def render_markdown_fields(self):
        rendered = render_markdown(self.body, self.language)
        self.body_html = rendered.html
        self.toc_html = rendered.toc
