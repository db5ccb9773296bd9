"""The entity pages and the search page's names, through Flask's test client on a real archive."""

import html
import re

from archive.archive import Archive
from ingest.limits import Limits
from ingest.pipeline import capture_upload

STORIES = {
    "wire.md": "---\ntitle: Importer\n---\nNebesnaya Mekhanika, trading as Sky Mechanics, sent 500 drones.",
    "ru.md": "---\ntitle: Импортёр\n---\n«Небесная механика» получила 500 беспилотников.",
    "typo.md": "---\ntitle: Buyer\n---\nThe buyer was Nebesnaya Mekhanica, a Moscow firm.",
}


def _fill(app):
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        for name, text in STORIES.items():
            archive.add(capture_upload(name, text.encode(), Limits()))
        archive.add_claim("Nebesnaya Mekhanika sent 500 drones to Russia in 2022")


def _text(response) -> str:
    """Return a page's words as read, one space between them."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", response.get_data(as_text=True))).split())


def test_recording_an_entity_and_its_page(app, client):
    _fill(app)
    made = client.post("/entities", data={"name": "Nebesnaya Mekhanika", "kind": "company",
                                          "aliases": "Небесная механика\r\nSky Mechanics\r\n"})
    assert made.status_code == 302 and made.headers["Location"].endswith("/entities/1")
    page = _text(client.get("/entities/1"))
    assert "Captures naming it (2)" in page and "Claims naming it (1)" in page
    assert "Nebesnaya Mekhanica (capture #3: spelled close to 'Nebesnaya Mekhanika'" in page
    added = client.post("/entities/1/names", data={"names": "Nebesnaya Mekhanica"})
    assert added.status_code == 302
    assert "Captures naming it (3)" in _text(client.get("/entities/1"))
    listed = _text(client.get("/entities"))
    assert "Nebesnaya Mekhanika = Небесная механика = Sky Mechanics = Nebesnaya Mekhanica" in listed


def test_refusals_show_the_page_again_with_one_sentence(app, client):
    client.post("/entities", data={"name": "Aspan Arba", "aliases": "Аспан Арба"})
    taken = client.post("/entities", data={"name": "аспан арба"})
    assert taken.status_code == 409 and "already a name of entity 1 (Aspan Arba)" in _text(taken)
    empty = client.post("/entities", data={"name": "***"})
    assert empty.status_code == 400 and "has no word" in _text(empty)
    loop = client.post("/entities/1/merge", data={"into": "1"})
    assert loop.status_code == 400 and "already one entity" in _text(loop)
    bad = client.post("/entities/1/merge", data={"into": "one"})
    assert bad.status_code == 400 and "whole number" in _text(bad)
    assert client.get("/entities/99").status_code == 404


def test_merged_entity_page_leads_to_the_one_it_joined(app, client):
    client.post("/entities", data={"name": "Aspan Arba"})
    client.post("/entities", data={"name": "Аспан Арба"})
    assert client.post("/entities/1/merge", data={"into": "2"}).status_code == 302
    moved = client.get("/entities/1")
    assert moved.status_code == 302 and moved.headers["Location"].endswith("/entities/2")


def test_search_page_says_how_hits_were_found_and_offers_did_you_mean(app, client):
    _fill(app)
    client.post("/entities", data={"name": "Nebesnaya Mekhanika", "aliases": "Небесная механика"})
    page = _text(client.get("/?q=Небесная+механика"))
    assert "Nebesnaya Mekhanika is an entity: also searched as Небесная механика" in page
    assert "found through the alias 'Nebesnaya Mekhanika'" in page
    suggestion = client.get("/?q=mekhanikka").get_data(as_text=True)
    assert 'Did you mean <a href="/?q=mekhanika">mekhanika</a>?' in suggestion
