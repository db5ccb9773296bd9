"""The accounts page and API on a real archive through Flask's test client: an admin adds accounts, changes
roles, disables, issues and revokes tokens; every other role is refused; the last admin stays; each change is
a ledger event naming the admin, with no secret in it."""

import json
import re

import pytest

from app import create_app
from archive.archive import Archive
from archive.permissions import ENDPOINTS, ROLES

PASSWORD = "correct horse battery"
JSON = {"X-Requested-With": "test"}
LAST_ADMIN = ("admin is the last enabled admin: make another account admin first, so that someone can still "
              "manage the accounts.")
SCRIPT = "<script>alert('pwned')</script>"


@pytest.fixture
def staff(app):
    """One account per role, named for it, each with an API token: {role: token}."""
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        for role in ROLES:
            archive.accounts.add(role, role, PASSWORD)
        return {role: archive.accounts.issue_token(role) for role in ROLES}


def _login(client, name, password=PASSWORD):
    assert client.post("/login", data={"name": name, "password": password}).status_code == 302
    return client


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}", **JSON}


def _archive(app) -> Archive:
    return Archive(app.config["EVIDENCE_HOME"])


def _error(page) -> str:
    return re.search(r'<p class="error" role="alert">([^<]*)</p>', page.text).group(1)


def _ledger_dump(app) -> str:
    with _archive(app) as archive:
        return json.dumps(list(archive.catalog.iter_ledger()), ensure_ascii=False)


# Every account change as a page form and as an API request, with values that would work for an admin.
PAGE_CHANGES = [("/accounts", {"name": "newcomer", "role": "viewer", "password": PASSWORD}),
                ("/accounts/role", {"name": "viewer", "role": "admin"}), ("/accounts/disable", {"name": "viewer"}),
                ("/accounts/token", {"name": "viewer"})]
API_CHANGES = [("POST", "/api/accounts", {"name": "newcomer", "role": "admin", "password": PASSWORD}),
               ("PATCH", "/api/accounts/viewer", {"role": "admin"}), ("PATCH", "/api/accounts/viewer", {"disabled": True}),
               ("POST", "/api/accounts/viewer/tokens", {})]


def test_account_endpoints_are_the_admins_alone():
    assert {endpoint: action for endpoint, action in ENDPOINTS.items() if action == "manage"} == {
        "accounts.index": "manage", "accounts.add": "manage", "accounts.set_role": "manage",
        "accounts.disable": "manage", "accounts.issue_token": "manage", "accounts.revoke_token": "manage",
        "api.list_accounts": "manage", "api.create_account": "manage", "api.update_account": "manage",
        "api.issue_token": "manage", "api.revoke_token": "manage"}


@pytest.mark.parametrize("role", ["viewer", "contributor", "editor"])
def test_every_other_role_is_refused_every_account_change(app, staff, role):
    pages = _login(app.test_client(), role)
    with _archive(app) as archive:
        before = archive.ledger_head()
    assert pages.get("/accounts").status_code == 403
    for url, form in [*PAGE_CHANGES, ("/accounts/revoke", {"prefix": staff["viewer"][:12]})]:
        answer = pages.post(url, data=form)
        assert answer.status_code == 403 and "does not allow" in answer.text and "admin" in answer.text, url
    api = app.test_client()
    assert api.get("/api/accounts", headers=_bearer(staff[role])).status_code == 403
    for method, url, body in [*API_CHANGES, ("DELETE", f"/api/tokens/{staff['viewer'][:12]}", None)]:
        answer = api.open(url, method=method, json=body, headers=_bearer(staff[role]))
        assert answer.status_code == 403 and answer.json["error_kind"] == "forbidden", url
    with _archive(app) as archive:
        assert archive.ledger_head() == before


