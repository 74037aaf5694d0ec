"""What a reader keeps of its index (search/index/kept.py): the same answers as the index, bounded."""

from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema

from search.index.kept import Bounded, KeptIndexReader


def test_bounded_drops_the_least_recently_used():
    kept = Bounded(2)
    assert kept.get("a", lambda: 1) == 1
    assert kept.get("b", lambda: 2) == 2
    assert kept.get("a", lambda: 99) == 1  # kept, and now the most recently used
    assert kept.get("c", lambda: 3) == 3  # "b" goes
    assert len(kept) == 2
    assert kept.get("b", lambda: 20) == 20
    assert kept.get("a", lambda: 10) == 10  # "a" went when "b" came back


def test_kept_answers_are_the_index_answers(tmp_path, monkeypatch):
    ix = whoosh_index.create_in(str(tmp_path), Schema(key=ID(stored=True), body=TEXT(stored=True)))
    writer = ix.writer()
    for number, body in enumerate(["bad dreams", "dreams of home", "sleep"]):
        writer.add_document(key=str(number), body=body)
    writer.commit()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        monkeypatch.setattr("search.index.kept.DOCUMENTS_KEPT", 1)  # every document read comes and goes
        kept = KeptIndexReader(reader)
        for _ in range(2):
            assert kept.doc_count() == reader.doc_count() == 3
            for word in ("dreams", "sleep", "nothing"):
                assert kept.doc_frequency("body", word) == reader.doc_frequency("body", word)
            for docnum in range(3):
                assert kept.stored_fields(docnum) == reader.stored_fields(docnum)
