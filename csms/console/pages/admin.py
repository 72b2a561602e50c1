"""The operator's cabinet: users and roles, Casbin policies, partners, the PKI, the audit log.

Reads and changes go through the same services as the REST API (auth/, pki/), with the
principal of the session cookie, so the console and the API cannot differ.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from auth.admins import LastAdmin
from auth.errors import Conflict, ServiceError
from auth.policy import ROLES, Rule
from auth.principal import SCOPES, Permission, Principal
from auth.rules import POLICIES_CREATE, POLICIES_DELETE, POLICIES_READ
from auth.users import (
    PARTNER_NAME,
    PARTNERS_CREATE,
    PARTNERS_READ,
    ROLES_CHANGE,
    USERNAME,
    USERS_CREATE,
    USERS_DELETE,
    USERS_READ,
    USERS_UPDATE,
)
from pki.authority import REVOCATION_REASONS, Authority
from pki.errors import AlreadyRevoked, PkiError
from pki.profiles import load_profiles
from pki.service import CERTIFICATES_READ, CERTIFICATES_REVOKE, TRUST_CREATE, TRUST_DELETE
from pki.trust import KINDS, MAX_BUNDLE_BYTES

from ...ocpp.service import STATIONS_READ
from ...web.context import container_of, in_transaction
from ..access import check_csrf, page
from ..forms import N_, Errors, required, see_other, text
from ..policy_words import ROLE_NAMES, describe
from ..web import PREFIX, gettext_of, render
from .partner import overview_page

router = APIRouter(prefix=f"{PREFIX}/admin", include_in_schema=False)
CABINET = "admin"
# RFC 5280 revocation reasons (pki.authority.REVOCATION_REASONS), in words people use.
REASON_WORDS = {
    "unspecified": N_("unspecified"),
    "keyCompromise": N_("key compromised"),
    "cACompromise": N_("CA compromised"),
    "affiliationChanged": N_("owner changed"),
    "superseded": N_("replaced by a new certificate"),
    "cessationOfOperation": N_("no longer in use"),
    "certificateHold": N_("on hold"),
    "privilegeWithdrawn": N_("privilege withdrawn"),
    "aACompromise": N_("attribute authority compromised"),
}
LAST_ADMIN = N_("%(name)s is the last active admin: make someone else an admin first.")


def admin(permission: Permission) -> Any:
    return Depends(page(permission, cabinet=CABINET))


async def _reader(request: Request, permission: Permission) -> Principal:
    """The principal again, through the gate of the page a failed form falls back to."""
    return await page(permission, cabinet=CABINET)(request)


# --- users ------------------------------------------------------------------------------------


async def _users_page(
    request: Request,
    principal: Principal,
    status_code: int = 200,
    **context: Any,
) -> Response:
    service = container_of(request).users
    users, partners = await in_transaction(
        request,
        lambda s: (
            service.list_users(s, principal, limit=1000),
            service.list_partners(s, principal, limit=1000),
        ),
    )
    return render(
        request,
        "admin/users.html",
        status_code,
        users=users,
        partners=[p.name for p in partners],
        roles=[(r, ROLE_NAMES[r]) for r in ROLES],
        **context,
    )


@router.get("/overview")
async def admin_overview(
    request: Request, principal: Annotated[Principal, admin(STATIONS_READ)]
) -> Response:
    return await overview_page(request, principal)


@router.get("")
async def users(request: Request, principal: Annotated[Principal, admin(USERS_READ)]) -> Response:
    return await _users_page(request, principal, created=request.query_params.get("created"))


@router.post("/users")
async def create_user(
    request: Request, principal: Annotated[Principal, admin(USERS_CREATE)]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    username = required(form, "username", errors, 200)
    role = text(form, "role")
    partner = text(form, "partner") or None
    password = text(form, "password", 1024)
    if username and not USERNAME.match(username):
        errors["username"] = N_("Use letters, digits and _ . @ - (up to 128).")
    if role not in ROLES:
        errors["role"] = N_("Choose a role.")
    elif role == "partner" and partner is None:
        errors["partner"] = N_("Partner staff need a partner.")
    elif role != "partner" and partner is not None:
        errors["partner"] = N_("Only partner staff belong to a partner.")
    if len(password) < 12:
        errors["password"] = N_("At least 12 characters.")
    if not errors:
        users = container_of(request).users
        try:
            await in_transaction(
                request,
                lambda s: users.create_user(
                    s, principal, username, role=role, partner=partner, password=password
                ),
            )
        except Conflict:
            errors["username"] = N_("A user with this name exists already.")
        except ServiceError:
            errors["partner"] = N_("This partner does not exist.")
        else:
            return see_other(f"{PREFIX}/admin?created={username}")
    read = await _reader(request, USERS_READ)
    return await _users_page(request, read, 422, errors=errors, values=form)


@router.post("/users/{username}/role")
async def change_role(
    request: Request,
    username: str,
    principal: Annotated[Principal, admin(ROLES_CHANGE)],
) -> Response:
    """A role is a `g` rule: the old assignments go and the new one comes, as one change.
    (The form asks for confirmation first; the last active admin keeps the role.)"""
    form = await check_csrf(request)
    role = text(form, "role")
    users = container_of(request).users
    try:
        await in_transaction(request, lambda s: users.set_role(s, principal, username, role))
    except LastAdmin as exc:
        read = await _reader(request, USERS_READ)
        return await _users_page(request, read, 409, problem=LAST_ADMIN, problem_name=exc.username)
    return see_other(f"{PREFIX}/admin")


@router.post("/users/{username}/disable")
async def disable_user(
    request: Request,
    username: str,
    principal: Annotated[Principal, admin(USERS_DELETE)],
) -> Response:
    await check_csrf(request)
    users = container_of(request).users
    try:
        await in_transaction(request, lambda s: users.disable_user(s, principal, username))
    except LastAdmin as exc:
        read = await _reader(request, USERS_READ)
        return await _users_page(request, read, 409, problem=LAST_ADMIN, problem_name=exc.username)
    return see_other(f"{PREFIX}/admin")


@router.post("/users/{username}/password")
async def reset_password(
    request: Request,
    username: str,
    principal: Annotated[Principal, admin(USERS_UPDATE)],
) -> Response:
    """A generated password, shown once on the page this answers with (never in a URL or a
    cookie); the user's other logins end."""
    await check_csrf(request)
    users = container_of(request).users
    password = await in_transaction(request, lambda s: users.reset_password(s, principal, username))
    read = await _reader(request, USERS_READ)
    return await _users_page(request, read, reset={"username": username, "password": password})


