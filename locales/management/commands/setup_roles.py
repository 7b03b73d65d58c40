"""manage.py setup_roles: (re)create the editorial groups and their permissions."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from locales.roles import assign_role, defined_roles, setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the Editors group and one translator group per published language, "
        "with their page, snippet, image and translation permissions. Safe to run again, e.g. "
        "after adding a language (migrate also runs it)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also remove permissions a role's group holds beyond the role's definition.",
        )
        parser.add_argument(
            "--assign",
            nargs=2,
            action="append",
            metavar=("USERNAME", "GROUP"),
            default=[],
            help='Add a user to a role, e.g. --assign aigerim "Kazakh translators". A translator '
            "who has not chosen an admin language gets their language's.",
        )

    @transaction.atomic
    def handle(self, *args, reset=False, assign=(), **options):
        groups = setup_roles(reset=reset)
        for role in defined_roles():
            group = groups[role.name]
            self.stdout.write(
                f"{role.name}: {group.permissions.count()} permissions, "
                f"{group.page_permissions.count()} page permissions, "
                f"{group.collection_permissions.count()} collection permissions"
            )
        User = get_user_model()
        for username, role_name in assign:
            user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
            if user is None:
                raise CommandError(f"No user is named {username!r}.")
            try:
                assign_role(user, role_name)
            except LookupError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"{username} is now in {role_name}.")
