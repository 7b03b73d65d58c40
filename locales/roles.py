"""The editorial roles: Editors write in the source language, one translator group per other language.

- Editors create, edit and publish pages and snippets in the source language, and submit them for
  translation ("Translate", "Sync translated pages" without publishing other languages).
- "<Language> translators" translate, edit and publish the pages and snippets of their language
  in wagtail-localize's editor (PO files and machine translation included). They create and
  delete nothing and submit nothing for translation.

Page rights are granted on each language's home page (the Site's root page and its
translations), so they stop at that language's tree; snippet rights follow the same grant
(locales.access). Groups are named in English whatever the admin language: the names are
identifiers, the role set-up finds groups by them.

`setup_roles` is idempotent and runs three ways: from the data migration, after every
`migrate` (so a fresh database, or a language added to settings, gets complete roles once its
home page exists), and as `manage.py setup_roles`. It adds what is missing; with `reset` it also
takes away what a group holds beyond its definition.
"""

from dataclasses import dataclass

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.utils import translation

from locales.languages import content_language_codes, source_language_code, translatable_models

EDITORS = "Editors"


@dataclass(frozen=True)
class Role:
    name: str
    language_code: str
    # On the language's home page (and so its whole tree).
    page_actions: tuple
    # On every translatable snippet model ("publish" only where the model has it).
    snippet_actions: tuple
    # Global permissions, as "app_label.codename".
    permissions: tuple
    # On the root collection (images and documents are shared by all languages).
    collection_permissions: tuple
    # The admin language the role's members get unless they chose one.
    admin_language: str = ""


def translator_group_name(language_code):
    """ "Kazakh translators": the language's name from settings, in English."""
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    with translation.override("en"):
        return f"{names.get(language_code, language_code)} translators"


