"""Reads a set of XML Schema documents into the few components EXI grammars need.

Generator-time only (see iso15118/exi/generate.py): the running codec never parses XSDs.
Covers the XSD subset the ISO 15118 and xmldsig schemas use: global and local elements,
named and anonymous complex/simple types, extension of complex types, simple content,
sequence/choice/any particles, substitution groups, and restriction facets.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

XS = "http://www.w3.org/2001/XMLSchema"
UNBOUNDED = -1

QName = tuple[str, str]  # (namespace uri, local name)


def _xs(tag: str) -> str:
    return f"{{{XS}}}{tag}"


@dataclass(frozen=True)
class Datatype:
    """An EXI datatype with the facets the decoder checks before allocating."""

    kind: str  # string|base64|hex|boolean|integer|unsigned|nbit|enum|decimal|float
    lower: int | None = None  # nbit: offset; integer kinds: inclusive bounds
    upper: int | None = None
    values: tuple[str, ...] = ()  # enum: lexical values in schema order
    min_length: int | None = None
    max_length: int | None = None


STRING = Datatype("string")

_BUILTIN_INTEGERS: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-128, 127),
    "nonNegativeInteger": (0, None),
    "positiveInteger": (1, None),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
}
_BUILTIN_STRINGS = {
    "string", "normalizedString", "token", "language", "Name", "NCName", "ID", "IDREF",
    "IDREFS", "ENTITY", "ENTITIES", "NMTOKEN", "NMTOKENS", "anyURI", "QName", "NOTATION",
    "anySimpleType",
}  # fmt: skip


@dataclass
class Particle:
    """min/max occurrence of a term: an element, a wildcard or a model group."""

    kind: str  # element|any|sequence|choice
    min_occurs: int
    max_occurs: int  # UNBOUNDED for unbounded
    order: int  # document order, the EXI "schema order" of SE productions
    element: ElementDecl | None = None
    wildcard_uris: tuple[str, ...] | None = None  # None: any namespace (SE(*))
    children: list[Particle] = field(default_factory=list)


@dataclass
class AttributeUse:
    qname: QName
    datatype: Datatype
    required: bool


@dataclass
class ComplexInfo:
    attributes: list[AttributeUse]
    attribute_wildcard: bool
    content: str  # empty|simple|elements
    mixed: bool
    datatype: Datatype | None = None
    particle: Particle | None = None


TypeKey = tuple[str, ...]  # ("named", uri, local) | ("anon", id) | ("anyType",)


@dataclass
class ElementDecl:
    qname: QName
    type_key: TypeKey
    abstract: bool = False
    substitution_head: QName | None = None


class _Doc:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.nsmap: dict[str, str] = {}
        for event, item in ET.iterparse(path, events=("start-ns",)):  # noqa: S314 - trusted
            if event == "start-ns":
                prefix, uri = item
                self.nsmap.setdefault(prefix, uri)
        self.root = ET.parse(path).getroot()  # noqa: S314 - trusted input
        self.tns = self.root.get("targetNamespace", "")
        self.element_qualified = self.root.get("elementFormDefault") == "qualified"
        self.attribute_qualified = self.root.get("attributeFormDefault") == "qualified"

    def resolve(self, text: str) -> QName:
        prefix, _, local = text.rpartition(":")
        return self.nsmap.get(prefix, ""), local


class SchemaSet:
    """All components of one schema and everything it imports."""

    def __init__(self, entry: Path) -> None:
        self._docs: list[_Doc] = []
        self.elements: dict[QName, tuple[ET.Element, _Doc]] = {}
        self.complex_types: dict[QName, tuple[ET.Element, _Doc]] = {}
        self.simple_types: dict[QName, tuple[ET.Element, _Doc]] = {}
        self.attributes: dict[QName, tuple[ET.Element, _Doc]] = {}
        self._anon: dict[str, tuple[ET.Element, _Doc]] = {}
        self._order = itertools.count()
        self._decls: dict[QName, ElementDecl] = {}
        self._complex_cache: dict[TypeKey, ComplexInfo] = {}
        self.local_declarations: list[ElementDecl] = []
        self.attribute_declarations: list[tuple[QName, Datatype]] = []
        self._load(entry.resolve())
        self.namespaces = sorted({doc.tns for doc in self._docs})
        self.substitutes: dict[QName, list[QName]] = {}
        for qname in self.elements:
            head = self.global_element(qname).substitution_head
            while head is not None:
                self.substitutes.setdefault(head, []).append(qname)
                head = self.global_element(head).substitution_head

    # -- loading -----------------------------------------------------------------------
    def _load(self, path: Path) -> None:
        if any(doc.path == path for doc in self._docs):
            return
        doc = _Doc(path)
        self._docs.append(doc)
        for child in doc.root:
            name = child.get("name")
            if child.tag in (_xs("import"), _xs("include")) and child.get("schemaLocation"):
                self._load(_locate(path.parent, child.get("schemaLocation", "")))
            elif child.tag == _xs("element") and name:
                self.elements[(doc.tns, name)] = (child, doc)
            elif child.tag == _xs("complexType") and name:
                self.complex_types[(doc.tns, name)] = (child, doc)
            elif child.tag == _xs("simpleType") and name:
                self.simple_types[(doc.tns, name)] = (child, doc)
            elif child.tag == _xs("attribute") and name:
                self.attributes[(doc.tns, name)] = (child, doc)

    # -- elements ----------------------------------------------------------------------
    def global_element(self, qname: QName) -> ElementDecl:
        if qname not in self._decls:
            node, doc = self.elements[qname]
            head = node.get("substitutionGroup")
            self._decls[qname] = ElementDecl(
                qname=qname,
                type_key=self._element_type(node, doc),
                abstract=node.get("abstract") == "true",
                substitution_head=doc.resolve(head) if head else None,
            )
        return self._decls[qname]

    def _element_type(self, node: ET.Element, doc: _Doc) -> TypeKey:
        if node.get("type"):
            uri, local = doc.resolve(node.get("type", ""))
            if (uri, local) == (XS, "anyType"):
                return ("anyType",)
            return ("named", uri, local)
        for child in node:
            if child.tag in (_xs("complexType"), _xs("simpleType")):
                key = f"{doc.path.name}#{len(self._anon)}"
                self._anon[key] = (child, doc)
                return ("anon", key)
        if node.get("substitutionGroup"):
            head = self.global_element(doc.resolve(node.get("substitutionGroup", "")))
            return head.type_key
        return ("anyType",)

    # -- types -------------------------------------------------------------------------
    def _type_node(self, key: TypeKey) -> tuple[ET.Element, _Doc] | None:
        if key[0] == "anon":
            return self._anon[key[1]]
        if key[0] == "named":
            qname = (key[1], key[2])
            return self.complex_types.get(qname) or self.simple_types.get(qname)
        return None

    def is_simple(self, key: TypeKey) -> bool:
        if key[0] == "named" and key[1] == XS:
            return True
        found = self._type_node(key)
        return found is not None and found[0].tag == _xs("simpleType")

    def datatype(self, key: TypeKey) -> Datatype:
        if key[0] == "named" and key[1] == XS:
            return _builtin_datatype(key[2])
        found = self._type_node(key)
        if found is None:
            raise ValueError(f"unknown simple type {key}")
        node, doc = found
        restriction = node.find(_xs("restriction"))
        if restriction is None:
            if node.find(_xs("union")) is not None:
                return STRING
            raise NotImplementedError(f"simple type {key}: only restriction/union supported")
        base_key = self._base_key(restriction, doc)
        base = self.datatype(base_key)
        return _apply_facets(base, restriction)

    def _base_key(self, node: ET.Element, doc: _Doc) -> TypeKey:
        if node.get("base"):
            uri, local = doc.resolve(node.get("base", ""))
            return ("named", uri, local)
        inline = node.find(_xs("simpleType"))
        if inline is None:
            raise ValueError("restriction without base")
        key = f"{doc.path.name}#{len(self._anon)}"
        self._anon[key] = (inline, doc)
        return ("anon", key)

    def complex_info(self, key: TypeKey) -> ComplexInfo:
        if key not in self._complex_cache:
            self._complex_cache[key] = self._build_complex(key)
        return self._complex_cache[key]

    def _build_complex(self, key: TypeKey) -> ComplexInfo:
        if key == ("anyType",):
            return ComplexInfo([], True, "elements", True, particle=_any_particle(self))
        if self.is_simple(key):
            return ComplexInfo([], False, "simple", False, datatype=self.datatype(key))
        found = self._type_node(key)
        assert found is not None, key
        node, doc = found
        mixed = node.get("mixed") == "true"
        simple = node.find(_xs("simpleContent"))
        complex_content = node.find(_xs("complexContent"))
        if simple is not None:
            derivation = simple[0] if simple[0].tag != _xs("annotation") else simple[1]
            base_key = self._base_key(derivation, doc)
            datatype: Datatype | None
            if self.is_simple(base_key):
                datatype = self.datatype(base_key)
                attributes: list[AttributeUse] = []
            else:
                simple_base = self.complex_info(base_key)
                datatype, attributes = simple_base.datatype, list(simple_base.attributes)
            if derivation.tag == _xs("restriction"):
                datatype = _apply_facets(datatype or STRING, derivation)
            attributes += self._attributes(derivation, doc)
            return ComplexInfo(_sorted_attributes(attributes), False, "simple", False, datatype)
        if complex_content is not None:
            mixed = mixed or complex_content.get("mixed") == "true"
            derivation = next(c for c in complex_content if c.tag != _xs("annotation"))
            base_key = self._base_key(derivation, doc)
            extends = derivation.tag == _xs("extension") and base_key != ("anyType",)
            # The base type is read first: its particles come first in schema order.
            base = self.complex_info(base_key) if extends else None
            own_particle = self._content_particle(derivation, doc)
            own_attributes = self._attributes(derivation, doc)
            if base is not None:
                attributes = list(base.attributes) + own_attributes
                parts = [p for p in (base.particle, own_particle) if p is not None]
                wildcard = base.attribute_wildcard or _has_any_attribute(derivation)
            else:
                attributes, parts = own_attributes, [own_particle] if own_particle else []
                wildcard = _has_any_attribute(derivation)
            if len(parts) == 2:
                particle: Particle | None = Particle(
                    "sequence", 1, 1, next(self._order), children=parts
                )
            else:
                particle = parts[0] if parts else None
            return _content_info(attributes, wildcard, particle, mixed)
        particle = self._content_particle(node, doc)
        return _content_info(self._attributes(node, doc), _has_any_attribute(node), particle, mixed)

    def _attributes(self, node: ET.Element, doc: _Doc) -> list[AttributeUse]:
        uses = []
        for child in node.findall(_xs("attribute")):
            if child.get("use") == "prohibited":
                continue
            if child.get("ref"):
                qname = doc.resolve(child.get("ref", ""))
                decl, decl_doc = self.attributes[qname]
                datatype = self._attribute_type(decl, decl_doc)
            else:
                form = child.get("form")
                qualified = form == "qualified" if form else doc.attribute_qualified
                qname = (doc.tns if qualified else "", child.get("name", ""))
                datatype = self._attribute_type(child, doc)
            self.attribute_declarations.append((qname, datatype))
            uses.append(AttributeUse(qname, datatype, child.get("use") == "required"))
        return uses

    def _attribute_type(self, node: ET.Element, doc: _Doc) -> Datatype:
        if node.get("type"):
            uri, local = doc.resolve(node.get("type", ""))
            return self.datatype(("named", uri, local))
        inline = node.find(_xs("simpleType"))
        if inline is not None:
            key = f"{doc.path.name}#{len(self._anon)}"
            self._anon[key] = (inline, doc)
            return self.datatype(("anon", key))
        return STRING

    def _content_particle(self, node: ET.Element, doc: _Doc) -> Particle | None:
        for child in node:
            if child.tag in (_xs("sequence"), _xs("choice"), _xs("all")):
                return self._particle(child, doc)
        return None

    def _particle(self, node: ET.Element, doc: _Doc) -> Particle:
        low = int(node.get("minOccurs", "1"))
        high_text = node.get("maxOccurs", "1")
        high = UNBOUNDED if high_text == "unbounded" else int(high_text)
        order = next(self._order)
        tag = node.tag
        if tag == _xs("element"):
            return Particle("element", low, high, order, element=self._local_element(node, doc))
        if tag == _xs("any"):
            namespace = node.get("namespace", "##any")
            uris = None
            if namespace not in ("##any", "##other"):
                uris = tuple(
                    doc.tns if u == "##targetNamespace" else "" if u == "##local" else u
                    for u in namespace.split()
                )
            return Particle("any", low, high, order, wildcard_uris=uris)
        kind = {_xs("sequence"): "sequence", _xs("choice"): "choice", _xs("all"): "sequence"}
        particle = Particle(kind[tag], low, high, order)
        for child in node:
            if child.tag in (_xs("element"), _xs("any"), _xs("sequence"), _xs("choice")):
                particle.children.append(self._particle(child, doc))
        return particle

    def _local_element(self, node: ET.Element, doc: _Doc) -> ElementDecl:
        if node.get("ref"):
            return self.global_element(doc.resolve(node.get("ref", "")))
        form = node.get("form")
        qualified = form == "qualified" if form else doc.element_qualified
        decl = ElementDecl(
            qname=(doc.tns if qualified else "", node.get("name", "")),
            type_key=self._element_type(node, doc),
        )
        self.local_declarations.append(decl)
        return decl


def _locate(directory: Path, location: str) -> Path:
    """Resolves a schemaLocation; the -20 XSDs point at an xmldsig file one folder up."""
    candidate = (directory / location).resolve()
    if candidate.exists():
        return candidate
    for parent in directory.parents:
        if (parent / Path(location).name).exists():
            return (parent / Path(location).name).resolve()
    raise FileNotFoundError(f"schema {location} not found near {directory}")


def _any_particle(schema: SchemaSet) -> Particle:
    wildcard = Particle("any", 0, UNBOUNDED, next(schema._order))
    return wildcard


def _has_any_attribute(node: ET.Element) -> bool:
    return node.find(_xs("anyAttribute")) is not None


def _content_info(
    attributes: list[AttributeUse], wildcard: bool, particle: Particle | None, mixed: bool
) -> ComplexInfo:
    if particle is not None and particle.kind != "element" and not particle.children:
        particle = None
    content = "elements" if particle is not None else "empty"
    return ComplexInfo(_sorted_attributes(attributes), wildcard, content, mixed, particle=particle)


def _sorted_attributes(attributes: list[AttributeUse]) -> list[AttributeUse]:
    # EXI orders attribute productions by local name, then namespace uri.
    return sorted(attributes, key=lambda a: (a.qname[1], a.qname[0]))


def _builtin_datatype(local: str) -> Datatype:
    if local in _BUILTIN_STRINGS:
        return STRING
    if local == "base64Binary":
        return Datatype("base64")
    if local == "hexBinary":
        return Datatype("hex")
    if local == "boolean":
        return Datatype("boolean")
    if local == "decimal":
        return Datatype("decimal")
    if local in ("float", "double"):
        return Datatype("float")
    if local in _BUILTIN_INTEGERS:
        low, high = _BUILTIN_INTEGERS[local]
        return _integer(low, high)
    raise NotImplementedError(f"built-in type xs:{local} is not supported")


def _integer(low: int | None, high: int | None) -> Datatype:
    # EXI 1.0 section 7.1.5: bounded ranges of at most 4096 values use n-bit unsigned
    # integers (offset from the lower bound); non-negative lower bound: unsigned integer.
    if low is not None and high is not None and high - low < 4096:
        return Datatype("nbit", low, high)
    if low is not None and low >= 0:
        return Datatype("unsigned", low, high)
    return Datatype("integer", low, high)


def _apply_facets(base: Datatype, restriction: ET.Element) -> Datatype:
    facets: dict[str, str] = {}
    enumeration: list[str] = []
    for facet in restriction:
        local = facet.tag.rpartition("}")[2]
        if local == "enumeration":
            enumeration.append(facet.get("value", ""))
        elif local != "annotation":
            facets[local] = facet.get("value", "")
    if enumeration:
        return Datatype("enum", values=tuple(enumeration))
    min_length, max_length = base.min_length, base.max_length
    if "length" in facets:
        min_length = max_length = int(facets["length"])
    if "minLength" in facets:
        min_length = int(facets["minLength"])
    if "maxLength" in facets:
        max_length = int(facets["maxLength"])
    if base.kind in ("integer", "unsigned", "nbit"):
        low, high = base.lower, base.upper
        if "minInclusive" in facets:
            low = int(facets["minInclusive"])
        if "minExclusive" in facets:
            low = int(facets["minExclusive"]) + 1
        if "maxInclusive" in facets:
            high = int(facets["maxInclusive"])
        if "maxExclusive" in facets:
            high = int(facets["maxExclusive"]) - 1
        return _integer(low, high)
    return Datatype(base.kind, base.lower, base.upper, base.values, min_length, max_length)