# --- policies ---------------------------------------------------------------------------------

POLICY_FIELDS = ("subject", "domain", "object", "action", "scope")


def _rule_from(form: dict[str, Any], errors: Errors) -> tuple[str, list[str]]:
    ptype = text(form, "ptype") or "p"
    if ptype == "g":
        values = [
            required(form, "subject", errors, 128),
            required(form, "role", errors, 128),
            text(form, "domain", 128) or "*",
        ]
        if values[1] and values[1] not in ROLES:
            errors["role"] = N_("Choose a role.")
        return ptype, values
    values = [required(form, name, errors, 128) for name in POLICY_FIELDS]
    action = values[3]
    if action and not (action.startswith("^") and action.endswith("$")):
        errors["action"] = N_("An action is a pattern between ^ and $, e.g. ^(read|create)$.")
    if values[4] and values[4] not in SCOPES:
        errors["scope"] = N_("Choose a scope.")
    return ptype, values


async def _policies_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    service = container_of(request).rules
    rules = await in_transaction(request, lambda s: service.list_rules(s, principal, limit=1000))
    t = gettext_of(request)
    described = [(r, describe(r.ptype, list(r.values), t)) for r in rules]
    return render(
        request,
        "admin/policies.html",
        status_code,
        rules=described,
        roles=[(r, ROLE_NAMES[r]) for r in ROLES],
        scopes=SCOPES,
        **context,
    )


@router.get("/policies")
async def policies(
    request: Request, principal: Annotated[Principal, admin(POLICIES_READ)]
) -> Response:
    return await _policies_page(request, principal)


@router.post("/policies")
async def add_policy(
    request: Request, principal: Annotated[Principal, admin(POLICIES_CREATE)]
) -> Response:
    """`intent=preview` shows the sentence without storing; `intent=add` stores the rule."""
    form = await check_csrf(request)
    errors: Errors = {}
    ptype, values = _rule_from(form, errors)
    t = gettext_of(request)
    preview = None if errors else describe(ptype, values, t)
    if not errors and form.get("intent") == "add":
        rules = container_of(request).rules
        try:
            await in_transaction(
                request, lambda s: rules.add(s, principal, Rule(ptype, tuple(values)))
            )
        except ServiceError:
            errors["action"] = N_("The policy engine refused this rule.")
        else:
            return see_other(f"{PREFIX}/admin/policies")
    read = await _reader(request, POLICIES_READ)
    return await _policies_page(
        request, read, 422 if errors else 200, errors=errors, values=form, preview=preview
    )


