"""Article list and article page, in the reader's language."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article
from caching.decorators import cacheable_reading_page
from modalities.models import Modality

ARTICLES_PER_PAGE = 10
RELATED_ARTICLE_COUNT = 3


@cacheable_reading_page
@require_safe
def article_list(request):
    articles = Article.objects.published().in_language().prefetch_related("tags")
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page, "articles": page.object_list})


@cacheable_reading_page
@require_safe
def article_detail(request, slug):
    article = get_object_or_404(Article.objects.published().in_language().prefetch_related("tags"), slug=slug)
    tag_ids = [tag.pk for tag in article.tags.all()]
    related = (
        Article.objects.published()
        .in_language()
        .filter(tags__in=tag_ids)
        .exclude(pk=article.pk)
        .distinct()
        .only("language", "title", "slug", "summary", "published_at")[:RELATED_ARTICLE_COUNT]
    )
    context = {"article": article, "article_therapies": therapies_of(article), "related_articles": related}
    return render(request, "articles/article_detail.html", context)


def therapies_of(article, language: str | None = None):
    """The explainers the article links, in the reader's language (`language`, else the active one)
    whichever version of them the article was linked to: a Spanish article links Spanish explainers."""
    linked = article.modalities.values("slug")
    return Modality.objects.published().in_language(language).filter(slug__in=linked)
