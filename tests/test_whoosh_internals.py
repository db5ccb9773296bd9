"""archive/search/whoosh_internals.py relies on internals of one Whoosh release: that release is pinned and
installed, every internal its docstring lists still exists, and no other module of the archive reaches past
Whoosh's public API."""

import ast
import importlib
import inspect
import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

from archive.search import whoosh_internals

ROOT = Path(__file__).resolve().parents[1]
LISTED = re.findall(r"``(whoosh\.[\w.]+)``", whoosh_internals.__doc__)
PRIVATE_MODULES = ("whoosh.codec", "whoosh.system", "whoosh.util", "whoosh.filedb", "whoosh.writing")


def test_the_installed_whoosh_is_the_pinned_release():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (pin,) = [d for d in dependencies if d.lower().startswith("whoosh-reloaded")]
    assert pin.replace(" ", "") == f"whoosh-reloaded=={whoosh_internals.WHOOSH_VERSION}"
    assert metadata.version("whoosh-reloaded") == whoosh_internals.WHOOSH_VERSION


def test_each_internal_is_listed_once():
    assert len(LISTED) == len(set(LISTED))
    assert {"whoosh.index.FileIndex._segments", "whoosh.system._INT_SIZE",
            "whoosh.writing.PostingPool.iter_postings"} <= set(LISTED)


@pytest.mark.parametrize("dotted", LISTED)
def test_each_listed_internal_exists(dotted):
    owner, name = _resolve_owner(dotted)
    if hasattr(owner, name):
        return
    # An attribute set on instances: Whoosh's code of the class (or a base) assigns it to self.
    assert inspect.isclass(owner), dotted
    assigned = re.compile(rf"\bself\.{re.escape(name)}\s*(?:=(?!=)|,[\w\s.,]*=(?!=))")
    sources = [inspect.getsource(cls) for cls in owner.__mro__ if cls.__module__.startswith("whoosh")]
    assert any(assigned.search(source) for source in sources), dotted


def test_only_whoosh_internals_reaches_past_whoosh_public_api():
    for path in sorted((ROOT / "archive").rglob("*.py")):
        if path.name == "whoosh_internals.py":
            continue
        tree = ast.parse(path.read_text(), str(path))
        imports = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                   and (node.module or "").startswith("whoosh")]
        for node in imports:
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            assert not any(name.name.startswith("_") for name in node.names), where
            # whoosh.writing's constants (CLEAR, the merge policies) are public, its classes' insides are not
            assert not node.module.startswith(PRIVATE_MODULES) or (
                node.module == "whoosh.writing" and all(name.name.isupper() for name in node.names)), where
        if not imports:
            continue
        # A module holding Whoosh's objects reads no underscore attribute but of its own objects (self).
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and _is_private(node.attr)
                    and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))):
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr} of something not our own")


def _resolve_owner(dotted: str) -> tuple[object, str]:
    """Import the longest module prefix of a dotted name, get the attributes after it but the last; return
    (what holds the last, its name)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:-1]:
            owner = getattr(owner, part)
        return owner, parts[-1]
    raise AssertionError(f"no module in {dotted}")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))
