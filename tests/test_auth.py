"""Logins, tokens and roles through Flask's test client on a real archive: every route as every role, and the
attacks on accounts (wrong or disabled credentials, revoked or weaker tokens, forged or replayed cookies,
cross-site posts, brute force, script in names)."""

import re

import pytest
from flask import url_for

from app import create_app
from archive.archive import Archive
from archive.permissions import ENDPOINTS, PUBLIC, ROLES, allows

PASSWORD = "correct horse battery"
STORY = ("Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs data show. "
         "The figure appears in the customs records for the year.")


@pytest.fixture
def team(app):
    """The app's archive with a capture, a claim and a citation, and one account per role, named for it."""
    from ingest.pipeline import Limits, capture_upload

    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        capture = archive.add(capture_upload("story.md", STORY.encode(), Limits())).capture
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones to Russia in 2022")
        citation = archive.cite(claim.id, capture.id, "customs records")
        entity = archive.entities.add("Kazakhstan", "place", ["Казахстан"])
        for role in ROLES:
            archive.accounts.add(role, role, PASSWORD)
        tokens = {role: archive.accounts.issue_token(role) for role in ROLES}
    return {"ids": {"capture_id": capture.id, "other_id": capture.id, "claim_id": claim.id,
                    "citation_id": citation.id, "filename": "style.css", "actor": "user:viewer",
                    "name": "viewer", "prefix": tokens["viewer"][:12], "role": "screenshot", "page": 1,
                    "entity_id": entity.id},
            "tokens": tokens}


def _login(client, name, password=PASSWORD, **data):
    return client.post("/login", data={"name": name, "password": password, **data})


def _accounts(app) -> Archive:
    return Archive(app.config["EVIDENCE_HOME"])


def _requests(app, ids):
    """Every (endpoint, method, url) of the app, logging out last."""
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            url = url_for(rule.endpoint, **{name: ids[name] for name in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, url))
    return sorted(found, key=lambda request: request[0] == "auth.logout")


