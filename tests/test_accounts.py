"""Accounts, roles, tokens and sessions on a real archive, and the `evidence user` commands."""

import json

import pytest

from archive.accounts import PREFIX_LENGTH, secret_hash
from archive.errors import InvalidInputError, LastAdminError, NotFoundError, UnauthorizedError
from archive.permissions import ACTIONS, ENDPOINTS, GRANTS, ROLES, allows, least_role


def test_roles_grow_from_viewer_to_admin():
    for lower, higher in zip(ROLES, ROLES[1:]):
        assert GRANTS[lower] < GRANTS[higher]
    assert GRANTS["admin"] == frozenset(ACTIONS)
    assert set(ENDPOINTS.values()) - {None} <= set(ACTIONS)
    assert least_role("read") == "viewer" and least_role("cite") == "contributor"
    assert least_role("judge") == "editor" and least_role("manage") == "admin"
    assert not allows(None, "read") and not allows("superhero", "read")


def test_single_user_until_the_first_account(archive):
    assert not archive.accounts.exist()
    archive.accounts.add("alice", "admin", "correct horse")
    assert archive.accounts.exist()


def test_passwords_are_stored_as_argon2_hashes(archive):
    archive.accounts.add("alice", "editor", "correct horse")
    stored = archive.catalog.account_row("alice")["password_hash"]
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert archive.accounts.authenticate("alice", "correct horse").role == "editor"
    assert archive.accounts.authenticate("ALICE", "correct horse").name == "alice"  # names ignore letter case


@pytest.mark.parametrize("name, password", [("alice", "wrong password"), ("nobody", "correct horse"),
                                            ("alice", ""), ("x" * 10_000, "correct horse")])
def test_wrong_password_and_unknown_user_are_one_answer(archive, name, password):
    archive.accounts.add("alice", "viewer", "correct horse")
    with pytest.raises(UnauthorizedError, match="^Wrong account name or password.$"):
        archive.accounts.authenticate(name, password)


def test_disabled_account_ends_its_sessions_and_tokens(archive):
    accounts = archive.accounts
    alice = accounts.add("alice", "contributor", "correct horse")
    key = accounts.start_session(alice)
    token = accounts.issue_token("alice")
    assert accounts.by_session(key).name == accounts.by_token(token).name == "alice"
    accounts.disable("alice")
    assert accounts.by_session(key) is None and accounts.by_token(token) is None
    with pytest.raises(UnauthorizedError, match="disabled"):
        accounts.authenticate("alice", "correct horse")
    with pytest.raises(InvalidInputError, match="disabled"):
        accounts.issue_token("alice")


def test_tokens_and_sessions_are_stored_hashed_and_revoked_at_once(archive):
    accounts = archive.accounts
    accounts.add("alice", "viewer", "correct horse")
    token = accounts.issue_token("alice")
    assert token.startswith("evd_") and len(token) > 40
    rows = archive.catalog.token_rows()
    assert rows[0]["prefix"] == token[:PREFIX_LENGTH] and "sha256" not in rows[0]
    assert archive.catalog.token_account_row(secret_hash(token))["name"] == "alice"
    assert token not in (archive.home / "catalog.db").read_bytes().decode("latin-1")
    revoked = accounts.revoke(token[:PREFIX_LENGTH])
    assert revoked.prefix == token[:PREFIX_LENGTH] and accounts.by_token(token) is None
    with pytest.raises(NotFoundError):
        accounts.revoke(token)
    assert accounts.by_token("evd_" + "x" * 43) is None and accounts.by_token("") is None


def test_revoke_needs_the_shown_prefix(archive):
    archive.accounts.add("alice", "viewer", "correct horse")
    token = archive.accounts.issue_token("alice")
    with pytest.raises(InvalidInputError, match="first 12 characters"):
        archive.accounts.revoke(token[:6])
    assert archive.accounts.revoke(token).prefix == token[:PREFIX_LENGTH]  # the whole token names it too


def test_ended_session_opens_nothing(archive):
    alice = archive.accounts.add("alice", "viewer", "correct horse")
    key = archive.accounts.start_session(alice)
    other = archive.accounts.start_session(alice)
    archive.accounts.end_session(key)
    assert archive.accounts.by_session(key) is None
    assert archive.accounts.by_session(other).name == "alice"


@pytest.mark.parametrize("name", ["", "  ", " alice", "a\nb", "bidi\u202eevil", "x" * 65])
def test_account_names_are_printable(archive, name):
    with pytest.raises(InvalidInputError):
        archive.accounts.add(name, "viewer", "correct horse")


def test_bad_roles_passwords_and_duplicates_are_refused(archive):
    with pytest.raises(InvalidInputError, match="no role 'owner'"):
        archive.accounts.add("alice", "owner", "correct horse")
    with pytest.raises(InvalidInputError, match="8 to 1024"):
        archive.accounts.add("alice", "viewer", "short")
    archive.accounts.add("alice", "viewer", "correct horse")
    with pytest.raises(InvalidInputError, match="already an account"):
        archive.accounts.add("Alice", "viewer", "correct horse")
    with pytest.raises(NotFoundError):
        archive.accounts.set_role("nobody", "admin")


