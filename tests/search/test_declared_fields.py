"""Each content model declares what goes into its search document (search_fields); the documents and
their change stamps both follow that declaration."""

import pytest

from articles.models import Article
from editorial.models import ContentVersion
from modalities.models import Modality
from search import documents, engine, index
from search.fields import NAMES, SearchField

WORD = "zebrafinch"  # in no curated text


def found(query) -> list[str]:
    return [r.title for r in engine.search(query, per_page=50).results]


def test_a_declared_field_is_indexed_and_changes_the_stamp(content, monkeypatch):
    index.rebuild()
    emdr = Modality.objects.get(language="en", slug="emdr")
    key = documents.key_for(documents.MODALITY, emdr.pk)
    before = documents.current_stamps()[key]
    # A column the explainer has but does not declare: changing it changes nothing for search.
    Modality.objects.filter(pk=emdr.pk).update(evidence_basis=f"Trials with {WORD} counts.")
    ContentVersion.bump()
    assert documents.current_stamps()[key] == before
    assert found(WORD) == []

    monkeypatch.setattr(Modality, "search_fields", (*Modality.search_fields, SearchField("evidence_basis")))
    assert documents.current_stamps()[key] != before, "the declared column is part of the stamp"
    assert WORD in documents.documents_for_keys([key])[key]["body"]
    ContentVersion.bump()
    assert found(WORD) == ["EMDR"], "catch-up saw the stamp change and indexed the field"
    index.rebuild()
    assert found(WORD) == ["EMDR"], "a full build indexes it too"


def test_a_field_declared_as_a_name_counts_as_one(content, monkeypatch):
    article = Article.objects.get(language="en", slug="bad-dreams-and-sleep")
    Article.objects.filter(pk=article.pk).update(content_note=f"Mentions {WORD}.")
    declared = (*Article.search_fields, SearchField("content_note", NAMES))
    monkeypatch.setattr(Article, "search_fields", declared)
    doc = documents.documents_for_keys([documents.key_for(documents.ARTICLE, article.pk)])
    assert WORD in next(iter(doc.values()))["names"]


def test_a_search_field_joins_a_part_documents_have():
    with pytest.raises(ValueError):
        SearchField("title", part="headline")
