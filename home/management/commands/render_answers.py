"""Render stored answers ahead of readers (home.answers).

    manage.py render_answers            every list window and every answer a list links to, in
                                        every content language (after a deploy, a restore)
    manage.py render_answers --stale    only the stored answers a change has made stale
    manage.py render_answers --prune    delete answers of earlier releases and stale ones nobody
                                        has asked for again in --days days

Each answer is rendered through the whole application, exactly as a reader's request would be,
and stored on the way; the command only decides which requests to make.
"""

import datetime
import json
from collections import deque

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.answers import store
from home.answers.release import release
from home.answers.tasks import render_stale, render_with_body
from home.delivery import API_PREFIX
from home.models import StoredAnswer
from locales.languages import content_language_codes


class Command(BaseCommand):
    help = "Render stored answers ahead of readers, or prune old ones."

    def add_arguments(self, parser):
        parser.add_argument("--stale", action="store_true", help="Render only the stale answers.")
        parser.add_argument("--prune", action="store_true", help="Delete old answers instead of rendering.")
        parser.add_argument(
            "--days", type=int, default=7, help="With --prune: age of stale answers to delete."
        )
        parser.add_argument("--limit", type=int, default=100_000, help="Render at most this many answers.")

    def handle(self, *args, stale, prune, days, limit, **options):
        if not store.enabled():
            raise CommandError("Stored answers are off (API_STORED_ANSWERS); there is nothing to render.")
        if prune:
            old = StoredAnswer.objects.exclude(release=release()).delete()[1]
            cutoff = timezone.now() - datetime.timedelta(days=days)
            unused = StoredAnswer.objects.filter(stale=True, rendered_at__lt=cutoff).delete()[1]
            self.stdout.write(
                f"Deleted {old.get('home.StoredAnswer', 0)} answers of earlier releases and "
                f"{unused.get('home.StoredAnswer', 0)} stale for {days} days."
            )
            return
        if stale:
            count = render_stale(limit=limit)
            self.stdout.write(f"Rendered {count} stale answers.")
            return
        count, failed = crawl(limit)
        self.stdout.write(
            f"Rendered {count} answers" + (f"; {failed} did not answer 200." if failed else ".")
        )


def crawl(limit):
    """Every window of every list in every language, and every document they link to."""
    queue = deque()
    for code in content_language_codes():
        queue.extend(f"{API_PREFIX}/{name}?locale={code}" for name in store.crawl_roots)
    seen = set(queue)
    rendered = failed = 0
    while queue and rendered < limit:
        path = queue.popleft()
        status, body = render_with_body(path)
        rendered += 1
        if status != 200:
            failed += 1
            continue
        for link in links(path, body):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return rendered, failed


def links(path, body):
    """The next list window and every `api_url` in the answer just rendered for `path` (news
    lists are not stored whole, so the links are read from the answer itself)."""
    data = json.loads(body.decode())
    found = []
    if isinstance(data, dict) and {"count", "limit", "offset"} <= data.keys():
        following = data["offset"] + data["limit"]
        if following < data["count"]:
            base = path.split("&offset=")[0]
            found.append(f"{base}&offset={following}")

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "api_url" and isinstance(item, str) and item.startswith(API_PREFIX):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return found
