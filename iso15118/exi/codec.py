"""Schema-informed EXI 1.0 encoder and decoder driven by the generated grammar tables.

Options are EXI's defaults (header byte 0x80, bit-packed, strict=false) as EXIficient
uses them in ISO 15118: element grammars reserve a first-level escape code for the
undeclared productions of non-strict mode, and the encoder never emits string-table
hits (EXIficient's ISO codec runs with valueMaxLength=0, so every string goes out
literally). The decoder still keeps the string tables, so streams from encoders that do
use hits decode too.

The message tree is plain data in the shape EXIficient's JSON uses: an element is a dict
keyed by attribute and child local names ("value" for simple content), a simple-typed
element is its value, repeatable children are lists. Binary values are bytes, or
base64/hex text when the codec is built with json_text=True.
"""

from __future__ import annotations

import base64
import binascii
from types import ModuleType
from typing import Any, TypeAlias

from iso15118.exi.bits import BitReader, BitWriter
from iso15118.exi.errors import ExiDecodeError, ExiEncodeError
from iso15118.exi.grammar_builder import (
    AT,
    AT_ANY,
    CH,
    CH_UNTYPED,
    ED,
    EE,
    SE,
    DatatypeRow,
    StateRow,
)

HEADER = 0x80  # distinguishing bits 10, no options, final version 1
# Element-grammar phases, which decide the undeclared (second-level) productions of
# non-strict mode (EXI 1.0 8.5.4.4.1, EXIficient's SchemaInformedFirstStartTag /
# SchemaInformedStartTag / SchemaInformedElement): the first state of an element, the
# states reached by attributes only, and content states.
FIRST, START_TAG, CONTENT = 0, 1, 2
# Second-level productions after an optional undeclared EE (default fidelity options, so
# no NS/SC/ER/CM/PI): FIRST has AT(xsi:type), AT(xsi:nil), AT(*), AT[invalid value],
# SE(*), CH[untyped]; START_TAG has the last four; CONTENT has SE(*) and CH[untyped].
SECOND_LEVEL = {
    FIRST: ("AT(xsi:type)", "AT(xsi:nil)", "AT(*)", "AT[invalid value]", "SE(*)", "CH[untyped]"),
    START_TAG: ("AT(*)", "AT[invalid value]", "SE(*)", "CH[untyped]"),
    CONTENT: ("SE(*)", "CH[untyped]"),
}
EMPTY_KINDS = ("string", "base64", "hex")  # simple content that can be empty


class UntypedValue(str):
    """Character content that came as an undeclared CH[untyped] event: EXIficient writes a
    value its datatype cannot represent (an out-of-range integer, a value outside an
    enumeration, text that is not base64) that way. The decoder returns such values as
    UntypedValue, and the encoder writes an UntypedValue the same way, so these (schema-
    invalid) streams re-encode byte-identically; a plain invalid value still raises."""

    __slots__ = ()


def next_phase(phase: int, kind: int, state: int, nxt: int) -> int:
    """The phase after a production. Attributes lead to start-tag states, except where an
    attribute production loops on its state (EXI's relaxed element-fragment grammar), which
    keeps its kind: EXIficient's grammar class belongs to the state, as checked against its
    compiled grammars in the interop tests. Anything else leads to content."""
    if phase == CONTENT or kind not in (AT, AT_ANY):
        return CONTENT
    return phase if nxt == state else START_TAG


MAX_DEPTH = 48  # deeper than any ISO 15118 message; bounds recursion on hostile input
MAX_UNSIGNED_OCTETS = 24  # 168 bits: X509 serial numbers (at most 20 octets) fit


class _Datatype:
    __slots__ = ("bits", "index", "kind", "lower", "max_length", "min_length", "upper", "values")

    def __init__(self, row: DatatypeRow) -> None:
        self.kind, self.lower, self.upper, self.values, self.min_length, self.max_length = row
        self.bits = 0
        if self.kind == "nbit":
            lower, upper = _nbit_bounds(self)
            self.bits = (upper - lower).bit_length()
        elif self.kind == "enum":
            self.bits = (len(self.values) - 1).bit_length()
        self.index = {value: i for i, value in enumerate(self.values)}


