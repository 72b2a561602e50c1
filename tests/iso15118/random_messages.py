"""Random messages for interop tests: random walks over the schema's grammar.

Values sit at or near their facet limits (maximum lengths, integer bounds) half of the
time, optional parts are present or absent at random, and certificate slots get real
DER certificates from a pool of freshly made keys. Trees use the JSON shape of EXIficient
(binary as base64 / upper-case hex text) so they can be handed to it unchanged.
"""

from __future__ import annotations

import base64
import datetime
import random
import string
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from iso15118.exi.codec import Grammar
from iso15118.exi.grammar_builder import AT, CH, CH_UNTYPED, EE, SE
from iso15118.xmldsig import build_signed_info

ALPHABET = string.ascii_letters + string.digits
NON_ASCII = "äéß€漢"
CERTIFICATE_KEYS = {"Certificate", "OEMProvisioningCert"}
# xmldsig parts outside the ISO 15118 signature profile (and outside what EXIficient's
# JSON front end can take): never generated.
OUTSIDE_PROFILE = {"KeyInfo", "Object", "HMACOutputLength", "XPath", "Encoding", "MimeType"}


def make_certificates(count: int, rng: random.Random) -> list[bytes]:
    """Fresh P-256 keys and self-signed certificates of varied sizes (all under 800 bytes)."""
    now = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    certificates = []
    for index in range(count):
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name(
            [
                x509.NameAttribute(
                    NameOID.COMMON_NAME, f"test-{index}-" + "x" * rng.randint(1, 40)
                ),
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, "uz-pnc tests"),
            ]
        )
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=rng.randint(1, 3650)))
            .sign(key, hashes.SHA256())
        )
        certificates.append(certificate.public_bytes(serialization.Encoding.DER))
    return certificates


class _IdType:
    kind = "string"
    min_length = 1
    max_length = 20


_ID_TYPE = _IdType()


class RandomMessages:
    def __init__(self, grammar: Grammar, rng: random.Random, certificates: list[bytes]) -> None:
        self.grammar = grammar
        self.rng = rng
        self.certificates = certificates

    def document(self, root: str, body: str | None = None) -> dict[str, Any]:
        row = self.grammar.root_production(self.grammar.document, root)
        return {root: self.element(row[4], root, 0, forced_body=body)}

    def element(self, state: int, name: str, depth: int, forced_body: str | None = None) -> Any:
        g = self.grammar
        simple = state in g.simple
        content: dict[str, Any] = {}
        lists: dict[str, int] = {}
        for _ in range(200):
            rows = g.productions[state]
            choices = [r for r in rows if self._allowed(r, content, depth)]
            if forced_body is not None and name == "Body":
                choices = [r for r in rows if r[1] == forced_body] or choices
            # Stop early now and then (if EE is offered) so optional parts vary.
            ends = [r for r in choices if r[0] == EE]
            others = [r for r in choices if r[0] != EE]
            if ends and (not others or self.rng.random() < 0.3):
                break
            if not others:
                raise AssertionError(f"grammar walk stuck in {name}")
            kind, key, dt, nxt, elem, is_list, _q, _code = self.rng.choice(others)
            if kind == SE:
                child = self.element(elem, key, depth + 1, forced_body)
                if key in CERTIFICATE_KEYS and self.rng.random() < 0.7:
                    child = base64.b64encode(self.rng.choice(self.certificates)).decode()
                if is_list:
                    content.setdefault(key, []).append(child)
                    lists[key] = lists.get(key, 0) + 1
                else:
                    content[key] = child
            elif kind == AT:
                content[key] = self.value(dt)
            elif kind == CH:
                content["value"] = self.value(dt)
            state = nxt
        if simple:
            return content["value"]
        if name in ("SignedInfo", "Reference"):
            # EXIficient's SignedInfo fragment front end rebuilds these from known fields
            # only, dropping Id and Type; ISO 15118 uses neither there.
            content.pop("Id", None)
            content.pop("Type", None)
        if name == "SignedInfo":
            # EXIficient's SignedInfo front end always writes the ISO 15118 algorithms and
            # one canonical-exi Transform per Reference: generate exactly that profile.
            digests = {r["URI"].removeprefix("#"): r["DigestValue"] for r in content["Reference"]}
            return build_signed_info(digests)
        if name == "Reference" and "URI" not in content:
            # ISO 15118 references always name the signed element (and EXIficient's
            # SignedInfo fragment front end requires it): the URI is an attribute, so it
            # goes first in the dict as well.
            content = {"URI": "#" + self.value(_ID_TYPE), **content}
        return content

    def _allowed(self, row: tuple, content: dict[str, Any], depth: int) -> bool:
        kind, key = row[0], row[1]
        if kind == EE:
            return True
        if kind == CH_UNTYPED or key == "" or key.startswith("{") or key in OUTSIDE_PROFILE:
            return False  # mixed text and wildcards: not used by ISO 15118 messages
        if kind == SE:
            if key in content and not row[5]:
                return False
            if row[5] and len(content.get(key, [])) >= 3:
                return False  # keeps messages small; facet-length lists come from elsewhere
            return depth < 12
        if kind == CH:
            return "value" not in content
        return key not in content

    def value(self, dt: Any) -> Any:
        rng = self.rng
        kind = dt.kind
        if kind in ("string", "base64", "hex") and not dt.min_length and rng.random() < 0.08:
            # Empty content where the schema allows it: EXIficient writes an undeclared
            # (second-level) EE for an empty element (no characters event).
            return ""
        if kind == "string":
            low = max(dt.min_length or 1, 1)
            high = dt.max_length if dt.max_length is not None else 40
            length = high if rng.random() < 0.5 else rng.randint(low, high)
            chars = ALPHABET + (NON_ASCII if rng.random() < 0.1 else "")
            return "".join(rng.choice(chars) for _ in range(length))
        if kind in ("base64", "hex"):
            low = max(dt.min_length or 1, 1)
            high = dt.max_length if dt.max_length is not None else 64
            length = high if rng.random() < 0.5 else rng.randint(low, high)
            raw = rng.randbytes(length)
            return base64.b64encode(raw).decode() if kind == "base64" else raw.hex().upper()
        if kind == "nbit":
            return rng.choice([dt.lower, dt.upper, rng.randint(dt.lower, dt.upper)])
        if kind == "enum":
            return rng.choice(dt.values)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind in ("unsigned", "integer"):
            low = dt.lower if dt.lower is not None else -(2**70)
            high = dt.upper if dt.upper is not None else 2**70
            if kind == "unsigned":
                low = max(low, 0)
            return rng.choice([low, high, rng.randint(low, high), rng.randint(low, min(high, 300))])
        raise AssertionError(f"no random values for {kind}")