def test_an_admin_manages_accounts_on_the_page(app, staff):
    client = _login(app.test_client(), "admin")
    listed = client.get("/accounts")
    assert listed.status_code == 200
    assert all(f'<a href="/activity/user:{role}">{role}</a>' in listed.text for role in ROLES)
    assert staff["viewer"][:12] + "…" in listed.text and staff["viewer"] not in listed.text

    added = client.post("/accounts", data={"name": "bob", "role": "contributor", "password": PASSWORD})
    assert added.status_code == 302 and added.headers["Location"] == "/accounts"
    assert "Account bob created (contributor)." in client.get("/accounts").text
    assert client.post("/accounts/role", data={"name": "bob", "role": "editor"}).status_code == 302
    assert "Account bob is now editor." in client.get("/accounts").text
    bob = _login(app.test_client(), "bob")
    assert bob.get("/audit").status_code == 200  # the new role holds from bob's next request

    assert client.post("/accounts/disable", data={"name": "bob"}).status_code == 302
    assert "Account bob is disabled; its sessions and tokens no longer work." in client.get("/accounts").text
    assert bob.get("/claims").status_code == 302  # his session ended at once
    with _archive(app) as archive:
        assert archive.accounts.get("bob").disabled and archive.accounts.get("bob").role == "editor"


def test_a_token_is_shown_once_in_the_answer_and_works_until_revoked(app, staff):
    client = _login(app.test_client(), "admin")
    issued = client.post("/accounts/token", data={"name": "contributor"})
    assert issued.status_code == 200 and issued.headers["Cache-Control"] == "no-store"
    token = re.search(r'<code class="token wrap">(evd_[^<]+)</code>', issued.text).group(1)
    assert "it will not be shown again" in issued.text
    # Nowhere but in that answer's body: not in a header, a cookie, the session, or the page shown next.
    assert token not in str(issued.headers) and "Location" not in issued.headers
    with client.session_transaction() as session:
        assert token not in json.dumps(dict(session))
    assert token not in client.get("/accounts").text and token[:12] in client.get("/accounts").text

    api = app.test_client()
    assert api.post("/api/claims", json={"text": "A claim"}, headers=_bearer(token)).status_code == 201
    assert client.post("/accounts/revoke", data={"prefix": token[:12]}).status_code == 302
    assert f"Token {token[:12]} revoked." in client.get("/accounts").text
    assert api.get("/api/claims", headers=_bearer(token)).status_code == 401  # at once
    assert api.get("/api/claims", headers=_bearer(staff["contributor"])).status_code == 200  # the other one stays


def test_an_admin_manages_accounts_through_the_api(app, staff):
    api = app.test_client()
    admin = _bearer(staff["admin"])
    listed = api.get("/api/accounts", headers=admin).json["accounts"]
    assert [a["name"] for a in listed] == list(ROLES)
    assert listed[0]["tokens"] == [{"prefix": staff["viewer"][:12], "created_at": listed[0]["tokens"][0]["created_at"],
                                    "revoked_at": None}]

    created = api.post("/api/accounts", json={"name": "bob", "role": "viewer", "password": PASSWORD}, headers=admin)
    assert created.status_code == 201
    assert created.json == {"name": "bob", "role": "viewer", "created_at": created.json["created_at"],
                            "disabled": False, "tokens": []}
    changed = api.patch("/api/accounts/bob", json={"role": "editor"}, headers=admin)
    assert changed.status_code == 200 and changed.json["role"] == "editor"

    issued = api.post("/api/accounts/bob/tokens", headers=admin)
    assert issued.status_code == 201 and issued.headers["Cache-Control"] == "no-store"
    assert issued.json["user"] == "bob" and issued.json["token"].startswith("evd_")
    bob = _bearer(issued.json["token"])
    assert api.get("/api/ledger", headers=bob).status_code == 200  # an editor's token
    prefix = issued.json["token"][:12]
    assert api.delete(f"/api/tokens/{prefix}", headers=admin).json == {"revoked": prefix}
    assert api.get("/api/ledger", headers=bob).status_code == 401

    disabled = api.patch("/api/accounts/bob", json={"disabled": True}, headers=admin)
    assert disabled.status_code == 200 and disabled.json["disabled"] is True
    assert disabled.json["tokens"][0]["revoked_at"] is not None


