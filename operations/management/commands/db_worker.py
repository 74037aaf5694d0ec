"""`manage.py db_worker`: django-tasks-db's worker command, running operations.worker.ResilientWorker.

Same options as the library's command, plus `--sweep-interval`. This app is listed before
django_tasks_db in INSTALLED_APPS so that this command is the one `db_worker` runs.
"""

import os

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from operations.worker import ResilientWorker


class Command(db_worker.Command):
    help = "Run the background task worker; it waits out database outages and sweeps up after dead workers."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--sweep-interval",
            type=db_worker.valid_interval,
            default=settings.TASK_WORKER_SWEEP_SECONDS,
            help="Seconds between sweeps for abandoned work; 0 turns sweeping off (default: %(default)r)",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, reload, sweep_interval, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        if reload and options["batch"]:
            reload = False
        worker = ResilientWorker(
            sweep_interval=sweep_interval,
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
