"""Publish or unpublish a probe article from a separate process, as an editor's admin save would.

`python -m benchmarks.publish_probe publish|unpublish` with the benchmark server's environment. It
saves through the model (so the content version moves after the commit, as in the admin) and prints
the wall-clock time of the commit, from which the benchmark measures how soon readers see it.
"""

import sys
import time

import django

PROBE_SLUG = "benchmark-probe"
PROBE_TITLE = "A probe article published during the benchmark"


def main(action: str) -> int:
    django.setup()
    from django.db import transaction

    from articles.models import Article
    from editorial.models import Status

    status = {"publish": Status.PUBLISHED, "unpublish": Status.DRAFT}[action]
    with transaction.atomic():
        article, _ = Article.objects.get_or_create(
            slug=PROBE_SLUG,
            defaults={
                "title": PROBE_TITLE,
                "summary": "Probe.",
                "body": "Probe text.",
                "status": Status.DRAFT,
            },
        )
        article.status = status
        article.save()
    print(f"committed {time.time():.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
