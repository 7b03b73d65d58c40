"""The page explorer with a Language column (locales.listing)."""

from wagtail import hooks

from locales.listing import TranslationStatePageViewSet


# Wagtail registers its default page viewset at order -1; registering ours later makes ours the
# one every explorer listing uses.
@hooks.register("register_admin_viewset")
def register_translation_state_page_viewset():
    return TranslationStatePageViewSet()
