"""Client for EXIficient, the reference codec, run in its own venv (exi_oracle_server.py)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SETUP_SCRIPT = REPO / "scripts" / "exi_oracle_setup.sh"
SERVER = Path(__file__).with_name("exi_oracle_server.py")

NAMESPACES = {
    "iso-2": "urn:iso:15118:2:2013:MsgDef",
    "iso-20": "urn:iso:std:iso:15118:-20:CommonMessages",
    "xmldsig": "http://www.w3.org/2000/09/xmldsig#",
}
GRAMMAR_CLASSES = {
    "iso-2": "ISO15118_2Grammar",
    "iso-20": "ISO15118_20_V2G_CI_CommonMessages",
    "xmldsig": "XMLDSIG_Core_Schema_Grammar",
}


class Oracle:
    """One long-running JVM; requests are batched to keep round trips few."""

    def __init__(self) -> None:
        setup = subprocess.run(
            ["bash", str(SETUP_SCRIPT)], capture_output=True, text=True, check=False
        )
        if setup.returncode != 0:
            raise RuntimeError(f"oracle setup failed: {setup.stderr[-2000:]}")
        python = setup.stdout.strip().splitlines()[-1]
        self._process = subprocess.Popen(
            [python, str(SERVER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=sys.stderr,
            text=True,
        )
        ready = self._process.stdout.readline()  # type: ignore[union-attr]
        if not ready:
            raise RuntimeError("EXIficient oracle did not start")

    def _call(self, request: dict[str, Any]) -> list[dict[str, Any]]:
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError("EXIficient oracle died")
        return json.loads(line)["results"]

    def encode_many(self, items: list[tuple[dict[str, Any], str]]) -> list[bytes | str]:
        """EXIficient's encoding of each (JSON tree, schema); an error message on failure."""
        results = self._call(
            {
                "op": "encode",
                "items": [{"json": json.dumps(tree), "ns": NAMESPACES[s]} for tree, s in items],
            }
        )
        return [base64.b64decode(r["b64"]) if "b64" in r else r["error"] for r in results]

    def decode_many(self, items: list[tuple[bytes, str]]) -> list[dict[str, Any] | str]:
        results = self._call(
            {
                "op": "decode",
                "items": [
                    {"b64": base64.b64encode(data).decode(), "ns": NAMESPACES[s]}
                    for data, s in items
                ],
            }
        )
        return [json.loads(r["json"]) if "json" in r else r["error"] for r in results]

    def encode_xml_many(
        self, documents: list[str], schema: str, fragment: bool
    ) -> list[bytes | str]:
        """EXIficient's core encoder (SAX in) over XML text: any element as a fragment."""
        results = self._call(
            {
                "op": "encode_xml",
                "grammar": GRAMMAR_CLASSES[schema],
                "fragment": fragment,
                "items": documents,
            }
        )
        return [base64.b64decode(r["b64"]) if "b64" in r else r["error"] for r in results]

    def decode_xml_many(self, streams: list[bytes], schema: str, fragment: bool) -> list[str]:
        """EXIficient's core decoder (SAX out): each stream as XML text."""
        results = self._call(
            {
                "op": "decode_xml",
                "grammar": GRAMMAR_CLASSES[schema],
                "fragment": fragment,
                "items": [base64.b64encode(data).decode() for data in streams],
            }
        )
        out = []
        for r in results:
            if "xml" not in r:
                raise RuntimeError(f"EXIficient could not decode: {r['error']}")
            out.append(r["xml"])
        return out

    def grammar(self, class_name: str) -> list[dict[str, Any]]:
        return self._call({"op": "grammar", "name": class_name})[0]  # type: ignore[return-value]

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
