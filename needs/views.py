"""The needs-and-symptoms pages: every need in use, and one need's therapies and articles, in the
reader's language."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from taggit.models import Tag

from articles.models import Article
from caching.decorators import cacheable_reading_page
from modalities.models import Modality
from needs.vocabulary import in_shown_order, needs_in_use


@cacheable_reading_page
@require_safe
def need_list(request):
    return render(request, "needs/need_list.html", {"needs": in_shown_order(needs_in_use())})


@cacheable_reading_page
@require_safe
def need_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    modalities = Modality.objects.published().in_language().filter(tags=tag)
    articles = Article.objects.published().in_language().filter(tags=tag)
    if not modalities and not articles:
        # A tag that only drafts use is not public yet.
        return render(request, "404.html", status=404)
    return render(
        request,
        "needs/need_detail.html",
        {"tag": tag, "modalities": modalities, "articles": articles},
    )