def defined_roles():
    """Editors, then one translator role per published language other than the source."""
    source = source_language_code()
    roles = [
        Role(
            name=EDITORS,
            language_code=source,
            page_actions=("add", "change", "publish"),
            snippet_actions=("add", "change", "delete", "publish", "view"),
            permissions=(
                "wagtailadmin.access_admin",
                "wagtail_localize.submit_translation",
                "locales.add_glossaryterm",
                "locales.change_glossaryterm",
                "locales.delete_glossaryterm",
                "locales.view_glossaryterm",
            ),
            collection_permissions=(
                "wagtailimages.add_image",
                "wagtailimages.change_image",
                "wagtailimages.choose_image",
                "wagtaildocs.add_document",
                "wagtaildocs.change_document",
                "wagtaildocs.choose_document",
            ),
        )
    ]
    admin_languages = {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    for code in content_language_codes():
        if code == source:
            continue
        roles.append(
            Role(
                name=translator_group_name(code),
                language_code=code,
                page_actions=("change", "publish"),
                snippet_actions=("change", "publish", "view"),
                permissions=("wagtailadmin.access_admin", "locales.view_glossaryterm"),
                # Choosing a photo for their language in the translation editor.
                collection_permissions=("wagtailimages.choose_image", "wagtaildocs.choose_document"),
                admin_language=code if code in admin_languages else "",
            )
        )
    return roles


def role_named(name):
    for role in defined_roles():
        if role.name == name:
            return role
    raise LookupError(
        f"No role is named {name!r}; the roles are: {', '.join(r.name for r in defined_roles())}"
    )


def setup_roles(apps=global_apps, *, reset=False, using=DEFAULT_DB_ALIAS):
    """Create or complete every role's group and permissions. Returns {group name: Group}.

    `apps` is a migration's historical registry or the live one; with the historical one, models
    that do not exist yet at that point of the migration plan are left for the next run.
    """
    _ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    groups = {}
    for role in defined_roles():
        group, _created = Group.objects.using(using).get_or_create(name=role.name)
        _grant_model_permissions(apps, using, group, role, reset)
        _grant_page_permissions(apps, using, group, role, reset)
        _grant_collection_permissions(apps, using, group, role, reset)
        _set_admin_language(apps, using, group, role)
        groups[role.name] = group
    return groups


def assign_role(user, role_name):
    """Add `user` to the role's group; a translator also gets their language for the admin."""
    from django.contrib.auth.models import Group

    role = role_named(role_name)
    group, _created = Group.objects.get_or_create(name=role.name)
    user.groups.add(group)
    if role.admin_language:
        _set_admin_language(global_apps, DEFAULT_DB_ALIAS, group, role)


def setup_roles_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    setup_roles(using=using)


def last_app_with_models():
    """The app whose post_migrate signal comes last: by then every app's permissions exist
    (Django creates them app by app) and so do the home pages (home's own post_migrate)."""
    return [config for config in global_apps.get_app_configs() if config.models_module is not None][-1]


# --- Helpers ---------------------------------------------------------------------------------


def _ensure_permissions(apps, using):
    # Django creates permissions after migrate; the data migration needs them earlier.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps, using=using)


def _permission(apps, using, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return (
        Permission.objects.using(using)
        .filter(content_type__app_label=app_label, codename=codename)
        .select_related("content_type")
        .first()
    )


def _snippet_models(apps):
    """The translatable models (locales.languages) that exist in `apps`, as (app_label, model_name)."""
    found = []
    for model in translatable_models():
        try:
            apps.get_model(model._meta.app_label, model._meta.model_name)
        except LookupError:
            continue
        found.append((model._meta.app_label, model._meta.model_name))
    return found


def _wanted_model_permissions(apps, using, role):
    wanted = []
    for name in role.permissions:
        app_label, codename = name.split(".")
        wanted.append(_permission(apps, using, app_label, codename))
    for app_label, model_name in _snippet_models(apps):
        for action in role.snippet_actions:
            wanted.append(_permission(apps, using, app_label, f"{action}_{model_name}"))
    return [permission for permission in wanted if permission is not None]


def _grant_model_permissions(apps, using, group, role, reset):
    wanted = _wanted_model_permissions(apps, using, role)
    if reset:
        group.permissions.set(wanted)
    else:
        group.permissions.add(*wanted)


def _language_roots(apps, using, language_code):
    """The language's home pages: each Site's root page and its translations in that language."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    keys = (
        Page.objects.using(using)
        .filter(pk__in=Site.objects.using(using).values_list("root_page_id", flat=True))
        .values_list("translation_key", flat=True)
    )
    return list(
        Page.objects.using(using).filter(translation_key__in=keys, locale__language_code=language_code)
    )


def _grant_page_permissions(apps, using, group, role, reset):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    kept = []
    for page in _language_roots(apps, using, role.language_code):
        for action in role.page_actions:
            permission = _permission(apps, using, "wagtailcore", f"{action}_page")
            if permission is None:
                continue
            grant, _created = GroupPagePermission.objects.using(using).get_or_create(
                group=group, page=page, permission=permission
            )
            kept.append(grant.pk)
    if reset:
        GroupPagePermission.objects.using(using).filter(group=group).exclude(pk__in=kept).delete()


def _grant_collection_permissions(apps, using, group, role, reset):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.using(using).filter(depth=1).order_by("path").first()
    kept = []
    if root is not None:
        for name in role.collection_permissions:
            app_label, codename = name.split(".")
            permission = _permission(apps, using, app_label, codename)
            if permission is None:
                continue
            grant, _created = GroupCollectionPermission.objects.using(using).get_or_create(
                group=group, collection=root, permission=permission
            )
            kept.append(grant.pk)
    if reset:
        GroupCollectionPermission.objects.using(using).filter(group=group).exclude(pk__in=kept).delete()


def _set_admin_language(apps, using, group, role):
    """Members who never chose an admin language get the role's (kk for Kazakh translators)."""
    if not role.admin_language:
        return
    try:
        UserProfile = apps.get_model("wagtailusers", "UserProfile")
    except LookupError:
        return
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for user in User.objects.using(using).filter(groups=group):
        profile, _created = UserProfile.objects.using(using).get_or_create(user=user)
        if not profile.preferred_language:
            profile.preferred_language = role.admin_language
            profile.save(update_fields=["preferred_language"])
