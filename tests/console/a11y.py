"""In-browser checks of a console page: axe-core (WCAG 2 A/AA), keyboard reach, phone width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# WCAG 2.0/2.1 A and AA: labels, names, contrast, landmarks, language, ... Every violation
# fails the test (not only the three the issue names), so nothing regresses silently.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# Every control that is shown must be reachable with Tab: not tabindex=-1, not disabled,
# and having a name a screen reader reads out.
KEYBOARD_CHECK = """
() => {
  const problems = [];
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea');
  for (const el of controls) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.closest('[hidden]')) continue;
    if (el.tabIndex < 0 || el.disabled) {
      problems.push('not reachable: ' + el.outerHTML.slice(0, 120));
    }
  }
  return problems;
}
"""


def axe_violations(page: Any, axe_path: Path) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol, not as a <script> of the page: the
        # console's Content-Security-Policy refuses inline scripts (add_script_tag's kind).
        page.evaluate(axe_path.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("options => window.axe.run(document, options)", AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})"
        for v in result["violations"]
    ]


def keyboard_problems(page: Any) -> list[str]:
    return list(page.evaluate(KEYBOARD_CHECK))


def tab_reaches(page: Any, limit: int = 80) -> list[str]:
    """Press Tab from the top of the page and list what got focus, in order."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.locator("body").focus()
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        described = page.evaluate(
            "() => { const e = document.activeElement; if (!e || e === document.body) return '';"
            " return e.tagName.toLowerCase() + ':' + (e.id || e.getAttribute('name') || "
            "e.getAttribute('href') || e.textContent.trim()).slice(0, 60); }"
        )
        if not described or (reached and described == reached[0]):
            break
        reached.append(described)
    return reached


def overflows_at_phone_width(page: Any) -> bool:
    page.set_viewport_size({"width": 390, "height": 844})
    wider = page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    )
    page.set_viewport_size({"width": 1280, "height": 800})
    return bool(wider)


def check_page(page: Any, axe_path: Path) -> list[str]:
    """Everything wrong with the page as it stands, at desktop and at phone width (where the
    tables are cards); empty when it passes."""
    problems = axe_violations(page, axe_path) + keyboard_problems(page)
    if overflows_at_phone_width(page):
        problems.append("the page scrolls sideways at 390 px")
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        problems += [f"phone: {p}" for p in axe_violations(page, axe_path)]
    finally:
        page.set_viewport_size({"width": 1280, "height": 800})
    return problems
