"""Our codec against EXIficient (the `iso15118` package's codec): grammars, bytes, content.

Expected bytes always come from EXIficient; our encoder must produce them exactly, and our
decoder must read EXIficient's bytes back to the very tree it was given.
"""

from __future__ import annotations

import os
import random
from typing import Any

import pytest

from iso15118.exi.codec import Grammar
from iso15118.exi.grammar_builder import AT, AT_ANY, CH, CH_UNTYPED, ED, EE, SE, SE_ANY, SE_NS
from iso15118.exi.schemas import codec, grammar
from tests.iso15118.oracle import Oracle
from tests.iso15118.random_messages import RandomMessages, make_certificates

pytestmark = [pytest.mark.interop, pytest.mark.slow]

# Full run: 1,000 randomized messages per type. EXI_INTEROP_CASES lowers it for quick loops.
CASES = int(os.environ.get("EXI_INTEROP_CASES", "1000"))
BATCH = 250

JAVA_KIND = {
    SE: "START_ELEMENT",
    AT: "ATTRIBUTE",
    CH: "CHARACTERS",
    EE: "END_ELEMENT",
    SE_ANY: "START_ELEMENT_GENERIC",
    AT_ANY: "ATTRIBUTE_GENERIC",
    CH_UNTYPED: "CHARACTERS_GENERIC",
    ED: "END_DOCUMENT",
    SE_NS: "START_ELEMENT_NS",
}
JAVA_DATATYPE = {
    "string": "STRING",
    "base64": "BINARY_BASE64",
    "hex": "BINARY_HEX",
    "boolean": "BOOLEAN",
    "integer": "INTEGER",
    "unsigned": "UNSIGNED_INTEGER",
}


def _describe(g: Grammar, row: tuple) -> list[Any]:
    kind, _key, dt, _nxt, _elem, _is_list, q, _code = row
    qname = None
    if q >= 0 and kind in (SE, AT):
        uri, local = g.qnames[q]
        qname = f"{{{uri}}}{local}" if uri else local
    datatype = None
    if dt is not None:
        if dt.kind == "nbit":
            datatype = ["NBIT_UNSIGNED_INTEGER", dt.lower, dt.upper]
        elif dt.kind == "enum":
            datatype = ["ENUMERATION", list(dt.values)]
        else:
            datatype = [JAVA_DATATYPE[dt.kind]]
    return [JAVA_KIND[kind], qname, datatype]


@pytest.mark.parametrize(
    ("schema", "java_class"),
    [
        ("iso-2", "ISO15118_2Grammar"),
        ("xmldsig", "XMLDSIG_Core_Schema_Grammar"),
        ("iso-20", "ISO15118_20_V2G_CI_CommonMessages"),
    ],
)
def test_generated_grammars_equal_exificients(
    exificient: Oracle, schema: str, java_class: str
) -> None:
    """Walks EXIficient's compiled grammar and ours in lockstep from the document and the
    fragment grammars: every reachable state must offer the same productions in the same
    event-code order, with the same datatypes."""
    java = exificient.grammar(java_class)
    g = grammar(schema)
    pending = [(0, g.document, "document"), (1, g.fragment, "fragment")]
    seen: set[tuple[int, int]] = set()
    while pending:
        theirs, ours, path = pending.pop()
        if (theirs, ours) in seen:
            continue
        seen.add((theirs, ours))
        their_rows = java[theirs]["productions"]
        our_rows = g.productions[ours]
        assert [_describe(g, r) for r in our_rows] == [r[:3] for r in their_rows], path
        for row, their in zip(our_rows, their_rows, strict=True):
            if row[0] in (EE, ED):
                continue
            label = f"{path}>{row[1] or JAVA_KIND[row[0]]}"
            pending.append((their[3], row[3], label))
            if row[0] == SE:
                pending.append((their[4], row[4], label + "()"))
    assert len(seen) > 100


@pytest.fixture(scope="module")
def certificates() -> list[bytes]:
    return make_certificates(24, random.Random(1))


def _signed_fragments(body_name: str, body: dict[str, Any]) -> list[tuple[str, Any]]:
    """The elements EXIficient can encode as fragments (its signature element list)."""
    fragments: list[tuple[str, Any]] = []
    if body_name in ("CertificateInstallationReq",):
        fragments.append((body_name, body))
    for name in ("ContractSignatureCertChain", "ContractSignatureEncryptedPrivateKey"):
        if name in body and body_name.endswith("Res"):
            fragments.append((name, body[name]))
    for name in ("DHpublickey", "eMAID"):
        if name in body and isinstance(body[name], dict):
            fragments.append((name, body[name]))
    return fragments


