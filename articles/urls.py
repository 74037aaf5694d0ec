from django.urls import path

from articles import views
from articles.feeds import ArticleFeed
from caching.decorators import cacheable_reading_page

app_name = "articles"
urlpatterns = [
    path("articles/", views.article_list, name="list"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("feeds/articles/", cacheable_reading_page(ArticleFeed()), name="feed"),
]
