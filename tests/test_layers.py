"""Dependencies flow one way, and the test that says so can fail.

Every `.py` under `optimiser/` is parsed with `ast`; every import counts (`import x`, `import x.y as z`,
`from x import y`, relative imports of any level, absolute `optimiser.` imports, imports inside functions).
A module may import a module of a lower layer, a module of its own layer only if the pair is listed in
`WITHIN_LAYER`, and never one of a higher layer. Only the solver (`milp.py`, or the `milp/` package)
imports PuLP or HiGHS. A module missing from `LAYERS`, or an entry of `LAYERS` that does not exist, fails.
docs/design.md's table of modules names exactly the modules of the package.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

import optimiser

# -- the declared layers: edit here when a module is added, moved or split -----------------------------------
# Lowest first; a module may import any module of a layer above it in this list (a lower layer).
# An entry is a top-level module (`errors` for errors.py) or a sub-package (`report` for report/), whose
# inside is free: its modules may import each other; what they import from outside is checked against the
# sub-package's layer. `__init__` is the package itself (`from optimiser import __version__`).
LAYERS: list[list[str]] = [
    ["__init__", "constants", "errors", "identifiers", "excel_format", "formatting", "expressions", "strict",
     "synthetic", "messages"],
    ["models", "milp", "reasons"],
    ["territory", "state_aid", "scoring"],
    ["loading", "indicators", "checker"],
    ["rules"],
    ["config", "formulation", "catalogue"],
    ["feasibility"],
    ["allocation"],
    ["scenarios"],
    ["study"],
    ["comparison", "sensitivity", "whatif", "decision"],
    ["analysis"],
    ["report"],
    ["app"],
    ["process", "cli", "__main__"],
]
# Imports allowed within one layer, (importer, imported); every other import within a layer fails.
WITHIN_LAYER: list[tuple[str, str]] = [
    ("__main__", "cli"),
    ("cli", "process"),  # the commands, and how the process ends (exit codes, signals)
    # the lowest layer words its errors: every module of it may say a message, which formats its numbers
    ("messages", "formatting"),
    *((name, "messages") for name in ("errors", "identifiers", "excel_format", "expressions", "strict")),
]
# Imports under `if TYPE_CHECKING:` (for annotations only, never run) that may go up or sideways, listed like
# WITHIN_LAYER; every other type-only import is checked as any import is.
TYPE_ONLY: list[tuple[str, str]] = [
    ("reasons", "rules"),  # a Reason names the rules that bound it; rules build Reasons
]
SOLVER = "milp"                        # the only entry that may import the solver libraries
SOLVER_LIBRARIES = {"pulp", "highspy"}
NOT_IN_DESIGN_TABLE = {"__init__", "__main__"}  # the package itself and its entry point have no row

PACKAGE = Path(optimiser.__file__).parent
DESIGN = PACKAGE.parent / "docs" / "design.md"


# -- the checker ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Import:
    importer: str      # dotted module name inside the package ("report.html", "cli", "" for __init__)
    target: str        # what is imported, absolute ("optimiser.report.charts", "pulp.apis")
    line: int
    type_only: bool = False  # under `if TYPE_CHECKING:`


def module_name(root: Path, path: Path) -> str:
    """`report/html.py` -> "report.html"; `loading/__init__.py` -> "loading"; `__init__.py` -> ""."""
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(root: Path, module: str) -> bool:
    """A folder of modules, with or without an `__init__.py`."""
    return root.joinpath(*module.split(".")).is_dir() if module else True


def exists(root: Path, dotted: str) -> bool:
    """Whether `dotted` (inside the package, "" for the package) is a module or a sub-package of `root`."""
    if not dotted:
        return True
    base = root.joinpath(*dotted.split("."))
    return base.with_suffix(".py").exists() or (base.is_dir() and any(base.rglob("*.py")))


def imports_of(root: Path, path: Path, source: str | None = None) -> list[Import]:
    """Every import in one file, with relative ones resolved against its package."""
    package_name = root.name
    module = module_name(root, path)
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"), str(path))
    # The package a relative import starts from: the module's own package (itself, for an __init__).
    here = module.split(".") if module and is_package(root, module) else module.split(".")[:-1]
    here = [p for p in here if p]
    type_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and is_type_checking(node.test)
                 for statement in node.body for inner in ast.walk(statement)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, node.lineno, id(node) in type_only) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level - 1 > len(here):
                    found.append(Import(module, "." * node.level + (node.module or ""), node.lineno,
                                        id(node) in type_only))
                    continue
                base = [package_name, *here[:len(here) - (node.level - 1)]]
                base_name = ".".join(base + ([node.module] if node.module else []))
            else:
                base_name = node.module or ""
            for alias in node.names:
                # `from optimiser import cli` imports the module cli; `from optimiser import __version__`
                # imports a name of the package itself.
                candidate = f"{base_name}.{alias.name}"
                inside = candidate.split(".")[1:] if candidate.split(".")[0] == package_name else None
                is_module = inside is not None and alias.name != "*" and exists(root, ".".join(inside))
                found.append(Import(module, candidate if is_module else base_name, node.lineno, id(node) in type_only))
    return found


def is_type_checking(test: ast.expr) -> bool:
    """`TYPE_CHECKING` or `typing.TYPE_CHECKING`."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def entry_of(module: str) -> str:
    """The entry of `LAYERS` a module belongs to: its top-level name, `__init__` for the package itself."""
    return module.split(".")[0] if module else "__init__"


