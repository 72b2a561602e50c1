"""CSV as every door writes it (the console's list exports, `csms … --csv`): a header row,
then the rows; times as UTC ISO 8601 (a file is read by programs too), and no cell that a
spreadsheet would run as a formula.

It sits in the bottom layer of `csms` so that the console and the command line, which may
not import each other's modules, write the same file the same way.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TextIO

# A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """One value as a CSV cell: empty for None, ISO 8601 for a time, text otherwise; text a
    spreadsheet would run as a formula is prefixed with an apostrophe and so read as text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def write_csv(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """`header` and then every row of `rows`, each value through `cell`."""
    writer = csv.writer(out)
    writer.writerow([cell(name) for name in header])
    for row in rows:
        writer.writerow([cell(value) for value in row])
