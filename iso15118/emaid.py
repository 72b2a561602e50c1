"""eMAID (e-mobility account identifier, ISO 15118-2 Annex H) rules.

An eMAID is country (2 letters) + provider ID (3 alphanumerics) + instance (9 alphanumerics)
+ an optional check character, with optional `-` separators, case-insensitive. The normal form
used everywhere in the product (contract certificate CN, OCPP idToken) is the 15-character
upper-case form with the check character.

Older IDs follow DIN SPEC 91286: `*` or `-` separators, a 6-character instance and a mod-11
check digit. eMI3 maps them into the ISO form by prefixing the instance with `C0` and keeping
the DIN check digit as the last instance character, then computing the ISO check character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}

_ISO_FORM = re.compile(
    r"^(?P<country>[A-Z]{2})(?P<sep>-?)(?P<provider>[A-Z0-9]{3})(?P=sep)"
    r"(?P<instance>[A-Z0-9]{9})(?:(?P=sep)(?P<check>[A-Z0-9]))?\Z"
)
_DIN_FORM = re.compile(
    r"^(?P<country>[A-Z]{2})(?P<sep>[*-]?)(?P<provider>[A-Z0-9]{3})(?P=sep)"
    r"(?P<instance>[A-Z0-9]{6})(?:(?P=sep)(?P<check>[0-9X]))?\Z"
)


class EmaidError(ValueError):
    """Not an eMAID, or one whose check character is wrong; `reason` says which."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


Matrix = tuple[tuple[int, int], tuple[int, int]]


def _matrix_power_rows(base: Matrix, modulus: int, count: int) -> list[Matrix]:
    """base^1 .. base^count modulo `modulus`."""
    powers = []
    current = base
    for _ in range(count):
        powers.append(current)
        (a, b), (c, d) = current
        (e, f), (g, h) = base
        current = (
            ((a * e + b * g) % modulus, (a * f + b * h) % modulus),
            ((c * e + d * g) % modulus, (c * f + d * h) % modulus),
        )
    return powers


# ISO 15118-2 Annex H: each character becomes a pair of bits (over GF(2)) and a pair of
# trits (over GF(3)); position i is weighted with P1^i and P2^i respectively.
_P1_POWERS = _matrix_power_rows(((0, 1), (1, 1)), 2, 14)
_P2_POWERS = _matrix_power_rows(((0, 1), (1, 2)), 3, 14)


def _row_times(vector: tuple[int, int], matrix: Matrix) -> tuple[int, int]:
    (a, b), (c, d) = matrix
    return vector[0] * a + vector[1] * c, vector[0] * b + vector[1] * d


def check_character(first14: str) -> str:
    """The ISO 15118 check character of the first 14 characters (separators allowed)."""
    text = _strip(first14, "-")
    if len(text) != 14 or any(c not in _VALUE for c in text):
        raise EmaidError(
            "malformed", f"{first14!r}: the check character needs 14 letters and digits"
        )
    t1 = [0, 0]
    t2 = [0, 0]
    for i, char in enumerate(text):
        value = _VALUE[char]
        q, r = divmod(value, 9)
        bits = _row_times((q >> 1, q & 1), _P1_POWERS[i])
        trits = _row_times((r // 3, r % 3), _P2_POWERS[i])
        t1 = [(t1[0] + bits[0]) % 2, (t1[1] + bits[1]) % 2]
        t2 = [(t2[0] + trits[0]) % 3, (t2[1] + trits[1]) % 3]
    # Multiplying by -P2^-15 = [[0,2],[2,1]] turns the trit sum into the check trits.
    u = _row_times((t2[0], t2[1]), ((0, 2), (2, 1)))
    u = (u[0] % 3, u[1] % 3)
    return ALPHABET[9 * (2 * t1[0] + t1[1]) + 3 * u[0] + u[1]]


def din_check_digit(first11: str) -> str:
    """DIN SPEC 91286 check digit of country + provider + 6-character instance: digits count
    once, letters as two decimal digits, weighted 2^position, modulo 11 ('X' for 10)."""
    text = _strip(first11, "-*")
    if len(text) != 11 or any(c not in _VALUE for c in text):
        raise EmaidError("malformed", f"{first11!r}: a DIN ID has 11 letters and digits")
    total = 0
    position = 0
    for char in text:
        value = _VALUE[char]
        digits = (value,) if value < 10 else divmod(value, 10)
        for digit in digits:
            total += digit * 2**position
            position += 1
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


@dataclass(frozen=True)
class Emaid:
    country: str
    provider: str
    instance: str
    check: str

    @property
    def normalized(self) -> str:
        """15 characters, upper case, no separators: the contract certificate's CN."""
        return f"{self.country}{self.provider}{self.instance}{self.check}"

    @property
    def hyphenated(self) -> str:
        return f"{self.country}-{self.provider}-{self.instance}-{self.check}"

    def __str__(self) -> str:
        return self.normalized


def _strip(text: str, separators: str) -> str:
    cleaned = text.strip().upper()
    for sep in separators:
        cleaned = cleaned.replace(sep, "")
    return cleaned


def parse_emaid(text: str) -> Emaid:
    """An ISO 15118 eMAID in any accepted form; a missing check character is computed, a
    wrong one refused."""
    candidate = text.strip().upper()
    match = _ISO_FORM.match(candidate)
    if match is None:
        raise EmaidError(
            "malformed",
            f"{text!r} is not an eMAID (CC-PPP-IIIIIIIII[-K]: 2 letters, 3 and 9 letters or "
            "digits, optional check character)",
        )
    country, provider, instance = match["country"], match["provider"], match["instance"]
    expected = check_character(country + provider + instance)
    given = match["check"]
    if given is not None and given != expected:
        raise EmaidError(
            "check_character",
            f"{text!r}: check character {given!r} is wrong, expected {expected!r}",
        )
    return Emaid(country, provider, instance, expected)


def normalize_emaid(text: str) -> str:
    return parse_emaid(text).normalized


def normalize_tolerant(text: str) -> str:
    """The 15-character form of an eMAID as an EV may list it (ISO 15118-20
    PrioritizedEMAIDs): `-` or `*` separators anywhere, any case, the check character
    optional (computed when missing, refused when wrong). EmaidError otherwise."""
    return parse_emaid(_strip(text, "-*")).normalized


def from_din(text: str) -> Emaid:
    """A DIN SPEC 91286 contract ID converted to its eMI3 / ISO 15118 form."""
    candidate = text.strip().upper()
    match = _DIN_FORM.match(candidate)
    if match is None:
        raise EmaidError("malformed", f"{text!r} is not a DIN SPEC 91286 contract ID")
    base = match["country"] + match["provider"] + match["instance"]
    expected = din_check_digit(base)
    if match["check"] is not None and match["check"] != expected:
        raise EmaidError(
            "check_character",
            f"{text!r}: DIN check digit {match['check']!r} is wrong, expected {expected!r}",
        )
    instance = "C0" + match["instance"] + expected
    return Emaid(
        match["country"],
        match["provider"],
        instance,
        check_character(match["country"] + match["provider"] + instance),
    )


def is_din_form(text: str) -> bool:
    """Whether `text` is written as a DIN SPEC 91286 contract ID (`import_emaid` converts it)."""
    candidate = text.strip().upper()
    return "*" in candidate or _DIN_FORM.match(candidate) is not None


def import_emaid(text: str) -> Emaid:
    """Any eMAID an operator may import: ISO/eMI3 forms, or a DIN SPEC 91286 ID (converted)."""
    candidate = text.strip().upper()
    if is_din_form(candidate):
        return from_din(candidate)
    return parse_emaid(candidate)
