"""JSON-lines server around EXIficient (the `iso15118` package's EXICodec), run in the oracle venv.

Runs with the oracle venv's python (see scripts/exi_oracle_setup.sh), never imported by our code.
One request per stdin line, one response per stdout line:

    {"op": "encode", "items": [{"json": "<message json>", "ns": "<namespace>"}, ...]}
    -> {"results": [{"b64": "..."} | {"error": "..."}, ...]}
    {"op": "decode", "items": [{"b64": "...", "ns": "..."}, ...]}
    -> {"results": [{"json": "..."} | {"error": "..."}, ...]}
    {"op": "grammar", "name": "ISO15118_2Grammar"}
    -> {"results": [<EXIficient's compiled grammar graph, canonical form, see dump_grammars>]}
    {"op": "encode_xml", "grammar": "ISO15118_2Grammar", "fragment": true, "items": ["<xml>"]}
    -> {"results": [{"b64": "..."} | {"error": "..."}, ...]}
    {"op": "decode_xml", "grammar": "...", "fragment": false, "items": ["<b64>", ...]}
    -> {"results": [{"xml": "..."} | {"error": "..."}, ...]}

The *_xml ops drive EXIficient's core directly (SAX in, SAX out) with the options its ISO
codec sets (valueMaxLength 0, partition capacity 0, no built-in grammars), bypassing the
JSON/JAXB front end, which only does fragments for the elements on its signature lists.

Batching keeps the JVM warm and the pipe round trips few.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import sys


def _launch_codec():  # type: ignore[no-untyped-def]
    import importlib.util

    from py4j.java_gateway import JavaGateway

    logging.getLogger("py4j").setLevel(logging.CRITICAL)
    # Locate the jar without importing the package: its __init__ wants its full dependency set.
    spec = importlib.util.find_spec("iso15118")
    assert spec is not None and spec.submodule_search_locations, "iso15118 oracle not installed"
    package_dir = next(iter(spec.submodule_search_locations))
    jar = os.path.join(package_dir, "shared", "EXICodec.jar")
    devnull = open(os.devnull, "w")
    gateway = JavaGateway.launch_gateway(
        classpath=jar,
        die_on_exit=True,
        javaopts=["--add-opens", "java.base/java.lang=ALL-UNNAMED"],
        redirect_stdout=devnull,
        redirect_stderr=devnull,
    )
    return gateway, gateway.jvm.com.siemens.ct.exi.main.cmd.EXICodec()


def _datatype(dt):  # type: ignore[no-untyped-def]
    kind = str(dt.getBuiltInType())
    if kind == "NBIT_UNSIGNED_INTEGER":
        return [kind, int(str(dt.getLowerBound())), int(str(dt.getUpperBound()))]
    if kind == "ENUMERATION":
        return [kind, [str(dt.getEnumValue(i)) for i in range(dt.getEnumerationSize())]]
    return [kind]


grammars_identity = None  # set in main(): java.lang.System.identityHashCode


def dump_grammars(grammars):  # type: ignore[no-untyped-def]
    """EXIficient's grammar graph as plain data: states numbered breadth-first from the
    document content grammar, then the fragment content grammar. Each state lists its
    first-level productions in event-code order: [event, qname, datatype, next, element]."""
    roots = [
        grammars.getDocumentGrammar().getProduction(0).getNextGrammar(),
        grammars.getFragmentGrammar().getProduction(0).getNextGrammar(),
    ]
    numbers: dict = {}
    order: list = []
    identity = grammars_identity  # Java object identity: equal-looking states stay apart

    def number(grammar):  # type: ignore[no-untyped-def]
        if grammar is None:
            return None
        key = identity(grammar)
        if key not in numbers:
            numbers[key] = len(order)
            order.append(grammar)
        return numbers[key]

    for root in roots:
        number(root)
    states = []
    position = 0
    while position < len(order):
        grammar = order[position]
        position += 1
        productions = []
        for code in range(grammar.getNumberOfEvents()):
            production = grammar.getProduction(code)
            event = production.getEvent()
            kind = str(event.getEventType())
            qname = str(event.getQName()) if kind in ("START_ELEMENT", "ATTRIBUTE") else None
            datatype = (
                _datatype(event.getDatatype()) if kind in ("ATTRIBUTE", "CHARACTERS") else None
            )
            element = number(event.getGrammar()) if kind == "START_ELEMENT" else None
            productions.append(
                [kind, qname, datatype, number(production.getNextGrammar()), element]
            )
        states.append(
            {"class": str(grammar.getClass().getSimpleName()), "productions": productions}
        )
    return states


class CoreCodec:
    """EXIficient's EXIFactory with the settings of its ISO 15118 EXICodec."""

    def __init__(self, gateway) -> None:  # type: ignore[no-untyped-def]
        self.jvm = gateway.jvm
        self.grammars: dict = {}
        self.factories: dict = {}
        parsers = self.jvm.javax.xml.parsers.SAXParserFactory.newInstance()
        parsers.setNamespaceAware(True)
        self.parser = parsers.newSAXParser()
        self.transformers = self.jvm.javax.xml.transform.TransformerFactory.newInstance()

    def _factory(self, grammar_class: str, fragment: bool):  # type: ignore[no-untyped-def]
        # Every py4j call is a socket round trip: build each factory once.
        key = (grammar_class, fragment)
        if key in self.factories:
            return self.factories[key]
        jvm = self.jvm
        if grammar_class not in self.grammars:
            package = jvm.com.siemens.ct.exi.main.generatedgrammar
            self.grammars[grammar_class] = getattr(package, grammar_class)()
        factory = jvm.com.siemens.ct.exi.core.helpers.DefaultEXIFactory.newInstance()
        factory.setValueMaxLength(0)
        factory.setValuePartitionCapacity(0)
        factory.setMaximumNumberOfBuiltInElementGrammars(0)
        factory.setMaximumNumberOfBuiltInProductions(0)
        factory.setGrammars(self.grammars[grammar_class])
        factory.setFragment(fragment)
        self.factories[key] = factory
        return factory

    def encode(self, xml: str, grammar_class: str, fragment: bool) -> bytes:
        jvm = self.jvm
        result = jvm.com.siemens.ct.exi.main.api.sax.EXIResult(
            self._factory(grammar_class, fragment)
        )
        stream = jvm.java.io.ByteArrayOutputStream()
        result.setOutputStream(stream)
        self.parser.reset()
        reader = self.parser.getXMLReader()
        reader.setContentHandler(result.getHandler())
        reader.parse(jvm.org.xml.sax.InputSource(jvm.java.io.StringReader(xml)))
        return bytes(stream.toByteArray())

    def decode(self, data: bytes, grammar_class: str, fragment: bool) -> str:
        jvm = self.jvm
        source = jvm.com.siemens.ct.exi.main.api.sax.EXISource(
            self._factory(grammar_class, fragment)
        )
        sax = jvm.javax.xml.transform.sax.SAXSource(
            jvm.org.xml.sax.InputSource(jvm.java.io.ByteArrayInputStream(data))
        )
        sax.setXMLReader(source.getXMLReader())
        writer = jvm.java.io.StringWriter()
        transformer = self.transformers.newTransformer()
        transformer.transform(sax, jvm.javax.xml.transform.stream.StreamResult(writer))
        return str(writer.toString())


