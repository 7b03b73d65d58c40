"""Who may work on content in which language.

Pages: Wagtail's page permissions, which locales.roles grants on each language's home page, so a
translator's rights stop at their language's tree like any Wagtail permission.

Snippets have no tree. A user may change a translatable snippet only in a language they work
in: a language where they hold page permissions (add, change or publish) on some page, or every
language when that page is the tree's root. Viewing stays open to anyone with the model's view
permission. One grant, on the home page, thus decides both pages and snippets.

wagtail-localize and Wagtail check less than that in a few places; `apply()` closes each one
with a wrapper that only adds a refusal:

- the translation editor's own views (strings, overrides, PO files, machine translation,
  preview, stop) test snippets by model only (`user_can_edit_instance`);
- "Translate" and "Sync translated pages/snippets" test only the global `submit_translation`
  permission, whatever the object's language;
- "Sync" with "Publish immediately" publishes every language's translation, untranslated
  strings in the source language included, on behalf of a user who may not publish there;
- Wagtail lets a page's "change" permission delete it; translators must not delete pages.
"""

import functools

from wagtail.models import DraftStateMixin, Locale, Page, PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from locales.languages import translatable_models

# Marks our wrappers of library callables (locales.wrapping).

# Page permissions that make a user work in the language of the page they are granted on.
WORKING_PAGE_ACTIONS = {"add", "change", "publish"}
# Actions on a snippet that any language allows (given the model permission).
READ_ACTIONS = {"view"}

_CACHE_ATTRIBUTE = "_cms_working_locale_ids"


class AllLocales:
    """Every locale: what a superuser, or a user with rights on the tree's root, works in."""

    def __contains__(self, locale_id):
        return True

    def __repr__(self):
        return "AllLocales()"


ALL_LOCALES = AllLocales()


def working_locale_ids(user):
    """The ids of the locales whose content `user` may change: a set, or ALL_LOCALES."""
    if not user.is_active or user.is_anonymous:
        return frozenset()
    if user.is_superuser:
        return ALL_LOCALES
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    page_policy = policy_registry.get_by_type(Page)
    ids = set()
    for grant in page_policy.get_cached_permissions_for_user(user):
        if grant.permission.codename.rsplit("_", 1)[0] not in WORKING_PAGE_ACTIONS:
            continue
        if grant.page.depth == 1:
            ids = ALL_LOCALES
            break
        ids.add(grant.page.locale_id)
    result = ids if ids is ALL_LOCALES else frozenset(ids)
    setattr(user, _CACHE_ATTRIBUTE, result)
    return result


def works_in(user, locale):
    locale_id = locale.pk if isinstance(locale, Locale) else locale
    return locale_id in working_locale_ids(user)


class LocalePermissionPolicy(ModelPermissionPolicy):
    """Model permissions for a translatable snippet, limited to the languages the user works in."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return action in READ_ACTIONS or works_in(user, instance.locale_id)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if any(action in READ_ACTIONS and self.user_has_permission(user, action) for action in actions):
            return instances
        locale_ids = working_locale_ids(user)
        if locale_ids is ALL_LOCALES:
            return instances
        return instances.filter(locale_id__in=locale_ids)


def register_permission_policies():
    """Give every translatable snippet model the locale-aware policy.

    Must run before Wagtail builds its fallback policies (the snippet viewsets do when
    wagtail_hooks are imported), hence from LocalesConfig.ready().
    """
    for model in translatable_models():
        if policy_registry.get_by_type(model, fallback=False) is None:
            register_permission_policy(model, LocalePermissionPolicy(model), exact_class=True)


def can_edit(user, instance):
    """May `user` change `instance` (a page or a snippet) in its language?"""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)


def can_publish(user, instance):
    """May `user` make `instance` live? Snippets without drafts go live when they are saved."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    policy = policy_registry.get_by_type(type(instance))
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return policy.user_has_permission_for_instance(user, action, instance)


# --- Corrections to wagtail-localize and Wagtail ---------------------------------------------


def _user_can_edit_instance(original):
    """wagtail-localize's translation-editor views test a snippet by its model alone."""

    @functools.wraps(original)
    def user_can_edit_instance(user, instance):
        return original(user, instance) and can_edit(user, instance)

    return user_can_edit_instance


class LanguagePagePermissions(PagePermissionTester):
    """What a user may do with one of our pages (each page type's `permissions_for_user`,
    home.headless.HeadlessPageMixin). Wagtail lets "change" delete a page; here deleting, and so
    moving, also needs "add" there: translators, who change pages in their language, delete
    and move nothing."""

    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        return self.user.is_superuser or "add" in self.permissions


def apply():
    """Install the locale-aware snippet policy (safe to call again); `_user_can_edit_instance`
    is installed by locales.patches."""
    register_permission_policies()