def check_package(root: Path, layers: Sequence[Sequence[str]], within: Sequence[tuple[str, str]],
                  solver: str = SOLVER, sources: dict[str, str] | None = None,
                  type_only: Sequence[tuple[str, str]] = ()) -> list[str]:
    """Every break of the layering in the package at `root`, one line each; [] when it is honoured.

    `sources` maps a file's path relative to `root` to its text, to check text that is not on disk.
    """
    package_name = root.name
    layer = {name: i for i, names in enumerate(layers) for name in names}
    allowed = set(within)
    annotations_only, seen_type_only = set(type_only), set()
    problems = []
    files = {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*.py"))}
    texts = {rel: None for rel in files} | dict(sources or {})
    present = set()
    for rel in sorted(texts):
        path = root / rel
        module = module_name(root, path)
        mine = entry_of(module)
        if mine not in layer:
            if mine not in present:
                problems.append(f"{rel}: module {mine!r} is in no layer (add it to LAYERS)")
            present.add(mine)
            continue
        present.add(mine)
        for imp in sorted(set(imports_of(root, path, texts[rel])), key=lambda i: (i.line, i.target)):
            where = f"{rel}:{imp.line}"
            top = imp.target.split(".")[0]
            if top in SOLVER_LIBRARIES:
                if mine != solver:
                    problems.append(f"{where}: {module or package_name} imports {imp.target}; only {solver} "
                                    "may import the solver libraries")
                continue
            if imp.target.startswith("."):
                problems.append(f"{where}: relative import {imp.target} goes above the package")
                continue
            if top != package_name:
                continue  # the standard library or a third-party package
            inside = ".".join(imp.target.split(".")[1:])
            theirs = entry_of(inside)
            if not exists(root, inside):
                problems.append(f"{where}: {module or package_name} imports {imp.target}, which does not exist")
            elif theirs == mine:
                continue  # inside one module or one sub-package
            elif imp.type_only and (mine, theirs) in annotations_only:
                seen_type_only.add((mine, theirs))
            elif theirs not in layer:
                problems.append(f"{where}: {module or package_name} imports {imp.target}, in no layer")
            elif layer[theirs] > layer[mine]:
                problems.append(f"{where}: {mine} (layer {layer[mine]}) imports {imp.target} from a higher "
                                f"layer ({layer[theirs]})")
            elif layer[theirs] == layer[mine] and (mine, theirs) not in allowed:
                problems.append(f"{where}: {mine} imports {imp.target} from its own layer ({layer[mine]}), "
                                "a pair not listed in WITHIN_LAYER")
    problems += [f"LAYERS names {name!r}, which is no module of {package_name}" for name in layer
                 if name not in present]
    problems += [f"WITHIN_LAYER lists {pair}, not two modules of one layer" for pair in within
                 if not (pair[0] in layer and pair[1] in layer and layer[pair[0]] == layer[pair[1]])]
    problems += [f"TYPE_ONLY lists {pair}, which is no `if TYPE_CHECKING:` import" for pair in type_only
                 if pair not in seen_type_only]
    return problems


# -- the real package ----------------------------------------------------------------------------------------

def test_imports_flow_one_way() -> None:
    assert check_package(PACKAGE, LAYERS, WITHIN_LAYER, type_only=TYPE_ONLY) == []


def test_the_checker_sees_the_real_imports() -> None:
    """A guard against a checker that finds nothing: known imports of the tree are found and resolved."""
    found = {(i.importer, i.target) for p in PACKAGE.rglob("*.py") for i in imports_of(PACKAGE, p)}
    assert ("__main__", "optimiser.cli") in found
    assert any(importer.startswith("report.") and target == "optimiser.allocation" for importer, target in found)
    assert {top for _, target in found if (top := target.split(".")[0]) in SOLVER_LIBRARIES} == SOLVER_LIBRARIES
    solver = {importer for importer, target in found if target.split(".")[0] in SOLVER_LIBRARIES}
    assert solver and {entry_of(m) for m in solver} == {SOLVER}


@pytest.mark.parametrize(("rel", "text", "expected"), [
    ("scoring.py", "from pulp import LpProblem\n", "scoring.py:1: scoring imports pulp; only milp may import"),
    ("models.py", "def f():\n    from optimiser.cli import main\n", "models.py:2: models (layer 1) imports "
                                                                     "optimiser.cli from a higher layer"),
    ("comparison.py", "from .whatif import frontier\n", "comparison.py:1: comparison imports optimiser.whatif "
                                                          "from its own layer"),
])
def test_the_real_table_catches_each_break(rel: str, text: str, expected: str) -> None:
    """The three breaks, written into a real module (in memory), are reported against the real table."""
    problems = check_package(PACKAGE, LAYERS, WITHIN_LAYER, sources={rel: text}, type_only=TYPE_ONLY)
    assert [p for p in problems if p.startswith(f"{rel}:")] == [p for p in problems if expected in p], problems
    assert any(expected in p for p in problems), problems


# -- the checker on broken packages: each break that matters is reported ---------------------------------

FAKE_LAYERS = [["__init__", "errors"], ["models", "milp"], ["loading", "scoring", "state_aid"], ["cli"]]
FAKE_WITHIN = [("scoring", "state_aid")]
FAKE_CLEAN = {
    "__init__.py": "__version__ = '0'\n",
    "errors.py": "",
    "models.py": "from . import errors\nfrom .errors import *\n",
    "milp.py": "import pulp\nfrom highspy import Highs\nfrom .errors import *\n",
    "loading/__init__.py": "from .reader import read\nfrom ..models import *\nimport optimiser.errors as e\n",
    "loading/reader.py": "from . import columns\nfrom .. import __version__\nfrom optimiser.loading import columns\n",
    "loading/columns.py": "def f():\n    from ..errors import Error\n",
    "scoring.py": "from .state_aid import cap\nfrom .models import *\nimport numpy\n",
    "state_aid.py": "import optimiser.models\n",
    "cli.py": "from optimiser import loading, scoring\nfrom .milp import solve\n",
}


def fake_package(tmp_path: Path) -> Path:
    """A small package named `optimiser` in tmp_path, holding FAKE_CLEAN."""
    root = tmp_path / "optimiser"
    for rel, text in FAKE_CLEAN.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems_with(tmp_path: Path, rel: str, text: str) -> list[str]:
    root = fake_package(tmp_path)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return check_package(root, FAKE_LAYERS, FAKE_WITHIN)


def test_a_clean_fake_package_passes(tmp_path: Path) -> None:
    assert check_package(fake_package(tmp_path), FAKE_LAYERS, FAKE_WITHIN) == []


@pytest.mark.parametrize(("rel", "text"), [
    ("loading/__init__.py", "from pulp import LpProblem\n"),
    ("scoring.py", "import pulp.apis as solvers\n"),
    ("models.py", "def solve():\n    import highspy\n"),
    ("cli.py", "from highspy import Highs\n"),
])
def test_a_solver_import_outside_the_solver_is_reported(tmp_path: Path, rel: str, text: str) -> None:
    problems = problems_with(tmp_path, rel, text)
    assert len(problems) == 1 and "only milp may import the solver libraries" in problems[0], problems


@pytest.mark.parametrize(("rel", "text", "target"), [
    ("models.py", "from optimiser.cli import main\n", "optimiser.cli"),
    ("models.py", "def f():\n    from optimiser.cli import main\n", "optimiser.cli"),
    ("errors.py", "import optimiser.loading.reader as r\n", "optimiser.loading.reader"),
    ("milp.py", "from optimiser import scoring\n", "optimiser.scoring"),
    ("loading/columns.py", "from ..cli import main\n", "optimiser.cli"),
    ("loading/columns.py", "from .. import cli\n", "optimiser.cli"),
])
def test_an_upward_import_is_reported(tmp_path: Path, rel: str, text: str, target: str) -> None:
    problems = problems_with(tmp_path, rel, text)
    assert len(problems) == 1 and f"imports {target} from a higher layer" in problems[0], problems


@pytest.mark.parametrize(("rel", "text", "target"), [
    ("state_aid.py", "from .scoring import total\n", "optimiser.scoring"),  # the listed pair, reversed
    ("loading/reader.py", "from ..scoring import total\n", "optimiser.scoring"),
    ("milp.py", "import optimiser.models\n", "optimiser.models"),
    ("scoring.py", "def f():\n    from optimiser.loading import read\n", "optimiser.loading"),
])
def test_an_unlisted_import_within_a_layer_is_reported(tmp_path: Path, rel: str, text: str, target: str) -> None:
    problems = problems_with(tmp_path, rel, text)
    assert len(problems) == 1 and f"imports {target} from its own layer" in problems[0], problems


def test_a_module_in_no_layer_and_a_stale_entry_are_reported(tmp_path: Path) -> None:
    root = fake_package(tmp_path)
    (root / "study.py").write_text("", encoding="utf-8")
    (root / "state_aid.py").unlink()
    problems = check_package(root, FAKE_LAYERS, FAKE_WITHIN)
    assert any("study.py: module 'study' is in no layer" in p for p in problems), problems
    assert any("LAYERS names 'state_aid', which is no module" in p for p in problems), problems


def test_an_import_of_a_module_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "cli.py", "from .scoring import total\nfrom .loading.gone import x\n")
    assert problems == ["cli.py:2: cli imports optimiser.loading.gone, which does not exist"], problems


