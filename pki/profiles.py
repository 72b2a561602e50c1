"""Certificate profiles: declarative data from certs/profiles.toml, validated on load."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed448, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

from .errors import UnknownProfile

KEY_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
)
KEY_ALGORITHMS = ("ec-p256", "ec-p384", "ec-p521", "ed448", "rsa")
EXTENDED_KEY_USAGES = ("ocsp_signing", "server_auth", "client_auth")
MIN_RSA_BITS = 2048  # OCPP part 2 A00: at least 112-bit security


@dataclass(frozen=True)
class Profile:
    name: str
    key_usage: tuple[str, ...]
    key_algorithms: tuple[str, ...]
    default_days: int
    max_days: int
    ca: bool = False
    path_len: int | None = None
    aia_ocsp: bool = True
    domain_component: str | None = None
    subject_required: tuple[str, ...] = ()
    cn_pattern: re.Pattern[str] | None = None  # the whole CN must match: use fullmatch
    subject_alt_name_from_cn: bool = False
    extended_key_usage: tuple[str, ...] = ()
    ocsp_nocheck: bool = False
    # The CAs (names of certs/hierarchy.toml) that may sign this profile from a CSR or a key;
    # the first is the default. Empty: never issued that way (CA certificates come from
    # `pki init`, a delegated OCSP responder from `pki ocsp-delegate`). See check_issuers.
    issuers: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.key_usage) - set(KEY_USAGES)
        if unknown:
            raise ValueError(f"profile {self.name}: unknown key usage {sorted(unknown)}")
        unknown = set(self.key_algorithms) - set(KEY_ALGORITHMS)
        if unknown or not self.key_algorithms:
            raise ValueError(f"profile {self.name}: bad key algorithms {self.key_algorithms}")
        unknown = set(self.extended_key_usage) - set(EXTENDED_KEY_USAGES)
        if unknown:
            raise ValueError(f"profile {self.name}: unknown extended key usage {sorted(unknown)}")
        if not 0 < self.default_days <= self.max_days:
            raise ValueError(f"profile {self.name}: need 0 < default_days <= max_days")
        if self.ca and "key_cert_sign" not in self.key_usage:
            raise ValueError(f"profile {self.name}: a CA profile needs keyCertSign")
        if not self.ca and {"key_cert_sign", "crl_sign"} & set(self.key_usage):
            raise ValueError(f"profile {self.name}: a leaf profile cannot sign certificates")

    def accepts_key(self, key: PublicKeyTypes) -> str | None:
        """The key's algorithm name if this profile allows it, else None."""
        rsa_bits = key.key_size if isinstance(key, rsa.RSAPublicKey) else None
        return self.accepts_algorithm(key_algorithm_of(key), rsa_bits)

    def accepts_algorithm(self, algorithm: str, rsa_bits: int | None = None) -> str | None:
        """`algorithm` (one of KEY_ALGORITHMS) if this profile allows it, else None."""
        if algorithm not in self.key_algorithms:
            return None
        if algorithm == "rsa" and (rsa_bits is None or rsa_bits < MIN_RSA_BITS):
            return None
        return algorithm

    @property
    def default_issuer(self) -> str | None:
        return self.issuers[0] if self.issuers else None

    def allows_issuer(self, name: str) -> bool:
        """`name` is one of `issuers`, or a member of a family named there (`csms-tls-*`:
        csms-tls-1, csms-tls-2, ..., the CAs a CSMS root rotation creates)."""
        return any(
            name == entry
            or (
                entry.endswith("-*")
                and name.startswith(entry[:-1])
                and name[len(entry) - 1 :].isdigit()
            )
            for entry in self.issuers
        )


def key_algorithm_of(key: PublicKeyTypes) -> str:
    if isinstance(key, ec.EllipticCurvePublicKey):
        return {
            "secp256r1": "ec-p256",
            "secp384r1": "ec-p384",
            "secp521r1": "ec-p521",
        }.get(key.curve.name, f"ec-{key.curve.name}")
    if isinstance(key, ed448.Ed448PublicKey):
        return "ed448"
    if isinstance(key, rsa.RSAPublicKey):
        return "rsa"
    return type(key).__name__


def describe_key(key: PublicKeyTypes) -> str:
    if isinstance(key, ec.EllipticCurvePublicKey):
        return f"EC {key.curve.name}"
    if isinstance(key, rsa.RSAPublicKey):
        return f"RSA-{key.key_size}"
    return key_algorithm_of(key)


