"""Issue 8: no project module over 400 lines. A module that grows past it is split into a package
by area (as `cases/models/` and `parties/services/` are), keeping its import path."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400

# Not project modules: migrations and tests, the environments and installed packages, and the
# generated, git-ignored folders (build output, collected static files, the embedded data).
SKIPPED_FOLDERS = {"migrations", "tests", "node_modules", "build", "staticfiles", "data"}


def _project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        folders = path.relative_to(ROOT).parts[:-1]
        if any(folder in SKIPPED_FOLDERS or folder.startswith(".") for folder in folders):
            continue  # also .venv, .tools, .git
        yield path


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_project_modules_are_found():
    found = {path.relative_to(ROOT).as_posix() for path in _project_modules()}
    assert {"manage.py", "cases/models/case.py", "config/settings/__init__.py"} <= found
    assert not any(name.startswith(("tests/", ".venv/", ".tools/")) for name in found)
    assert not any("/migrations/" in name for name in found)


def test_no_project_module_is_over_400_lines():
    offenders = []
    for path in _project_modules():
        name = path.relative_to(ROOT).as_posix()
        lines = _line_count(path)
        if lines > MAX_LINES:
            offenders.append(f"{name}: {lines} lines")
    assert not offenders, f"Over {MAX_LINES} lines; split into a package by area:\n" + "\n".join(
        offenders
    )
