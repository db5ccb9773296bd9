"""Figures in their context (period, role, subject), comparison in context, and where sources disagree."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from archive.anchors import claim_anchors
from archive.figures import compare, extract, parse_figure
from archive.figures.context import actor, conflict, Context

SAMPLES = Path(__file__).parents[1] / "samples"


def _one(text: str, published: str | None = None):
    (figure,) = [f for f in extract(text, published) if f.unit]
    return figure


# -- reading the context ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "period", "direction", "subject"), [
    ("Kazakhstan exported $1.23 million of drones to Russia in 2022.", "2022", "export", "drones"),
    ("В 2022 году Казахстан экспортировал в Россию беспилотники на 1,23 млн долларов.", "2022", "export", "drones"),
    ("У 2022 році Казахстан імпортував дрони на 1,23 млн доларів.", "2022", "import", "drones"),
    ("Казахстан во 2022 година извезе дронови во вредност од 1,23 милиони долари.", "2022", "export", "drones"),
    ("Kasachstan exportierte 2022 Drohnen im Wert von 1,23 Millionen Dollar.", "2022", "export", "drones"),
    ("Le Kazakhstan a importé pour 1,23 million de dollars de pièces en 2022.", "2022", "import", "parts"),
    ("Kazajistán vendió chips por 1,23 millones de dólares en 2022.", "2022", "sell", "microchips"),
    ("Kazakstan vei vuonna 2022 Venäjälle drooneja 1,2 miljoonan dollarin arvosta.", "2022", "export", "drones"),
    ("哈萨克斯坦2022年向俄罗斯出口了价值123万美元的无人机。", "2022", "export", "drones"),
    ("カザフスタンは2022年にドローンを123万ドル輸出した。", "2022", "export", "drones"),
])
def test_each_figure_language_gives_period_role_and_subject(text, period, direction, subject):
    figure = _one(text)
    assert (figure.period, figure.direction, figure.subject) == (period, direction, subject)


@pytest.mark.parametrize(("text", "period"), [
    ("Revenue was $5 million in the third quarter of 2022.", "2022-Q3"),
    ("Revenue was $5 million in Q3 2022.", "2022-Q3"),
    ("В третьем квартале 2022 года выручка составила 5 млн долларов.", "2022-Q3"),
    ("2022年第三季度出口额为500万美元。", "2022-Q3"),
    ("Revenue reached $5 million in FY2022.", "FY2022"),
    ("Im Geschäftsjahr 2021 lag der Umsatz bei 5 Millionen Euro.", "FY2021"),
    ("Revenue was $5 million in the third quarter.", "Q3"),
])
def test_quarters_and_fiscal_years(text, period):
    assert _one(text).period == period


def test_last_year_is_read_against_the_publication_date_and_left_unknown_without_one():
    text = "Exports fell from $47 billion in 2021 to $8 billion last year."
    assert [f.period for f in extract(text, "2023-03-14T09:00:00Z")] == ["2021", "2022"]
    assert [f.period for f in extract(text)] == ["2021", "2021"]  # no date: "last year" says nothing
    assert _one("Viime vuonna Suomi vei 5 miljoonaa euroa.", "2024-01-02").period == "2023"
    assert _one("去年出口了100万美元无人机。", "2023-05-01").period == "2022"


def test_each_figure_of_a_sentence_takes_the_words_nearest_it():
    first, second = extract("Kazakhstan exported $1.23 million of drones and imported $0.5 million of microchips.")
    assert (first.direction, first.subject) == ("export", "drones")
    assert (second.direction, second.subject) == ("import", "microchips")
    assert _one("Kazakhstan exported $1.23 million of drones and drone parts.").subject == "drones,parts"


def test_a_sentence_that_says_nothing_leaves_the_context_unknown():
    figure = _one("The total was $1.23 million.")
    assert (figure.period, figure.direction, figure.subject) == (None, None, None)
    assert figure.to_json()["period"] is None


def test_who_did_it_is_the_name_before_the_role():
    text = "Nebesnaya Mekhanika sent 500 Aspan Arba drones to Russia in 2022."
    assert actor(text, text.index("500"), text.index("500") + 3) == "Nebesnaya Mekhanika"
    text = "Another 1.2 million dollars of parts followed in 2023."
    assert actor(text, 8, 27) is None  # no role, no actor; "Another" is no name


# -- comparing in context ---------------------------------------------------------------------------------

CLAIM = "Kazakhstan exported $1.23 million of drones to Russia in 2022"


@pytest.mark.parametrize(("quote", "kind", "reason"), [
    ("Kazakhstan itself imported five million dollars of drones in 2022.", "not_comparable",
     "another direction: import, the claim's export"),
    ("Another 1.2 million dollars of parts followed in 2023.", "not_comparable", "another period: 2023, the claim's 2022"),
    ("Kazakhstan exported $1.23 million of microchips in 2022.", "not_comparable",
     "another subject: microchips, the claim's drones"),
    ("Kazakhstan shipped $1.23 million of drones to Russia.", "same", None),  # no year stated: no conflict
    ("Kazakhstan exported $1.32 million of drones to Russia in 2022.", "different", None),
    ("Kazakstan vei vuonna 2022 Venäjälle drooneja noin 1,2 miljoonan dollarin arvosta.", "rounded", None),
])
def test_compare_in_context(quote, kind, reason):
    match = compare(_one(CLAIM), _one(quote))
    assert (match.kind, match.reason) == (kind, reason)


def test_rounding_is_decided_by_the_precision_each_side_writes():
    finnish = _one("noin 1,2 miljoonan dollarin")
    assert compare(parse_figure("$1.23 million"), finnish).kind == "rounded"
    differs = compare(parse_figure("$1.3 million"), finnish)
    assert differs.kind == "different" and differs.difference == pytest.approx(-0.0769, abs=1e-4)


def test_periods_of_different_kinds_conflict_and_unknown_years_do_not():
    assert conflict(Context(period="2022"), Context(period="2022-Q3")).startswith("another period: Q3 2022")
    assert conflict(Context(period="2022"), Context(period="FY2022")) is not None
    assert conflict(Context(period="2022-Q3"), Context(period="Q3")) is None
    assert conflict(Context(direction="export"), Context(direction="send")) is None  # one flow, two words
    assert conflict(Context(subject="drones"), Context(subject="drones,parts")) is None


# -- claims: anchors, sources, the line-up -----------------------------------------------------------------

def test_claim_anchors_are_names_years_and_terms():
    anchors = claim_anchors("Aspan Arba held an export licence for drones in 2022.")
    assert [name.written for name in anchors.names] == ["Aspan Arba"]
    assert anchors.years == ("2022",) and {"export", "licens", "drone"} <= anchors.terms  # licence: license
    assert [n.written for n in claim_anchors("In Almaty the «Небесная механика» office").names] == \
        ["Almaty", "Небесная механика"]


@pytest.fixture
def samples(archive):
    from ingest.pipeline import Limits

    results = list(archive.capture([str(SAMPLES)], Limits()))
    assert all(result.status == "captured" for result in results)
    return {Path(result.source).name: result.capture.id for result in results}


def test_the_issue_claim_lined_up_on_the_samples(archive, samples):
    claim = archive.add_claim(CLAIM)
    lined = archive.where_sources_disagree(claim.id)
    (line,) = lined.figures
    verdicts = {(row.candidate.capture.id, row.candidate.sentence.split(",")[0]): (row.verdict, row.reason)
                for row in line.rows}
    monitor = samples["trade-monitor-en.md"]
    assert verdicts[(monitor, "Kazakhstan itself imported five million dollars of drones and drone parts in 2022")] \
        == ("not comparable", "another direction: import, the claim's export")
    assert verdicts[(monitor, "Another 1.2 million dollars of parts followed in 2023.")] == \
        ("not comparable", "another period: 2023, the claim's 2022")
    assert verdicts[(samples["drones-fi.txt"], "Kazakstan vei vuonna 2022 Venäjälle drooneja ja niiden osia noin 1")][0] \
        == "rounding"
    assert ("contradicting", None) in verdicts.values()  # the correction's $1.32 million
    (who,) = lined.accounts  # who sent 500 drones: the two accounts side by side
    assert who.figure.value == 500 and set(who.by_actor) == {"Aspan Arba", "Nebesnaya Mekhanika"}
    assert {row.candidate.capture.id for rows in who.by_actor.values() for row in rows} == \
        {monitor, samples["trade-registry-en.md"], samples["sender-en.md"], samples["sender-wire-en.md"]}
    # "Aspan Arba, a drone maker in Almaty, sent 500 drones": the doer stands before the aside, not Almaty
    shape = archive.claim(claim.id).to_json()
    assert shape["figures"][0]["period"] == "2022" and shape["figures"][0]["direction"] == "export"


def test_a_cited_quote_about_imports_is_not_comparable(archive, samples):
    claim = archive.add_claim(CLAIM)
    quote = "Kazakhstan itself imported five million dollars of drones and drone parts in 2022"
    archive.cite(claim.id, samples["trade-monitor-en.md"], quote)
    (citation,) = archive.claim(claim.id).citations
    assert citation.agreement.kind == "not_comparable"
    assert citation.agreement.describe() == ("not comparable: five million dollars vs $1.23 million "
                                             "(another direction: import, the claim's export)")


def test_sources_for_a_claim_without_figures(archive, samples):
    claim = archive.add_claim("Aspan Arba held an export licence")
    found = archive.find_sources(claim.id)
    assert found and all(c.agreement.kind == "none" and c.stance == "context" for c in found)
    assert "Aspan Arba says it held an export licence for every shipment." in {c.sentence for c in found}
    lined = archive.where_sources_disagree(claim.id)
    assert lined.figures == [] and len(lined.mentions) == len(found)


def test_a_claim_with_40_figures_lines_up_a_bounded_number(archive, samples):
    text = "Exports: " + ", ".join(f"${n}.5 million of drones" for n in range(1, 41)) + " in 2022."
    claim = archive.add_claim(text)
    assert len(archive.claim(claim.id).figures) == 40
    lined = archive.where_sources_disagree(claim.id)
    assert len(lined.figures) == 12 and lined.figures_left_out == 28


def test_a_claim_of_operators_only_finds_nothing_and_fails_nothing(archive, samples):
    claim = archive.add_claim('AND OR NOT ( ) " * ~')
    assert archive.find_sources(claim.id) == []


# -- stored, migrated, rebuilt --------------------------------------------------------------------------

def test_migration_keeps_every_figure_and_reindex_derives_the_context(tmp_path):
    """A catalog made before m015: its figure rows survive, verify stays clean, and reindex fills the context
    in, recording a capture.rederived event; verify is clean after."""
    import sqlite_utils

    from archive.archive import Archive
    from archive.catalog import schema_migrations

    home = tmp_path / "old"
    captured = _captured("Kazakhstan exported $1.23 million of drones to Russia in 2022.")
    # figures as the engine before m015 found them: no context, and the digest of their seven fields
    captured.figures = [replace(f, period=None, direction=None, subject=None) for f in extract(captured.text)]
    with Archive(home) as archive:  # then taken back to the schema before m015
        archive.add(captured)
    db = sqlite_utils.Database(home / "catalog.db")
    rows = db.execute("SELECT start, end, text, value, unit FROM figures").fetchall()
    db.execute("UPDATE figures SET period = NULL, direction = NULL, subject = NULL")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm015_figure_context'")
    for column in ("period", "direction", "subject"):
        db.execute(f"ALTER TABLE figures DROP COLUMN {column}")
    db.conn.commit()
    db.close()
    shutil.rmtree(home / "index")
    with Archive(home) as archive:
        stored = archive.catalog.figure_rows([1])[1]
        assert [row[:5] for row in stored] == [tuple(row) for row in rows]
        assert stored[0][7:] == (None, None, None)
        assert archive.verify().ok
        archive.reindex()
        assert archive.catalog.figure_rows([1])[1][0][7:] == ("2022", "export", "drones")
        events = [entry["event"] for entry in archive.catalog.iter_ledger()]
        assert events[-1] == "capture.rederived"
        report = archive.verify()
        assert report.ok, report.problems
    assert schema_migrations()  # the migration set still builds


def _captured(text: str):
    from ingest.pipeline import Limits, capture_upload

    return capture_upload("old.txt", text.encode(), Limits())


def test_figures_json_gains_the_context_keys(runner, home):
    import json

    from app import cli

    result = runner.invoke(cli, ["--home", str(home), "figures", "--json", "--text",
                                 "Kazakhstan exported $1.23 million of drones to Russia in 2022."])
    (figure,) = json.loads(result.output)
    assert {k: figure[k] for k in ("period", "direction", "subject")} == \
        {"period": "2022", "direction": "export", "subject": "drones"}


def test_claim_page_and_api_show_where_sources_disagree(tmp_path, samples, archive):
    from app import create_app

    claim = archive.add_claim(CLAIM)
    archive.close()
    app = create_app({"EVIDENCE_HOME": str(archive.home), "TESTING": True, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    page = client.get(f"/claims/{claim.id}").text
    assert "Where sources disagree" in page and "another period: 2023, the claim&#39;s 2022" in page
    assert "Nebesnaya Mekhanika" in page and "told of 2 actors" in page
    body = client.get(f"/api/claims/{claim.id}").json["where_sources_disagree"]
    assert {row["verdict"] for row in body["figures"][0]["rows"]} >= {"agreeing", "rounding", "not comparable"}
    many = archive_claim_with_many_figures(client)
    assert "the first 12 are lined up here" in client.get(many).text


def archive_claim_with_many_figures(client) -> str:
    text = "Exports: " + ", ".join(f"${n}.5 million" for n in range(1, 41)) + "."
    response = client.post("/claims", data={"text": text})
    return response.headers["Location"]


def test_digest_of_rows_without_context_is_the_old_digest():
    from archive.sql_catalog import derived_digest_of_rows
    from archive.ledger import canonical_json

    old = [(0, 5, "$5", 5.0, "USD", None, 1.0)]
    expected = hashlib.sha256(canonical_json({"figures": old, "token_marks": []}).encode()).hexdigest()
    assert derived_digest_of_rows([(*old[0], None, None, None)], []) == expected
    assert derived_digest_of_rows([(*old[0], "2022", None, None)], []) != expected


def test_a_cjk_run_that_a_fiscal_year_ends_inside_is_still_read():
    figure = _one("同社は2023年度に半導体を5000億円販売した。")
    assert (figure.period, figure.direction, figure.subject) == ("FY2023", "sell", "microchips")


@pytest.mark.parametrize("sentence, doer", [
    ("Aspan Arba, a drone maker in Almaty, sent 500 drones to Russia in 2022.", "Aspan Arba"),
    ("Nebesnaya Mekhanika, a Moscow company that trades as Sky Mechanics, sent 500 Aspan Arba drones.",
     "Nebesnaya Mekhanika"),
    ("Nebesnaya Mekhanika sent 500 Aspan Arba drones to Russia in 2022.", "Nebesnaya Mekhanika"),
])
def test_the_doer_stands_before_an_aside_between_commas(sentence, doer):
    from archive.figures.context import actor

    at = sentence.index("500")
    assert actor(sentence, at, at + 3) == doer