# A grammar production at run time: (event kind, key, datatype (AT and CH only), next
# state, element grammar state, is-list flag, qname index, event code).
_Production: TypeAlias = tuple[int, str, _Datatype | None, int, int, int, int, int]


class Grammar:
    """Runtime view of one generated table module."""

    def __init__(self, tables: ModuleType) -> None:
        self.qnames: tuple[tuple[str, str], ...] = tables.QNAMES
        datatype_rows: tuple[DatatypeRow, ...] = tables.DATATYPES
        self.datatypes = [_Datatype(row) for row in datatype_rows]
        self.document: int = tables.DOCUMENT
        self.fragment: int = tables.FRAGMENT
        self.widths: list[int] = []
        self.productions: list[list[_Production]] = []
        self.escape: list[bool] = []
        states: tuple[StateRow, ...] = tables.STATES
        for escape, productions in states:
            self.escape.append(bool(escape))
            count = len(productions)
            # Non-strict element grammars reserve one extra code for the escape to the
            # second level; document and fragment content grammars have none.
            self.widths.append(count.bit_length() if escape else (count - 1).bit_length())
            rows: list[_Production] = []
            for code, (kind, q, d, nxt, elem, is_list) in enumerate(productions):
                # Attributes and children are keyed by local name, character content by
                # "value"; wildcard productions get no key, the encoder never picks them.
                key = self.qnames[q][1] if q >= 0 else "value" if kind in (CH, CH_UNTYPED) else ""
                dt = self.datatypes[d] if d >= 0 else None
                rows.append((kind, key, dt, nxt, elem, is_list, q, code))
            self.productions.append(_qualify_duplicates(rows, self.qnames))
        # Grammars of simple types: one typed CH then EE; their elements are plain values.
        self.simple: set[int] = set()
        for number, rows in enumerate(self.productions):
            if len(rows) == 1 and rows[0][0] == CH:
                after = self.productions[rows[0][3]]
                if len(after) == 1 and after[0][0] == EE:
                    self.simple.add(number)
        # Per state: has a first-level EE, and the typed CH production (if any).
        self.has_ee = [any(r[0] == EE for r in rows) for rows in self.productions]
        self.typed_ch = [next((r for r in rows if r[0] == CH), None) for rows in self.productions]
        # EXI's Element_i,content2 (8.5.4.4.1): where content continues after undeclared
        # characters, the state without its AT productions. Derived states are appended.
        self.content2: dict[int, int] = {}
        for number in range(len(self.productions)):
            rows = self.productions[number]
            if self.typed_ch[number] is None:
                continue
            if not any(r[0] in (AT, AT_ANY) for r in rows):
                self.content2[number] = number
                continue
            kept = [r for r in rows if r[0] not in (AT, AT_ANY)]
            self.content2[number] = len(self.productions)
            self.productions.append([(*r[:7], code) for code, r in enumerate(kept)])
            self.widths.append(len(kept).bit_length())
            self.escape.append(True)
            self.has_ee.append(any(r[0] == EE for r in kept))
            self.typed_ch.append(next((r for r in kept if r[0] == CH), None))

    def second_level(self, state: int, phase: int) -> tuple[tuple[str, ...], int]:
        """The undeclared productions of `state` in `phase`, in event-code order, and the
        width of their code. The EE comes first, and only where no declared EE exists."""
        names = SECOND_LEVEL[phase]
        if not self.has_ee[state]:
            names = ("EE", *names)
        return names, (len(names) - 1).bit_length()

    def root_production(self, start: int, name: str | tuple[str, str]) -> _Production:
        matches = [
            row
            for row in self.productions[start]
            if row[0] == SE and (row[1] == name or self.qnames[row[6]] == name)
        ]
        if not matches:
            raise ExiEncodeError(f"{name!r} is not a root element of this schema")
        return matches[0]


