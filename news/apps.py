from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from home.answers import fragments
        from home.answers.invalidation import register_neighbours
        from home.answers.store import crawl_from, valid_until_any_change
        from home.answers.tags import watch_app
        from home.delivery import API_PREFIX
        from home.headless import register_preview
        from news.api import SUMMARY, neighbour_keys, preview_document, preview_index, summary_fragments
        from news.models import NewsArticlePage, NewsIndexPage

        watch_app(self.label)
        crawl_from("news")
        register_preview(NewsIndexPage, preview_index)
        register_preview(NewsArticlePage, preview_document)
        register_neighbours(NewsArticlePage, neighbour_keys)
        # A news list window is assembled from each article's stored summary and kept until any
        # change: a publish renders the summaries of its article, not every window
        # (news.api.assembled_list).
        valid_until_any_change(f"{API_PREFIX}/news")
        fragments.register(SUMMARY, summary_fragments)
