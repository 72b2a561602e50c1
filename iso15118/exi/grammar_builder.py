"""Builds EXI 1.0 schema-informed grammars (section 8.5) from a SchemaSet.

Generator-time only. Each type's grammar is built as an epsilon-NFA from its attribute
uses and particles, then made deterministic by subset construction (the spec's
normalisation, 8.5.4.2), and its productions are put in event-code order (8.5.4.3):
AT(qname) by local name then uri, AT(*), SE(qname) in schema order, SE(uri:*), SE(*), EE,
CH. The undeclared productions of non-strict mode (8.5.4.4) are not materialised; the
codec only accounts for the escape code they reserve at the first level.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeAlias

from iso15118.exi.xsd_model import (
    STRING,
    UNBOUNDED,
    Datatype,
    ElementDecl,
    Particle,
    QName,
    SchemaSet,
    TypeKey,
)

# Event kinds as stored in the generated tables.
SE, AT, CH, EE, SE_ANY, AT_ANY, CH_UNTYPED, ED, SE_NS = range(9)

# Rows of the generated tables (written by generate.py, read by codec.Grammar).
# (kind, lower, upper, enumeration values, minLength, maxLength), as in Datatype.
DatatypeRow: TypeAlias = tuple[str, int | None, int | None, tuple[str, ...], int | None, int | None]
# (event kind, qname index, datatype index, next state, element grammar state, is-list
# flag); -1 where there is none.
ProductionRow: TypeAlias = tuple[int, int, int, int, int, int]
StateRow: TypeAlias = tuple[int, tuple[ProductionRow, ...]]  # (escape flag, productions)


# (kind, qname|None, datatype|None, element grammar start state|None). SE_NS carries
# (uri, "") as its qname.
Terminal: TypeAlias = tuple[int, QName | None, Datatype | None, int | None]


@dataclass
class State:
    """One deterministic grammar state; productions in event-code order."""

    productions: list[tuple[Terminal, int | None]] = field(default_factory=list)
    escape: bool = True  # non-strict element grammars reserve one first-level code


class _Nfa:
    def __init__(self) -> None:
        self.eps: list[list[int]] = []
        self.edges: list[list[tuple[Terminal, int]]] = []

    def new(self) -> int:
        self.eps.append([])
        self.edges.append([])
        return len(self.eps) - 1

    def closure(self, states: Iterable[int]) -> frozenset[int]:
        seen = set(states)
        stack = list(seen)
        while stack:
            for target in self.eps[stack.pop()]:
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return frozenset(seen)


class GrammarBuilder:
    """Collects all states of one schema set: document, fragment and type grammars."""

    def __init__(self, schema: SchemaSet, max_unrolled_occurs: int) -> None:
        """max_unrolled_occurs: largest bounded maxOccurs unrolled into distinct states;
        larger ones loop like unbounded. EXIficient's compiled -2 grammar unrolls up to 10
        (16 loops), its -20 grammar up to 128 (1024 loops): measured, see docs/exi.md."""
        self.schema = schema
        self.max_unrolled_occurs = max_unrolled_occurs
        self.state_type: dict[int, TypeKey] = {}
        self.states: list[State] = []
        self._type_start: dict[TypeKey, int] = {}
        self._pending: list[tuple[TypeKey, int]] = []
        self._end = self._add(State(escape=False))  # after EE / ED: no productions
        self._order: dict[Terminal, tuple[int, int]] = {}
        self.list_children: dict[TypeKey, set[QName]] = {}

    def _add(self, state: State) -> int:
        self.states.append(state)
        return len(self.states) - 1

    # -- element grammars ---------------------------------------------------------------
    def type_grammar(self, key: TypeKey) -> int:
        """Start state of the grammar of a type (shared by all its elements)."""
        if key not in self._type_start:
            self._type_start[key] = self._add(State())  # reserved, filled in build_pending
            self._pending.append((key, self._type_start[key]))
        return self._type_start[key]

    def build_pending(self) -> None:
        while self._pending:
            key, slot = self._pending.pop(0)
            self._build_type(key, slot)

    def _build_type(self, key: TypeKey, slot: int) -> None:
        info = self.schema.complex_info(key)
        self._order = {}  # schema order is local to the type being built
        nfa = _Nfa()
        start = nfa.new()
        current = start
        for use in info.attributes:
            target = nfa.new()
            nfa.edges[current].append(((AT, use.qname, use.datatype, None), target))
            if not use.required:
                nfa.eps[current].append(target)
            current = target
        if info.attribute_wildcard:
            nfa.edges[current].append(((AT_ANY, None, None, None), current))
        first_content = len(nfa.eps)
        if info.content == "simple":
            target = nfa.new()
            nfa.edges[current].append(((CH, None, info.datatype, None), target))
            current = target
        elif info.content == "elements":
            assert info.particle is not None
            entry, exit_ = self._particle(nfa, info.particle)
            nfa.eps[current].append(entry)
            current = exit_
            self.list_children[key] = _multi_valued(info.particle)
        if info.mixed:
            for state in range(first_content, len(nfa.eps)):
                nfa.edges[state].append(((CH_UNTYPED, None, None, None), state))
            if info.content == "empty":
                nfa.edges[current].append(((CH_UNTYPED, None, None, None), current))
        nfa.edges[current].append(((EE, None, None, None), -1))
        self._determinise(nfa, start, slot, key)

    def _particle(self, nfa: _Nfa, particle: Particle) -> tuple[int, int]:
        entry = nfa.new()
        current = entry
        for _ in range(particle.min_occurs):
            term_entry, term_exit = self._term(nfa, particle)
            nfa.eps[current].append(term_entry)
            current = term_exit
        # EXIficient unrolls small bounded maxOccurs exactly but treats large ones as
        # unbounded (the grammar keeps offering the element after the maximum); the
        # threshold was measured against its compiled grammars (see docs/exi.md).
        if particle.max_occurs == UNBOUNDED or particle.max_occurs > self.max_unrolled_occurs:
            loop = nfa.new()
            nfa.eps[current].append(loop)
            term_entry, term_exit = self._term(nfa, particle)
            nfa.eps[loop].append(term_entry)
            nfa.eps[term_exit].append(loop)
            return entry, loop
        end = nfa.new()
        for _ in range(particle.max_occurs - particle.min_occurs):
            term_entry, term_exit = self._term(nfa, particle)
            nfa.eps[current].append(term_entry)
            nfa.eps[current].append(end)
            current = term_exit
        nfa.eps[current].append(end)
        return entry, end

    def _term(self, nfa: _Nfa, particle: Particle) -> tuple[int, int]:
        entry, exit_ = nfa.new(), nfa.new()
        if particle.kind == "element":
            assert particle.element is not None
            for rank, decl in enumerate(self._substitutes(particle.element)):
                terminal: Terminal = (SE, decl.qname, None, self.type_grammar(decl.type_key))
                order = (particle.order, rank)
                self._order[terminal] = min(self._order.get(terminal, order), order)
                nfa.edges[entry].append((terminal, exit_))
        elif particle.kind == "any":
            if particle.wildcard_uris is None:
                nfa.edges[entry].append(((SE_ANY, None, None, None), exit_))
            else:
                for uri in particle.wildcard_uris:
                    terminal = (SE_NS, (uri, ""), None, None)
                    self._order.setdefault(terminal, (particle.order, 0))
                    nfa.edges[entry].append((terminal, exit_))
        elif particle.kind == "sequence":
            current = entry
            for child in particle.children:
                child_entry, child_exit = self._particle(nfa, child)
                nfa.eps[current].append(child_entry)
                current = child_exit
            nfa.eps[current].append(exit_)
        else:  # choice
            for child in particle.children:
                child_entry, child_exit = self._particle(nfa, child)
                nfa.eps[entry].append(child_entry)
                nfa.eps[child_exit].append(exit_)
            if not particle.children:
                nfa.eps[entry].append(exit_)
        return entry, exit_

    def _substitutes(self, decl: ElementDecl) -> list[ElementDecl]:
        members = [decl] + [
            self.schema.global_element(q) for q in self.schema.substitutes.get(decl.qname, [])
        ]
        # Substitution group members sorted by local name, then uri (EXI 8.5.4.1.6).
        # EXIficient keeps abstract members (the head) in the list; so do we.
        return sorted(members, key=lambda m: (m.qname[1], m.qname[0]))

    def _determinise(self, nfa: _Nfa, start: int, slot: int, key: TypeKey) -> None:
        numbers: dict[frozenset[int], int] = {}
        work: list[frozenset[int]] = []

        def number(subset: frozenset[int]) -> int:
            if subset not in numbers:
                numbers[subset] = slot if not numbers else self._add(State())
                self.state_type[numbers[subset]] = key
                work.append(subset)
            return numbers[subset]

        number(nfa.closure([start]))
        while work:
            subset = work.pop(0)
            targets: dict[Terminal, set[int]] = {}
            for state in sorted(subset):
                for terminal, target in nfa.edges[state]:
                    targets.setdefault(terminal, set()).add(target)
            productions: list[tuple[Terminal, int | None]] = []
            for terminal in sorted(targets, key=self._sort_key):
                if terminal[0] == EE:
                    productions.append((terminal, None))
                else:
                    productions.append((terminal, number(nfa.closure(targets[terminal]))))
            self.states[numbers[subset]].productions = productions

    def _sort_key(self, terminal: Terminal) -> tuple[int | str, ...]:
        kind, qname = terminal[0], terminal[1]
        if kind == AT:
            if qname is None:
                raise RuntimeError(f"AT production without a qname: {terminal!r}")
            return (0, qname[1], qname[0])
        if kind == AT_ANY:
            return (2,)
        if kind == SE:
            return (3, *self._order[terminal])
        if kind == SE_NS:
            return (4, *self._order[terminal])
        if kind == SE_ANY:
            return (5,)
        if kind == EE:
            return (6,)
        return (7,)  # CH, CH_UNTYPED

    # -- document and fragment grammars -----------------------------------------------
    def document_content(self) -> int:
        globals_ = sorted(self.schema.elements, key=lambda q: (q[1], q[0]))
        state = State(escape=False)
        for qname in globals_:
            decl = self.schema.global_element(qname)
            state.productions.append(((SE, qname, None, self.type_grammar(decl.type_key)), -2))
        state.productions.append(((SE_ANY, None, None, None), -2))
        index = self._add(state)
        end = self._add(State(escape=False, productions=[((ED, None, None, None), None)]))
        state.productions = [(t, end) for t, _ in state.productions]
        return index

    def _visit_all_types(self) -> None:
        """Parses every type once, so local element and attribute declarations are known."""
        keys: list[TypeKey] = [("named", *q) for q in self.schema.complex_types]
        keys += [self.schema.global_element(q).type_key for q in self.schema.elements]
        seen: set[TypeKey] = set()
        visited_locals = 0
        while keys:
            key = keys.pop()
            if key in seen or self.schema.is_simple(key):
                continue
            seen.add(key)
            self.schema.complex_info(key)
            local = self.schema.local_declarations
            keys += [decl.type_key for decl in local[visited_locals:]]
            visited_locals = len(local)

    def fragment_content(self) -> int:
        self._visit_all_types()
        declarations: dict[QName, set[TypeKey]] = {}
        for qname in self.schema.elements:
            declarations.setdefault(qname, set()).add(self.schema.global_element(qname).type_key)
        for decl in self.schema.local_declarations:
            declarations.setdefault(decl.qname, set()).add(decl.type_key)
        names = sorted(declarations, key=lambda q: (q[1], q[0]))
        state = State(escape=False)
        index = self._add(state)
        element_fragment = self._element_fragment(names, declarations)
        for qname in names:
            keys = declarations[qname]
            grammar = self.type_grammar(next(iter(keys))) if len(keys) == 1 else element_fragment
            state.productions.append(((SE, qname, None, grammar), index))
        state.productions.append(((SE_ANY, None, None, None), index))
        state.productions.append(((ED, None, None, None), None))
        return index

    def _element_fragment(self, names: list[QName], declarations: dict[QName, set[TypeKey]]) -> int:
        """EXI 8.5.3: the relaxed grammar for element names declared with several types."""
        attribute_types: dict[QName, set[Datatype]] = {}
        for qname, datatype in self.schema.attribute_declarations:
            attribute_types.setdefault(qname, set()).add(datatype)
        first, rest = self._add(State()), self._add(State())
        attributes = sorted(attribute_types, key=lambda q: (q[1], q[0]))
        productions: list[tuple[Terminal, int | None]] = []
        for qname in attributes:
            types = attribute_types[qname]
            datatype = next(iter(types)) if len(types) == 1 else STRING
            productions.append(((AT, qname, datatype, None), first))
        productions.append(((AT_ANY, None, None, None), first))
        content: list[tuple[Terminal, int | None]] = []
        for qname in names:
            keys = declarations[qname]
            grammar = self.type_grammar(next(iter(keys))) if len(keys) == 1 else first
            content.append(((SE, qname, None, grammar), rest))
        content.append(((SE_ANY, None, None, None), rest))
        content.append(((EE, None, None, None), None))
        content.append(((CH_UNTYPED, None, None, None), rest))
        self.states[first].productions = productions + content
        self.states[rest].productions = list(content)
        return first


def _multi_valued(particle: Particle) -> set[QName]:
    """Child element names that may occur more than once (their JSON value is a list)."""
    counts: dict[QName, int] = {}

    def walk(p: Particle, factor: int) -> None:
        high = 2 if p.max_occurs == UNBOUNDED else p.max_occurs
        weight = factor * high
        if p.kind == "element" and p.element is not None:
            counts[p.element.qname] = counts.get(p.element.qname, 0) + weight
        for child in p.children:
            walk(child, weight)

    walk(particle, 1)
    return {qname for qname, count in counts.items() if count > 1}
