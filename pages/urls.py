from django.contrib.sitemaps.views import sitemap
from django.urls import path

from caching.decorators import cacheable_reading_page
from pages import views
from pages.sitemaps import SITEMAPS

# Reading pages: in every language (config/urls.py mounts them under each language's prefix).
urlpatterns = [
    path("", views.home, name="home"),
    path("safety/", views.safety, name="safety"),
]

# One of each for the whole site, whatever the language: the sitemap lists every language's pages.
site_files = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cacheable_reading_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
]
