"""Accounts, roles, tokens and sessions on a real archive, and the `evidence user` commands."""

import json

import pytest

from archive.accounts import PREFIX_LENGTH, secret_hash
from archive.errors import InvalidInputError, NotFoundError, UnauthorizedError
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
