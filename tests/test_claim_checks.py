"""A claim's figures and each citation's agreement, derived once and stored (archive/claim_checks.py): a claim
shows exactly what working them out at every show gave, whether they were stored when made, derived on first
show for an archive made before they were stored (m016), or derived again by `reindex`; and `claim show` on
an archive that has them loads no figure engine."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive import figures
from archive.archive import Archive
from tests.fresh_interpreter import modules_after

# Real sentences of the kind the archive holds: one figure stated as claimed, one different, one about imports
# (not comparable with an export), one count.
TEXT = ("Customs report\n\n"
        "Kazakhstan exported $1.23 million of drones to Russia in 2022.\n"
        "A later estimate put the exports at $1.32 million.\n"
        "Imports of drones reached $1.23 million in 2022.\n"
        "The ministry counted 40 shipments.\n")
CLAIM = "Kazakhstan exported $1.23 million of drones to Russia in 2022"
QUOTES = ["Kazakhstan exported $1.23 million of drones to Russia in 2022", "put the exports at $1.32 million",
          "Imports of drones reached $1.23 million in 2022", "The ministry counted 40 shipments"]
FIGURE_ENGINE = ("archive.figures.extraction", "archive.figures.comparison", "archive.figures.units",
                 "archive.figures.number_words", "babel", "text2num", "number_parser")


def _cited_archive(home: Path) -> None:
    """Make an archive with two claims (one stating figures, one not) citing every quote, one retracted."""
    from ingest.pipeline import Limits

    source = home.parent / "report.txt"
    source.write_text(TEXT)
    with Archive(home) as archive:
        (result,) = archive.capture([str(source)], Limits())
        capture_id = result.capture.id
        claim = archive.add_claim(CLAIM)
        for quote in QUOTES:
            archive.cite(claim.id, capture_id, quote)
        archive.remove_citation(archive.cite(claim.id, capture_id, "$1.32 million").id, "a second estimate")
        archive.cite(None, capture_id, "Kazakhstan exported", new_claim="Kazakhstan exports drones to Russia")


def _shown(home: Path) -> list[dict]:
    with Archive(home) as archive:
        return [archive.claim(claim_id, with_history=True).to_json() for claim_id in (1, 2)]


def _stored(home: Path) -> tuple[list, list]:
    with sqlite3.connect(home / "catalog.db") as db:
        return (db.execute("SELECT figures FROM claims ORDER BY id").fetchall(),
                db.execute("SELECT agreement FROM citations ORDER BY id").fetchall())


def _as_before_m016(home: Path) -> None:
    """Take a catalog back to the schema before claims kept their checks."""
    db = sqlite3.connect(home / "catalog.db")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm016_claim_checks'")
    db.execute("ALTER TABLE claims DROP COLUMN figures")
    db.execute("ALTER TABLE citations DROP COLUMN agreement")
    db.commit()
    db.close()


def test_a_claim_shows_the_same_agreements_stored_derived_on_first_show_and_worked_out_afresh(tmp_path):
    home = tmp_path / "home"
    _cited_archive(home)
    stored = _shown(home)
    kinds = [c["agreement"]["kind"] for c in stored[0]["citations"]]
    assert kinds == ["same", "different", "not_comparable", "none", "different"]  # the last one retracted
    # What the figure engine says at this very moment, worked out from the texts as every show once did.
    with Archive(home) as archive:
        for shown in stored:
            claim_figures = figures.extract(shown["text"])
            assert shown["figures"] == [f.to_json() for f in claim_figures]
            for citation in shown["citations"]:
                published = archive.get(citation["capture_id"]).published
                assert citation["agreement"] == figures.agreement(claim_figures, citation["exact"],
                                                                  published).to_json()
    _as_before_m016(home)
    with Archive(home):  # the migration runs: nothing derived yet
        pass
    assert _stored(home) == ([(None,), (None,)], [(None,)] * 6)
    assert _shown(home) == stored  # derived on first show
    figures_stored, agreements_stored = _stored(home)
    assert all(row[0] is not None for row in figures_stored + agreements_stored)
    assert _shown(home) == stored  # and read back


def test_a_citation_made_by_an_older_program_gets_its_agreement_on_first_show(tmp_path):
    home = tmp_path / "home"
    _cited_archive(home)
    stored = _shown(home)
    with sqlite3.connect(home / "catalog.db") as db:
        db.execute("UPDATE citations SET agreement = NULL WHERE id = 2")
    assert _shown(home) == stored
    assert all(row[0] is not None for row in _stored(home)[1])


def test_checks_that_cannot_be_read_are_derived_again(tmp_path):
    home = tmp_path / "home"
    _cited_archive(home)
    stored = _shown(home)
    with sqlite3.connect(home / "catalog.db") as db:  # edited by hand
        db.execute("UPDATE claims SET figures = 'not JSON' WHERE id = 1")
        db.execute("""UPDATE citations SET agreement = '{"no kind": 1}' WHERE id = 3""")
    assert _shown(home) == stored
    figures_stored, agreements_stored = _stored(home)
    assert json.loads(figures_stored[0][0])[0]["text"] == "$1.23 million"
    assert json.loads(agreements_stored[2][0])["kind"] == "not_comparable"


def test_reindex_derives_them_again_and_a_deep_verify_finds_stale_ones(tmp_path):
    from ingest.pipeline import reextract

    home = tmp_path / "home"
    _cited_archive(home)
    stored = _shown(home)
    # What an older engine would have left: another verdict for the first quote, another period for the claim.
    with sqlite3.connect(home / "catalog.db") as db:
        agreement = json.loads(db.execute("SELECT agreement FROM citations WHERE id = 1").fetchone()[0])
        db.execute("UPDATE citations SET agreement = ? WHERE id = 1", [json.dumps({**agreement, "kind": "rounded"})])
        db.execute("UPDATE claims SET figures = ? WHERE id = 1",
                   [db.execute("SELECT figures FROM claims WHERE id = 1").fetchone()[0].replace("2022", "2021")])
    with Archive(home) as archive:
        assert archive.claim(1).citations[0].agreement.kind == "rounded"  # shown as stored, not worked out
        assert archive.verify().ok  # derived data, in no ledger event: only a deep check derives them again
        problems = {(p.kind, p.id) for p in archive.verify(reextract=reextract).problems}
        assert problems == {("derived_stale", "claim 1"), ("derived_stale", "citation 1")}
        archive.reindex()
        assert archive.verify(reextract=reextract).ok
    assert _shown(home) == stored


def _evidence(home: Path, *args: str) -> str:
    command = [sys.executable, "-c", "from app import cli; cli(prog_name='evidence')", "--home", str(home), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _claim_show(home: Path) -> str:
    call = json.dumps(["--home", str(home), "claim", "show", "1"])
    return f"from app import cli\ncli({call}, prog_name='evidence', standalone_mode=False)"


@pytest.fixture(scope="module")
def prepared_home(tmp_path_factory):
    """An archive made by the command line: one capture, a claim citing three of its quotes."""
    home = tmp_path_factory.mktemp("claimfig") / "home"
    source = home.parent / "report.txt"
    source.write_text(TEXT)
    _evidence(home, "ingest", str(source))
    _evidence(home, "claim", "add", CLAIM)
    for quote in QUOTES[:3]:
        _evidence(home, "claim", "cite", "1", "1", quote)
    return home


def test_claim_show_on_a_prepared_archive_loads_no_figure_engine(prepared_home):
    imported = modules_after(_claim_show(prepared_home))
    assert "archive.archive" in imported and "archive.figures.results" in imported  # it did read the claim
    assert not imported & set(FIGURE_ENGINE), sorted(imported & set(FIGURE_ENGINE))
    shown = _evidence(prepared_home, "claim", "show", "1")
    assert "same figure" in shown and "different figure: $1.32 million vs $1.23 million (+7.3%)" in shown
    assert "not comparable: $1.23 million vs $1.23 million (another direction" in shown


def test_claim_show_loads_the_engine_once_where_checks_are_missing(prepared_home, tmp_path):
    home = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(prepared_home), str(home)], check=True)
    with sqlite3.connect(home / "catalog.db") as db:
        db.execute("UPDATE claims SET figures = NULL")
    assert "archive.figures.comparison" in modules_after(_claim_show(home))  # derived and stored, once
    assert not modules_after(_claim_show(home)) & set(FIGURE_ENGINE)
