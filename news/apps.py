from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from home.answers.invalidation import register_neighbours
        from news.api import neighbour_keys
        from news.models import NewsArticlePage

        register_neighbours(NewsArticlePage, neighbour_keys)
