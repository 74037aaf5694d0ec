"""The content version moves after every committed change that readers could see, and only then."""

from taggit.models import Tag

from articles.models import Article
from editorial.models import ContentVersion


def test_saving_content_bumps_the_version_after_commit(content, django_capture_on_commit_callbacks):
    before = ContentVersion.current()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article = Article.objects.get(language="en", slug="you-are-not-alone")
        article.title = "You are not alone, ever"
        article.save()
    assert ContentVersion.current() == before, "nothing moves before the commit"
    for callback in callbacks:
        callback()
    assert ContentVersion.current() > before


def test_renaming_a_tag_bumps_the_version(content, django_capture_on_commit_callbacks):
    before = ContentVersion.current()
    with django_capture_on_commit_callbacks(execute=True):
        tag = Tag.objects.get(name="nightmares")
        tag.name = "bad dreams and nightmares"
        tag.save()
    assert ContentVersion.current() > before