class Codec:
    def __init__(self, grammar: Grammar, json_text: bool = False) -> None:
        self.grammar = grammar
        self.json_text = json_text

    # -- decoding ---------------------------------------------------------------------
    def decode(self, data: bytes, fragment: bool = False) -> dict[str, Any]:
        """Decodes a whole EXI stream (document or fragment) into {root name: content}."""
        if not data:
            raise ExiDecodeError("empty input", 0)
        if data[0] != HEADER:
            raise ExiDecodeError(f"EXI header must be 0x80, got 0x{data[0]:02x}", 0)
        reader = BitReader(data, 8)
        self._global: list[str] = []
        self._local: dict[int, list[str]] = {}
        g = self.grammar
        state = g.fragment if fragment else g.document
        result: dict[str, Any] = {}
        while True:
            rows = g.productions[state]
            position = reader.pos
            code = reader.read(g.widths[state])
            if code >= len(rows):
                raise ExiDecodeError("undeclared event code at document level", position)
            kind, key, _dt, nxt, elem, _is_list, q, _code = rows[code]
            if kind == ED:
                break
            if kind != SE:
                raise ExiDecodeError("only schema-declared root elements are supported", position)
            if key in result:
                raise ExiDecodeError(f"repeated fragment element {key}", position)
            result[key] = self._element(reader, elem, q, 0)
            state = nxt
        if reader.remaining() >= 8 or (reader.remaining() and reader.read(reader.remaining())):
            raise ExiDecodeError("data after the end of the document", reader.pos)
        return result

    def _element(self, reader: BitReader, state: int, q: int, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ExiDecodeError(f"elements nested deeper than {MAX_DEPTH}", reader.pos)
        g = self.grammar
        productions = g.productions
        widths = g.widths
        simple = state in g.simple
        content: dict[str, Any] = {}
        phase = FIRST
        while True:
            rows = productions[state]
            width = widths[state]
            code = reader.read(width) if width else 0
            if code >= len(rows):
                if code > len(rows) or not g.escape[state]:
                    raise ExiDecodeError(f"event code {code} out of range", reader.pos - width)
                after = self._second_level(reader, state, phase, content, q)
                if after is None:
                    break
                state, phase = after, CONTENT
                continue
            kind, key, dt, nxt, elem, is_list, child_q, _code = rows[code]
            if kind == EE:
                break
            phase = next_phase(phase, kind, state, nxt)
            if kind == SE:
                child = self._element(reader, elem, child_q, depth + 1)
                if is_list:
                    content.setdefault(key, []).append(child)
                elif key in content:
                    raise ExiDecodeError(f"repeated element {key}", reader.pos)
                else:
                    content[key] = child
            elif kind == AT:
                content[key] = self._value(reader, _declared(dt), child_q)
            elif kind == CH:
                if "value" in content:
                    raise ExiDecodeError("repeated character content", reader.pos)
                content["value"] = self._value(reader, _declared(dt), q)
            elif kind == CH_UNTYPED:
                content["value"] = self._string(reader, None, q)
            else:
                raise ExiDecodeError("wildcard content is not supported", reader.pos)
            state = nxt
        if simple:
            return content["value"]
        return content

    def _second_level(
        self, reader: BitReader, state: int, phase: int, content: dict[str, Any], q: int
    ) -> int | None:
        """An undeclared event after the escape code; returns the next state, or None when
        the element ends. Decoded: the EE that EXIficient writes for empty simple content
        (an empty string or binary value has no characters event), as an empty value; and
        CH[untyped], which it writes for a value its datatype cannot represent, as an
        UntypedValue (content continues in the content2 state). The others (xsi:type,
        xsi:nil, undeclared attributes and elements) only come from schema-invalid or
        non-ISO documents and are rejected."""
        g = self.grammar
        position = reader.pos
        names, width = g.second_level(state, phase)
        code = reader.read(width)
        if code >= len(names):
            raise ExiDecodeError(f"second-level event code {code} out of range", position)
        event = names[code]
        ch = g.typed_ch[state]
        if event == "EE":
            if "value" in content:  # after untyped characters
                return None
            if ch is None or _declared(ch[2]).kind not in EMPTY_KINDS:
                raise ExiDecodeError("undeclared EE where the schema requires content", position)
            kind = _declared(ch[2]).kind
            content["value"] = "" if kind == "string" or self.json_text else b""
            return None
        if event == "CH[untyped]" and ch is not None:
            if "value" in content:
                raise ExiDecodeError("repeated character content", position)
            content["value"] = UntypedValue(self._string(reader, None, q))
            return state if phase == CONTENT else g.content2[state]
        raise ExiDecodeError(f"undeclared {event} event is not supported", position)

    def _value(self, reader: BitReader, dt: _Datatype, q: int) -> Any:
        kind = dt.kind
        if kind == "string":
            return self._string(reader, dt, q)
        if kind == "base64" or kind == "hex":
            position = reader.pos
            length = reader.read_unsigned(MAX_UNSIGNED_OCTETS)
            if dt.max_length is not None and length > dt.max_length:
                raise ExiDecodeError(
                    f"binary length {length} exceeds the schema's maxLength {dt.max_length}",
                    position,
                )
            if length * 8 > reader.remaining():
                raise ExiDecodeError(f"binary length {length} exceeds the input", position)
            raw = reader.read_bytes(length)
            if not self.json_text:
                return raw
            return base64.b64encode(raw).decode() if kind == "base64" else raw.hex().upper()
        if kind == "nbit":
            position = reader.pos
            lower, upper = _nbit_bounds(dt)
            value = reader.read(dt.bits) + lower
            if value > upper:
                raise ExiDecodeError(f"value {value} above the schema's bound", position)
            return value
        if kind == "enum":
            position = reader.pos
            index = reader.read(dt.bits)
            if index >= len(dt.values):
                raise ExiDecodeError(f"enumeration index {index} out of range", position)
            return dt.values[index]
        if kind == "boolean":
            return reader.read(1) == 1
        if kind == "unsigned":
            return self._bounded(reader, dt, reader.read_unsigned(MAX_UNSIGNED_OCTETS))
        if kind == "integer":
            negative = reader.read(1)
            magnitude = reader.read_unsigned(MAX_UNSIGNED_OCTETS)
            return self._bounded(reader, dt, -magnitude - 1 if negative else magnitude)
        raise ExiDecodeError(f"datatype {kind} is not supported", reader.pos)

    @staticmethod
    def _bounded(reader: BitReader, dt: _Datatype, value: int) -> int:
        if (dt.lower is not None and value < dt.lower) or (
            dt.upper is not None and value > dt.upper
        ):
            raise ExiDecodeError(f"integer {value} outside the schema's bounds", reader.pos)
        return value

    def _string(self, reader: BitReader, dt: _Datatype | None, q: int) -> str:
        position = reader.pos
        announced = reader.read_unsigned(5)
        if announced < 2:
            table = self._local.get(q, []) if announced == 0 else self._global
            if not table:
                raise ExiDecodeError("string table hit on an empty table", position)
            index = reader.read((len(table) - 1).bit_length())
            if index >= len(table):
                raise ExiDecodeError(f"string table index {index} out of range", position)
            return table[index]
        length = announced - 2
        if dt is not None and dt.max_length is not None and length > dt.max_length:
            raise ExiDecodeError(
                f"string length {length} exceeds the schema's maxLength {dt.max_length}",
                position,
            )
        if length * 8 > reader.remaining():
            raise ExiDecodeError(f"string length {length} exceeds the input", position)
        start = reader.pos
        raw = reader.read_bytes(length)
        if raw.isascii():  # every character took one octet: the common case, done at once
            text = raw.decode("ascii")
        else:
            reader.pos = start
            chars = []
            for _ in range(length):
                code_point = reader.read_unsigned(3)
                if code_point > 0x10FFFF or 0xD800 <= code_point <= 0xDFFF:
                    raise ExiDecodeError(f"invalid character U+{code_point:X}", reader.pos)
                chars.append(chr(code_point))
            text = "".join(chars)
        if length:
            self._global.append(text)
            self._local.setdefault(q, []).append(text)
        return text

    # -- encoding ---------------------------------------------------------------------
    def encode(self, message: dict[str, Any], fragment: bool = False) -> bytes:
        """Encodes {root name: content} as a document, or as a fragment of root elements."""
        if not isinstance(message, dict) or (not fragment and len(message) != 1):
            raise ExiEncodeError("a document needs exactly one root element")
        g = self.grammar
        writer = BitWriter()
        writer.write(8, HEADER)
        start = g.fragment if fragment else g.document
        state = start
        for name, content in message.items():
            row = g.root_production(start, name)
            writer.write(g.widths[state], row[7])
            self._encode_element(writer, row[4], content, row[1])
            state = row[3]
        end_rows = g.productions[state]
        end = next(r for r in end_rows if r[0] == ED)
        writer.write(g.widths[state], end[7])
        return writer.getvalue()

    def _encode_element(self, writer: BitWriter, state: int, content: Any, name: str) -> None:
        g = self.grammar
        productions = g.productions
        widths = g.widths
        if state in g.simple:
            content = {"value": content}
        elif not isinstance(content, dict):
            raise ExiEncodeError(f"{name}: expected an object, got {type(content).__name__}")
        done: set[str] = set()
        positions: dict[str, int] = {}
        phase = FIRST
        untyped = False
        while True:
            chosen: _Production | None = None
            end: _Production | None = None
            for row in productions[state]:
                kind, key = row[0], row[1]
                if kind == EE:
                    end = row
                    continue
                if kind == CH_UNTYPED or kind == CH:
                    key = "value"
                if key not in content or key in done:
                    continue
                if kind == SE and row[5]:
                    items = content[key]
                    if not isinstance(items, list):
                        raise ExiEncodeError(f"{name}.{key}: expected a list")
                    if positions.get(key, 0) >= len(items):
                        continue
                chosen = row
                break
            if chosen is None:
                # content2 after CH[untyped] has no EE: the element ends with the undeclared
                # one (end stays None).
                if end is None and not untyped:
                    missing = [r[1] for r in productions[state] if r[0] in (SE, AT)]
                    raise ExiEncodeError(f"{name}: missing one of {missing}")
                leftover = [k for k in content if k not in done and k not in positions]
                leftover += [k for k, i in positions.items() if i < len(content[k])]
                if leftover:
                    raise ExiEncodeError(f"{name}: unexpected or misplaced {leftover}")
                if end is None:  # the undeclared EE: escape, then its second-level code
                    names, width2 = g.second_level(state, phase)
                    writer.write(widths[state], len(productions[state]))
                    writer.write(width2, names.index("EE"))
                else:
                    writer.write(widths[state], end[7])
                return
            kind, key, dt, nxt, elem, is_list, _q, code = chosen
            if kind == CH and isinstance(content["value"], UntypedValue):
                # A value EXIficient could not type: undeclared CH[untyped], a literal
                # string, then content2 (see Codec._second_level).
                names, width2 = g.second_level(state, phase)
                writer.write(widths[state], len(productions[state]))
                writer.write(width2, names.index("CH[untyped]"))
                self._encode_string(writer, None, str(content["value"]))
                done.add("value")
                untyped = True
                state = state if phase == CONTENT else g.content2[state]
                phase = CONTENT
                continue
            if kind == CH and _is_empty(content["value"]) and _declared(dt).kind in EMPTY_KINDS:
                # Empty simple content: no characters event, so EXIficient writes the
                # undeclared EE (escape code, then its second-level code).
                min_length = _declared(dt).min_length
                if min_length:
                    raise ExiEncodeError(f"{name}.value: empty, below minLength {min_length}")
                names, width2 = g.second_level(state, phase)
                writer.write(widths[state], len(productions[state]))
                writer.write(width2, names.index("EE"))
                leftover = [
                    k for k in content if k not in done and k not in positions and k != "value"
                ]
                leftover += [k for k, i in positions.items() if i < len(content[k])]
                if leftover:
                    raise ExiEncodeError(f"{name}: unexpected or misplaced {leftover}")
                return
            writer.write(widths[state], code)
            phase = next_phase(phase, kind, state, nxt)
            if kind == SE:
                if is_list:
                    index = positions.get(key, 0)
                    positions[key] = index + 1
                    self._encode_element(writer, elem, content[key][index], key)
                else:
                    done.add(key)
                    self._encode_element(writer, elem, content[key], key)
            else:
                slot = "value" if kind in (CH, CH_UNTYPED) else key
                done.add(slot)
                try:
                    if kind == CH_UNTYPED:
                        self._encode_string(writer, None, content[slot])
                    else:
                        self._encode_value(writer, _declared(dt), content[slot])
                except (TypeError, ValueError) as exc:
                    raise ExiEncodeError(f"{name}.{slot}: {exc}") from exc
            state = nxt

    def _encode_value(self, writer: BitWriter, dt: _Datatype, value: Any) -> None:
        kind = dt.kind
        if kind == "string":
            self._encode_string(writer, dt, value)
        elif kind == "base64" or kind == "hex":
            raw = self._binary(kind, value)
            _check_length(dt, len(raw), "binary")
            writer.write_unsigned(len(raw))
            writer.write_bytes(raw)
        elif kind == "nbit":
            number = _integer(value)
            lower, upper = _nbit_bounds(dt)
            if not lower <= number <= upper:
                raise ValueError(f"{number} outside {lower}..{upper}")
            writer.write(dt.bits, number - lower)
        elif kind == "enum":
            if value not in dt.index:
                raise ValueError(f"{value!r} is not one of {list(dt.values)}")
            writer.write(dt.bits, dt.index[value])
        elif kind == "boolean":
            if not isinstance(value, bool):
                raise TypeError(f"expected a boolean, got {value!r}")
            writer.write(1, 1 if value else 0)
        elif kind == "unsigned":
            number = _integer(value)
            _check_bounds(dt, number)
            writer.write_unsigned(number)
        elif kind == "integer":
            number = _integer(value)
            _check_bounds(dt, number)
            if number < 0:
                writer.write(1, 1)
                writer.write_unsigned(-number - 1)
            else:
                writer.write(1, 0)
                writer.write_unsigned(number)
        else:
            raise ValueError(f"datatype {kind} is not supported")

    def _binary(self, kind: str, value: Any) -> bytes:
        if isinstance(value, bytes | bytearray):
            return bytes(value)
        if isinstance(value, str):
            try:
                if kind == "hex":
                    return bytes.fromhex(value)
                return base64.b64decode(value, validate=True)
            except (ValueError, binascii.Error) as exc:
                raise ValueError(f"not {kind} text: {exc}") from exc
        raise TypeError(f"expected bytes or {kind} text, got {type(value).__name__}")

    @staticmethod
    def _encode_string(writer: BitWriter, dt: _Datatype | None, value: Any) -> None:
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {type(value).__name__}")
        if dt is not None:
            _check_length(dt, len(value), "string")
        writer.write_unsigned(len(value) + 2)
        if value.isascii():  # each character is one octet equal to its code point
            writer.write_bytes(value.encode("ascii"))
        else:
            for char in value:
                writer.write_unsigned(ord(char))


def _qualify_duplicates(
    rows: list[_Production], qnames: tuple[tuple[str, str], ...]
) -> list[_Production]:
    """Keys must be unique per state. Where several productions share a local name (EXI's
    relaxed element-fragment grammar lists every declaration: Id in no namespace, in
    MsgBody and in MsgDataTypes), the last in event-code order keeps the plain key and the
    others are keyed "{uri}local". For the -2 eMAID fragment the plain "Id" thus means
    {MsgDataTypes}Id, the attribute EMAIDType declares, as EXIficient encodes it."""
    last: dict[tuple[int, str], int] = {}
    for index, row in enumerate(rows):
        if row[0] in (SE, AT):
            last[(row[0], row[1])] = index
    qualified = []
    for index, row in enumerate(rows):
        if row[0] in (SE, AT) and last[(row[0], row[1])] != index:
            uri, local = qnames[row[6]]
            row = (row[0], f"{{{uri}}}{local}", *row[2:])
        qualified.append(row)
    return qualified


def _declared(dt: _Datatype | None) -> _Datatype:
    """The datatype of an AT or CH production; the generated tables always give one."""
    if dt is None:
        raise RuntimeError("grammar table: AT or CH production without a datatype")
    return dt


def _nbit_bounds(dt: _Datatype) -> tuple[int, int]:
    """Lower and upper bound of an n-bit datatype; the generated tables always give both."""
    if dt.lower is None or dt.upper is None:
        raise RuntimeError("grammar table: n-bit datatype without both bounds")
    return dt.lower, dt.upper


def _is_empty(value: Any) -> bool:
    return isinstance(value, str | bytes | bytearray) and len(value) == 0


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {value!r}")
    return value


def _check_bounds(dt: _Datatype, number: int) -> None:
    if (dt.lower is not None and number < dt.lower) or (dt.upper is not None and number > dt.upper):
        raise ValueError(f"{number} outside the schema's bounds {dt.lower}..{dt.upper}")


def _check_length(dt: _Datatype, length: int, what: str) -> None:
    if dt.max_length is not None and length > dt.max_length:
        raise ValueError(f"{what} length {length} above maxLength {dt.max_length}")
    if dt.min_length is not None and length < dt.min_length:
        raise ValueError(f"{what} length {length} below minLength {dt.min_length}")
