"""python manage.py rebuild_index [--if-stale] — build the search index of every language afresh and
swap it in.

With --if-stale (what `make run` uses) a current index is left alone, and one that is merely behind the
database catches up in place, so a second start is fast. Searches keep working throughout: the new
build only replaces the old one when it is complete. Each language's index is built in turn, the
site's own first.
"""

from django.core.management.base import BaseCommand, CommandError

from editorial.models import ContentVersion
from search import index
from search.languages import language_name, languages


class Command(BaseCommand):
    help = "Build the search index of every language from the database in a fresh directory, then swap it in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Only rebuild when an index is missing or unreadable; catch up when it is behind.",
        )

    def handle(self, *args, if_stale=False, **options):
        for language in languages():
            name = language_name(language)
            if if_stale and self._fresh_enough(language, name):
                continue
            self.stdout.write(f"{name}: building a fresh search index...")
            try:
                report = index.rebuild(progress=self._progress, language=language)
            except Exception as exc:
                raise CommandError(
                    f"The {name} search index was not rebuilt ({type(exc).__name__}: {exc})."
                ) from exc
            self.stdout.write(
                self.style.SUCCESS(
                    f"{name}: Indexed {report.documents} documents in {report.seconds:.1f} s "
                    f"(content version {report.content_version}); now serving {report.path}"
                )
            )

    def _progress(self, done: int, total: int):
        self.stdout.write(f"  {done} of {total} documents")

    def _fresh_enough(self, language: str, name: str) -> bool:
        """True when the index of `language` is usable; catches it up first if the database moved on."""
        state = index.status(language)
        if state["documents"] is None:
            self.stdout.write(f"{name}: no usable search index yet.")
            return False
        if state["content_version"] == ContentVersion.current():
            self.stdout.write(
                f"{name}: search index is up to date ({state['documents']} documents, "
                f"content version {state['content_version']})."
            )
            return True
        try:
            report = index.sync(language)
        except index.IndexUnavailable:
            return False
        self.stdout.write(
            self.style.SUCCESS(
                f"{name}: search index caught up to content version {report.content_version}: "
                f"{report.updated} updated, {report.removed} removed."
            )
        )
        return True
