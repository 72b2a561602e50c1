"""Every pattern that guards an identifier matches the whole text: a regex ending in `$` with
`re.match` would also accept the same text followed by a newline."""

from __future__ import annotations

import re

import pytest

from auth.myid import PINFL
from auth.users import PARTNER_NAME, USERNAME
from contracts.service import PCID_PATTERN
from csms.ocpp.stations import PASSWORD, STATION_ID
from pki.profiles import load_profiles

PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    ("station id", STATION_ID, "CS-0001"),
    ("station password", PASSWORD, "A" * 20),
    ("username", USERNAME, "alice"),
    ("partner name", PARTNER_NAME, "UzCharge"),
    ("PINFL", PINFL, "31234567890123"),
    ("PCID", PCID_PATTERN, "WMIABCDEFGHIJKLMN"),
]


@pytest.mark.parametrize(("label", "pattern", "good"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_a_final_newline_is_refused(label: str, pattern: re.Pattern[str], good: str) -> None:
    assert pattern.match(good), f"{label}: the good value must pass"
    assert not pattern.match(good + "\n"), f"{label} accepts a final newline"


def test_profile_cn_patterns_are_used_whole() -> None:
    # The profiles keep `^...$` patterns from certs/profiles.toml; the CA applies them with
    # fullmatch, which a final newline cannot pass.
    patterns = [p.cn_pattern for p in load_profiles().values() if p.cn_pattern is not None]
    assert patterns
    for pattern in patterns:
        assert pattern.fullmatch("A" * 2 + "\n") is None