def _send(client, method, url, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = ({"json": {}} if url.startswith("/api/") else {"data": {}}) if method != "GET" else {}
    answer = client.open(url, method=method, headers=headers, buffered=True, **body)
    answer.close()  # static files are streamed from an open file
    return answer


def test_every_route_as_every_role_follows_the_permission_table(app, team):
    requests = _requests(app, team["ids"])
    assert {endpoint for endpoint, _, _ in requests} - set(ENDPOINTS) == set(), "a route is missing from the table"
    for role in (None, *ROLES):
        pages = app.test_client()
        if role:
            assert _login(pages, role).status_code == 302
        for endpoint, method, url in requests:
            api = url.startswith("/api/")
            token = team["tokens"][role] if role and api else None
            answer = _send(app.test_client() if api else pages, method, url, token)
            action = ENDPOINTS[endpoint]
            where = f"{role or 'anonymous'} {method} {url}: {answer.status_code}"
            if action is PUBLIC:  # (an empty login form is a failed login: 401 is its own answer)
                assert answer.status_code != 403 and (endpoint == "auth.login" or answer.status_code != 401), where
            elif role is None and api:
                assert answer.status_code == 401 and answer.json["error"], where
            elif role is None:
                assert answer.status_code == 302 and "/login?next=" in answer.headers["Location"], where
            elif not allows(role, action):
                assert answer.status_code == 403, where
                assert ("error" in answer.json) if api else ("does not allow" in answer.text), where
            else:
                assert answer.status_code not in (401, 403, 429), where
                assert "/login" not in answer.headers.get("Location", ""), where


def test_single_user_mode_asks_nothing(client):
    assert client.get("/").status_code == 200
    assert client.post("/api/claims", json={"text": "A claim"}).status_code == 201
    page = client.get("/login")
    assert "no accounts" in page.text and "evidence user add NAME --role admin" in page.text
    assert 'name="password"' not in page.text


def test_wrong_password_and_unknown_user_get_one_plain_answer(client, team):
    for name, password in (("viewer", "not the password"), ("nobody", PASSWORD)):
        answer = _login(client, name, password)
        assert answer.status_code == 401 and "Wrong account name or password." in answer.text
    assert client.get("/").status_code == 302


def test_login_goes_to_next_page_on_this_site_only(client, team):
    assert _login(client, "viewer", next="/claims").headers["Location"] == "/claims"
    assert _login(client, "viewer", next="//evil.example/x").headers["Location"] == "/"
    assert _login(client, "viewer", next="https://evil.example/").headers["Location"] == "/"


def test_disabled_account_loses_its_session_and_token_at_once(app, client, team):
    _login(client, "contributor")
    assert client.get("/claims").status_code == 200
    with _accounts(app) as archive:
        archive.accounts.disable("contributor")
    assert client.get("/claims").status_code == 302
    answer = client.get("/api/claims", headers={"Authorization": f"Bearer {team['tokens']['contributor']}"})
    assert answer.status_code == 401 and "Bearer" in answer.json["error"]
    assert "disabled" in _login(client, "contributor").text


def test_revoked_token_stops_at_once(app, client, team):
    token = team["tokens"]["viewer"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/claims", headers=headers).status_code == 200
    with _accounts(app) as archive:
        archive.accounts.revoke(token[:12])
    assert client.get("/api/claims", headers=headers).status_code == 401


@pytest.mark.parametrize("header", ["Bearer evd_madeup", "Basic dmlld2VyOmNvcnJlY3Q=", "Bearer ", "evd_x"])
def test_bad_authorization_headers_are_401_even_with_a_session(client, team, header):
    _login(client, "admin")
    answer = client.get("/api/claims", headers={"Authorization": header})
    assert answer.status_code == 401 and answer.is_json
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="evidence archive"'


def test_token_of_a_lower_role_is_forbidden(client, team):
    viewer = {"Authorization": f"Bearer {team['tokens']['viewer']}"}
    answer = client.post("/api/claims", json={"text": "A claim"}, headers=viewer)
    assert answer.status_code == 403 and answer.json["error_kind"] == "forbidden"
    assert "viewer" in answer.json["error"] and "contributor" in answer.json["error"]
    contributor = {"Authorization": f"Bearer {team['tokens']['contributor']}"}
    assert client.post("/api/claims", json={"text": "A claim"}, headers=contributor).status_code == 201
    assert client.patch("/api/claims/1", json={"status": "supported"}, headers=contributor).status_code == 403
    assert client.delete("/api/citations/1", headers={**contributor, "X-Requested-With": "t"}).status_code == 403


def test_forged_session_cookie_opens_nothing(app, team):
    from flask.sessions import SecureCookieSessionInterface

    forger = create_app({"TESTING": True, "EVIDENCE_HOME": app.config["EVIDENCE_HOME"], "SECRET_KEY": "guessed"})
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    client = app.test_client()
    for value in ("garbage", serializer.dumps({"_user_id": "anything", "_fresh": True})):
        client.set_cookie("session", value)
        assert client.get("/claims").status_code == 302


def test_session_cookie_replayed_after_logout_opens_nothing(client, team):
    _login(client, "editor")
    stolen = client.get_cookie("session").value
    assert client.get("/claims").status_code == 200
    assert client.post("/logout").headers["Location"] == "/login"
    assert client.get("/claims").status_code == 302
    client.set_cookie("session", stolen)
    assert client.get("/claims").status_code == 302


def test_each_login_gets_a_new_session(client, team):
    client.get("/login")
    client.set_cookie("session", "planted-by-an-attacker")
    _login(client, "viewer")
    first = client.get_cookie("session").value
    assert first != "planted-by-an-attacker"
    _login(client, "viewer")
    assert client.get_cookie("session").value != first


def test_session_cookie_is_httponly_lax_and_secure_over_https(app, team):
    plain = _login(app.test_client(), "viewer").headers["Set-Cookie"]
    assert "HttpOnly" in plain and "SameSite=Lax" in plain and "Secure" not in plain
    secure = app.test_client().post("/login", data={"name": "viewer", "password": PASSWORD},
                                    base_url="https://127.0.0.1").headers["Set-Cookie"]
    assert "Secure" in secure and "HttpOnly" in secure


def test_cross_site_post_without_csrf_token_is_refused(tmp_path):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "SECRET_KEY": "test"})
    with _accounts(app) as archive:
        archive.accounts.add("alice", "admin", PASSWORD)
    client = app.test_client()
    assert _login(client, "alice").status_code == 400  # the login form itself carries a token
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    assert _login(client, "alice", csrf_token=token).status_code == 302
    refused = client.post("/claims", data={"text": "Posted from another site"})
    assert refused.status_code == 400 and "did not come from this site" in refused.text
    assert client.post("/logout").status_code == 400  # nor can another site log you out
    with _accounts(app) as archive:
        assert archive.claims() == []


