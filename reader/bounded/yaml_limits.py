"""YAML with limits: front matter and the config are untrusted, and YAML can explode.

A few hundred bytes of anchors and aliases expand into gigabytes once anything walks the
result (the "billion laughs"), and deep nesting exhausts the stack. Before anything is built,
the text is checked against a size limit, then its event stream (PyYAML's parser keeps its
own stack, so this pass cannot recurse) against a nesting limit and a node count, then the
composed node graph against a budget of nodes and characters *with every alias expanded*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class YamlLimits:
    max_chars: int
    max_depth: int
    max_nodes: int  # counting every alias as a full copy of what it names
    max_expanded_chars: int  # scalar characters, aliases expanded


FRONT_MATTER_LIMITS = YamlLimits(
    max_chars=64 * 1024, max_depth=32, max_nodes=10_000, max_expanded_chars=256 * 1024
)
CONFIG_LIMITS = YamlLimits(
    max_chars=256 * 1024, max_depth=32, max_nodes=20_000, max_expanded_chars=1024 * 1024
)


class YamlLimitError(yaml.YAMLError):
    """The YAML is over one of the limits; ``line`` is 0-based like PyYAML's marks."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


def compose(text: str, limits: YamlLimits) -> yaml.Node | None:
    """The node graph of one YAML document, or raise YAMLError (YamlLimitError over a limit)."""
    if len(text) > limits.max_chars:
        raise YamlLimitError(
            f"longer than {limits.max_chars:,} characters ({len(text):,}); not read"
        )
    _check_events(text, limits)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        _Budget(limits).walk(root)
    return root


def construct(node: yaml.Node) -> Any:
    """Python values of a node checked by :func:`compose`."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load(text: str, limits: YamlLimits) -> Any:
    root = compose(text, limits)
    return None if root is None else construct(root)


def _check_events(text: str, limits: YamlLimits) -> None:
    depth = 0
    nodes = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            nodes += 1
            if depth > limits.max_depth:
                raise YamlLimitError(
                    f"nested deeper than {limits.max_depth} levels", event.start_mark
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            nodes += 1
        if nodes > limits.max_nodes:
            raise YamlLimitError(f"more than {limits.max_nodes:,} values", event.start_mark)


class _Budget:
    """Walks the node graph as if every alias were a copy, stopping at the first overrun.

    Sizes of nodes already walked are remembered, so the walk itself stays linear in the
    number of distinct nodes whatever the aliases multiply."""

    def __init__(self, limits: YamlLimits) -> None:
        self.limits = limits
        self.sizes: dict[int, tuple[int, int, int]] = {}  # id -> (nodes, chars, height)
        self.open: set[int] = set()

    def walk(self, node: yaml.Node) -> tuple[int, int, int]:
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in self.open:
            raise YamlLimitError("an alias refers to the value it is part of", node.start_mark)
        nodes, chars, height = 1, 0, 1
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        else:
            self.open.add(id(node))
            children: list[yaml.Node] = []
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    children += (key, value)
            elif isinstance(node, yaml.SequenceNode):
                children = list(node.value)
            for child in children:
                child_nodes, child_chars, child_height = self.walk(child)
                nodes += child_nodes
                chars += child_chars
                height = max(height, child_height + 1)
                self._check(nodes, chars, height, node)
            self.open.discard(id(node))
        self._check(nodes, chars, height, node)
        self.sizes[id(node)] = (nodes, chars, height)
        return nodes, chars, height

    def _check(self, nodes: int, chars: int, height: int, node: yaml.Node) -> None:
        limits = self.limits
        if nodes > limits.max_nodes:
            problem = f"aliases expand to more than {limits.max_nodes:,} values"
        elif chars > limits.max_expanded_chars:
            problem = f"aliases expand to more than {limits.max_expanded_chars:,} characters"
        elif height > limits.max_depth:
            problem = f"nested deeper than {limits.max_depth} levels (through aliases)"
        else:
            return
        raise YamlLimitError(problem, node.start_mark)