@pytest.mark.parametrize(
    "body_name",
    [
        "CertificateInstallationReq",
        "CertificateInstallationRes",
        "CertificateUpdateReq",
        "CertificateUpdateRes",
    ],
)
def test_randomized_iso2_messages_match_exificient(
    exificient: Oracle, certificates: list[bytes], body_name: str
) -> None:
    rng = random.Random(f"iso2-{body_name}")
    generator = RandomMessages(grammar("iso-2"), rng, certificates)
    ours = codec("iso-2", json_text=True)
    signed_info = codec("xmldsig", json_text=True)
    checked_messages = checked_fragments = 0
    for start in range(0, CASES, BATCH):
        trees = [generator.document("V2G_Message", body_name) for _ in range(start, start + BATCH)]
        trees = trees[: CASES - start]
        items: list[tuple[dict[str, Any], str]] = [(tree, "iso-2") for tree in trees]
        fragments: list[tuple[dict[str, Any], str]] = []
        # Fragments of every fourth message: EXIficient's JAXB front end costs ~15 ms a call.
        for tree in trees[::4]:
            body = tree["V2G_Message"]["Body"][body_name]
            fragments += [({n: c}, "iso-2") for n, c in _signed_fragments(body_name, body)]
            signature = tree["V2G_Message"]["Header"].get("Signature")
            if signature:
                fragments.append(({"SignedInfo": signature["SignedInfo"]}, "xmldsig"))
        expected = exificient.encode_many(items + fragments)
        for (tree, _schema), reference in zip(items, expected[: len(items)], strict=True):
            assert isinstance(reference, bytes), f"EXIficient refused {tree}: {reference}"
            assert ours.encode(tree) == reference, tree
            assert ours.decode(reference) == tree
            checked_messages += 1
        for (fragment, schema), reference in zip(fragments, expected[len(items) :], strict=True):
            assert isinstance(reference, bytes), f"EXIficient refused {fragment}: {reference}"
            fragment_codec = signed_info if schema == "xmldsig" else ours
            assert fragment_codec.encode(fragment, fragment=True) == reference, fragment
            assert fragment_codec.decode(reference, fragment=True) == fragment
            checked_fragments += 1
    assert checked_messages == CASES
    assert checked_fragments > 0


@pytest.mark.parametrize("body_name", ["CertificateInstallationReq", "CertificateInstallationRes"])
def test_randomized_iso20_messages_match_exificient(
    exificient: Oracle, certificates: list[bytes], body_name: str
) -> None:
    rng = random.Random(f"iso20-{body_name}")
    generator = RandomMessages(grammar("iso-20"), rng, certificates)
    ours = codec("iso-20", json_text=True)
    cases = max(CASES // 4, 10)
    trees = [generator.document(body_name) for _ in range(cases)]
    expected = exificient.encode_many([(tree, "iso-20") for tree in trees])
    for tree, reference in zip(trees, expected, strict=True):
        assert isinstance(reference, bytes), f"EXIficient refused {tree}: {reference}"
        assert ours.encode(tree) == reference, tree
        assert ours.decode(reference) == tree


def test_exificient_decodes_our_hubject_reencoding_to_the_same_json(exificient: Oracle) -> None:
    from tests.iso15118.test_hubject_vectors import load

    ours = codec("iso-2", json_text=True)
    for name in ("CertificateInstallationReq", "CertificateInstallationRes"):
        data = load(name)
        [their_tree] = exificient.decode_many([(ours.encode(ours.decode(data)), "iso-2")])
        assert their_tree == ours.decode(data)


def test_committed_tables_are_the_generators_output(exificient: Oracle) -> None:
    """Regenerating from the XSDs in the oracle venv reproduces the committed tables."""
    import importlib
    from pathlib import Path

    from iso15118.exi.generate import SCHEMA_SETS, build_tables
    from tests.iso15118.oracle import REPO

    schemas = next((REPO / ".interop").glob("exi-venv/lib/python*/site-packages/iso15118"))
    for name, (entry, max_unrolled) in SCHEMA_SETS.items():
        tables = build_tables(Path(schemas) / "shared" / "schemas" / entry, max_unrolled)
        module = importlib.import_module(f"iso15118.exi.generated.{name}")
        for key, value in tables.items():
            assert getattr(module, key) == value, (name, key)
