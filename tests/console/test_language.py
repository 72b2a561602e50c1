"""The language switch: every string of a page changes, the choice is remembered, dates
and numbers follow the language."""

from __future__ import annotations

import re
from typing import Any

import pytest

from csms.console import catalog
from tests.console.conftest import USERS, login, screenshot, set_language

# Every visible text node, plus the names and hints that assistive technology reads.
PAGE_STRINGS = """
() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    // Data (audit details) is marked translate="no", as HTML means it.
    if (!el || el.closest('script, style, [hidden], [translate="no"]')) continue;
    const text = node.textContent.trim();
    if (text) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
    for (const name of ['aria-label', 'placeholder', 'title']) {
      if (el.getAttribute(name)) out.push(el.getAttribute(name).trim());
    }
  }
  for (const el of document.querySelectorAll('option')) out.push(el.textContent.trim());
  return out;
}
"""


def english_patterns(language: str) -> list[re.Pattern[str]]:
    """The English strings whose translation into `language` differs, as patterns that also
    match them with their placeholders filled in."""
    patterns = []
    for message in catalog.load(language):
        if not message.id or message.string == message.id:
            continue
        text = re.escape(str(message.id))
        text = re.sub(r"%\\\(\w+\\\)s", ".+", text)
        patterns.append(re.compile(f"^{text}$"))
    return patterns


def untranslated(page: Any, language: str) -> list[str]:
    patterns = english_patterns(language)
    return [s for s in page.evaluate(PAGE_STRINGS) if any(p.match(s) for p in patterns)]


PAGES = {
    "admin": [
        "/console/admin/overview",
        "/console/admin",
        "/console/admin/policies",
        "/console/admin/partners",
        "/console/admin/pki",
        "/console/admin/audit",
    ],
    "technician": ["/console/technician", "/console/technician/stations/ST-A-1"],
    "partner": ["/console/partner/overview", "/console/partner", "/console/partner/sessions"],
    "client": ["/console/client", "/console/client/sessions", "/console/stations"],
}


@pytest.mark.parametrize("role", list(PAGES))
def test_switching_language_changes_every_string(page: Any, role: str) -> None:
    login(page, USERS[role])
    for path in PAGES[role]:
        page.goto(path)
        english = untranslated(page, "ru")
        assert len(english) >= 5, english  # the English page shows the catalog's strings
        for language in ("ru", "uz"):
            set_language(page, language)
            assert page.url.endswith(path)
            assert untranslated(page, language) == [], (path, language)
        set_language(page, "en")


def test_choice_is_remembered_and_formats_follow(page: Any) -> None:
    login(page, USERS["partner"])
    set_language(page, "ru")
    page.get_by_role("link", name="Сеансы зарядки").click()
    page.wait_for_url("**/console/partner/sessions")
    assert page.evaluate("document.documentElement.lang") == "ru"
    row = page.locator("tr", has_text="tx-ST-A-1").inner_text()
    assert "22,46" in row  # decimal comma
    # Russian medium dates: day, abbreviated month, year and the letter for "year".
    assert re.search(r"\d{1,2}\s\w+\.\s\d{4}\s\w\.", row), row
    screenshot(page, "partner-sessions-ru")
    set_language(page, "uz")
    page.goto("/console/partner")
    assert page.get_by_role("heading", name="Mening stansiyalarim").is_visible()
    screenshot(page, "partner-stations-uz")
    page.goto("/console/login")  # the login page, too, keeps the choice
    assert page.get_by_role("link", name="MyID orqali kirish").is_visible()
    set_language(page, "en")
