"""The console's message catalogs: which strings the code and templates use, and keeping the
three .po files in step with them.

    python -m csms.console.catalog check    # every used msgid translated in uz, ru, en
    python -m csms.console.catalog update   # add new msgids (untranslated) to every .po file

English is a catalog too (msgstr = msgid), so "translated in all three" is one uniform rule.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .i18n import LANGUAGES, po_path

PACKAGE = Path(__file__).resolve().parent
METHODS = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/templates/**.webmanifest", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]
OPTIONS = {"**/templates/**": {"extensions": "jinja2.ext.i18n"}}
KEYWORDS = {"_": None, "N_": None, "t": None}


def used_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        PACKAGE, METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        if isinstance(message, str) and message:
            found.add(message)
    return found


def load(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language)


def missing(language: str) -> list[str]:
    catalog = load(language)
    return sorted(m for m in used_messages() if not _translated(catalog, m))


def _translated(catalog: Catalog, message: str) -> bool:
    found = catalog.get(message)
    return found is not None and bool(found.string)


def update() -> None:
    used = used_messages()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = load(language)
        else:
            catalog = Catalog(locale=language, project="UzPnC console")
        for message in sorted(used):
            if catalog.get(message) is None:
                catalog.add(message, message if language == "en" else "")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, omit_header=False, sort_output=True)


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    problems = {lang: missing(lang) for lang in LANGUAGES}
    for lang, messages in problems.items():
        for message in messages:
            print(f"{lang}: untranslated: {message!r}")
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
