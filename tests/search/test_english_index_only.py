"""Site search is English: the Spanish versions of pages stay out of the index and out of the
database search that stands in for it, so what an English search finds does not change."""

from articles.models import Article
from modalities.models import Modality
from search import database, engine
from search.documents import ARTICLE, MODALITY, published_documents
from search.plan import plan_query


def spanish_titles() -> set[str]:
    titles = set(Modality.objects.filter(language="es").values_list("title", flat=True))
    titles |= set(Article.objects.filter(language="es").values_list("title", flat=True))
    english = set(Modality.objects.filter(language="en").values_list("title", flat=True))
    return titles - english - set(Article.objects.filter(language="en").values_list("title", flat=True))


def test_only_the_english_versions_are_indexed(content):
    documents = [doc for doc in published_documents() if doc["type"] in (MODALITY, ARTICLE)]
    english = Modality.objects.published().filter(language="en").count()
    english += Article.objects.published().filter(language="en").count()
    assert len(documents) == english
    assert not {doc["title"] for doc in documents} & spanish_titles()


def test_a_spanish_search_word_finds_no_spanish_version(content):
    assert spanish_titles()
    for query in ("pedir ayuda ahora", "terapia de exposición prolongada", "desensibilización"):
        for outcome in (engine.search(query), database.search(plan_query(query))):
            assert not {result.title for result in outcome.results} & spanish_titles(), query


def test_saving_a_spanish_version_leaves_the_index_english(content):
    spanish = Article.objects.get(language="es", slug="getting-help-now")
    spanish.title = "Ayuda inmediata zqxv"
    spanish.save()
    assert engine.search("zqxv").results == []
