"""Rich text as HTML for a reader of one language.

Wagtail expands internal links in the language of the request's active locale; a headless
reader needs links to the same language's page (or its fallback), and no link at all to a page
it may not see.
"""

from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from locales.resolution import front_end_path, pick_versions, visible_pages


class LocalizedRichText:
    def __init__(self, choice):
        self.choice = choice
        link_rules = {
            linktype: handler.expand_db_attributes_many
            for linktype, handler in features.get_link_types().items()
        }
        link_rules["page"] = self._page_links
        embed_rules = {
            embedtype: handler.expand_db_attributes_many
            for embedtype, handler in features.get_embed_types().items()
        }
        self.rewriter = MultiRuleRewriter(
            [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
        )

    def __call__(self, html):
        return self.rewriter(html or "")

    def _page_links(self, attrs_list):
        ids = []
        for attrs in attrs_list:
            try:
                ids.append(int(attrs.get("id")))
            except (TypeError, ValueError):
                ids.append(None)
        keys = dict(Page.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "translation_key"))
        versions = visible_pages(Page.objects.filter(translation_key__in=set(keys.values()))).select_related(
            "locale"
        )
        best = pick_versions(list(versions), self.choice)
        tags = []
        for page_id in ids:
            page = best.get(keys.get(page_id))
            tags.append(f'<a href="{front_end_path(page)}">' if page else "<a>")
        return tags
