"""The background worker: runs queued tasks (django-tasks' database queue) and queues scheduled
publishing every minute.

    manage.py run_worker               until stopped (Ctrl+C or SIGTERM finish the running task)
    manage.py run_worker --once        run what is queued now, then stop (for cron or tests)

Several workers may share one queue, on one machine or many; each task runs once.
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from home.scheduling import INTERVAL_SECONDS, queue_publish_scheduled

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run background tasks and queue scheduled publishing every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks at an empty queue."
        )
        parser.add_argument(
            "--schedule-every",
            type=float,
            default=INTERVAL_SECONDS,
            help="Seconds between runs of scheduled publishing (default: a minute).",
        )

    def handle(self, *args, once, interval, schedule_every, verbosity, **options):
        if verbosity < 2:  # it logs "Starting worker" each time the loop below calls it
            logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=True,  # returns once the queue is empty, so this loop can queue the schedule
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"run_worker-{time.time_ns()}",
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write("Background worker started." if not once else "Running queued tasks.")
        scheduled_at = 0.0
        while worker.running:
            if time.monotonic() - scheduled_at >= schedule_every:
                try:
                    queue_publish_scheduled()
                except Exception:
                    logger.exception("Could not queue scheduled publishing.")
                scheduled_at = time.monotonic()
            try:
                worker.run()
            except DatabaseError:  # the database restarts: wait for it rather than die
                logger.warning("The task queue is unreachable; trying again.", exc_info=True)
            close_old_connections()
            if once:
                return
            time.sleep(interval)
