"""Dependencies flow one way: a module never imports one from a layer above it."""

from __future__ import annotations

import ast
from pathlib import Path

import optimiser

PACKAGE = Path(optimiser.__file__).parent
LAYERS = [
    {"errors", "models", "formatting", "territory", "milp", "expressions", "synthetic", "excel_format",
     "identifiers"},
    {"loading", "scoring", "state_aid", "indicators"},
    {"rules"},
    {"config", "formulation", "checker"},
    {"feasibility"},
    {"allocation"},
    {"scenarios"},
    {"comparison", "sensitivity", "whatif"},
    {"analysis"},
    {"report", "robustness_report"},
    {"cli", "__main__"},
]


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def test_imports_flow_one_way():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).with_suffix("")
        module = ".".join(relative.parts) if relative.name != "__init__" else ".".join(relative.parts[:-1])
        if not module:
            continue
        mine = layer_of(module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level and node.module:
                target = node.module if node.level == 1 and relative.parts[0] != "report" else node.module
                if relative.parts[0] == "report" and node.level == 1:
                    continue  # inside the report package
                if layer_of(target) > mine:
                    wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_only_milp_imports_pulp():
    importers = {p.name for p in PACKAGE.rglob("*.py") if "import pulp" in p.read_text(encoding="utf-8")}
    assert importers == {"milp.py"}
