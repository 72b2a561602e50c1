"""A CRL made by the car maker's CA with the openssl command line (`openssl ca -revoke`,
`-gencrl`), so the product imports revocation data it did not build."""

from __future__ import annotations

from tests.pki.foreign import ForeignPki
from tests.pki.helpers import openssl

_CA_CONFIG = """
[ca]
default_ca = oem
[oem]
database = {dir}/index.txt
crlnumber = {dir}/crlnumber
default_md = sha256
default_crl_days = 7
"""


def revoke_leaf_crl(oem: ForeignPki) -> bytes:
    """PEM CRL of OEM Sub2 listing the OEM provisioning leaf as revoked."""
    workdir = oem.dir / "crl"
    workdir.mkdir(exist_ok=True)
    (workdir / "index.txt").write_text("")
    (workdir / "crlnumber").write_text("01\n")
    config = workdir / "ca.cnf"
    config.write_text(_CA_CONFIG.format(dir=workdir))
    ca = ["-config", str(config), "-keyfile", str(oem.dir / "sub2.key")]
    ca += ["-cert", str(oem.dir / "sub2.pem")]
    openssl("ca", *ca, "-revoke", str(oem.dir / "leaf.pem"), "-crl_reason", "keyCompromise")
    openssl("ca", *ca, "-gencrl", "-out", str(workdir / "crl.pem"))
    return (workdir / "crl.pem").read_bytes()
