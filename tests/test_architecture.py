"""The shape of the code, checked: no import cycles anywhere in the container, and the layer
contracts of pyproject.toml (also run by `lint-imports` in scripts/test.sh) hold.

A cycle hides which module depends on which; the issue that restructured the product found
them hidden in function-level imports (csms/cli.py <-> the domain CLIs, the console's web.py
<-> its pages, the OCPP server <-> its handlers). grimp reads every import, function-level
and TYPE_CHECKING ones included, so none can hide again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

PACKAGES = ("pki", "iso15118", "contracts", "auth", "csms", "policies", "certs")
ROOT = Path(__file__).resolve().parents[1]


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively (the graph has hundreds of modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _import_graph() -> dict[str, set[str]]:
    built = grimp.build_graph(*PACKAGES, include_external_packages=False)
    return {
        module: set(built.find_modules_directly_imported_by(module)) for module in built.modules
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or through others. A package's
    __init__ re-exporting from its own submodules is not a cycle of the code's design, so a
    package and its own submodules' imports of it are left out."""
    trimmed = {
        module: {
            target
            for target in targets
            if not (module.startswith(target + ".") and target in graph)  # submodule -> its package
        }
        for module, targets in graph.items()
    }
    return [sorted(c) for c in _strongly_connected(trimmed) if len(c) > 1]


def test_the_finder_finds_a_cycle() -> None:
    """The check itself can fail: a made-up graph with a cycle is reported."""
    assert _cycles({"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "a.w": {"a.x"}}) == [
        ["a.x", "a.y", "a.z"]
    ]


def test_no_import_cycles() -> None:
    cycles = _cycles(_import_graph())
    assert cycles == [], "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_layer_contracts_hold() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
