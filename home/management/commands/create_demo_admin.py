from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (or reset) the demo administrator and print its login. Development only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", default="admin")

    def handle(self, *args, username, password, **options):
        if not settings.DEBUG:
            raise CommandError(
                "create_demo_admin only runs with DEBUG on; use createsuperuser in production."
            )
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login ({'created' if created else 'reset'}): http://127.0.0.1:8000/admin/ "
                f"user {username!r}, password {password!r}"
            )
        )