def test_a_type_only_import_goes_up_only_when_listed(tmp_path: Path) -> None:
    root = fake_package(tmp_path)
    text = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .cli import App\n"
    (root / "models.py").write_text(text, encoding="utf-8")
    problems = check_package(root, FAKE_LAYERS, FAKE_WITHIN)
    assert len(problems) == 1 and "models.py:3: models (layer 1) imports optimiser.cli from a higher" in problems[0]
    assert check_package(root, FAKE_LAYERS, FAKE_WITHIN, type_only=[("models", "cli")]) == []
    (root / "models.py").write_text(text.replace("if TYPE_CHECKING:\n   ", "if True:\n   "), encoding="utf-8")
    problems = check_package(root, FAKE_LAYERS, FAKE_WITHIN, type_only=[("models", "cli")])
    assert any("higher layer" in p for p in problems) and any("TYPE_ONLY lists" in p for p in problems), problems


def test_the_solver_may_be_a_package(tmp_path: Path) -> None:
    root = fake_package(tmp_path)
    (root / "milp.py").unlink()
    (root / "milp").mkdir()
    (root / "milp" / "__init__.py").write_text("from .highs import solve\n", encoding="utf-8")
    (root / "milp" / "highs.py").write_text("import highspy\nimport pulp\nfrom ..errors import *\n", encoding="utf-8")
    assert check_package(root, FAKE_LAYERS, FAKE_WITHIN) == []


