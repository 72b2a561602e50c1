"""The message catalogs and locale formatting, without a browser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from csms.console import catalog, i18n


def test_every_string_the_console_uses_is_translated_in_all_three_languages() -> None:
    used = catalog.used_messages()
    assert len(used) > 150  # the extraction found the templates and the code
    assert "Log in with MyID" in used and "Wrong username or password." in used
    for language in i18n.LANGUAGES:
        assert catalog.missing(language) == [], language


@pytest.mark.parametrize("language", ["uz", "ru"])
def test_translations_differ_from_english_and_keep_placeholders(language: str) -> None:
    po = catalog.load(language)
    same = []
    for message in po:
        if not message.id:
            continue
        for name in ("%(name)s", "%(serial)s", "%(emaid)s", "%(id)s", "%(who)s"):
            assert (name in message.id) == (name in message.string), (language, message.id)
        if message.string == message.id:
            same.append(message.id)
    # Only names that are the same in every language (PKI, eMAID, ...) stay as they are.
    assert set(same) <= {
        "PKI", "eMAID", "“%(object)s”", "Model", "PCID", "OCPP", "EVSE", "EVSE %(evse)s",
    }, same  # fmt: skip


def test_language_choice_cookie_then_browser_then_uzbek() -> None:
    assert i18n.choose("ru", "en-GB,en;q=0.9") == "ru"
    assert i18n.choose(None, "en-GB,en;q=0.9") == "en"
    assert i18n.choose("xx", "de-DE") == "uz"


def test_dates_and_numbers_follow_the_locale() -> None:
    moment = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 12:30 in Tashkent
    assert i18n.Formatter("en").datetime(moment) == "8 Mar 2026, 12:30:00"
    assert "мар" in i18n.Formatter("ru").datetime(moment)
    assert i18n.Formatter("en").number(12345.5) == "12,345.5"
    assert i18n.Formatter("ru").number(12345.5) == "12\xa0345,5"


def test_form_text_drops_control_characters() -> None:
    from csms.console.forms import text

    assert text({"username": " ad\x00mi\tn\n "}, "username") == "admin"
    assert text({"username": ["not", "text"]}, "username") == ""
