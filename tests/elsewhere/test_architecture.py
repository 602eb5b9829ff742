"""K1-K3 work across the files like rights and retention: `elsewhere` reaches the dossiers only
through `subjects.registry`, never by importing a file app (ARCHITECTURE, "The one idea")."""

import ast
from pathlib import Path

import elsewhere

FILE_APPS = ("weegploeg", "cases")


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_k1_elsewhere_never_imports_a_file_app():
    root = Path(elsewhere.__file__).parent
    offending = {
        str(path.relative_to(root)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] in FILE_APPS
        )
        for path in root.rglob("*.py")
    }
    assert {path: names for path, names in offending.items() if names} == {}