# Refused requests (one setup for all: each account costs an Argon2 hash): what is sent, the status, the sentence.
API_REFUSALS = [
    ("POST", "/api/accounts", {"name": "bob"}, 400, 'Send JSON {"name"'),
    ("POST", "/api/accounts", {"name": "bob", "role": "owner", "password": PASSWORD}, 400, "There is no role 'owner'"),
    ("POST", "/api/accounts", {"name": "bob", "role": "viewer", "password": "short"}, 400, "8 to 1024"),
    ("POST", "/api/accounts", {"name": "Viewer", "role": "viewer", "password": PASSWORD}, 400, "already an account"),
    ("POST", "/api/accounts", {"name": ["bob"], "role": "viewer", "password": PASSWORD}, 400, "must be text"),
    ("PATCH", "/api/accounts/viewer", {}, 400, 'Send JSON {"role"'),
    ("PATCH", "/api/accounts/viewer", {"disabled": False}, 400, "stays disabled"),
    ("PATCH", "/api/accounts/nobody", {"role": "viewer"}, 404, "There is no account named nobody."),
    ("PATCH", "/api/accounts/admin", {"role": "editor"}, 409, LAST_ADMIN),
    ("PATCH", "/api/accounts/admin", {"disabled": True}, 409, LAST_ADMIN),
    ("POST", "/api/accounts/nobody/tokens", {}, 404, "There is no account named nobody."),
    ("DELETE", "/api/tokens/evd_1234", None, 400, "first 12 characters"),
    ("DELETE", "/api/tokens/evd_12345678", None, 404, "No live token starts with evd_12345678."),
]
FORM_REFUSALS = [
    ({"name": "", "role": "viewer", "password": PASSWORD}, "An account name cannot be empty."),
    ({"name": " bob", "role": "viewer", "password": PASSWORD}, "without spaces at either end"),
    ({"name": "bob", "role": "owner", "password": PASSWORD}, "There is no role &#39;owner&#39;"),
    ({"name": "bob", "role": "viewer", "password": "short"}, "A password is 8 to 1024 characters long."),
    ({"name": "EDITOR", "role": "viewer", "password": PASSWORD}, "There is already an account named EDITOR."),
]


def test_api_refusals_are_one_sentence_with_the_status_of_their_kind(app, staff):
    with _archive(app) as archive:
        before = archive.ledger_head()
    api = app.test_client()
    for method, url, body, status, said in API_REFUSALS:
        answer = api.open(url, method=method, json=body, headers=_bearer(staff["admin"]))
        assert answer.status_code == status and said in answer.json["error"], (method, url, body)
    with _archive(app) as archive:
        assert archive.ledger_head() == before


def test_the_last_admin_cannot_lock_the_archive_out(app, staff):
    admin = _login(app.test_client(), "admin")
    for url, form in (("/accounts/role", {"name": "admin", "role": "editor"}), ("/accounts/disable", {"name": "admin"})):
        refused = admin.post(url, data=form)
        assert refused.status_code == 409 and _error(refused) == LAST_ADMIN
        assert 'class="list accounts"' in refused.text  # the page again, saying why
    assert admin.get("/accounts").status_code == 200  # still an admin, still logged in
    # With another admin, an admin may step down, and then manages no more.
    assert admin.post("/accounts/role", data={"name": "editor", "role": "admin"}).status_code == 302
    assert admin.post("/accounts/role", data={"name": "admin", "role": "viewer"}).status_code == 302
    assert admin.get("/accounts").status_code == 403
    editor = _login(app.test_client(), "editor")
    refused = editor.post("/accounts/disable", data={"name": "editor"})
    assert refused.status_code == 409 and "editor is the last enabled admin" in _error(refused)


def test_the_add_form_says_what_is_wrong_and_keeps_the_name_not_the_password(app, staff):
    admin = _login(app.test_client(), "admin")
    for form, said in FORM_REFUSALS:
        answer = admin.post("/accounts", data=form)
        assert answer.status_code == 400 and said in _error(answer), form
        assert f'name="name" value="{form["name"]}"' in answer.text and form["password"] not in answer.text


def test_changes_to_an_unknown_account_are_404(app, staff):
    admin = _login(app.test_client(), "admin")
    for url, form in (("/accounts/role", {"name": "nobody", "role": "viewer"}), ("/accounts/disable", {"name": "nobody"}),
                      ("/accounts/token", {"name": "nobody"}), ("/accounts/revoke", {"prefix": "evd_12345678"})):
        answer = admin.post(url, data=form)
        assert answer.status_code == 404 and form.get("name", form.get("prefix")) in _error(answer), url


def test_a_post_without_the_csrf_token_changes_nothing(tmp_path):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "SECRET_KEY": "test"})
    with _archive(app) as archive:
        archive.accounts.add("admin", "admin", PASSWORD)
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    client.post("/login", data={"name": "admin", "password": PASSWORD, "csrf_token": token})
    for url, form in PAGE_CHANGES[:1] + [("/accounts/token", {"name": "admin"})]:
        refused = client.post(url, data=form)
        assert refused.status_code == 400 and "did not come from this site" in refused.text, url
    with _archive(app) as archive:
        assert [a.name for a in archive.accounts.list()] == ["admin"] and archive.accounts.get("admin").tokens == []
    form_token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/accounts").text).group(1)
    added = client.post("/accounts", data={**PAGE_CHANGES[0][1], "csrf_token": form_token})
    assert added.status_code == 302