# -- the command line -----------------------------------------------------------------------------------

def test_user_commands(evidence):
    added = evidence("user", "add", "alice", "--role", "contributor", "--password-stdin", input="correct horse\n")
    assert added.exit_code == 0 and "Account alice created (contributor)." in added.output
    assert evidence("user", "role", "alice", "editor").output == "Account alice is now editor.\n"
    token = json.loads(evidence("user", "token", "alice", "--json").output)
    assert token["user"] == "alice" and token["token"].startswith("evd_")
    listed = json.loads(evidence("user", "list", "--json").output)
    assert listed == [{"name": "alice", "role": "editor", "created_at": listed[0]["created_at"], "disabled": False,
                       "tokens": [{"prefix": token["token"][:12], "created_at": listed[0]["tokens"][0]["created_at"],
                                   "revoked_at": None}]}]
    assert token["token"][:12] in evidence("user", "list").output
    assert evidence("user", "revoke", token["token"][:12]).output == f"Token {token['token'][:12]} revoked.\n"
    assert "(revoked)" in evidence("user", "list").output
    assert "no longer work" in evidence("user", "disable", "alice").output
    assert json.loads(evidence("user", "list", "--json").output)[0]["disabled"] is True


def test_user_add_reads_the_password_twice_from_the_terminal(evidence, home):
    from archive.archive import Archive

    mismatch = evidence("user", "add", "bob", "--role", "viewer", input="first pass\nsecond pass\n"
                        "correct horse\ncorrect horse\n")
    assert mismatch.exit_code == 0 and "do not match" in mismatch.output
    with Archive(home) as archive:
        assert archive.accounts.authenticate("bob", "correct horse").role == "viewer"


def test_user_commands_refuse_bad_input_in_one_sentence(evidence):
    assert "no accounts" in evidence("user", "list").output.lower()
    short = evidence("user", "add", "alice", "--role", "viewer", "--password-stdin", input="short\n")
    assert short.exit_code == 2 and short.output.strip() == "Error: A password is 8 to 1024 characters long."
    assert evidence("user", "add", "alice", "--role", "owner", "--password-stdin", input="x" * 9).exit_code == 2
    missing = evidence("user", "token", "nobody")
    assert missing.exit_code == 1 and missing.output.strip() == "Error: There is no account named nobody."
    assert evidence("user", "revoke", "evd_12345678").exit_code == 1


def test_script_names_print_as_written_and_control_characters_are_refused(evidence):
    evidence("user", "add", "<script>alert(1)</script>", "--role", "viewer", "--password-stdin",
             input="correct horse\n")
    assert "<script>alert(1)</script>" in evidence("user", "list").output
    forged = evidence("user", "add", "eve\nadmin", "--role", "viewer", "--password-stdin", input="correct horse\n")
    assert forged.exit_code == 2


def test_serve_refuses_a_public_address_without_accounts(evidence):
    refused = evidence("serve", "--host", "0.0.0.0", "--port", "0")
    assert refused.exit_code == 1
    assert "evidence user add NAME --role admin" in refused.output and "0.0.0.0" in refused.output


# -- account changes in the ledger ------------------------------------------------------------------------

def _account_events(archive) -> list[tuple[str, str, str | None, str]]:
    events, _total = archive.ledger(event="account", limit=1000)
    return [(e.event, e.subject, e.actor, e.describe()) for e in reversed(events)]


def _ledger_text(archive) -> str:
    """Every column of every ledger entry, as one text to search for secrets."""
    return json.dumps(list(archive.catalog.iter_ledger()), ensure_ascii=False)


def test_every_account_change_is_an_event_naming_who_did_it_and_no_secret(archive):
    from archive.actors import acting_as

    with acting_as("user:alice"):
        archive.accounts.add("alice", "admin", "correct horse")
        archive.accounts.add("bob", "viewer", "bob's own secret")
        archive.accounts.set_role("bob", "editor")
        token = archive.accounts.issue_token("bob")
        archive.accounts.revoke(token[:PREFIX_LENGTH])
        archive.accounts.disable("bob")
    prefix = token[:PREFIX_LENGTH]
    assert _account_events(archive) == [
        ("account.added", "alice", "user:alice", "added account alice as an admin"),
        ("account.added", "bob", "user:alice", "added account bob as a viewer"),
        ("account.role_changed", "bob", "user:alice", "made bob an editor"),
        ("account.token_issued", "bob", "user:alice", f"issued a token {prefix}… for bob"),
        ("account.token_revoked", "bob", "user:alice", f"revoked the token {prefix}… of bob"),
        ("account.disabled", "bob", "user:alice", "disabled account bob")]
    ledger = _ledger_text(archive)
    for secret in ("correct horse", "bob's own secret", token, token[PREFIX_LENGTH:], secret_hash(token),
                   archive.catalog.account_row("bob")["password_hash"]):
        assert secret not in ledger
    assert archive.verify().ok


