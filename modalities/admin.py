from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from modalities.models import Modality


@admin.register(Modality)
class ModalityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "evidence_level", "next_review_due"]
    prepopulated_fields = {"slug": ["title"]}
