"""Scheduled publishing on the background worker.

Wagtail publishes pages and snippets whose "go live" time has come, and unpublishes those whose
"expiry" time has passed, only when `manage.py publish_scheduled` runs. The worker
(`manage.py run_worker`) queues `publish_scheduled_task` every minute, so a scheduled page goes
live within a minute with nothing done by hand.
"""

import io

from django.core.management import call_command
from django_tasks import task

from home.answers.tasks import waiting

INTERVAL_SECONDS = 60


@task()
def publish_scheduled_task():
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()


def queue_publish_scheduled():
    """Queue one run unless one is waiting already (several workers share the queue)."""
    if not waiting(publish_scheduled_task):
        publish_scheduled_task.enqueue()
