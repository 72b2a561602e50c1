"""Languages of the console: gettext catalogs (Babel .po files) and locale-aware formatting.

The .po files under `locale/<lang>/LC_MESSAGES/messages.po` are the only source: they are
compiled in memory when first used (Babel's `write_mo`), so no compiled .mo file is committed
or built at install time and the two can never disagree.
"""

from __future__ import annotations

import gettext
import io
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path

from babel import Locale
from babel.dates import format_datetime, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

# Uzbek first: the national network's language (Latin script, the official one since 1993).
LANGUAGES: dict[str, str] = {
    "uz": "O‘zbekcha",  # noqa: RUF001 - Uzbek spells o-with-turned-comma so
    "ru": "Русский",
    "en": "English",
}
DEFAULT_LANGUAGE = "uz"
COOKIE = "lang"
# Babel locales for formatting; `uz` in CLDR is the Latin-script Uzbek.
BABEL_LOCALES = {"uz": "uz_Latn_UZ", "ru": "ru_RU", "en": "en_GB"}
# The whole network is in one time zone (UTC+5, no daylight saving).
TASHKENT = get_timezone("Asia/Tashkent")


def locale_dir() -> Path:
    return Path(str(resources.files("csms.console").joinpath("locale")))


def po_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / "messages.po"


@cache
def translations(language: str) -> gettext.GNUTranslations:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The remembered choice, else the browser's first supported language, else Uzbek."""
    if cookie in LANGUAGES:
        return cookie
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in LANGUAGES:
            return tag
    return DEFAULT_LANGUAGE


class Formatter:
    """Dates and numbers written the way the reader's locale writes them."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = Locale.parse(BABEL_LOCALES[language])

    def datetime(self, value: datetime | None) -> str:
        if value is None:
            return "—"
        return format_datetime(value, format="medium", tzinfo=TASHKENT, locale=self.locale)

    def iso(self, value: str | None) -> str:
        """An ISO 8601 text (as the OCPP core's dictionaries carry times)."""
        try:
            return self.datetime(datetime.fromisoformat(value)) if value else "—"
        except ValueError:
            return value or "—"

    def number(self, value: float | int | None) -> str:
        if value is None:
            return "—"
        return format_decimal(value, locale=self.locale)

    def detail(self, value: object) -> str:
        """One value of an audit event's details, for reading: times in Tashkent time like
        the rest of the page (never UTC with microseconds), lists as lists, nothing as —."""
        if value is None or value == "" or value == []:
            return "—"
        if isinstance(value, bool):
            return "✓" if value else "✗"
        if isinstance(value, int | float):
            return self.number(value)
        if isinstance(value, list | tuple):
            return ", ".join(self.detail(v) for v in value)
        if isinstance(value, dict):
            return "; ".join(f"{k}: {self.detail(v)}" for k, v in value.items())
        text = str(value)
        if len(text) >= 19 and text[4:5] == "-" and text[10:11] in ("T", " "):
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                return text
            if parsed.tzinfo is not None:
                return self.datetime(parsed)
        return text
