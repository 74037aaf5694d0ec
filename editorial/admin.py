"""The editing surface shared by explainers and articles: workflow, permissions, preview and history.

Roles (groups made by migration 0002): Editors write and send drafts for review; Clinical reviewers
hold the model's `publish_<model>` permission and may publish, unpublish and record reviews. An editor
can read a published page in the admin but not change it: edits to live content go through a reviewer,
who can move it back to draft first.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from editorial.admin_lists import ReviewDueFilter, TagFilter, WorkflowChangeList
from editorial.forms import PublishableAdminForm
from editorial.history import TextDiffContextHelper
from editorial.models import Status
from editorial.preview import PreviewItem, preview_tags, sanitiser_changes
from editorial.restore import (
    keep_current_publication,
    restore_comparison,
    restore_reason,
    version_being_restored,
)
from editorial.workflow_messages import after_save

# Fields that record publication and review; only someone who may publish sets them.
REVIEW_FIELDS = ("published_at", "last_reviewed", "next_review_due", "reviewed_by")
PUBLICATION_STAMP_FIELDS = (*REVIEW_FIELDS, "published_by")
# The same publishing block closes every content type's edit form.
PUBLISHING_FIELDSET = (
    gettext_lazy("Publishing and review"),
    {
        "fields": [
            "status",
            "published_at",
            "published_by",
            "last_reviewed",
            "next_review_due",
            "reviewed_by",
            "created_at",
            "updated_at",
        ]
    },
)

admin.site.site_header = format_lazy(
    gettext_lazy("{site_name}: editing and review"), site_name=settings.SITE_NAME
)
admin.site.site_title = format_lazy(gettext_lazy("{site_name} admin"), site_name=settings.SITE_NAME)


def _valid_key_or_404(field, value):
    """`value` as a key of `field` (type and range checked), or Http404."""
    try:
        return field.clean(value, None)
    except ValidationError:
        raise Http404 from None


class PublishableAdmin(SimpleHistoryAdmin):
    """Base admin for `Publishable` models. Subclasses set fieldsets and `preview_template`."""

    form = PublishableAdminForm
    change_form_template = "admin/editorial/change_form.html"
    change_list_template = "admin/editorial/change_list.html"
    object_history_list_template = "admin/editorial/object_history_list.html"
    object_history_form_template = "admin/editorial/object_history_form.html"
    preview_template = ""
    preview_name = "item"  # the variable the public template reads

    list_display = ["title", "language", "status", "on_site", "next_review", "updated_at"]
    list_filter = ["language", "status", TagFilter, ReviewDueFilter]
    search_fields = ["title", "slug", "summary", "tags__name"]
    prepopulated_fields = {"slug": ["title"]}
    history_list_display = ["state"]
    actions = ["submit_for_review", "publish_now", "unpublish", "record_review_today"]

    # --- The list: what needs someone first ----------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return WorkflowChangeList

    # --- Who may do what ---------------------------------------------------------------------------

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(self.model.publish_permission())

    def _stored_status(self, obj) -> str | None:
        """The status in the database, not in memory: a version being restored carries its old one."""
        if obj is None or obj.pk is None:
            return None
        return self.model.objects.filter(pk=obj.pk).values_list("status", flat=True).first()

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is not None and not self.has_publish_permission(request):
            return self._stored_status(obj) != Status.PUBLISHED
        return True

    def get_readonly_fields(self, request, obj=None):
        readonly = ["published_by", "created_at", "updated_at"]
        if not self.has_publish_permission(request):
            readonly.extend(REVIEW_FIELDS)
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        if version_being_restored(obj) is not None:
            # Before the form reads the instance: a restore shows, and keeps, today's publication.
            keep_current_publication(obj)
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = self.has_publish_permission(request)  # a fresh class per call
        return form

    # --- Saving: the workflow's stamps -------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        stored = self.model.objects.filter(pk=obj.pk).first() if obj.pk else None
        version = version_being_restored(obj)
        if version is not None:
            obj._change_reason = restore_reason(version)  # what History shows for this version
        if not self.has_publish_permission(request):
            # The form already refuses this; a hand-made POST or a restored version must not either.
            if obj.status == Status.PUBLISHED or (stored and stored.status == Status.PUBLISHED):
                raise PermissionDenied
            if stored is not None:
                for name in PUBLICATION_STAMP_FIELDS:
                    setattr(obj, name, getattr(stored, name))
        elif obj.status == Status.PUBLISHED and (stored is None or stored.status != Status.PUBLISHED):
            obj.publish(request.user, next_review_due=form.cleaned_data.get("next_review_due"))
        super().save_model(request, obj, form, change)
        self._say_what_happened(request, obj, stored, version)

    def _say_what_happened(self, request, obj, stored, version):
        """Where the item stands now and who acts next; what a restore brought back; what the
        sanitiser changed in the Markdown."""
        if version is not None:
            self.message_user(request, restore_reason(version) + ".")
        before = stored.status if stored is not None else None
        self.message_user(request, after_save(obj, before, self.has_publish_permission(request)))
        changes = sanitiser_changes(obj)
        if changes:
            text = ngettext(
                "The site changed %(count)d thing in the Markdown of “%(title)s”: Preview says why.",
                "The site changed %(count)d things in the Markdown of “%(title)s”: Preview says why.",
                len(changes),
            )
            self.message_user(request, text % {"count": len(changes), "title": obj}, messages.WARNING)

    def _announce_publication(self, request, objs):
        now = timezone.now()
        for obj in objs:
            if obj.published_at and obj.published_at > now:
                when = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
                self.message_user(
                    request,
                    _("“%(title)s” is scheduled: it appears on the site on %(when)s.")
                    % {"title": obj, "when": when},
                )

    # --- Actions -----------------------------------------------------------------------------------

    def _save_each(self, request, objs, change):
        with transaction.atomic():
            for obj in objs:
                change(obj)
                obj._history_user = request.user
                obj.save()

    @admin.action(description=gettext_lazy("Send selected drafts for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = list(queryset.filter(status=Status.DRAFT))
        if not drafts:
            self.message_user(
                request, _("Nothing was sent: only drafts can be sent for review."), messages.WARNING
            )
            return
        self._save_each(request, drafts, lambda obj: obj.submit_for_review())
        sent = ngettext(
            "Sent %(count)d for review. A clinical reviewer can now publish.",
            "Sent %(count)d for review. A clinical reviewer can now publish.",
            len(drafts),
        )
        self.message_user(request, sent % {"count": len(drafts)})

    @admin.action(description=gettext_lazy("Publish selected (as the reviewer)"), permissions=["publish"])
    def publish_now(self, request, queryset):
        items = list(queryset.exclude(status=Status.PUBLISHED))
        if not items:
            self.message_user(
                request, _("Nothing was published: those are already published."), messages.WARNING
            )
            return
        self._save_each(request, items, lambda obj: obj.publish(request.user, obj.next_review_due))
        published = ngettext(
            "Published %(count)d, with your review recorded.",
            "Published %(count)d, with your review recorded.",
            len(items),
        )
        self.message_user(request, published % {"count": len(items)})
        self._announce_publication(request, items)

    @admin.action(description=gettext_lazy("Unpublish selected (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        items = list(queryset.exclude(status=Status.DRAFT))
        self._save_each(request, items, lambda obj: obj.unpublish())
        moved = ngettext(
            "Moved %(count)d back to draft. They are no longer on the site.",
            "Moved %(count)d back to draft. They are no longer on the site.",
            len(items),
        )
        self.message_user(request, moved % {"count": len(items)})

    @admin.action(description=gettext_lazy("Record a clinical review today"), permissions=["publish"])
    def record_review_today(self, request, queryset):
        items = list(queryset)
        self._save_each(request, items, lambda obj: obj.record_review(request.user))
        recorded = ngettext(
            "Recorded your review of %(count)d; the next one is due in a year.",
            "Recorded your review of %(count)d; the next one is due in a year.",
            len(items),
        )
        self.message_user(request, recorded % {"count": len(items)})

    # --- List columns ------------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("On the site"))
    def on_site(self, obj):
        if obj.is_public:
            return _("Live")
        if obj.status == Status.PUBLISHED and obj.published_at:
            when = date_format(timezone.localtime(obj.published_at), "DATETIME_FORMAT")
            return _("Scheduled for %(when)s") % {"when": when}
        return _("Not public")

    @admin.display(description=gettext_lazy("Next review"), ordering="next_review_due")
    def next_review(self, obj):
        if obj.next_review_due is None:
            return _("Not set")
        due = date_format(obj.next_review_due, "DATE_FORMAT")
        return _("%(due)s (overdue)") % {"due": due} if obj.review_overdue else due

    # --- History: line diffs, and no restoring what you may not change ------------------------------

    @admin.display(description=gettext_lazy("State"))
    def state(self, record):
        """The status of one historical version, in words (a history_list_display column)."""
        return record.get_status_display()

    def get_historical_record_context_helper(self, request, historical_record):
        return TextDiffContextHelper(self.model, historical_record)

    def _check_history_request(self, request, object_id, version_id=None):
        """Staff without any permission on this content are refused before their address is even
        read (403); then an id that is not a valid key is simply not found (404), never a 500."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        _valid_key_or_404(self.model._meta.pk, unquote(object_id))
        if version_id is not None:
            _valid_key_or_404(self.model.history.model._meta.pk, version_id)

    def history_view(self, request, object_id, extra_context=None):
        self._check_history_request(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_history_request(request, object_id, version_id)
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("An earlier version of “%(title)s”") % {"title": obj}
        return _("Restore an earlier version of “%(title)s”") % {"title": obj}

    def render_history_view(self, request, template, context, **kwargs):
        """The restore page, with what restoring would change (current version first) above the form."""
        version_obj = context.get("original")
        current = self.model.objects.filter(pk=version_obj.pk).first() if version_obj else None
        version = version_being_restored(version_obj)
        if current is not None and version is not None:
            context["restore_comparison"] = restore_comparison(current, version_obj)
            context["current"] = current
            context["version_date"] = version.history_date
        return super().render_history_view(request, template, context, **kwargs)

    # --- Preview: the posted form, rendered through the public page template -------------------------

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name=f"{prefix}_preview_new"),
            path("<path:object_id>/preview/", preview, name=f"{prefix}_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        """Show what the posted form would look like on the public page, without saving anything.

        Opened with GET on a saved item (the "View on site" of a page readers cannot see yet), it
        shows the item as saved.
        """
        if request.method not in ("POST", "GET") or (request.method == "GET" and object_id is None):
            return HttpResponseNotAllowed(["POST"])
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
        if request.method == "GET":
            return self._saved_preview(request, obj)
        allowed = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(request.POST, instance=obj)
        form.is_valid()  # fills form.instance from what validated; nothing is saved
        item = form.instance
        pristine = self.model.objects.get(pk=obj.pk) if obj else self.model()
        field_names = {f.name for f in self.model._meta.concrete_fields}
        for name in form.errors:
            if name in field_names:  # a value that failed validation is never shown, even in a preview
                setattr(item, name, getattr(pristine, name))
        item.render_markdown_fields()
        tags = self._preview_tags(form, pristine)
        modalities = [m for m in form.cleaned_data.get("modalities", ()) if m.is_public]
        context = {
            self.preview_name: PreviewItem(item, tags=tags, modalities=modalities),
            "article_therapies": modalities,
            "related_articles": [],
            "preview_problems": [
                _("%(field)s: %(errors)s")
                % {
                    "field": form.fields[name].label if name in form.fields else _("Form"),
                    "errors": " ".join(errors),
                }
                for name, errors in form.errors.items()
            ],
            "markdown_changes": sanitiser_changes(item),
        }
        return self._preview_in_its_language(request, item, context)

    def _saved_preview(self, request, obj):
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        obj.render_markdown_fields()  # as a save would: what readers will get
        context = {
            self.preview_name: obj,
            "article_therapies": list(obj.modalities.all()) if hasattr(obj, "modalities") else [],
            "related_articles": [],
            "markdown_changes": sanitiser_changes(obj),
            "saved": True,
        }
        return self._preview_in_its_language(request, obj, context)

    def _preview_in_its_language(self, request, item, context):
        """The public page as readers of the item's language get it: a Spanish version in the
        Spanish frame, though the admin around it is English."""
        response = TemplateResponse(request, self.preview_template, context)
        with translation.override(item.language):
            return response.render()

    def _preview_tags(self, form, pristine):
        if "tags" in form.cleaned_data:
            return preview_tags(form.cleaned_data["tags"])
        return list(pristine.tags.all()) if pristine.pk else []
