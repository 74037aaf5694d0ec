"""The moderated inbox at /inbox/: list, filters, detail, triage, bulk actions and CSV export.

Every view is wrapped in `moderator_required`: anonymous visitors are sent to sign in, and signed-in
accounts that `can_moderate` refuses get the friendly 403 page. Changes go through the Enquiry's
methods, which write the history; there is no view that edits or deletes history.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from staff.formats import staff_name
from volunteers import outbox
from volunteers.export import write_enquiries
from volunteers.forms import AssignForm, BulkActionForm, InboxFilterForm, NoteForm, StatusForm
from volunteers.models import Enquiry, EnquiryInterest
from volunteers.permissions import can_moderate

PAGE_SIZE = 50


def moderator_required(view):
    """Sign in first; then only accounts `can_moderate` accepts. Inbox pages are never cached."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_moderate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(guarded)


def _enquiries():
    return Enquiry.objects.select_related("assignee").prefetch_related(
        Prefetch("interests", queryset=EnquiryInterest.objects.order_by("interest"))
    )


def _filtered(request):
    filters = InboxFilterForm(request.GET or None)
    return filters, filters.filter(_enquiries())


def _query_string_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _filters_in_use(filters) -> int:
    """How many of the folded-away filters hold a value (the status has its own links)."""
    data = getattr(filters, "cleaned_data", {})
    return sum(1 for name, value in data.items() if name != "status" and value not in (None, ""))


# The list's query string travels to an enquiry and back as `back`, so "Back to the inbox" returns
# to the same filters and page. It is only ever put after the inbox's own address.
BACK_PARAM = "back"


def _back(request) -> str:
    """The list's query string this enquiry was opened from, re-encoded (never a whole address)."""
    raw = request.POST.get(BACK_PARAM) or request.GET.get(BACK_PARAM) or ""
    return QueryDict(raw).urlencode()


def _back_url(back: str) -> str:
    return reverse("inbox:list") + (f"?{back}" if back else "")


def _to_detail(pk: int, back: str):
    query = QueryDict(mutable=True)
    if back:
        query[BACK_PARAM] = back
    url = reverse("inbox:detail", args=[pk])
    return redirect(f"{url}?{query.urlencode()}" if back else url)


@moderator_required
@require_safe
def inbox_list(request):
    filters, enquiries = _filtered(request)
    page = Paginator(enquiries, PAGE_SIZE).get_page(request.GET.get("page"))
    query_string = _query_string_without_page(request)
    counts = Enquiry.objects.status_counts()
    back = QueryDict(mutable=True)
    back[BACK_PARAM] = request.GET.urlencode()
    return render(
        request,
        "volunteers/inbox/list.html",
        {
            "staff_area": "inbox",
            "filters": filters,
            "filters_in_use": _filters_in_use(filters),
            "back_query": back.urlencode() if request.GET else "",
            "page": page,
            "query_string": query_string,
            "status_counts": [(status, counts[status.value]) for status in Enquiry.Status],
            "total": sum(counts.values()),
            "bulk_form": BulkActionForm(),
            "current_path": request.get_full_path(),
            "mail_health": outbox.health(),
        },
    )


@moderator_required
@require_safe
def inbox_export(request):
    _, enquiries = _filtered(request)
    filename = f"volunteer-enquiries-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    write_enquiries(enquiries.iterator(chunk_size=500), response)
    return response


@moderator_required
@require_POST
def inbox_bulk(request):
    form = BulkActionForm(request.POST)
    back = _safe_next(request)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    new_status = form.new_status()
    changed = sum(
        enquiry.change_status(new_status, by=request.user) for enquiry in form.cleaned_data["enquiries"]
    )
    label = Enquiry.Status(new_status).label.lower()
    messages.success(
        request,
        ngettext(
            "%(count)d enquiry marked as %(label)s.", "%(count)d enquiries marked as %(label)s.", changed
        )
        % {"count": changed, "label": label},
    )
    return redirect(back)


def _safe_next(request) -> str:
    """Where to go back to after a bulk action: an inbox address on this site, or the inbox."""
    target = request.POST.get("next", "")
    inbox = reverse("inbox:list")
    if target.startswith(inbox) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return inbox


def _detail(request, enquiry, *, status=200, **forms):
    back = _back(request)
    context = {
        "staff_area": "inbox",
        "back": back,
        "back_url": _back_url(back),
        "enquiry": enquiry,
        "interests": enquiry.interest_labels(),
        "notes": enquiry.notes.all(),
        "events": enquiry.events.select_related("actor"),
        "notifications": enquiry.notifications.all(),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": enquiry.status}),
        "assign_form": forms.get("assign_form") or AssignForm(initial={"assignee": enquiry.assignee_id}),
        "note_form": forms.get("note_form") or NoteForm(),
    }
    return render(request, "volunteers/inbox/detail.html", context, status=status)


@moderator_required
@require_safe
def inbox_detail(request, pk):
    return _detail(request, get_object_or_404(_enquiries(), pk=pk))


@moderator_required
@require_POST
def inbox_status(request, pk):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, enquiry, status=400, status_form=form)
    if enquiry.change_status(form.cleaned_data["status"], by=request.user):
        messages.success(
            request, _("Status changed to %(status)s.") % {"status": enquiry.get_status_display().lower()}
        )
    return _to_detail(pk, _back(request))


@moderator_required
@require_POST
def inbox_assign(request, pk):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _detail(request, enquiry, status=400, assign_form=form)
    assignee = form.cleaned_data["assignee"]
    if enquiry.assign(assignee, by=request.user):
        if assignee is None:
            messages.success(request, _("Assigned to nobody."))
        elif assignee == request.user:
            messages.success(request, _("Assigned to you."))
        else:
            messages.success(request, _("Assigned to %(name)s.") % {"name": staff_name(assignee)})
    return _to_detail(pk, _back(request))


@moderator_required
@require_POST
def inbox_note(request, pk):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _detail(request, enquiry, status=400, note_form=form)
    enquiry.add_note(form.cleaned_data["text"], by=request.user)
    messages.success(request, _("Note added."))
    return _to_detail(pk, _back(request))
