"""The database search that answers while the index is rebuilt, and the module boundaries."""

import re

from search import database, engine, index
from search.index.query import PARSER, plain_words_query
from search.plan import plan_query
from tests.conftest import ROOT


def test_database_search_finds_and_ranks_explainers_first(content):
    outcome = database.search(plan_query("bad dreams"))
    assert outcome.source == "database"
    titles = [r.title for r in outcome.results]
    assert "Bad dreams and trouble sleeping" in titles
    explainers = [r for r in outcome.results[:3] if r.type == "modality"]
    assert len(explainers) >= 2, "explainers tagged nightmares rank high"
    assert all("nightmares" in r.tags for r in explainers)
    emdr = next(r for r in outcome.results if r.title == "EMDR")
    assert emdr.modalities == ("emdr",) and "nightmares" in emdr.tags


def test_database_search_filters_and_pages(content):
    modalities = database.search(plan_query("therapy"), kind="modality")
    assert modalities.results and {r.type for r in modalities.results} == {"modality"}
    tagged = database.search(plan_query("therapy"), tag="nightmares")
    assert tagged.results and all("nightmares" in r.tags for r in tagged.results)
    last = database.search(plan_query("therapy"), page=999, per_page=5)
    assert last.page == last.num_pages and last.results


def test_engine_falls_back_to_the_database_when_the_index_errs(content, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(index, "search", broken)
    outcome = engine.search("bad dreams")
    assert outcome.source == "database"
    assert outcome.results
    assert "RuntimeError" in caplog.text


def test_parser_failure_searches_plain_words(content, monkeypatch):
    index.rebuild()

    def reject(text):
        raise ValueError("parser rejected it")

    monkeypatch.setattr(PARSER, "parse", reject)
    outcome = engine.search('"bad dreams" nightmares')
    assert outcome.source == "index"
    assert "Bad dreams and trouble sleeping" in [r.title for r in outcome.results[:3]]


def test_quoted_phrase_is_searched_as_a_phrase(content):
    index.rebuild()
    phrase = [r.title for r in engine.search('"trouble sleeping"').results]
    words = [r.title for r in engine.search("trouble sleeping", everything=True).results]
    assert "Bad dreams and trouble sleeping" in phrase[:3]
    assert set(phrase) <= set(words)


def test_plain_words_match_what_the_parser_makes(content):
    index.rebuild()
    plan = plan_query("nightmares trust")

    def leaves(query):
        return {(term.fieldname, term.text, term.boost) for term in query.normalize().leaves()}

    assert leaves(PARSER.parse(" ".join(plan.words))) == leaves(plain_words_query(plan.words))


def test_only_the_index_package_imports_whoosh():
    pattern = re.compile(r"^\s*(import whoosh|from whoosh)", re.MULTILINE)
    importers = [
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*.py")
        if not {".venv", "var", "tests"} & set(path.relative_to(ROOT).parts)
        and pattern.search(path.read_text("utf-8"))
    ]
    assert importers
    assert [path for path in importers if not path.startswith("search/index/")] == []


def test_spelling_and_snippets_need_no_search_engine():
    """They work on plain words and text: no Whoosh, and no module of the index that brings it in."""
    engine_imports = re.compile(r"^\s*(import|from) (whoosh|search\.index)", re.MULTILINE)
    for name in ("spelling", "snippets"):
        source = (ROOT / "search" / "index" / f"{name}.py").read_text("utf-8")
        assert not engine_imports.search(source), name


def test_nothing_outside_the_index_package_reaches_its_private_names():
    private = re.compile(r"\bindex\._\w|from search\.index(\.\w+)? import [^\n]*\b_\w")
    reaching = [
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*.py")
        if not {".venv", "var"} & set(path.relative_to(ROOT).parts)
        and "search/index/" not in path.relative_to(ROOT).as_posix()
        and private.search(path.read_text("utf-8"))
    ]
    assert reaching == []
