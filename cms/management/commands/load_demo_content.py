import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from cms.demo.loader import DemoLoader

# Loggers that report every save and publish at INFO level: quiet while the demo loads.
CHATTY_LOGGERS = ("wagtail", "django_tasks", "django_tasks.backends.immediate")


class Command(BaseCommand):
    help = (
        "Load the demo content (the published article about the China-Kazakhstan Silk Road Online "
        "Course and everything it refers to) in Chinese, with tracked English and Kazakh "
        "translations. Safe to run again: existing content is found and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help=(
                "Also make N synthetic news articles (synthetic-0001 ...) in every language, for "
                "benchmarks. Existing ones are kept; only missing ones are made."
            ),
        )

    def handle(self, *args, synthetic=0, verbosity=1, **options):
        if synthetic < 0:
            raise CommandError("--synthetic must be 0 or more.")
        self.verbosity = verbosity
        loader = DemoLoader(progress=self._progress if verbosity > 0 else None)

        with self._quiet_loggers(verbosity):
            started = time.monotonic()
            loader.load()
            demo_seconds = time.monotonic() - started
            self._summary("Demo content", loader, demo_seconds)

            if synthetic:
                loader.created.clear()
                loader.translated.clear()
                loader.notes.clear()
                started = time.monotonic()
                kept, made = loader.load_synthetic(synthetic)
                seconds = time.monotonic() - started
                self._summary(
                    f"Synthetic articles: {made} made, {kept} already there", loader, seconds, per=made
                )

    @contextmanager
    def _quiet_loggers(self, verbosity):
        if verbosity >= 2:
            yield
            return
        loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(logging.WARNING)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)

    def _summary(self, heading, loader, seconds, per=0):
        if self.verbosity == 0:
            return
        created = ", ".join(f"{count} {name}" for name, count in sorted(loader.created.items())) or "nothing"
        translated = (
            ", ".join(f"{count} {name}" for name, count in sorted(loader.translated.items())) or "nothing"
        )
        timing = f"{seconds:.1f} s" + (f", {seconds / per:.2f} s per article" if per else "")
        self.stdout.write(self.style.SUCCESS(f"{heading} ({timing})."))
        self.stdout.write(f"  created: {created}")
        self.stdout.write(f"  translations added: {translated}")
        for note in loader.notes:
            self.stdout.write(self.style.WARNING(f"  {note}"))

    def _progress(self, done, total, width=30):
        """A progress bar on stderr: redrawn in place on a terminal, a line per tenth elsewhere."""
        if total == 0:
            return
        filled = width * done // total
        line = f"[{'#' * filled}{' ' * (width - filled)}] {done}/{total}"
        if self.stderr.isatty():
            self.stderr.write(f"\r{line}", ending="\n" if done >= total else "")
            self.stderr.flush()
        elif done == total or done % max(total // 10, 1) == 0:
            self.stderr.write(line)