def test_login_brute_force_is_limited_per_account_and_said_plainly(client, team):
    answers = [_login(client, "viewer", f"guess {n}").status_code for n in range(8)]
    assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
    blocked = _login(client, "viewer")  # even the right password waits now
    assert blocked.status_code == 429
    assert "at most 5 a minute for one account and 20 a minute from one address" in blocked.text
    assert _login(client, "editor").status_code == 302  # another account from the same address still may


def test_login_brute_force_is_limited_per_address(client, team):
    answers = [_login(client, f"someone{n}", "guess").status_code for n in range(22)]
    assert answers[:20] == [401] * 20 and answers[20:] == [429, 429]


def test_script_in_an_account_name_is_escaped(app, client):
    name = "<script>alert(1)</script>"
    with _accounts(app) as archive:
        archive.accounts.add(name, "viewer", PASSWORD)
    _login(client, name)
    page = client.get("/")
    assert name not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    wrong = _login(app.test_client(), name, "wrong password")
    assert name not in wrong.text


def test_pages_show_only_what_the_role_may_use(app, team):
    ids = team["ids"]
    shown = {}
    for role in ROLES:
        client = app.test_client()
        _login(client, role)
        claim = client.get(f"/claims/{ids['claim_id']}").text
        capture = client.get(f"/captures/{ids['capture_id']}").text
        shown[role] = {"status form": "status-form" in claim, "remove": "Retract citation" in claim,
                       "cite": 'id="cite-selection"' in capture and 'id="cite-form"' in capture,
                       "new claim": "new-claim" in client.get("/claims").text,
                       "add": 'href="/add"' in capture, "account": f">{role}</a> ({role})" in capture,
                       "accounts": 'href="/accounts"' in capture}
    assert shown["viewer"] == {"status form": False, "remove": False, "cite": False, "new claim": False,
                               "add": False, "account": True, "accounts": False}
    assert shown["contributor"] == {**shown["viewer"], "cite": True, "new claim": True, "add": True}
    assert shown["editor"] == {**shown["contributor"], "status form": True, "remove": True}
    assert shown["admin"] == {**shown["editor"], "accounts": True}


def test_forbidden_page_is_a_plain_message(client, team):
    _login(client, "viewer")
    answer = client.post(f"/claims/{team['ids']['claim_id']}/status", data={"status": "false"})
    assert answer.status_code == 403
    assert "Your role (viewer) does not allow this" in answer.text and "editor" in answer.text


def test_current_actor_names_the_account(app, team):
    from web.auth import current_actor

    seen = {}

    @app.get("/whoami-for-test")
    def whoami():
        seen["actor"] = current_actor()
        return "ok"

    from archive import permissions
    permissions.ENDPOINTS["whoami"] = "read"
    try:
        client = app.test_client()
        _login(client, "editor")
        client.get("/whoami-for-test")
        assert seen["actor"] == "editor"
    finally:
        del permissions.ENDPOINTS["whoami"]


@pytest.mark.parametrize("name, password", [("x" * 10_000, PASSWORD), ("viewer", "y" * 100_000),
                                            ("viewer\x00", PASSWORD), ("", "")])
def test_hostile_login_forms_are_a_plain_401(client, team, name, password):
    answer = _login(client, name, password)
    assert answer.status_code == 401 and "Wrong account name or password." in answer.text
