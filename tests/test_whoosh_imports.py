"""archive/search/whoosh_imports.py: Whoosh imported without urllib.request, asyncio (through the
cached_property package) and whoosh.lang.morph_en, which it never calls here; the names Whoosh takes from them
still work, and whatever imports those modules later gets the real ones.

Each check runs in a fresh interpreter: which modules a process has imported is the property under test.
"""

import ast
import warnings
from importlib import util
from pathlib import Path

import pytest

from archive.search import whoosh_imports
from tests.fresh_interpreter import modules_after, value_after

STOOD_IN = tuple(whoosh_imports._STAND_INS)  # urllib.request, cached_property, whoosh.lang.morph_en
PULLED_IN = ("urllib.request", "asyncio", "cached_property", "whoosh.lang.morph_en")  # with what they import


def test_whoosh_alone_imports_what_the_module_stands_in_for():
    # Without this, a renamed module would let the tests below pass without checking anything.
    assert set(PULLED_IN) <= modules_after("import whoosh.reading, whoosh.query")


@pytest.mark.parametrize("module", ["archive.analysis", "archive.search.whoosh_index", "archive.search.pg_query"])
def test_our_modules_import_whoosh_without_them(module):
    # (psycopg imports asyncio for its own use: the PostgreSQL index module itself is not checked for it)
    imported = modules_after(f"import {module}")
    assert {"whoosh.reading", "whoosh.query"} <= imported
    assert not imported & set(PULLED_IN), sorted(imported & set(PULLED_IN))


def test_every_name_whoosh_takes_from_them_is_given():
    # A Whoosh release that imports one more name from these modules fails here, not at a user's search.
    spec = util.find_spec("whoosh")
    taken: dict[str, set[str]] = {module: set() for module in STOOD_IN}
    for path in Path(spec.origin).parent.rglob("*.py"):
        with warnings.catch_warnings():  # Whoosh's vendored pyparsing has invalid escapes in its strings
            warnings.simplefilter("ignore")
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in taken:
                taken[node.module] |= {name.name for name in node.names}
            elif isinstance(node, ast.Import):
                assert not {name.name for name in node.names} & set(STOOD_IN), path  # `import x` reads anything
    assert taken == {module: set(names) for module, names in whoosh_imports._STAND_INS.items()}


def test_later_importers_get_the_real_modules():
    found = value_after("import archive.search.whoosh_index\n"
                   "import urllib.request, cached_property, whoosh.lang.morph_en",
                   "[hasattr(urllib.request, 'urlopen'), hasattr(cached_property, 'threaded_cached_property'), "
                   "hasattr(whoosh.lang.morph_en, '_partitions'), "
                   "'asyncio' in sys.modules]")
    assert found == [True, True, True, True]


def test_the_names_given_do_what_whoosh_expects(tmp_path):
    source = tmp_path / "page.txt"
    source.write_text("fetched")
    code = ("import archive.search.whoosh_index, functools\n"
            "from whoosh import compat, fields, index, reading\n"
            "from whoosh.query import terms\n"
            f"compat.urlretrieve({source.as_uri()!r}, {str(tmp_path / 'copy.txt')!r})\n"
            f"ix = index.create_in({str(tmp_path)!r}, fields.Schema(id=fields.ID(stored=True, unique=True)))\n"
            "with ix.writer() as writer:\n"
            "    for name in 'abc': writer.add_document(id=name)\n"
            "writer = ix.writer()\nwriter.delete_by_term('id', 'b')\nwriter.commit(merge=False)\n"
            "from whoosh.lang import morph_en\n")
    found = value_after(code, "[isinstance(reading.SegmentReader.__dict__['deleted_docs_set'], functools.cached_property), "
                         "sorted(ix.reader().deleted_docs_set), sorted(terms.variations('render')) == "
                         "sorted(morph_en.variations('render')), 'render' in terms.variations('rendering')]")
    assert found == [True, [1], True, True]
    assert (tmp_path / "copy.txt").read_text() == "fetched"


def test_a_whoosh_imported_before_is_left_as_it_is():
    found = value_after("import whoosh.reading\nimport archive.search.whoosh_index",
                   "[type(whoosh.reading.SegmentReader.__dict__['deleted_docs_set']).__module__, "
                   "'urllib.request' in sys.modules]")
    assert found == ["cached_property", True]


def test_a_stand_in_met_outside_the_import_reads_the_real_module():
    # Another thread may have taken a stand-in from sys.modules while Whoosh was imported: it still works.
    stand_in = whoosh_imports._stand_in("urllib.request", {})
    import urllib.request

    assert stand_in.urlopen is urllib.request.urlopen
