"""The editorial groups (Editors, one translator group per language), on a fresh database too.

Runs the same idempotent set-up as `manage.py setup_roles --reset` with this point's historical
models. Wagtail's first migrations create a default "Editors" group with rights on the tree's
root (every language) and to delete any image or document: the reset replaces them with the
Editors role's, which stop at the source language. On a fresh database the home pages, and the
permissions of apps migrated later, do not exist yet: the run after `migrate`
(locales.roles.setup_roles_after_migrate) completes the groups.
"""

from django.db import migrations


def create_roles(apps, schema_editor):
    from locales.roles import setup_roles

    setup_roles(apps, reset=True, using=schema_editor.connection.alias)


def remove_roles(apps, schema_editor):
    from locales.roles import defined_roles

    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(
        name__in=[role.name for role in defined_roles()]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
