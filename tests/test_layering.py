"""The importer is reached only through the pack: no other module imports it, and it imports
neither the pack nor the operations layer (it writes through an ImportTarget and is handed
what it may not do itself)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "evidence_pack"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_only_the_pack_imports_the_importer() -> None:
    users = sorted(str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                   if "evidence_pack.core.importer" in _imports(p)
                   and p.name != "importer.py")
    assert users == ["core/pack.py"]


def test_the_importer_does_not_reach_back_into_the_pack_or_operations() -> None:
    modules = {"importer.py", "attachments.py", "import_report.py"}
    for name in modules:
        imported = _imports(PACKAGE / "core" / name)
        assert not {m for m in imported if m.startswith(("evidence_pack.core.pack",
                                                         "evidence_pack.core.operations"))}, name
    bibliography = _imports(PACKAGE / "core" / "interop" / "bibliography_import.py")
    assert not {m for m in bibliography if m.startswith(("evidence_pack.core.pack",
                                                         "evidence_pack.core.operations"))}
