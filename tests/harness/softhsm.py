"""A fresh SoftHSM2 token for one test run: a real PKCS#11 module, not a mock.

SoftHSM2 finds its tokens through the file named by $SOFTHSM2_CONF, read when the module
is initialised; a private config and token dir keep the run away from the machine's
/var/lib/softhsm and from other runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TOKEN_LABEL = "csms-test"
USER_PIN = "1234"
SO_PIN = "5678"

# Where distributions put the module; Debian's is the first.
MODULE_CANDIDATES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib64/pkcs11/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)


class SoftHsmError(RuntimeError):
    """The token could not be created; the message says why."""


@dataclass(frozen=True)
class SoftHsmToken:
    module_path: str
    token_label: str
    pin: str
    so_pin: str
    conf_path: Path

    def settings_env(self) -> dict[str, str]:
        """Environment for a `csms` subprocess that keeps its CA keys on this token."""
        return {
            "SOFTHSM2_CONF": str(self.conf_path),
            "CSMS_KEY_BACKEND": "pkcs11",
            "CSMS_PKCS11_MODULE": self.module_path,
            "CSMS_PKCS11_TOKEN_LABEL": self.token_label,
            "CSMS_PKCS11_PIN": self.pin,
        }


def find_module() -> str | None:
    """The libsofthsm2.so path: $SOFTHSM2_MODULE, known places, then dpkg's file list."""
    override = os.environ.get("SOFTHSM2_MODULE")
    if override:
        return override
    for candidate in MODULE_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    if shutil.which("dpkg"):
        for package in ("libsofthsm2", "softhsm2"):
            listing = subprocess.run(
                ["dpkg", "-L", package], capture_output=True, text=True, check=False
            )
            for line in listing.stdout.splitlines():
                if line.endswith("/libsofthsm2.so") and Path(line).is_file():
                    return line
    return None


def find_util() -> str | None:
    return shutil.which("softhsm2-util")


def create_token(util: str, module_path: str) -> SoftHsmToken:
    """Writes a private softhsm2.conf and initialises one token in a new temp dir.

    The caller must point $SOFTHSM2_CONF at `conf_path` before loading the module, and
    remove `conf_path.parent` when done.
    """
    base = Path(tempfile.mkdtemp(prefix="csms-softhsm-"))
    tokens = base / "tokens"
    tokens.mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {tokens}\n"
        "objectstore.backend = file\n"
        # ERROR keeps SoftHSM from filling syslog with one line per PKCS#11 call.
        "log.level = ERROR\n"
        "slots.removable = false\n",
        encoding="utf-8",
    )
    env = dict(os.environ, SOFTHSM2_CONF=str(conf))
    result = subprocess.run(
        [util, "--init-token", "--free", "--label", TOKEN_LABEL,
         "--pin", USER_PIN, "--so-pin", SO_PIN],
        capture_output=True, text=True, env=env, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    if result.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise SoftHsmError(
            f"softhsm2-util --init-token failed (exit {result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    return SoftHsmToken(
        module_path=module_path,
        token_label=TOKEN_LABEL,
        pin=USER_PIN,
        so_pin=SO_PIN,
        conf_path=conf,
    )
