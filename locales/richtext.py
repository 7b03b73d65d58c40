"""Rich text as HTML for a reader of one language.

Wagtail expands internal links in the language of the request's active locale; a headless
reader needs links to the same language's page (or its fallback), and no link at all to a page
it may not see.
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from locales.resolution import front_end_path, pick_versions, with_visibility


class LocalizedRichText:
    """Renders rich text for one reader; `prefetch()` resolves every page link of a document at
    once, so a body costs one query however many paragraphs link to pages."""

    def __init__(self, choice):
        self.choice = choice
        self._targets = {}  # linked page id -> the version the reader gets, or None
        link_rules = {
            linktype: handler.expand_db_attributes_many
            for linktype, handler in features.get_link_types().items()
        }
        link_rules["page"] = self._page_links
        embed_rules = {
            embedtype: handler.expand_db_attributes_many
            for embedtype, handler in features.get_embed_types().items()
        }
        self.link_rewriter = LinkRewriter(bulk_rules=link_rules)
        self.rewriter = MultiRuleRewriter([self.link_rewriter, EmbedRewriter(bulk_rules=embed_rules)])

    def __call__(self, html):
        return self.rewriter(html or "")

    def link_ids(self, htmls):
        """The ids of the pages that `htmls` link to."""
        attrs_list = [
            match.attrs
            for html in htmls
            for match in self.link_rewriter.extract_tags(html or "").get("page", [])
        ]
        return [page_id for page_id in _page_ids(attrs_list) if page_id]

    def prefetch(self, htmls):
        """Resolve the page links of all `htmls` in one query."""
        self._resolve(self.link_ids(htmls))

    def add_targets(self, targets):
        """Use links already resolved elsewhere ({page id: version or None}, e.g. PageReferences')."""
        self._targets.update(targets)

    def _resolve(self, ids):
        ids = {i for i in ids if i and i not in self._targets}
        if not ids:
            return
        # The linked pages themselves (whatever their state: they name a translation group) and
        # every version of their groups, marked visible or not, in one query.
        keys = Page.objects.filter(pk__in=ids).values("translation_key")
        pages = list(
            with_visibility(Page.objects.filter(Q(pk__in=ids) | Q(translation_key__in=keys))).select_related(
                "locale"
            )
        )
        key_of = {page.pk: page.translation_key for page in pages if page.pk in ids}
        best = pick_versions([page for page in pages if page.is_visible], self.choice)
        for page_id in ids:
            self._targets[page_id] = best.get(key_of.get(page_id))

    def _page_links(self, attrs_list):
        ids = _page_ids(attrs_list)
        self._resolve(ids)
        tags = []
        for page_id in ids:
            page = self._targets.get(page_id)
            tags.append(f'<a href="{front_end_path(page)}">' if page else "<a>")
        return tags


def _page_ids(attrs_list):
    ids = []
    for attrs in attrs_list:
        try:
            ids.append(int(attrs.get("id")))
        except (TypeError, ValueError):
            ids.append(None)
    return ids
