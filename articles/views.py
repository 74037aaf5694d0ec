"""Article list and article page."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
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
    articles = Article.objects.published().prefetch_related("tags")
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "articles/article_list.html", {"page": page, "articles": page.object_list})


@cacheable_reading_page
@require_safe
def article_detail(request, slug):
    article = get_object_or_404(
        Article.objects.published().prefetch_related(
            "tags", Prefetch("modalities", queryset=Modality.objects.published())
        ),
        slug=slug,
    )
    tag_ids = [tag.pk for tag in article.tags.all()]
    related = (
        Article.objects.published()
        .filter(tags__in=tag_ids)
        .exclude(pk=article.pk)
        .distinct()
        .only("title", "slug", "summary", "published_at")[:RELATED_ARTICLE_COUNT]
    )
    return render(request, "articles/article_detail.html", {"article": article, "related_articles": related})