@router.get("/policies/preview")
async def preview_policy(
    request: Request, principal: Annotated[Principal, admin(POLICIES_READ)]
) -> Response:
    """The plain-words sentence alone, for the live preview while typing."""
    errors: Errors = {}
    ptype, values = _rule_from(dict(request.query_params), errors)
    sentence = "" if errors else describe(ptype, values, gettext_of(request))
    return Response(sentence, media_type="text/plain; charset=utf-8")


@router.post("/policies/remove")
async def remove_policy(
    request: Request, principal: Annotated[Principal, admin(POLICIES_DELETE)]
) -> Response:
    form = await check_csrf(request)
    ptype = text(form, "ptype")
    # Rule fields never hold commas (validate_rule refuses them): a comma joins them.
    values = [v for v in text(form, "values", 800).split(",") if v]
    if ptype not in ("p", "g") or not 3 <= len(values) <= 5:
        raise HTTPException(400, "not a rule")
    rules = container_of(request).rules
    try:
        await in_transaction(
            request, lambda s: rules.remove(s, principal, Rule(ptype, tuple(values)))
        )
    except LastAdmin as exc:
        read = await _reader(request, POLICIES_READ)
        return await _policies_page(
            request, read, 409, problem=LAST_ADMIN, problem_name=exc.username
        )
    return see_other(f"{PREFIX}/admin/policies")


# --- partners ---------------------------------------------------------------------------------


async def _partners_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    users = container_of(request).users
    partners = await in_transaction(
        request, lambda s: users.list_partners(s, principal, limit=1000)
    )
    return render(request, "admin/partners.html", status_code, partners=partners, **context)


@router.get("/partners")
async def partners(
    request: Request, principal: Annotated[Principal, admin(PARTNERS_READ)]
) -> Response:
    return await _partners_page(request, principal)


