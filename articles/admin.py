from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from articles.models import Article


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "published_at", "next_review_due"]
    prepopulated_fields = {"slug": ["title"]}
