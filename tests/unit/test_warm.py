"""Worker-thread imports go through views/warm.py, and its warm-up covers every Qt type they use.

Two threads making PySide6 types at the same time crash the process (see views/warm.py). The
first test finds every place in the code that hands an importing function to a worker thread and
fails unless it goes through warm.py (or warms up first); the second imports, in a fresh process
after ``warm_now``, everything those places import, and fails if that makes any Qt type or loads a
PySide6 module (which would then happen in a worker thread).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "homelog_desktop"


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _name(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _imported(node: ast.AST, module: str) -> set[str] | None:
    """The modules that ``node`` (a function or lambda of ``module``) imports; None if it imports a
    module named at run time (importlib.import_module of a variable)."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for inner in ast.walk(node):
        if isinstance(inner, ast.Import):
            found.update(alias.name for alias in inner.names)
        elif isinstance(inner, ast.ImportFrom):
            base = package.rsplit(".", inner.level - 1)[0] if inner.level > 1 else package
            if inner.level == 0:
                base = inner.module or ""
            elif inner.module:
                base = f"{base}.{inner.module}"
            found.add(base)
            if inner.module is None:
                found.update(f"{base}.{alias.name}" for alias in inner.names)
        elif isinstance(inner, ast.Call) and _name(inner.func) == "import_module":
            return None
    return found


def _handed_to_worker(call: ast.Call) -> tuple[ast.AST, list[ast.expr]] | None:
    """The function that ``call`` runs in a worker thread and its arguments, if it is such a call."""
    called = _name(call.func)
    if called == "to_thread" and call.args:
        return call.args[0], call.args[1:]
    if called == "run_in_executor" and len(call.args) > 1:
        return call.args[1], call.args[2:]
    if called == "Thread":
        target = next((k.value for k in call.keywords if k.arg == "target"), None)
        return (target, []) if target is not None else None
    return None


class Scan:
    """Where the code imports in a worker thread, read from its source."""

    def __init__(self) -> None:
        #: Call sites that import in a worker thread, skip the warm-up and name no module we can check.
        self.unchecked: list[str] = []
        #: Modules imported in a worker thread without the warm-up (so they must not use PySide6).
        self.unwarmed: set[str] = set()
        #: Modules imported and functions run through views.warm (after the warm-up).
        self.modules: list[str] = []
        self.functions: list[tuple[str, str]] = []
        parameter_sites: list[tuple[str, str, int]] = []  # (function, where, index of the module parameter)
        calls: list[tuple[ast.Call, dict[str, str]]] = []
        for path in sorted(PACKAGE.rglob("*.py")):
            self._scan_file(path, parameter_sites, calls)
        for function, where, index in parameter_sites:
            named = [
                self._string(call.args[index], constants)
                for call, constants in calls
                if _name(call.func) == function and len(call.args) > index
            ]
            if not named or None in named:
                self.unchecked.append(where)
            self.unwarmed.update(name for name in named if name is not None)

    @staticmethod
    def _string(node: ast.AST, constants: dict[str, str]) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return constants.get(node.id)
        return None

    def _scan_file(
        self, path: Path, parameter_sites: list[tuple[str, str, int]], calls: list[tuple[ast.Call, dict[str, str]]]
    ) -> None:
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "views/warm.py":
            return
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign | ast.AnnAssign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        functions = {
            node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            calls.append((call, constants))
            called = _name(call.func)
            if called in ("import_in_worker", "import_while_responsive"):
                self.modules.extend(m for m in (self._string(a, constants) for a in call.args) if m is not None)
            if called == "run_in_worker" and isinstance(call.args[0], ast.Name):
                self.functions.append((module, call.args[0].id))
            handed = _handed_to_worker(call)
            if handed is None:
                continue
            fn, args = handed
            enclosing: ast.AST | None = call
            while enclosing is not None and not isinstance(enclosing, ast.FunctionDef | ast.AsyncFunctionDef):
                enclosing = parents.get(enclosing)
            if enclosing is not None and any(
                isinstance(node, ast.Call) and _name(node.func) in ("warm_now", "warmed")
                for node in ast.walk(enclosing)
            ):
                continue  # warms up first
            where = f"{rel}:{call.lineno}"
            if _name(fn) == "import_module":
                name = self._string(args[0], constants) if args else None
                if name is not None:
                    self.unwarmed.add(name)
                elif (
                    isinstance(enclosing, ast.FunctionDef | ast.AsyncFunctionDef)
                    and args
                    and isinstance(args[0], ast.Name)
                    and args[0].id in [a.arg for a in enclosing.args.args]
                ):
                    index = [a.arg for a in enclosing.args.args].index(args[0].id)
                    parameter_sites.append((enclosing.name, where, index))
                else:
                    self.unchecked.append(where)
                continue
            body = fn if isinstance(fn, ast.Lambda) else functions.get(_name(fn) or "")
            if body is None:
                continue  # a function of another module or object: not an import of this code
            imported = _imported(body, module)
            if imported is None:
                self.unchecked.append(where)
            else:
                self.unwarmed.update(imported)


def test_every_worker_thread_import_is_checked():
    scan = Scan()
    assert scan.unchecked == [], (
        "These import a module named at run time in a worker thread: use views.warm.import_in_worker "
        "or run_in_worker (a worker thread making PySide6 types crashes when the GUI thread makes one too)"
    )
    # The scan sees the call sites (else the tests below would check nothing).
    assert "homelog_desktop.viewmodels.importing" in scan.modules
    assert "homelog_desktop.views.reports_page" in scan.modules
    assert ("homelog_desktop.views.reports_page", "_import_charts") in scan.functions
    assert "homelog_desktop.services.dashboard" in scan.unwarmed


_CHECK = r"""
import importlib, json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
import homelog_desktop.views.main  # the window, as at start-up (on the GUI thread)
from homelog_desktop.views.warm import warm_now
warm_now(app.processEvents)

def made():
    return {n: sorted(vars(m)) for n, m in list(sys.modules.items()) if n.startswith("PySide6.")}

modules, functions = json.loads(sys.argv[1])
before = made()
for name in modules:
    importlib.import_module(name)
for module, function in functions:
    getattr(importlib.import_module(module), function)()
after = made()
new = {n: sorted(set(names) - set(before.get(n, ()))) for n, names in after.items()}
made_late = {n: names for n, names in new.items() if names}
print(json.dumps({"made_late": made_late}))
"""

_NO_QT = r"""
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(n for n in sys.modules if n.startswith("PySide6"))))
"""


def _run(code: str, argument: object) -> object:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(PACKAGE.parent))
    done = subprocess.run(
        [sys.executable, "-c", code, json.dumps(argument)],
        env=env,
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_after_the_warm_up_the_worker_imports_make_no_qt_type():
    scan = Scan()
    result = _run(_CHECK, [scan.modules, scan.functions])
    assert isinstance(result, dict)
    assert result["made_late"] == {}, (
        "These PySide6 types (or modules) would be made in a worker thread: add the module to views.warm.QT_MODULES"
    )


def test_the_worker_imports_that_skip_the_warm_up_use_no_qt():
    """Modules imported in a worker thread without the warm-up must not load PySide6 at all."""
    modules = sorted(Scan().unwarmed)
    assert _run(_NO_QT, modules) == [], f"one of {modules} uses PySide6: import it through views.warm"
