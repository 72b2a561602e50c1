"""Writes the generated grammar tables in iso15118/exi/generated/ from the ISO XSDs.

The XSDs are ISO's and are not kept in this repository; they ship in the `iso15118`
PyPI package. To regenerate:

    pip download --no-deps iso15118==0.31.2 -d /tmp/iso && unzip -q /tmp/iso/*.whl -d /tmp/iso
    python -m iso15118.exi.generate /tmp/iso/iso15118/shared/schemas

The output is derived data (grammar states and datatypes), not schema text.
"""

from __future__ import annotations

import argparse
import pprint
from pathlib import Path
from typing import TypedDict

from iso15118.exi.grammar_builder import (
    SE,
    DatatypeRow,
    GrammarBuilder,
    ProductionRow,
    StateRow,
)
from iso15118.exi.xsd_model import Datatype, QName, SchemaSet

# name -> (entry XSD relative to the schemas folder, max unrolled maxOccurs)
SCHEMA_SETS: dict[str, tuple[str, int]] = {
    "iso2": ("iso15118_2/V2G_CI_MsgDef.xsd", 10),
    "xmldsig": ("xmldsig-core-schema.xsd", 10),
    "iso20_common": ("iso15118_20/V2G_CI_CommonMessages.xsd", 128),
}

OUTPUT = Path(__file__).parent / "generated"


class Tables(TypedDict):
    """The module-level names of one generated module, in the order they are written."""

    QNAMES: tuple[QName, ...]
    DATATYPES: tuple[DatatypeRow, ...]
    STATES: tuple[StateRow, ...]
    DOCUMENT: int
    FRAGMENT: int


def build_tables(entry: Path, max_unrolled_occurs: int) -> Tables:
    schema = SchemaSet(entry)
    builder = GrammarBuilder(schema, max_unrolled_occurs)
    document = builder.document_content()
    fragment = builder.fragment_content()
    builder.build_pending()

    qnames: dict[QName, int] = {}
    datatypes: dict[Datatype, int] = {}

    def qname_index(qname: QName | None) -> int:
        if qname is None:
            return -1
        return qnames.setdefault(qname, len(qnames))

    def datatype_index(datatype: Datatype | None) -> int:
        if datatype is None:
            return -1
        return datatypes.setdefault(datatype, len(datatypes))

    states: list[StateRow] = []
    for number, state in enumerate(builder.states):
        type_key = builder.state_type.get(number)
        lists = builder.list_children.get(type_key, set()) if type_key else set()
        productions: list[ProductionRow] = []
        for terminal, target in state.productions:
            kind, qname, datatype, element = terminal
            is_list = 1 if kind == SE and qname in lists else 0
            productions.append(
                (
                    kind,
                    qname_index(qname),
                    datatype_index(datatype),
                    -1 if target is None else target,
                    -1 if element is None else element,
                    is_list,
                )
            )
        states.append((1 if state.escape else 0, tuple(productions)))
    return {
        "QNAMES": tuple(qnames),
        "DATATYPES": tuple(
            (d.kind, d.lower, d.upper, d.values, d.min_length, d.max_length) for d in datatypes
        ),
        "STATES": tuple(states),
        "DOCUMENT": document,
        "FRAGMENT": fragment,
    }


def write_module(name: str, entry: str, tables: Tables) -> Path:
    path = OUTPUT / f"{name}.py"
    lines = [
        f'"""EXI grammar tables for {entry}. GENERATED, do not edit.',
        "",
        "Regenerate with `python -m iso15118.exi.generate SCHEMAS_DIR` (see docs/exi.md).",
        "STATES: (escape, productions); production: (event kind, qname index,",
        "datatype index, next state, element grammar state, is-list flag).",
        '"""',
        "",
    ]
    for key, value in tables.items():
        if key == "STATES":
            # One production per line keeps diffs of regenerated tables readable.
            lines.append("STATES = (")
            for number, (escape, productions) in enumerate(tables["STATES"]):
                lines.append(f"    # state {number}")
                lines.append(f"    ({escape}, (")
                lines.extend(f"        {production!r}," for production in productions)
                lines.append("    )),")
            lines.append(")")
        else:
            lines.append(f"{key} = {pprint.pformat(value, width=96, compact=True)}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("schemas", type=Path, help="the iso15118 package's shared/schemas folder")
    args = parser.parse_args()
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "__init__.py").write_text('"""Generated EXI grammar tables."""\n', encoding="utf-8")
    for name, (entry, max_unrolled) in SCHEMA_SETS.items():
        tables = build_tables(args.schemas / entry, max_unrolled)
        path = write_module(name, entry, tables)
        print(f"{path}: {len(tables['STATES'])} states")


if __name__ == "__main__":
    main()
