"""The decision aid at /choose/: questions by GET, everything after them by POST.

What a reader answers is private, so nothing of it is kept or traced:

- Answers travel only in POST bodies, never in the address, so they are in no history, log line or
  referrer. Each later step (results, compare, the summaries, changing answers) posts them again
  from hidden fields; the server stores nothing between steps.
- Every response is `Cache-Control: no-store`: no browser or shared cache keeps it, Back after the
  quick exit cannot show it again, and the page cache (caching/) never stores it.
- No cookie is set. The form changes nothing on the server (it only shapes the page sent back), so
  there is nothing for cross-site request forgery to abuse: the view is CSRF-exempt and the
  templates ask for no token, which would otherwise set the CSRF cookie.
- POST values are marked sensitive, so an error report never prints them.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from choose.discreet import discreet_or_empty
from choose.questions import NOT_SURE, QUESTIONS, answers_from, given
from choose.ranking import rank
from modalities.models import EVIDENCE_MEANING, EvidenceLevel, Modality

COMPARE_MIN = 2
COMPARE_MAX = 3
# The summary lists the therapies the reader ticked, or else the best few fits.
SUMMARY_DEFAULT = 3

# The first-session card: rights and requests a reader may tick and take to a first session.
FIRST_SESSION_CARD = (
    _("A therapist of the gender I choose."),
    _("An interpreter I choose, never one linked to anyone who controlled me."),
    _("To bring an advocate or someone I trust."),
    _("Not to share details until I am ready."),
    _("Breaks when I need them, and a stop signal we agree on."),
    _("To know how my notes are kept and who can see them."),
)

RESULTS, COMPARE, SUMMARY, DISCREET, EDIT = "results", "compare", "summary", "discreet", "edit"


def _private(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


# CSRF-exempt on purpose: see the module docstring. The form changes nothing on the server.
@csrf_exempt
@sensitive_post_parameters()
@require_http_methods(["GET", "HEAD", "POST"])
def choose(request):
    if request.method != "POST":
        return _private(render(request, "choose/questions.html", _questions_context({})))

    answers = answers_from(request.POST)
    show = request.POST.get("show", RESULTS)
    if show == EDIT:
        return _private(render(request, "choose/questions.html", _questions_context(answers)))

    fits = rank(Modality.objects.published().in_language(), answers)
    requested = set(request.POST.getlist("compare"))
    ticked = [fit for fit in fits if fit.slug in requested]  # in order of fit
    context = {
        "answers": answers,
        "given": given(answers),
        "fits": fits,
        "ticked": {fit.slug for fit in ticked},
        "evidence_scale": [(level.label, EVIDENCE_MEANING[level]) for level in EvidenceLevel],
        "compare_min": COMPARE_MIN,
        "compare_max": COMPARE_MAX,
    }

    if show == COMPARE and len(ticked) >= COMPARE_MIN:
        context.update(compared=ticked[:COMPARE_MAX], ticked_count=len(ticked))
        return _private(render(request, "choose/compare.html", context))

    if show in (SUMMARY, DISCREET):
        discreet = show == DISCREET
        chosen = ticked[:COMPARE_MAX] or [fit for fit in fits if fit.has_reasons][:SUMMARY_DEFAULT]
        context.update(
            chosen=[_summary_item(fit, discreet) for fit in chosen],
            chose_themselves=bool(ticked),
            discreet=discreet,
            first_session_card=FIRST_SESSION_CARD,
        )
        template = "choose/summary_discreet.html" if discreet else "choose/summary.html"
        return _private(render(request, template, context))

    context["compare_note"] = show == COMPARE  # asked to compare with fewer than two ticked
    return _private(render(request, "choose/results.html", context))


def _questions_context(answers):
    """Each question with the answer to show selected ("not sure" unless the reader chose one)."""
    return {"questions": [(question, answers.get(question.name, NOT_SURE)) for question in QUESTIONS]}


def _summary_item(fit, discreet: bool) -> dict:
    """A chosen therapy's key facts for a printed summary.

    For the discreet print, any fact that gives away what happened is left out (choose.discreet),
    and so are links, which would name this site.
    """
    keep = discreet_or_empty if discreet else str
    modality = fit.modality
    return {
        "title": keep(modality.title),
        "format": keep(modality.format),
        "typical_length": keep(modality.typical_length),
        "session_involves": keep(modality.session_involves),
        "evidence": modality.get_evidence_level_display(),
        "evidence_meaning": modality.evidence_meaning,
        "fits": [reason for reason in fit.fits if keep(reason.fact)],
        "harder": [reason for reason in fit.harder if keep(reason.fact)],
        "url": "" if discreet else modality.get_absolute_url(),
    }