def test_sources_given_as_text_are_checked(tmp_path: Path) -> None:
    root = fake_package(tmp_path)
    problems = check_package(root, FAKE_LAYERS, FAKE_WITHIN, sources={"errors.py": "from .cli import main\n"})
    assert len(problems) == 1 and "errors.py:1" in problems[0], problems


# -- docs/design.md's table of modules ---------------------------------------------------------------------

def design_table_modules(text: str) -> list[str]:
    """The first cells of the Markdown table whose header is `| module | job |`, as entries of LAYERS."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.fullmatch(r"\|\s*module\s*\|\s*job\s*\|", line.strip()))
    names = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cell = line.split("|")[1].strip()
        match = re.fullmatch(r"`([A-Za-z_][A-Za-z0-9_]*)(\.py|/)`", cell)
        assert match, f"docs/design.md: the module cell {cell!r} is not `name.py` or `name/`"
        names.append(match.group(1))
    return names


def package_entries(root: Path) -> set[str]:
    return {entry_of(module_name(root, p)) for p in root.rglob("*.py")}


def test_the_design_doc_lists_exactly_the_modules() -> None:
    documented = design_table_modules(DESIGN.read_text(encoding="utf-8"))
    actual = package_entries(PACKAGE) - NOT_IN_DESIGN_TABLE
    assert sorted(actual - set(documented)) == [], "modules missing from docs/design.md's table"
    assert sorted(set(documented) - actual) == [], "docs/design.md's table names modules that do not exist"
    assert len(documented) == len(set(documented)), "docs/design.md's table names a module twice"
    assert out_of_layer_order(documented, LAYERS) == [], "docs/design.md: top to bottom may import what is above"


def out_of_layer_order(documented: list[str], layers: Sequence[Sequence[str]]) -> list[str]:
    """Each row of the table listed below a module of a higher layer (the table reads lowest layer first)."""
    layer = {name: i for i, names in enumerate(layers) for name in names}
    wrong, highest = [], None
    for name in documented:
        if name in layer and highest is not None and layer[name] < layer[highest]:
            wrong.append(f"{name} (layer {layer[name]}) is listed below {highest} (layer {layer[highest]})")
        if name in layer and (highest is None or layer[name] > layer[highest]):
            highest = name
    return wrong


def test_the_design_doc_check_can_fail() -> None:
    doc = "# Design\n\n| module | job |\n|---|---|\n| `errors.py` | x |\n| `gone.py` | y |\n| `report/` | z |\n\nText\n"
    assert design_table_modules(doc) == ["errors", "gone", "report"]
    assert {"errors", "report"} <= package_entries(PACKAGE)
    assert "gone" not in package_entries(PACKAGE)
    assert out_of_layer_order(["errors", "cli", "models"], LAYERS) == [
        "models (layer 1) is listed below cli (layer 14)"]
