"""eMAID rules against vectors published by others (none of them produced by our code).

Sources:
- [OCHP/TNM] ShellRechargeSolutionsEU/mobilityid (formerly The New Motion; the vectors of the
  OCHP "Check Digit Calculation for Contract-IDs" note):
  core/src/test/scala/com/thenewmotion/mobilityid/CheckDigitSpec.scala (ISO vectors
  "T24RZDM0" and the DIN vectors "INTNM" + 000071/110/124/114/191), and ContractIdSpec.scala
  (NL-TNM-000122045-U, NL-TNM-000722345-X, NL-TNM-C00122045-K, DIN NL-TNM-122045-0,
  NL-TNM-012204-5 <-> eMI3 NL-TNM-C00122045-K).
- [GDF] OpenChargingCloud/EMSP, EMAId tests (the same eight plus NLTNM000122045 U,
  NLTNM000722345 X, NLTNMC00122045 K, lower case accepted).
- [ref] /work/shared/reference/plug-and-charge.md §2 worked example DE8AA001234567 -> 0.
"""

from __future__ import annotations

import pytest

from iso15118.emaid import (
    EmaidError,
    check_character,
    din_check_digit,
    from_din,
    import_emaid,
    is_din_form,
    normalize_emaid,
    normalize_tolerant,
    parse_emaid,
)

ISO_VECTORS = [
    ("NN123ABCDEFGHI", "T"),  # [OCHP/TNM]
    ("FRXYZ123456789", "2"),  # [OCHP/TNM]
    ("ITA1B2C3E4F5G6", "4"),  # [OCHP/TNM]
    ("ESZU8WOX834H1D", "R"),  # [OCHP/TNM]
    ("PT73902837ABCZ", "Z"),  # [OCHP/TNM]
    ("DE83DUIEN83QGZ", "D"),  # [OCHP/TNM]
    ("DE83DUIEN83ZGQ", "M"),  # [OCHP/TNM]
    ("DE8AA001234567", "0"),  # [OCHP/TNM], [ref]
    ("NLTNM000122045", "U"),  # [OCHP/TNM] ContractIdSpec, [GDF]
    ("NLTNM000722345", "X"),  # [OCHP/TNM] ContractIdSpec, [GDF]
    ("NLTNMC00122045", "K"),  # [OCHP/TNM] ContractIdSpec (eMI3), [GDF]
    ("nltnmc00122045", "K"),  # [GDF]: case-insensitive
]

DIN_VECTORS = [
    ("INTNM000071", "9"),  # [OCHP/TNM] CheckDigitSpec "old Excel-sheet ways"
    ("INTNM000110", "X"),
    ("INTNM000124", "0"),
    ("INTNM000114", "6"),
    ("INTNM000191", "5"),
    ("NLTNM122045", "0"),  # [OCHP/TNM] ContractIdSpec: DIN NL-TNM-122045-0
    ("NLTNM012204", "5"),  # [OCHP/TNM] ContractIdSpec: DIN NL-TNM-012204-5
]


@pytest.mark.parametrize(("first14", "expected"), ISO_VECTORS)
def test_iso_check_character_matches_published_vectors(first14: str, expected: str) -> None:
    assert check_character(first14) == expected
    assert normalize_emaid(first14) == first14.upper() + expected
    assert parse_emaid(first14 + expected).check == expected


@pytest.mark.parametrize(("first11", "expected"), DIN_VECTORS)
def test_din_check_digit_matches_published_vectors(first11: str, expected: str) -> None:
    assert din_check_digit(first11) == expected


@pytest.mark.parametrize(
    "text",
    [
        "NL-TNM-C00122045-K",
        "NL-TNM-C00122045",
        "NLTNMC00122045K",
        "NLTNMC00122045",
        "nl-tnm-c00122045-k",
        "  NL-TNM-C00122045-K  ",
    ],
)
def test_every_written_form_normalises_to_the_15_character_id(text: str) -> None:
    # [GDF] AnEMAIdIsReadInEveryFormItIsWrittenIn
    emaid = parse_emaid(text)
    assert emaid.normalized == "NLTNMC00122045K"
    assert emaid.hyphenated == "NL-TNM-C00122045-K"
    assert (emaid.country, emaid.provider, emaid.instance) == ("NL", "TNM", "C00122045")


def test_din_ids_convert_to_emi3() -> None:
    # [OCHP/TNM] ContractIdSpec: "convert a DIN SPEC 91286 to an EMI3"
    for din in ("NL-TNM-012204-5", "NL*TNM*012204*5", "nltnm012204", "NL-TNM-012204"):
        assert is_din_form(din)
        assert from_din(din).hyphenated == "NL-TNM-C00122045-K"
        assert import_emaid(din).normalized == "NLTNMC00122045K"
    assert not is_din_form("NL-TNM-C00122045-K")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("NL-TNM-000122045-X", "check_character"),  # [OCHP/TNM]: wrong check digit
        ("NL-TNM-C00122045-X", "check_character"),  # [GDF]
        ("NLTNM076", "malformed"),  # [OCHP/TNM]: wrong length
        ("X-aargh-131331234", "malformed"),  # [OCHP/TNM]: wrong field lengths
        ("NL-T|M-000122045-U", "malformed"),  # [OCHP/TNM]: illegal character
        ("N-TNM-C00122045-K", "malformed"),  # [GDF]: one-letter country
        ("NL-TNM-C0012204", "malformed"),  # [GDF]: eight instance characters
        ("DE٨٣DUIEN٨٣QGZ", "malformed"),  # [OCHP/TNM]: non-ASCII digits
        ("", "malformed"),
        ("NL-TNMC00122045K", "malformed"),  # separators must be used consistently
    ],
)
def test_malformed_or_wrong_ids_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(EmaidError) as caught:
        parse_emaid(text)
    assert caught.value.reason == reason


def test_wrong_din_check_digit_is_refused() -> None:
    with pytest.raises(EmaidError) as caught:
        from_din("NL-TNM-012204-6")
    assert caught.value.reason == "check_character"


@pytest.mark.parametrize("text", ["", "DE8AA0012345678", "DE8AA00123456", "DE٨٣DUIEN٨٣QGZ"])
def test_check_character_needs_fourteen_letters_and_digits(text: str) -> None:
    # [OCHP/TNM], [GDF] TheCheckDigitRefusesWhatIsNotFourteenLettersAndDigits
    with pytest.raises(EmaidError):
        check_character(text)


@pytest.mark.parametrize(
    "text",
    [
        "NLTNMC00122045",
        "nl-tnm-c00122045-k",
        "NL-TNMC00122045",
        "NL*TNM*C00122045*K",
        " NLTNMC00122045K",
    ],
)
def test_tolerant_normalisation_reads_an_ev_listed_emaid(text: str) -> None:
    # ISO 15118-20 PrioritizedEMAIDs: separators anywhere, the check character optional.
    assert normalize_tolerant(text) == "NLTNMC00122045K"


@pytest.mark.parametrize(
    ("text", "reason"),
    [("NL-TNM-C00122045-X", "check_character"), ("NLTNMC0012204", "malformed"), ("", "malformed")],
)
def test_tolerant_normalisation_still_refuses_wrong_ids(text: str, reason: str) -> None:
    with pytest.raises(EmaidError) as caught:
        normalize_tolerant(text)
    assert caught.value.reason == reason
