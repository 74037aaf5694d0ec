"""python manage.py rebuild_index [--if-stale] — build the search index afresh and swap it in.

With --if-stale (what `make run` uses) a current index is left alone, and one that is merely behind the
database catches up in place, so a second start is fast. Searches keep working throughout: the new
build only replaces the old one when it is complete.
"""

from django.core.management.base import BaseCommand, CommandError

from editorial.models import ContentVersion
from search import index


class Command(BaseCommand):
    help = "Build the search index from the database in a fresh directory, then swap it in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Only rebuild when the index is missing or unreadable; catch up when it is behind.",
        )

    def handle(self, *args, if_stale=False, **options):
        if if_stale and self._fresh_enough():
            return
        self.stdout.write("Building a fresh search index...")
        try:
            report = index.rebuild(progress=self._progress)
        except Exception as exc:
            raise CommandError(f"The search index was not rebuilt ({type(exc).__name__}: {exc}).") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.documents} documents in {report.seconds:.1f} s "
                f"(content version {report.content_version}); now serving {report.path}"
            )
        )

    def _progress(self, done: int, total: int):
        self.stdout.write(f"  {done} of {total} documents")

    def _fresh_enough(self) -> bool:
        """True when the index is usable; catches it up first if the database moved on."""
        state = index.status()
        if state["documents"] is None:
            self.stdout.write("No usable search index yet.")
            return False
        if state["content_version"] == ContentVersion.current():
            self.stdout.write(
                f"Search index is up to date ({state['documents']} documents, "
                f"content version {state['content_version']})."
            )
            return True
        try:
            report = index.sync()
        except index.IndexUnavailable:
            return False
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index caught up to content version {report.content_version}: "
                f"{report.updated} updated, {report.removed} removed."
            )
        )
        return True