def test_single_user_mode_shows_how_to_begin_and_changes_nothing(app, client):
    page = client.get("/accounts")
    assert page.status_code == 200 and "evidence user add NAME --role admin" in page.text
    assert 'name="password"' not in page.text
    refused = client.post("/accounts", data=PAGE_CHANGES[0][1])
    assert refused.status_code == 403 and "This archive has no accounts" in _error(refused)
    api = client.post("/api/accounts", json=API_CHANGES[0][2])
    assert api.status_code == 403 and api.json["error_kind"] == "forbidden"
    assert client.get("/api/accounts").json == {"accounts": []}
    with _archive(app) as archive:
        assert not archive.accounts.exist()


def test_every_change_is_in_the_ledger_by_the_admin_with_no_secret(app, staff):
    page = _login(app.test_client(), "admin")
    page.post("/accounts", data={"name": "bob", "role": "viewer", "password": "bob's first password"})
    page.post("/accounts/role", data={"name": "bob", "role": "editor"})
    shown = page.post("/accounts/token", data={"name": "bob"}).text
    token = re.search(r'<code class="token wrap">(evd_[^<]+)</code>', shown).group(1)
    page.post("/accounts/revoke", data={"prefix": token[:12]})
    api = app.test_client()
    issued = api.post("/api/accounts/bob/tokens", headers=_bearer(staff["admin"])).json["token"]
    api.delete(f"/api/tokens/{issued[:12]}", headers=_bearer(staff["admin"]))
    api.patch("/api/accounts/bob", json={"disabled": True}, headers=_bearer(staff["admin"]))

    with _archive(app) as archive:
        events, _total = archive.ledger(subject="account bob")
        assert [(e.event, e.actor, e.describe()) for e in reversed(events)] == [
            ("account.added", "user:admin", "added account bob as a viewer"),
            ("account.role_changed", "user:admin", "made bob an editor"),
            ("account.token_issued", "user:admin", f"issued a token {token[:12]}… for bob"),
            ("account.token_revoked", "user:admin", f"revoked the token {token[:12]}… of bob"),
            ("account.token_issued", "user:admin", f"issued a token {issued[:12]}… for bob"),
            ("account.token_revoked", "user:admin", f"revoked the token {issued[:12]}… of bob"),
            ("account.disabled", "user:admin", "disabled account bob")]
        password_hash = archive.catalog.account_row("bob")["password_hash"]
        report = archive.verify()
        assert report.ok, report.problems
    ledger = _ledger_dump(app)
    for secret in (token, issued, token[12:], issued[12:], "bob's first password", PASSWORD, password_hash,
                   *staff.values()):
        assert secret not in ledger


def test_audit_and_activity_say_who_gave_whom_which_rights(app, staff):
    admin = _login(app.test_client(), "admin")
    admin.post("/accounts/role", data={"name": "viewer", "role": "editor"})
    audit = admin.get("/audit", query_string={"event": "account", "subject": "account viewer"}).text
    assert "made viewer an editor" in audit and "issued a token " + staff["viewer"][:12] + "… for viewer" in audit
    assert "account viewer" in audit and "user:admin" in audit
    assert "made viewer an editor" in admin.get("/activity/user:admin").text
    assert staff["viewer"] not in audit


def test_a_script_in_an_account_name_is_text_on_every_account_page(app, staff):
    admin = _login(app.test_client(), "admin")
    assert admin.post("/accounts", data={"name": SCRIPT, "role": "viewer", "password": PASSWORD}).status_code == 302
    admin.post("/accounts/role", data={"name": SCRIPT, "role": "contributor"})
    issued = admin.post("/accounts/token", data={"name": SCRIPT})
    escaped = "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"
    for page in (issued, admin.get("/accounts"), admin.get("/audit"), admin.get("/activity/user:admin")):
        assert SCRIPT not in page.text and escaped in page.text
    assert admin.get("/api/accounts", headers=JSON).json["accounts"][-1]["name"] == SCRIPT
