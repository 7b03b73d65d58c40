"""One home page per locale, each the root of that language's pages under the one Site."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page, Site

from locales.bootstrap import ensure_locales
from locales.languages import source_language_code
from locales.translation import translate_with_strings

# The home page's own title in each language; other languages get the source title until a
# translator provides one.
HOME_TITLES = {"zh-hans": "首页", "en": "Home", "kk": "Басты бет"}


def ensure_home_pages():
    """Create the source-language home page and a published translation in every locale."""
    from home.models import HomePage

    ensure_locales()
    source_locale = Locale.objects.get(language_code=source_language_code())
    home = HomePage.objects.filter(locale=source_locale, depth=2).first()
    if home is None:
        home = _replace_welcome_page(HomePage, source_locale)

    for locale in Locale.objects.exclude(pk=source_locale.pk):
        if not home.has_translation(locale):
            strings = {home.slug: locale.language_code}
            if locale.language_code in HOME_TITLES:
                strings[home.title] = HOME_TITLES[locale.language_code]
            translate_with_strings(home, locale, strings)
    return home


def _replace_welcome_page(home_model, source_locale):
    """Swap the placeholder page that Wagtail's first migration creates for our home page."""
    # Wagtail's first migration makes the root; a flushed database (as after a transactional
    # test) has none, and gets one here.
    # The same for the root collection: without it nobody could upload an image.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=source_locale)
    )
    home = root.add_child(
        instance=home_model(
            title=HOME_TITLES.get(source_locale.language_code, "Home"),
            slug=source_locale.language_code,
            locale=source_locale,
        )
    )
    home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()

    page_type = ContentType.objects.get_for_model(Page)
    Page.objects.filter(depth=2, content_type=page_type, slug="home").delete()
    return home


def ensure_home_pages_after_migrate(sender, **kwargs):
    ensure_home_pages()