def main() -> None:
    out = sys.stdout
    gateway, codec = _launch_codec()
    global grammars_identity
    grammars_identity = gateway.jvm.java.lang.System.identityHashCode
    core = CoreCodec(gateway)
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        results = []
        if request["op"] == "encode":
            for item in request["items"]:
                try:
                    exi = codec.encode(item["json"], item["ns"])
                except Exception as exc:  # a Java exception crossing py4j
                    results.append({"error": f"exception: {str(exc)[:500]}"})
                    continue
                if exi is None:
                    results.append({"error": str(codec.get_last_encoding_error())})
                else:
                    results.append({"b64": base64.b64encode(bytes(exi)).decode()})
        elif request["op"] == "decode":
            for item in request["items"]:
                try:
                    text = codec.decode(base64.b64decode(item["b64"]), item["ns"])
                except Exception as exc:  # a Java exception crossing py4j
                    results.append({"error": f"exception: {str(exc)[:500]}"})
                    continue
                if text is None:
                    results.append({"error": str(codec.get_last_decoding_error())})
                else:
                    results.append({"json": str(text)})
        elif request["op"] in ("encode_xml", "decode_xml"):
            for item in request["items"]:
                try:
                    if request["op"] == "encode_xml":
                        data = core.encode(item, request["grammar"], request["fragment"])
                        results.append({"b64": base64.b64encode(data).decode()})
                    else:
                        raw = base64.b64decode(item)
                        results.append(
                            {"xml": core.decode(raw, request["grammar"], request["fragment"])}
                        )
                except Exception as exc:  # a Java exception crossing py4j
                    results.append({"error": f"exception: {str(exc)[:500]}"})
        elif request["op"] == "grammar":
            package = gateway.jvm.com.siemens.ct.exi.main.generatedgrammar
            results.append(dump_grammars(getattr(package, request["name"])()))
        else:
            results.append({"error": f"unknown op {request['op']!r}"})
        out.write(json.dumps({"results": results}) + "\n")
        out.flush()
    gateway.shutdown()


if __name__ == "__main__":
    main()