def _profile_from_table(name: str, table: dict[str, Any], all_tables: dict[str, Any]) -> Profile:
    merged: dict[str, Any] = {}
    base = table.get("base")
    if base is not None:
        if base not in all_tables or "base" in all_tables[base]:
            raise ValueError(f"profile {name}: base {base!r} must be a plain profile")
        merged.update(all_tables[base])
    merged.update({k: v for k, v in table.items() if k != "base"})
    path_len = merged.pop("path_len", None)
    pattern = merged.pop("cn_pattern", None)
    return Profile(
        name=name,
        key_usage=tuple(merged.pop("key_usage")),
        key_algorithms=tuple(merged.pop("key_algorithms")),
        default_days=int(merged.pop("default_days")),
        max_days=int(merged.pop("max_days")),
        ca=bool(merged.pop("ca", False)),
        path_len=None if path_len is None or path_len < 0 else int(path_len),
        aia_ocsp=bool(merged.pop("aia_ocsp", True)),
        domain_component=merged.pop("domain_component", None),
        subject_required=tuple(merged.pop("subject_required", ())),
        cn_pattern=re.compile(pattern) if pattern else None,
        subject_alt_name_from_cn=bool(merged.pop("subject_alt_name_from_cn", False)),
        extended_key_usage=tuple(merged.pop("extended_key_usage", ())),
        ocsp_nocheck=bool(merged.pop("ocsp_nocheck", False)),
        issuers=tuple(merged.pop("issuers", ())),
        extra=merged,
    )


@cache
def load_profiles() -> dict[str, Profile]:
    text = resources.files("certs").joinpath("profiles.toml").read_text()
    tables = tomllib.loads(text)["profile"]
    profiles = {name: _profile_from_table(name, t, tables) for name, t in tables.items()}
    for profile in profiles.values():
        if profile.extra:
            raise ValueError(f"profile {profile.name}: unknown keys {sorted(profile.extra)}")
    check_issuers(profiles, hierarchy_specs())
    return profiles


def _generation(profile_name: str) -> str:
    return "ISO 15118-20" if profile_name.endswith("-20") else "ISO 15118-2"


# CAs created at run time rather than by `pki init`, named with a generation number.
ISSUER_FAMILIES = frozenset({"csms-tls-*"})  # pki/csms_root.py


def check_issuers(profiles: dict[str, Profile], hierarchy: Iterable[AuthoritySpec]) -> None:
    """The issuer rules every profile's `issuers` must keep (ValueError otherwise):
    - a CA profile names none: CA certificates come only from `pki init`, each signed by its
      parent in certs/hierarchy.toml (no external sub-CA, no cross-certificate);
    - each issuer is a CA of certs/hierarchy.toml, and not a root: a root never signs a leaf;
    - each issuer belongs to the profile's generation: the -20 profiles to the -20 CAs, the
      others to the ISO 15118-2 ones;
    - no issuer is named twice;
    - a family (`name-*`) is one the product creates at run time (ISSUER_FAMILIES), never the
      default issuer."""
    cas = {spec.name: spec for spec in hierarchy}
    for profile in profiles.values():
        where = f"profile {profile.name}"
        if profile.ca and profile.issuers:
            raise ValueError(f"{where}: CA certificates come from `pki init` only: no issuers")
        if len(set(profile.issuers)) != len(profile.issuers):
            raise ValueError(f"{where}: an issuer is named twice in {list(profile.issuers)}")
        for index, name in enumerate(profile.issuers):
            if name.endswith("-*"):
                if name not in ISSUER_FAMILIES:
                    raise ValueError(f"{where}: {name!r} is no family of CAs the product makes")
                if index == 0:
                    raise ValueError(f"{where}: a family cannot be the default issuer")
                continue
            spec = cas.get(name)
            if spec is None:
                raise ValueError(f"{where}: issuer {name!r} is no CA of certs/hierarchy.toml")
            issuer_profile = profiles.get(spec.profile)
            if issuer_profile is None or not issuer_profile.ca:
                raise ValueError(f"{where}: issuer {name!r} is not a CA")
            if spec.parent is None:
                raise ValueError(f"{where}: issuer {name!r} is a root: a root never signs a leaf")
            if _generation(spec.profile) != _generation(profile.name):
                raise ValueError(
                    f"{where}: issuer {name!r} is an {_generation(spec.profile)} CA, the profile "
                    f"is {_generation(profile.name)} (the -20 profiles have the -20 CAs)"
                )


def get_profile(name: str) -> Profile:
    profiles = load_profiles()
    try:
        return profiles[name]
    except KeyError:
        raise UnknownProfile(
            f"unknown profile {name!r}; known: {', '.join(sorted(profiles))}"
        ) from None


@dataclass(frozen=True)
class AuthoritySpec:
    """One CA of certs/hierarchy.toml."""

    name: str
    profile: str
    key: str
    cn: str
    dc: str
    parent: str | None = None
    demo: bool = False  # created in development mode only


@cache
def hierarchy_specs() -> tuple[AuthoritySpec, ...]:
    """certs/hierarchy.toml as read, parents before children; its profiles not yet checked
    (load_profiles reads it to check the profiles' issuers)."""
    text = resources.files("certs").joinpath("hierarchy.toml").read_text()
    specs = [AuthoritySpec(name=n, **t) for n, t in tomllib.loads(text)["ca"].items()]
    known: set[str] = set()
    for spec in specs:
        if spec.parent is not None and spec.parent not in known:
            raise ValueError(f"hierarchy: {spec.name}'s parent {spec.parent} must come first")
        known.add(spec.name)
    return tuple(specs)


@cache
def load_hierarchy() -> tuple[AuthoritySpec, ...]:
    """The CAs in creation order (parents before children)."""
    specs = hierarchy_specs()
    for spec in specs:
        get_profile(spec.profile)
    return specs
