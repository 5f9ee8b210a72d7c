from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE_MODULES = [
    "reader",
    "reader.documents",
    "reader.store",
    "reader.text.segment",
    "reader.text.sanitize",
    "reader.facts",
    "reader.cli",
]


def test_core_never_imports_textual() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "from reader.cli import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_importing_the_core_does_not_load_jieba() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "print('jieba' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


UI = Path(__file__).resolve().parent.parent / "reader" / "ui"


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) == name or getattr(node.func, "id", None) == name)
    ]


def test_workers_start_only_through_tasks_start() -> None:
    """The convention that keeps workers away from UI state: `tasks.start` is the one place
    that calls run_worker (thread, exclusive, exit_on_error=False), and no @work is used."""
    for path in sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        decorators = [
            ast.unparse(d)
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            for d in node.decorator_list
        ]
        assert not any(d.split("(")[0] in ("work", "textual.work") for d in decorators), path
        if path.name != "tasks.py":
            assert not _calls(tree, "run_worker"), f"{path.name} starts a worker itself"
    [call] = _calls(ast.parse((UI / "tasks.py").read_text(encoding="utf-8")), "run_worker")
    keywords = {
        k.arg: ast.literal_eval(k.value)
        for k in call.keywords
        if k.arg != "name" and k.arg != "group"
    }  # noqa: E501
    assert keywords == {"thread": True, "exclusive": True, "exit_on_error": False}


def test_tasks_take_plain_values_and_assign_nothing_outside() -> None:
    """A task gets the library and values, never a widget, and assigns no attribute of
    anything: its only way out is the message it returns (or posts, for progress)."""
    tree = ast.parse((UI / "tasks.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [arg.arg for arg in node.args.args]
            assert "self" not in names, node.name
            for arg in node.args.args:
                annotation = ast.unparse(arg.annotation) if arg.annotation else ""
                assert not any(w in annotation for w in ("Screen", "Widget", "App")), node.name
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            assert not any(isinstance(t, ast.Attribute) for t in targets), ast.unparse(node)
