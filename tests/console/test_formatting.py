"""Audit details as a person reads them: times in Tashkent time like the rest of the page."""

from __future__ import annotations

from csms.console.i18n import Formatter


def test_details_are_written_for_reading() -> None:
    fmt = Formatter("en")
    # 09:30:00.123456 UTC is 14:30 in Tashkent (UTC+5), without microseconds.
    written = fmt.detail("2026-12-05T09:30:00.123456+00:00")
    assert "14:30" in written and "123456" not in written and "+00:00" not in written
    assert fmt.detail(["a", "b"]) == "a, b"
    assert fmt.detail(None) == "—"
    assert fmt.detail({"kind": "v2g-root", "count": 3}) == "kind: v2g-root; count: 3"
    assert fmt.detail("not a time") == "not a time"
