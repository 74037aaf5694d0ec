"""Admin for the volunteers app: deliberately read-only and free of personal details.

Enquiries, notes and their history are not in the admin at all: the inbox (/inbox/) is the one place
moderators work, so every change goes through the Enquiry's methods and lands in the append-only
history. The admin shows only the mail outbox, so an operator can see mail that is stuck.
"""

from django.contrib import admin

from volunteers.models import Notification
from volunteers.permissions import can_moderate


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    fields = list_display[1:] + ["kind", "created_at"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return can_moderate(request.user)

    def has_view_permission(self, request, obj=None):
        return can_moderate(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
