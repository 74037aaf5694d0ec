"""Search benchmark: the Whoosh path against a plain ORM `icontains` search, on 5,000 synthetic articles.

Run with `make bench` or `.venv/bin/python -m benchmarks.search_bench`. Everything happens in a
throwaway directory (its own SQLite database and index); var/db.sqlite3 is never touched.

The corpus is deterministic (a fixed seed), beside the real curated content. Each synthetic article
has 2-5 needs from the vocabulary as tags, 1-3 linked modalities, a title made of its needs, and a
body as long as the curated articles', written from the word frequencies of the curated content:
mostly general words, plus the vocabulary of its modalities' explainers and the everyday phrases of
its needs (search/synonyms.yaml). The 200 queries are a fixed mix of the shared relevance sample,
everyday searches with misspellings and whole sentences, the vocabulary and everyday phrases.

Printed: index build time; p50/p95/p99 latency of search.engine.search (the function behind the page
and the API: synonyms, typo handling, ranking, count, snippets) and of a plain ORM icontains search
(count and first page) over the same mix, in wall-clock and CPU time; and their ratio. Targets: Whoosh
p95 under 20 ms, and at least 5 times faster than the ORM.
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 5000
QUERIES = 200
SEED = 20260101
TARGET_P95_MS = 20.0
TARGET_RATIO = 5.0


def _setup(workdir: Path):
    """Django on a throwaway SQLite database in `workdir`, whatever the caller's environment says."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_VAR_DIR"] = str(workdir)
    os.environ["SEARCH_INDEX_DIR"] = str(workdir / "search")
    os.environ["DJANGO_SECRET_KEY"] = "benchmark-only-" + "x" * 40
    os.environ["DJANGO_DEBUG"] = "0"  # no query logging, as in production
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    assert Path(settings.DATABASES["default"]["NAME"]).parent == workdir, "refusing to touch a real database"

    class _NoMigrations(dict):
        # Tables straight from the models: the benchmark needs the schema, not the data migrations.
        def __contains__(self, item):
            return True

        def __getitem__(self, item):
            return None

    settings.MIGRATION_MODULES = _NoMigrations()
    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("loadcontent", verbosity=0)


class _Banks:
    """Word frequencies of the curated content: general words, and the words of each therapy.

    A general word is one that at least half of the curated files use; every other word of a modality
    explainer is that therapy's own vocabulary. Synthetic articles then read like real ones: mostly
    general words, plus the vocabulary of the therapies they cover and the phrases of their needs.
    """

    def __init__(self):
        from search.text import words

        files = sorted((ROOT / "content").glob("*/*.md"))
        counts = {
            path: Counter(w for w in words(path.read_text(encoding="utf-8")) if w.isalpha()) for path in files
        }
        document_frequency = Counter(w for counter in counts.values() for w in counter)
        total = Counter()
        for counter in counts.values():
            total.update(counter)
        general = sorted(w for w, df in document_frequency.items() if df * 2 >= len(files))
        self.general = (general, [total[w] for w in general])
        # Synthetic bodies are as long as the curated articles' (front matter left out).
        lengths = [
            len(words(path.read_text(encoding="utf-8").split("\n---", 1)[-1]))
            for path in files
            if path.parent.name == "articles"
        ]
        self.body_words = (min(lengths), max(lengths))
        self.topics = {}
        for path in files:
            if path.parent.name == "modalities":
                own = sorted(w for w in counts[path] if document_frequency[w] * 2 < len(files))
                self.topics[path.stem] = (own, [counts[path][w] for w in own])


def _sentence(rng, banks: _Banks, topics: list[str], phrases: list[str]) -> str:
    length = rng.randint(8, 18)
    general, general_weights = banks.general
    picked = rng.choices(general, weights=general_weights, k=length)
    for _ in range(length // 4):
        topic_words, topic_weights = banks.topics[rng.choice(topics)]
        picked.insert(rng.randrange(len(picked)), rng.choices(topic_words, weights=topic_weights)[0])
    if phrases and rng.random() < 0.3:
        picked.insert(rng.randrange(len(picked)), rng.choice(phrases))
    return " ".join(picked).capitalize() + "."


def _build_corpus(rng):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles.models import Article
    from modalities.models import Modality
    from search.synonyms import synonym_map

    banks = _Banks()
    synonyms = synonym_map()
    needs = sorted({n for found in synonyms.phrases.values() for n in found[0]})
    phrases_of = {
        need: [" ".join(k) for k, found in synonyms.phrases.items() if need in found[0]] for need in needs
    }
    modalities = {m.slug: m for m in Modality.objects.filter(language="en")}  # search is English
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in needs}
    now = timezone.now()
    articles, topics = [], []
    for number in range(ARTICLES):
        article_needs = rng.sample(needs, rng.randint(2, 5))
        article_modalities = rng.sample(sorted(modalities), rng.randint(1, 3))
        phrases = [p for need in article_needs for p in phrases_of[need]]
        body_length = rng.randint(*banks.body_words)
        paragraphs, written = [], 0
        while written < body_length:
            sentences = [_sentence(rng, banks, article_modalities, phrases) for _ in range(4)]
            paragraphs.append(" ".join(sentences))
            written += sum(len(s.split()) for s in sentences)
        general_words = banks.general[0]
        articles.append(
            Article(
                title=f"{article_needs[0].capitalize()} and {article_needs[1]}: "
                + " ".join(rng.choices(general_words, k=3)),
                slug=f"synthetic-{number:05d}",
                summary=_sentence(rng, banks, article_modalities, phrases),
                body="\n\n".join(paragraphs),
                body_html="".join(f"<p>{p}</p>" for p in paragraphs),
                status="published",
                published_at=now - timezone.timedelta(minutes=number),
                last_reviewed=now.date(),
            )
        )
        topics.append((article_needs, article_modalities))
    Article.objects.bulk_create(articles, batch_size=500)
    created = Article.objects.filter(slug__startswith="synthetic-").order_by("slug")
    article_type = ContentType.objects.get_for_model(Article)
    tagged, linked = [], []
    for article, (article_needs, article_modalities) in zip(created, topics, strict=True):
        for name in article_needs:
            tagged.append(TaggedItem(content_type=article_type, object_id=article.pk, tag=tags[name]))
        for slug in article_modalities:
            linked.append(Article.modalities.through(article_id=article.pk, modality_id=modalities[slug].pk))
    TaggedItem.objects.bulk_create(tagged, batch_size=2000)
    Article.modalities.through.objects.bulk_create(linked, batch_size=2000)
    all_phrases = sorted({p for values in phrases_of.values() for p in values})
    return needs, all_phrases


