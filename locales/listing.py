"""The admin's page explorer shows each page's language and how far its translation has got.

Wagtail 8 routes every explorer listing through the page viewset registered for the parent's
page type; the one for `Page` serves all our parents. `TranslationStatePageViewSet` replaces
Wagtail's default with one whose listing adds a "Language" column: "简体中文 · 原文" on a
source page (with a line per target language), "哈萨克语 · 已过时 80%" on a translation. States
come from locales.report.TranslationGrid, the rule the translation status report and the API use,
loaded once per listing: a fixed number of queries, whatever the number of rows. The grid reads the
status of every page and snippet (not their content), which is cheap at our size; a site of tens of
thousands of pages would want the grid narrowed to the listed pages' translation keys.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.coreutils import get_content_languages

from locales.report import SOURCE_CHANGED, TranslationGrid

SOURCE = pgettext_lazy("translation state", "source")
# A page in a target language that is no translation of a source page: nothing to lag behind.
ORIGINAL = pgettext_lazy("translation state", "original")


@dataclass
class ListingState:
    """What the Language column shows for one page."""

    language: str
    state: str
    reason: str = ""
    targets: list = field(default_factory=list)  # on a source page: "English: Complete", ...

    def __str__(self):
        return f"{self.language} · {self.state}"


def state_text(cell):
    """A cell of the grid as a few words: its state, and how much is translated when strings are
    left (after a source change, the count still describes the old source: not shown)."""
    if cell.percent is None or cell.percent == 100 or cell.reason == SOURCE_CHANGED:
        return str(cell.label)
    return f"{cell.label} {cell.percent}%"


def listing_states(pages):
    """{page id: ListingState} for `pages`, from one TranslationGrid (a fixed number of queries)."""
    pages = list(pages)
    if not pages:
        return {}
    grid = TranslationGrid()
    rows = {row.instance.translation_key: row for row in grid.rows if row.kind == "page"}
    names = get_content_languages()
    states = {}
    for page in pages:
        code = page.locale.language_code
        language = str(names.get(code, code))
        row = rows.get(page.translation_key)
        if code == grid.source_code:
            targets = (
                [f"{names.get(c, c)}: {state_text(cell)}" for c, cell in row.cells.items()] if row else []
            )
            states[page.pk] = ListingState(language, str(SOURCE), targets=targets)
        elif row is not None and code in row.cells:
            cell = row.cells[code]
            states[page.pk] = ListingState(language, state_text(cell), reason=str(cell.reason_text))
        else:
            states[page.pk] = ListingState(language, str(ORIGINAL))
    return states


class TranslationStateColumn(Column):
    cell_template_name = "translation_listing_cell.html"

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.states = states

    def get_value(self, instance):
        return self.states.get(instance.pk)


class TranslationStateIndexView(ExplorableIndexView):
    """Wagtail's explorer listing with the Language column before the "navigate" arrow."""

    def get_table(self, object_list):
        column = TranslationStateColumn(
            "translation_state",
            label=_("Language"),
            classname="translation-state",
            width="16%",
            states=listing_states(object_list),
        )
        columns = list(self.explorable_columns)
        columns.insert(len(columns) - 1, column)
        return self.table_class(columns, object_list, **self.get_table_kwargs())


class TranslationStatePageViewSet(PageViewSet):
    """Wagtail's default page viewset with the translation-aware explorer listing."""

    index_view_class = TranslationStateIndexView
