"""No module imports itself round a loop: each one can be read, tested and moved on its own.

A package's ``__init__`` re-exports its modules' names, and those modules may import siblings
through the package: that is a façade, not a loop, so packages are left out. Every other import
counts, including those inside functions (grimp reads them all). The layer order itself is pinned
by the import-linter contracts in pyproject.toml (``make lint``).
"""

from __future__ import annotations

import importlib.util

import grimp


def _plain_modules(graph: grimp.ImportGraph) -> set[str]:
    def is_package(name: str) -> bool:
        spec = importlib.util.find_spec(name)
        return spec is not None and spec.submodule_search_locations is not None

    return {m for m in graph.modules if not is_package(m)}


def _loops(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_loop_finder_finds_a_loop() -> None:
    assert _loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _loops({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_round_a_loop() -> None:
    graph = grimp.build_graph("backcoach")
    plain = _plain_modules(graph)
    edges = {m: {b for b in graph.find_modules_directly_imported_by(m) if b in plain} for m in plain}
    assert _loops(edges) == []