# Everyday searches as people type them, misspellings and all (not the shared relevance sample).
EVERYDAY = [
    "nightmars",
    "flash backs",
    "I keep having nightmares about what happened",
    "can't sleep because of nightmares",
    "nobody understands me",
    "i feel numb",
    "panic attacks",
    "my body is always tense",
    "can't trust anyone",
    "I blame myself",
    "singing",
    "support group",
    "my teenage daughter was exploited",
    "lonley",
    "anxeity",
    "i dont want to talk about it",
    "bad memories keep coming back",
    "how do i help my son",
    "therapy with other survivors",
    "I get angry so easily",
]


def _query_mix(rng, needs, phrases) -> list[str]:
    shared = ROOT.parent / "shared" / "eval" / "search_queries.tsv"
    sample = []
    if shared.exists():
        lines = shared.read_text(encoding="utf-8").splitlines()
        sample = [line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]
    pool = sample + EVERYDAY + needs + rng.sample(phrases, 60)
    return [pool[i % len(pool)] for i in rng.sample(range(QUERIES * 3), QUERIES)]


def _orm_search(text: str):
    """The plain alternative: any word of the query in a title, summary or body, newest first.

    Like a paginated list page, it counts the matches and fetches the first ten, as the search page
    shows a count and a page of results.
    """
    import functools
    import operator

    from django.db.models import Q

    from articles.models import Article
    from search.text import clean_query, content_words, words

    terms = content_words(words(clean_query(text)))
    if not terms:
        return 0, []
    fields = ("title__icontains", "summary__icontains", "body__icontains")
    condition = functools.reduce(operator.or_, (Q(**{field: term}) for term in terms for field in fields))
    matches = Article.objects.published().filter(condition, language="en")  # as the index
    return matches.count(), list(matches.values("title", "slug", "summary")[:10])


def _time(function, queries) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per query (CPU time holds steady when others share the machine)."""
    for query in queries[:20]:
        function(query)  # warm caches, as a running server would be
    wall, cpu = [], []
    for query in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        function(query)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def _percentiles(timings: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(timings, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "mean": statistics.fmean(timings)}


def _size(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main() -> int:
    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        _setup(workdir)
        from search import engine, index

        rng = random.Random(SEED)
        started = time.perf_counter()
        needs, phrases = _build_corpus(rng)
        made = time.perf_counter() - started
        print(f"corpus: {ARTICLES} synthetic articles + the curated content, made in {made:.1f} s")

        report = index.rebuild()
        print(
            f"index build: {report.documents} documents in {report.seconds:.2f} s "
            f"({report.documents / report.seconds:.0f} documents/s, {_size(report.path):.1f} MB on disk)"
        )

        queries = _query_mix(rng, needs, phrases)
        whoosh_wall, whoosh_cpu = _time(engine.search, queries)
        orm_wall, orm_cpu = _time(_orm_search, queries)
        sources = Counter(engine.search(q).source for q in queries)
        print(f"queries: {len(queries)} (fixed mix), answered by: {dict(sources)}")
        print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"{'':14}{'p50':>10}{'p95':>10}{'p99':>10}{'mean':>10}")
        rows = {
            "whoosh wall": _percentiles(whoosh_wall),
            "orm wall": _percentiles(orm_wall),
            "whoosh cpu": _percentiles(whoosh_cpu),
            "orm cpu": _percentiles(orm_cpu),
        }
        for name, figures in rows.items():
            print(f"{name:14}" + "".join(f"{figures[k]:>8.2f}ms" for k in ("p50", "p95", "p99", "mean")))
        for clock in ("wall", "cpu"):
            whoosh, orm = rows[f"whoosh {clock}"], rows[f"orm {clock}"]
            print(
                f"ratio orm/whoosh ({clock}): p50 {orm['p50'] / whoosh['p50']:.1f}x, "
                f"p95 {orm['p95'] / whoosh['p95']:.1f}x"
            )
        whoosh, orm = rows["whoosh wall"], rows["orm wall"]
        p95_ok = whoosh["p95"] < TARGET_P95_MS
        ratio_ok = orm["p50"] / whoosh["p50"] >= TARGET_RATIO
        print(f"target whoosh p95 < {TARGET_P95_MS:.0f} ms (wall): {'met' if p95_ok else 'NOT met'}")
        print(f"target >= {TARGET_RATIO:.0f}x faster than ORM (wall p50): {'met' if ratio_ok else 'NOT met'}")
        return 0
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
