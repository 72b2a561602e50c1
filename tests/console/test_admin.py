"""The operator's cabinet end to end: users and roles, policies with preview, partners, the
PKI (revoke with reason), the audit log with filters."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from pki.issuance import serial_to_hex
from tests.console.a11y import check_page
from tests.console.conftest import (
    USERS,
    BrowserTools,
    Console,
    login,
    make_client_user,
    screenshot,
)


def test_users_create_with_field_errors_then_change_role(
    page: Any, browser_tools: BrowserTools
) -> None:
    login(page, USERS["admin"])
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "admin-users")
    page.get_by_role("button", name="Create user").click()
    assert page.locator("#e-username").inner_text() == "This field is required."
    assert page.locator("#e-password").inner_text() == "At least 12 characters."
    page.get_by_label("Username").fill("new-tech")
    page.get_by_label("Role", exact=True).select_option("partner")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Create user").click()
    # Partner staff without a partner: said next to the partner field, other input kept.
    assert page.locator("#e-partner").inner_text() == "Partner staff need a partner."
    assert page.get_by_label("Username").input_value() == "new-tech"
    screenshot(page, "admin-users-errors")
    page.get_by_label("Role", exact=True).select_option("technician")
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Create user").click()
    page.wait_for_url("**/console/admin?created=new-tech")
    assert page.get_by_role("status").inner_text() == "User new-tech created."
    row = page.locator("tr", has_text="new-tech")
    assert "technician" in row.inner_text()
    # Changing a role and disabling ask first (data-confirm); this test says yes.
    page.on("dialog", lambda dialog: dialog.accept())
    row.get_by_label("New role for new-tech").select_option("client")
    row.get_by_role("button", name="Set role").click()
    page.wait_for_url("**/console/admin")
    expect(page.locator("tr", has_text="new-tech").locator("td").nth(1)).to_have_text("client")
    page.get_by_role("button", name="Disable new-tech").click()
    expect(page.locator("tr", has_text="new-tech").locator("td").first).to_contain_text("disabled")
    assert page.get_by_role("button", name="Disable new-tech").count() == 0


def test_role_change_and_disable_ask_first_and_the_last_admin_stays(
    page: Any, console: Console
) -> None:
    """Failed before the fix: one click changed a role or disabled an account without asking,
    and the only admin could demote themselves and be locked out."""
    make_client_user(console.container, "confirm-me")
    login(page, USERS["admin"])
    asked: list[str] = []

    def say_no(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", say_no)
    row = page.locator("tr", has_text="confirm-me")
    row.get_by_label("New role for confirm-me").select_option("technician")
    row.get_by_role("button", name="Set role").click()
    row.get_by_role("button", name="Disable confirm-me").click()
    expect(page.locator("tr", has_text="confirm-me").locator("td").nth(1)).to_have_text("client")
    assert asked == [
        "Change the role of confirm-me? It takes effect at once.",
        "Disable confirm-me? Their logins end at once.",
    ]
    page.remove_listener("dialog", say_no)
    page.on("dialog", lambda dialog: dialog.accept())
    mine = page.locator("tr", has_text=USERS["admin"])
    mine.get_by_label(f"New role for {USERS['admin']}").select_option("technician")
    mine.get_by_role("button", name="Set role").click()
    expect(page.get_by_role("alert")).to_have_text(
        f"{USERS['admin']} is the last active admin: make someone else an admin first."
    )
    page.goto("/console/admin")
    assert page.locator("tr", has_text=USERS["admin"]).locator("td").nth(1).inner_text() == (
        "admin"
    )


def test_admin_resets_a_password_and_sees_it_once(
    page: Any, browser: Any, console: Console, browser_tools: BrowserTools
) -> None:
    """Failed before the fix: the console had no way to give a user a new password."""
    make_client_user(console.container, "forgetful")
    login(page, USERS["admin"])
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset the password of forgetful").click()
    shown = page.locator("#new-password")
    expect(shown).to_be_visible()
    password = shown.inner_text()
    assert len(password) >= 16
    assert "forgetful" in page.get_by_role("status").inner_text()
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "admin-users-password-reset")
    page.goto("/console/admin")
    assert page.locator("#new-password").count() == 0
    # Without the form's token the reset is refused.
    refused = page.request.post("/console/admin/users/forgetful/password", form={"csrf": "x"})
    assert refused.status == 400
    other = browser.new_context(base_url=console.url, locale="en-GB")
    try:
        login(other.new_page(), "forgetful", password)
    finally:
        other.close()


def test_policy_preview_add_and_remove(page: Any, browser_tools: BrowserTools) -> None:
    login(page, USERS["admin"])
    page.goto("/console/admin/policies")
    assert check_page(page, browser_tools.axe) == []
    page.get_by_label("Role or user").fill("partner")
    page.get_by_label("Kind of record").fill("station_certificates")
    page.get_by_label("Actions").fill("read")
    page.get_by_role("button", name="Preview").click()
    assert "between ^ and $" in page.locator("#e-action").inner_text()
    page.get_by_label("Actions").fill("^read$")
    page.get_by_label("Which records").select_option("tenant")
    expected = (
        "Allows everyone with the role “partner” to view “station_certificates” in every "
        "partner's domain, covering only the records of their own partner."
    )
    # Live, while typing (console.js asks the server for the sentence) ...
    expect(page.locator("#preview")).to_have_text(expected)
    # ... and without JavaScript's help, from the Preview button.
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview")).to_have_text(expected)
    # Nothing stored by a preview.
    assert page.locator("td.mono", has_text="station_certificates, ^read$, tenant").count() == 0
    screenshot(page, "admin-policies")
    page.get_by_role("button", name="Add permission").click()
    page.wait_for_url("**/console/admin/policies")
    rule = page.locator("tr", has_text="p, partner, *, station_certificates, ^read$, tenant")
    assert rule.count() == 1
    assert expected in rule.inner_text()
    page.once("dialog", lambda dialog: dialog.accept())
    rule.get_by_role("button", name="Remove").click()
    page.wait_for_url("**/console/admin/policies")
    assert page.locator("tr", has_text="station_certificates, ^read$, tenant").count() == 0


def test_partners_add_and_duplicate(page: Any, browser_tools: BrowserTools) -> None:
    login(page, USERS["admin"])
    page.goto("/console/admin/partners")
    assert check_page(page, browser_tools.axe) == []
    page.get_by_label("Partner name").fill("Partner C")
    page.get_by_role("button", name="Add partner").click()
    page.wait_for_url("**/console/admin/partners")
    assert page.locator("td", has_text="Partner C").count() == 1
    page.get_by_label("Partner name").fill("Partner C")
    page.get_by_role("button", name="Add partner").click()
    assert page.locator("#e-name").inner_text() == "A partner with this name exists already."
    screenshot(page, "admin-partners")


def test_pki_revoke_with_reason_then_audit_filter(
    page: Any, browser_tools: BrowserTools, console: Console
) -> None:
    serial = serial_to_hex(int(console.facts["other_serial"], 16))
    login(page, USERS["admin"])
    page.goto("/console/admin/pki")
    assert page.get_by_role("heading", name="Certificate authorities").is_visible()
    assert page.locator(".tree").first.inner_text().count("valid until") >= 6  # roots + subs
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "admin-pki")
    # The list revokes nothing: grouped by issuer, each serial opens its certificate.
    assert page.get_by_role("button", name="Revoke").count() == 0
    assert page.get_by_role("rowheader", name="Issuer: cpo-sub2").count() >= 1
    page.get_by_role("link", name=serial).click()
    page.wait_for_url(f"**/console/admin/pki/certificates/{serial}")
    assert check_page(page, browser_tools.axe) == []
    asked: list[str] = []

    def confirm(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", confirm)
    page.get_by_label("Reason").select_option("keyCompromise")
    page.get_by_role("button", name="Revoke this certificate").click()
    page.wait_for_url(f"**/console/admin/pki/certificates/{serial}?revoked=1")
    assert asked and serial in asked[0]  # asked before revoking
    assert page.get_by_role("status").inner_text() == f"Certificate {serial} revoked."
    assert "key compromised" in page.locator("dl").first.inner_text()
    screenshot(page, "admin-certificate")
    # A CA's certificate page offers no revocation at all.
    page.goto("/console/admin/pki")
    root_row = page.locator("tbody", has_text="Self-signed root").locator("a").first
    root_row.click()
    page.wait_for_url("**/console/admin/pki/certificates/**")
    assert page.get_by_role("button", name="Revoke this certificate").count() == 0
    assert "CA certificates are not revoked from the console." in page.inner_text("main")

    page.goto("/console/admin/audit")
    page.get_by_label("Action starts with").fill("certificate.rev")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**action=certificate.rev**")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1
    assert serial in rows.first.inner_text() and "user:admin-1" in rows.first.inner_text()
    # Details read as labelled values, not Python's key=value text.
    details = rows.first.locator("dl.kv")
    assert details.count() == 1 and "=" not in details.inner_text()
    assert check_page(page, browser_tools.axe) == []
    screenshot(page, "admin-audit")
    page.get_by_label("Actor contains").fill("nobody-such")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**actor=nobody-such**")
    assert page.locator("table.list tbody").inner_text().strip() == "Nothing matches."


def _foreign_root_pem(common_name: str) -> str:
    """A self-signed CA certificate made here, as an OEM's root would arrive."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def test_trust_anchors_import_refuse_and_remove(page: Any, browser_tools: BrowserTools) -> None:
    login(page, USERS["admin"])
    page.goto("/console/admin/pki")
    form = page.locator("form", has=page.get_by_role("button", name="Import", exact=True))
    form.get_by_label("Certificates (PEM)").fill("not a certificate")
    form.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#e-bundle")).to_have_text(
        "Paste PEM certificates (-----BEGIN CERTIFICATE-----)."
    )
    assert page.get_by_label("Certificates (PEM)").input_value() == "not a certificate"
    page.get_by_label("Kind", exact=True).select_option("oem-root")
    page.get_by_label("Certificates (PEM)").fill(_foreign_root_pem("Test OEM Root"))
    page.get_by_role("button", name="Import", exact=True).click()
    page.wait_for_url("**/console/admin/pki?imported=oem-root**")
    row = page.locator("tr", has_text="CN=Test OEM Root")
    assert "oem-root (root, file, active)" in row.inner_text()
    assert check_page(page, browser_tools.axe) == []
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Remove trust anchor CN=Test OEM Root").click()
    expect(page.locator("tr", has_text="CN=Test OEM Root")).to_have_count(0)
