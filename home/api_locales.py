"""The published languages in the delivery API, for language switchers and for choosing a `locale`
parameter (the rules themselves live in locales.languages)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language_info
from ninja import Field, Router, Schema

from home.delivery import check_query
from locales.languages import content_language_codes, fallback_chain, source_language_code

router = Router(tags=["locales"])


class LocaleOut(Schema):
    code: str = Field(description="The code to pass as `locale`, e.g. kk.")
    name: str = Field(description="English name.")
    native_name: str = Field(description="The language's name in itself, e.g. Қазақша.")
    is_source: bool = Field(description="Editors write in this language; every other is a translation.")
    fallbacks: list[str] = Field(
        description="Where a reader of this locale is sent when a page is missing, nearest first."
    )


class LocalesOut(Schema):
    source: str
    locales: list[LocaleOut]
    accept_language_aliases: dict[str, str] = Field(
        description="Accept-Language tags we do not publish and the locale they are served."
    )


NATIVE_NAMES = {"zh-hans": "简体中文", "kk": "Қазақша"}


@router.get("/locales", response=LocalesOut, summary="The published locales and their fallback chains")
def list_locales(request: HttpRequest):
    check_query(request, set())
    items = []
    for code in content_language_codes():
        info = get_language_info(code)
        items.append(
            {
                "code": code,
                "name": info["name"],
                "native_name": NATIVE_NAMES.get(code, info["name_local"]),
                "is_source": code == source_language_code(),
                "fallbacks": fallback_chain(code)[1:],
            }
        )
    aliases = {
        tag: code for tag, code in settings.API_LANGUAGE_ALIASES.items() if code in content_language_codes()
    }
    return {"source": source_language_code(), "locales": items, "accept_language_aliases": aliases}