@router.post("/partners")
async def add_partner(
    request: Request, principal: Annotated[Principal, admin(PARTNERS_CREATE)]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    name = required(form, "name", errors, 200)
    if name and not PARTNER_NAME.match(name):
        errors["name"] = N_("Use letters, digits, spaces and _ . & - (up to 128).")
    if not errors:
        users = container_of(request).users
        try:
            await in_transaction(request, lambda s: users.create_partner(s, principal, name))
        except ServiceError:
            errors["name"] = N_("A partner with this name exists already.")
        else:
            return see_other(f"{PREFIX}/admin/partners")
    read = await _reader(request, PARTNERS_READ)
    return await _partners_page(request, read, 422, errors=errors, values=form)


# --- PKI --------------------------------------------------------------------------------------


def _hierarchy(authorities: dict[str, Authority]) -> list[dict[str, Any]]:
    """The CAs as a forest: each root with its sub-CAs nested below it."""
    nodes: dict[str, dict[str, Any]] = {
        name: {
            "name": name,
            "profile": a.profile.name,
            "subject": a.certificate.subject.rfc4514_string(),
            "not_after": a.certificate.not_valid_after_utc,
            "children": [],
        }
        for name, a in authorities.items()
    }
    roots = []
    for name, a in sorted(authorities.items()):
        if a.parent and a.parent in nodes:
            nodes[a.parent]["children"].append(nodes[name])
        else:
            roots.append(nodes[name])
    return roots


async def _pki_page(
    request: Request, principal: Principal, status_code: int = 200, **context: Any
) -> Response:
    pki = container_of(request).pki
    expiry = container_of(request).ocpp.expiry
    certificates, anchors, expiring = await in_transaction(
        request,
        lambda s: (
            pki.list_certificates(s, principal, limit=200),
            pki.trust_anchors(s, principal),
            expiry.items(s, principal, within_days=90),
        ),
    )
    hierarchy = _hierarchy(pki.authorities())
    soon = datetime.now(UTC) + timedelta(days=30)
    return render(
        request,
        "admin/pki.html",
        status_code,
        hierarchy=hierarchy,
        certificates=certificates,
        anchors=anchors,
        expiring=expiring,
        soon=soon,
        reason_words=REASON_WORDS,
        kinds=KINDS,
        now=datetime.now(UTC),
        reasons=[
            (f.value, REASON_WORDS.get(f.value, f.value)) for f in REVOCATION_REASONS.values()
        ],
        **context,
    )


@router.get("/pki")
async def pki(
    request: Request, principal: Annotated[Principal, admin(CERTIFICATES_READ)]
) -> Response:
    params = request.query_params
    return await _pki_page(
        request, principal, revoked=params.get("revoked"), imported=params.get("imported")
    )


# Certificates of these profiles are CAs: the console never revokes one (the command line
# does, deliberately: docs/pki.md), so a misclick cannot take a whole hierarchy down.
CA_PROFILES = frozenset(name for name, profile in load_profiles().items() if profile.ca)


async def _certificate_page(
    request: Request, principal: Principal, serial: str, status_code: int = 200, **context: Any
) -> Response:
    pki = container_of(request).pki
    try:
        view = await in_transaction(request, lambda s: pki.certificate(s, principal, serial))
    except PkiError:
        raise HTTPException(404, "no such certificate") from None
    return render(
        request,
        "admin/certificate.html",
        status_code,
        c=view,
        is_ca=view.profile in CA_PROFILES,
        reason_words=REASON_WORDS,
        now=datetime.now(UTC),
        reasons=[
            (f.value, REASON_WORDS.get(f.value, f.value)) for f in REVOCATION_REASONS.values()
        ],
        **context,
    )


@router.get("/pki/certificates/{serial}")
async def certificate(
    request: Request, serial: str, principal: Annotated[Principal, admin(CERTIFICATES_READ)]
) -> Response:
    """One certificate: who issued it, for whom, until when, its state; revoked from here."""
    if len(serial) > 64:
        raise HTTPException(404, "no such certificate")
    return await _certificate_page(
        request, principal, serial, revoked=request.query_params.get("revoked") == "1"
    )


@router.post("/pki/revoke")
async def revoke(
    request: Request, principal: Annotated[Principal, admin(CERTIFICATES_REVOKE)]
) -> Response:
    form = await check_csrf(request)
    errors: Errors = {}
    serial = required(form, "serial", errors, 64)
    reason = text(form, "reason", 32)
    if reason.lower() not in REVOCATION_REASONS:
        errors["reason"] = N_("Choose a reason.")
    pki = container_of(request).pki
    if not errors:
        view = None
        try:
            view = await in_transaction(request, lambda s: pki.certificate(s, principal, serial))
        except PkiError:
            errors["serial"] = N_("No issued certificate has this serial.")
        if view is not None and view.profile in CA_PROFILES:
            errors["serial"] = N_("CA certificates are not revoked from the console.")
    if not errors:
        try:
            await in_transaction(request, lambda s: pki.revoke(s, principal, serial, reason=reason))
        except AlreadyRevoked:
            errors["serial"] = N_("This certificate is revoked already.")
        except PkiError:
            errors["serial"] = N_("No issued certificate has this serial.")
        else:
            return see_other(f"{PREFIX}/admin/pki/certificates/{serial}?revoked=1")
    read = await _reader(request, CERTIFICATES_READ)
    if errors.get("serial") == N_("No issued certificate has this serial."):
        return await _pki_page(request, read, 422, errors=errors, values=form)
    return await _certificate_page(request, read, serial, 422, errors=errors, values=form)


@router.post("/pki/trust")
async def import_trust(
    request: Request, principal: Annotated[Principal, admin(TRUST_CREATE)]
) -> Response:
    """Import a root (and CA certificates under it) that the product will trust."""
    form = await check_csrf(request)
    errors: Errors = {}
    kind = text(form, "kind")
    pem = form.get("bundle", "")
    pem = pem.strip() if isinstance(pem, str) else ""
    if kind not in KINDS:
        errors["kind"] = N_("Choose a kind.")
    if not pem:
        errors["bundle"] = N_("This field is required.")
    elif len(pem) > MAX_BUNDLE_BYTES or "-----BEGIN CERTIFICATE-----" not in pem:
        errors["bundle"] = N_("Paste PEM certificates (-----BEGIN CERTIFICATE-----).")
    if not errors:
        pki = container_of(request).pki
        try:
            await in_transaction(
                request, lambda s: pki.add_trust_bundle(s, principal, pem.encode(), kind)
            )
        except (PkiError, ValueError):
            errors["bundle"] = N_(
                "Refused: a bundle holds one self-signed root and CA certificates under it."
            )
        else:
            return see_other(f"{PREFIX}/admin/pki?imported={kind}#anchors")
    read = await _reader(request, CERTIFICATES_READ)
    return await _pki_page(request, read, 422, errors=errors, values=form)


@router.post("/pki/trust/remove")
async def remove_trust(
    request: Request, principal: Annotated[Principal, admin(TRUST_DELETE)]
) -> Response:
    form = await check_csrf(request)
    fingerprint = text(form, "fingerprint", 64)
    pki = container_of(request).pki
    await in_transaction(request, lambda s: pki.remove_trust_anchor(s, principal, fingerprint))
    return see_other(f"{PREFIX}/admin/pki#anchors")


# --- audit ------------------------------------------------------------------------------------
