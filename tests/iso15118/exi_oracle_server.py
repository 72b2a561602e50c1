"""JSON-lines server around EXIficient (the `iso15118` package's EXICodec), run in the oracle venv.

Runs with the oracle venv's python (see scripts/exi_oracle_setup.sh), never imported by our code.
One request per stdin line, one response per stdout line:

    {"op": "encode", "items": [{"json": "<message json>", "ns": "<namespace>"}, ...]}
    -> {"results": [{"b64": "..."} | {"error": "..."}, ...]}
    {"op": "decode", "items": [{"b64": "...", "ns": "..."}, ...]}
    -> {"results": [{"json": "..."} | {"error": "..."}, ...]}
    {"op": "grammar", "name": "ISO15118_2Grammar"}
    -> {"results": [<EXIficient's compiled grammar graph, canonical form, see dump_grammars>]}

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


def main() -> None:
    out = sys.stdout
    gateway, codec = _launch_codec()
    global grammars_identity
    grammars_identity = gateway.jvm.java.lang.System.identityHashCode
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
