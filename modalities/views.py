"""Explainer index, explainer page and the side-by-side comparison, in the reader's language."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article
from caching.decorators import cacheable_reading_page
from modalities.comparison import FACTS, ChooseTherapiesForm, facts_of, side_by_side
from modalities.models import EVIDENCE_MEANING, EvidenceLevel, Modality


@cacheable_reading_page
@require_safe
def modality_index(request):
    return render(
        request,
        "modalities/modality_list.html",
        {"modalities": Modality.objects.published().in_language().prefetch_related("tags")},
    )


@cacheable_reading_page
@require_safe
def modality_detail(request, slug):
    modality = get_object_or_404(
        Modality.objects.published().in_language().prefetch_related("tags"), slug=slug
    )
    # The articles on this therapy in the reader's language, whichever version of it they link.
    related_articles = (
        Article.objects.published()
        .in_language()
        .filter(modalities__slug=modality.slug)
        .distinct()
        .only("language", "title", "slug", "summary", "published_at")
    )
    return render(
        request,
        "modalities/modality_detail.html",
        {"modality": modality, "related_articles": related_articles},
    )


@cacheable_reading_page
@require_safe
def compare(request):
    modalities = list(Modality.objects.published().in_language())
    # Bound only when the reader has picked (or sent the form empty), so a first visit shows no error.
    form = ChooseTherapiesForm(request.GET if "show" in request.GET else None, modalities)
    chosen = form.chosen()
    return render(
        request,
        "modalities/compare.html",
        {
            "form": form,
            "chosen": chosen,
            "side_by_side": side_by_side(chosen),
            "fact_labels": [label for label, _name in FACTS],
            "rows": [(modality, facts_of(modality)) for modality in modalities],
            "evidence_scale": [(level.label, EVIDENCE_MEANING[level]) for level in EvidenceLevel],
        },
    )