def test_a_change_that_changes_nothing_is_no_event(archive):
    archive.accounts.add("alice", "admin", "correct horse")
    archive.accounts.add("bob", "viewer", "correct horse")
    archive.accounts.set_role("bob", "viewer")
    archive.accounts.disable("bob")
    archive.accounts.disable("bob")
    assert [event for event, *_ in _account_events(archive)] == ["account.added", "account.added",
                                                                 "account.disabled"]


def test_a_refused_change_writes_neither_row_nor_event(archive):
    archive.accounts.add("alice", "admin", "correct horse")
    before = archive.ledger_head()
    with pytest.raises(InvalidInputError):
        archive.accounts.add("ALICE", "viewer", "correct horse")
    with pytest.raises(LastAdminError):
        archive.accounts.disable("alice")
    assert archive.ledger_head() == before and not archive.accounts.get("alice").disabled


def test_the_last_enabled_admin_cannot_be_demoted_or_disabled(archive):
    accounts = archive.accounts
    accounts.add("alice", "admin", "correct horse")
    accounts.add("bob", "admin", "correct horse")
    accounts.disable("bob")  # a disabled admin manages nothing: alice is now the last
    for change in (lambda: accounts.set_role("alice", "editor"), lambda: accounts.disable("alice")):
        with pytest.raises(LastAdminError, match="alice is the last enabled admin") as refused:
            change()
        assert refused.value.kind == "conflict"
    accounts.add("carol", "admin", "correct horse")
    assert accounts.set_role("alice", "editor").role == "editor"  # carol still manages
    assert accounts.set_role("bob", "viewer").role == "viewer"  # a disabled admin is no last admin
    with pytest.raises(LastAdminError):
        accounts.disable("carol")


def test_accounts_made_before_the_ledger_held_them_are_attested_once(tmp_path):
    import sqlite_utils

    from archive.archive import Archive
    from archive.catalog import schema_migrations

    home = tmp_path / "old"
    home.mkdir()
    db = sqlite_utils.Database(home / "catalog.db")
    schema_migrations().apply(db, stop_before="m012_accounts_in_the_ledger")
    db.execute("INSERT INTO accounts (id, name, role, password_hash, created_at, disabled_at) VALUES "
               "(1, 'ana', 'admin', 'x', '2026-01-01T00:00:00.000000Z', NULL), "
               "(2, 'ben', 'viewer', 'x', '2026-01-02T00:00:00.000000Z', '2026-01-03T00:00:00.000000Z')")
    db.execute("INSERT INTO tokens (id, account_id, prefix, sha256, created_at, revoked_at) VALUES "
               "(1, 2, 'evd_abcdefgh', 'f', '2026-01-02T00:00:01.000000Z', '2026-01-02T00:00:02.000000Z')")
    db.conn.commit()
    db.close()
    with Archive(home) as archive:
        assert [(e, s, d) for e, s, _a, d in _account_events(archive)] == [
            ("account.attested", "ana", "recorded account ana as it stood (admin) when accounts joined the ledger"),
            ("account.attested", "ben",
             "recorded account ben as it stood (viewer, disabled) when accounts joined the ledger")]
        report = archive.verify()
        assert report.ok, report.problems
        assert report.checked["accounts"] == 2 and report.checked["tokens"] == 1
        archive.accounts.set_role("ben", "editor")
        assert archive.verify().ok


# -- the command line records its operator ---------------------------------------------------------------

def test_user_commands_record_the_local_operator(evidence, home, monkeypatch):
    from archive.archive import Archive

    monkeypatch.setenv("EVIDENCE_ACTOR", "ops")
    evidence("user", "add", "alice", "--role", "admin", "--password-stdin", input="correct horse\n")
    evidence("user", "add", "bob", "--role", "viewer", "--password-stdin", input="correct horse\n")
    evidence("user", "role", "bob", "editor")
    token = evidence("user", "token", "bob").output.strip()
    evidence("user", "revoke", token[:PREFIX_LENGTH])
    evidence("user", "disable", "bob")
    with Archive(home) as archive:
        recorded = _account_events(archive)
        assert [(event, actor) for event, _subject, actor, _what in recorded] == [
            ("account.added", "local:ops"), ("account.added", "local:ops"), ("account.role_changed", "local:ops"),
            ("account.token_issued", "local:ops"), ("account.token_revoked", "local:ops"),
            ("account.disabled", "local:ops")]
        assert token not in _ledger_text(archive) and "correct horse" not in _ledger_text(archive)
    refused = evidence("user", "disable", "alice")
    assert refused.exit_code == 1
    assert refused.output.strip() == ("Error: alice is the last enabled admin: make another account admin first, "
                                      "so that someone can still manage the accounts.")
