"""Our codec against EXIficient (the `iso15118` package's codec): grammars, bytes, content.

Expected bytes always come from EXIficient; our encoder must produce them exactly, and our
decoder must read EXIficient's bytes back to the very tree it was given.
"""

from __future__ import annotations

import os
import random
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from iso15118.exi.codec import CONTENT, FIRST, START_TAG, Grammar, UntypedValue, next_phase
from iso15118.exi.grammar_builder import AT, AT_ANY, CH, CH_UNTYPED, ED, EE, SE, SE_ANY, SE_NS
from iso15118.exi.schemas import codec, grammar
from tests.iso15118.oracle import Oracle
from tests.iso15118.random_messages import RandomMessages, make_certificates

pytestmark = [pytest.mark.interop, pytest.mark.slow]

# Full run (CI): 1,000 randomized messages per type, -2 and -20, each with all its signed
# fragments. EXI_INTEROP_CASES lowers it for quick loops.
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
JAVA_GRAMMAR_CLASS = {
    FIRST: "SchemaInformedFirstStartTag",
    START_TAG: "SchemaInformedStartTag",
    CONTENT: "SchemaInformedElement",
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
    event-code order, with the same datatypes. Element states must also be of the kind the
    codec's second-level model assumes (first state / reached by attributes only / content),
    which is EXIficient's grammar class."""
    java = exificient.grammar(java_class)
    g = grammar(schema)
    pending: list[tuple[int, int, str, int | None]] = [
        (0, g.document, "document", None),
        (1, g.fragment, "fragment", None),
    ]
    seen: set[tuple[int, int, int | None]] = set()
    phases_seen: set[int] = set()
    while pending:
        theirs, ours, path, phase = pending.pop()
        if (theirs, ours, phase) in seen:
            continue
        seen.add((theirs, ours, phase))
        their_rows = java[theirs]["productions"]
        our_rows = g.productions[ours]
        assert [_describe(g, r) for r in our_rows] == [r[:3] for r in their_rows], path
        if phase is not None:
            assert java[theirs]["class"] == JAVA_GRAMMAR_CLASS[phase], path
            phases_seen.add(phase)
        for row, their in zip(our_rows, their_rows, strict=True):
            if row[0] in (EE, ED):
                continue
            label = f"{path}>{row[1] or JAVA_KIND[row[0]]}"
            after = None if phase is None else next_phase(phase, row[0], ours, row[3])
            pending.append((their[3], row[3], label, after))
            if row[0] == SE:
                pending.append((their[4], row[4], label + "()", FIRST))
    assert phases_seen == {FIRST, START_TAG, CONTENT}
    assert len(seen) > 100


@pytest.fixture(scope="module")
def certificates() -> list[bytes]:
    return make_certificates(24, random.Random(1))


ElementPath = tuple[tuple[str, int], ...]  # (child local name, index among same-named children)


def _signed_paths(tree: Any, path: ElementPath = ()) -> list[tuple[ElementPath, str, Any]]:
    """Every element carrying an Id (what a header Signature can reference), and every
    SignedInfo, with its path from the root element."""
    found: list[tuple[ElementPath, str, Any]] = []
    if not isinstance(tree, dict):
        return found
    for key, child in tree.items():
        for index, item in enumerate(child if isinstance(child, list) else [child]):
            if not isinstance(item, dict):
                continue
            here = (*path, (key, index))
            if "Id" in item or key == "SignedInfo":
                found.append((here, key, item))
            found += _signed_paths(item, here)
    return found


def _xml_element(root: ET.Element, path: ElementPath) -> ET.Element:
    element = root
    for name, index in path:
        matches = [c for c in element if c.tag.rsplit("}", 1)[-1] == name]
        element = matches[index]
    return element


def _check_randomized(
    exificient: Oracle,
    generator: RandomMessages,
    schema: str,
    make: Any,
    json_fragments: tuple[str, ...],
) -> tuple[int, int, int]:
    """Messages: EXIficient's JSON front end encodes each random tree; our encoding must
    equal its bytes and our decoding of its bytes must give the tree back. Signed
    fragments (every element with an Id, every SignedInfo) of every message: EXIficient
    decodes its message bytes to XML, its core encoder (fragment mode) encodes each signed
    element cut from that XML; our fragment must equal those bytes and decode back to the
    element's content. Elements on EXIficient's own JSON fragment list (`json_fragments`)
    are also encoded through its JSON front end for a sample of messages, which pins the
    core route to the front end that ISO 15118 stacks call."""
    ours = codec(schema, json_text=True)
    signed_info = codec("xmldsig", json_text=True)
    messages = fragments = front_end = 0
    for start in range(0, CASES, BATCH):
        trees = [make() for _ in range(min(BATCH, CASES - start))]
        expected = exificient.encode_many([(tree, schema) for tree in trees])
        for tree, reference in zip(trees, expected, strict=True):
            assert isinstance(reference, bytes), f"EXIficient refused {tree}: {reference}"
            assert ours.encode(tree) == reference, tree
            assert ours.decode(reference) == tree
            messages += 1
        documents = exificient.decode_xml_many(expected, schema, fragment=False)  # type: ignore[arg-type]
        cases: dict[str, list[tuple[str, Any, str]]] = {schema: [], "xmldsig": []}
        sample: list[tuple[dict[str, Any], str]] = []
        for number, (tree, document) in enumerate(zip(trees, documents, strict=True)):
            root = ET.fromstring(document)  # noqa: S314 (EXIficient output of our input)
            for path, name, content in _signed_paths(next(iter(tree.values()))):
                fragment_schema = "xmldsig" if name == "SignedInfo" else schema
                xml = ET.tostring(_xml_element(root, path), encoding="unicode")
                cases[fragment_schema].append((name, content, xml))
                if name in json_fragments and (start + number) % 100 == 0:
                    sample.append(({name: content}, fragment_schema))
        for fragment_schema, items in cases.items():
            if not items:
                continue
            references = exificient.encode_xml_many(
                [xml for _n, _c, xml in items], fragment_schema, fragment=True
            )
            fragment_codec = signed_info if fragment_schema == "xmldsig" else ours
            for (name, content, xml), reference in zip(items, references, strict=True):
                assert isinstance(reference, bytes), f"EXIficient refused {xml}: {reference}"
                assert fragment_codec.encode({name: content}, fragment=True) == reference, xml
                assert fragment_codec.decode(reference, fragment=True) == {name: content}
                fragments += 1
        for (fragment, fragment_schema), reference in zip(
            sample, exificient.encode_many(sample), strict=True
        ):
            assert isinstance(reference, bytes), f"EXIficient refused {fragment}: {reference}"
            fragment_codec = signed_info if fragment_schema == "xmldsig" else ours
            assert fragment_codec.encode(fragment, fragment=True) == reference, fragment
            front_end += 1
    assert messages == CASES
    return messages, fragments, front_end


# Signed elements EXIficient's JSON front end can encode as fragments (its lists).
ISO2_JSON_FRAGMENTS = (
    "CertificateInstallationReq",
    "ContractSignatureCertChain",
    "ContractSignatureEncryptedPrivateKey",
    "DHpublickey",
    "eMAID",
    "SignedInfo",
)
ISO20_JSON_FRAGMENTS = ("OEMProvisioningCertificateChain", "SignedInfo")


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
    _messages, fragments, front_end = _check_randomized(
        exificient,
        generator,
        "iso-2",
        lambda: generator.document("V2G_Message", body_name),
        ISO2_JSON_FRAGMENTS,
    )
    # Every message has its body element or a child with an Id (the -2 schema requires
    # them), so there are at least as many signed fragments as messages.
    assert fragments >= CASES
    assert front_end > 0 or body_name == "CertificateUpdateReq" or CASES < 100


@pytest.mark.parametrize("body_name", ["CertificateInstallationReq", "CertificateInstallationRes"])
def test_randomized_iso20_messages_match_exificient(
    exificient: Oracle, certificates: list[bytes], body_name: str
) -> None:
    rng = random.Random(f"iso20-{body_name}")
    generator = RandomMessages(grammar("iso-20"), rng, certificates)
    _messages, fragments, _front_end = _check_randomized(
        exificient, generator, "iso-20", lambda: generator.document(body_name), ISO20_JSON_FRAGMENTS
    )
    # OEMProvisioningCertificateChain / SignedInstallationData carry a required Id.
    assert fragments >= CASES


# Values their datatype cannot represent, put into EXIficient's XML of valid messages:
# it writes them as undeclared CH[untyped] events (schema-invalid input, as a careless
# sender produces it).
INVALID_VALUES = {
    "ResponseCode": "Bogus",
    "EVSEProcessing": "Bogus",
    "X509SerialNumber": "abc",
    "Certificate": "!!!",
    "MaximumContractCertificateChains": "300",
    "RemainingContractCertificateChains": "-1",
    "RetryCounter": "x",
}


def _untyped_count(tree: Any) -> int:
    if isinstance(tree, UntypedValue):
        return 1
    if isinstance(tree, dict):
        return sum(_untyped_count(v) for v in tree.values())
    if isinstance(tree, list):
        return sum(_untyped_count(v) for v in tree)
    return 0


@pytest.mark.parametrize(
    ("schema", "body_name"),
    [
        ("iso-2", "CertificateInstallationReq"),
        ("iso-2", "CertificateInstallationRes"),
        ("iso-2", "CertificateUpdateReq"),
        ("iso-2", "CertificateUpdateRes"),
        ("iso-20", "CertificateInstallationReq"),
        ("iso-20", "CertificateInstallationRes"),
    ],
)
def test_untyped_values_from_exificient_decode_and_reencode(
    exificient: Oracle, certificates: list[bytes], schema: str, body_name: str
) -> None:
    rng = random.Random(f"untyped-{schema}-{body_name}")
    generator = RandomMessages(grammar(schema), rng, certificates)
    ours = codec(schema, json_text=True)
    root = "V2G_Message" if schema == "iso-2" else body_name
    trees = [generator.document(root, body_name) for _ in range(100)]
    valid = exificient.encode_many([(tree, schema) for tree in trees])
    mutated = []
    for document in exificient.decode_xml_many(valid, schema, fragment=False):  # type: ignore[arg-type]
        element_tree = ET.fromstring(document)  # noqa: S314 (EXIficient output of our input)
        for element in element_tree.iter():
            invalid = INVALID_VALUES.get(element.tag.rsplit("}", 1)[-1])
            if invalid is not None and len(element) == 0 and rng.random() < 0.5:
                element.text = invalid
        mutated.append(ET.tostring(element_tree, encoding="unicode"))
    untyped = 0
    for xml, reference in zip(
        mutated, exificient.encode_xml_many(mutated, schema, fragment=False), strict=True
    ):
        assert isinstance(reference, bytes), f"EXIficient refused {xml}: {reference}"
        tree = ours.decode(reference)
        assert ours.encode(tree) == reference, xml
        untyped += _untyped_count(tree)
    assert untyped >= 50


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
