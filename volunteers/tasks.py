"""Background tasks (django-tasks; the worker is `manage.py db_worker`)."""

from django_tasks import task

from volunteers import outbox


@task()
def deliver_notifications() -> dict[str, int]:
    """Send every notification that is due; retries are scheduled by the outbox itself.

    Takes no arguments on purpose: the task queue never holds an address or an enquiry's details.
    """
    report = outbox.drain()
    return {
        "sent": report.sent,
        "retrying": report.retrying,
        "gave_up": report.gave_up,
        "cancelled": report.cancelled,
    }
