"""The embedded certificate authority for the ISO 15118 Plug & Charge PKI.

Public surface (import from the modules):
- service.py: PkiService, what the doors use (certificates, revocation, trust, the hierarchy),
  with the permission of each operation
- authority.py: CertificateAuthority (hierarchies, issuance on the caller's session, the
  two-phase `sign_for_key` / `complete` / `abandon`, revocation), IssuedCertificate, pem_of
- ocsp.py: OcspResponder; crl.py: build_crl; trust.py: TrustStore;
  foreign_revocation.py: ForeignRevocation; status_reader.py: StatusReader,
  own_revocation_checker; validation.py: PathValidator; keystore.py: the key stores
- errors.py: PkiError and its typed kinds
"""
