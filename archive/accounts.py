"""Accounts of a team archive: names, roles, Argon2 password hashes, API tokens and login sessions.

Secrets are never stored: a token or session key is kept as its SHA-256 (it is random, so a fast hash is
enough), a password as its Argon2 hash. A token shows its first characters (`prefix`) so it can be named for
revocation. With no account the archive is in single-user mode and nothing here is asked.

Every change (an account added, a role changed, an account disabled, a token issued or revoked) is a ledger
event naming who made it, written by the catalog in the change's own transaction; it holds the account's
name, its role and a token's prefix, never a secret or a hash of one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from archive import inputs
from archive.catalog import Catalog
from archive.clock import utc_now
from archive.errors import InvalidInputError, NotFoundError, UnauthorizedError
from archive.permissions import ROLES

TOKEN_START = "evd_"
PREFIX_LENGTH = 12  # "evd_" and 8 random characters: shown, and enough to name a token for revocation
NAME_LIMIT = 64
PASSWORD_MIN, PASSWORD_MAX = 8, 1024
# Control characters, line separators and bidirectional overrides could forge lines in listings and logs.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
WRONG_LOGIN = "Wrong account name or password."
_hasher = PasswordHasher()
# Checked against when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


@dataclass
class Token:
    """An API token as listed: its shown prefix, never its secret."""

    id: int
    account_id: int
    prefix: str
    created_at: str
    revoked_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {"prefix": self.prefix, "created_at": self.created_at, "revoked_at": self.revoked_at}


@dataclass
class Account:
    """A person's account: name, role, and whether it is disabled."""

    id: int
    name: str
    role: str
    created_at: str
    disabled_at: str | None = None
    tokens: list[Token] = field(default_factory=list)

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "created_at": self.created_at,
                "disabled": self.disabled, "tokens": [t.to_json() for t in self.tokens]}


def _account(row: dict[str, Any] | None) -> Account | None:
    if row is None:
        return None
    return Account(id=row["id"], name=row["name"], role=row["role"], created_at=row["created_at"],
                   disabled_at=row["disabled_at"])


def secret_hash(secret: str) -> str:
    """Return the SHA-256 by which a token or session key is stored."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def check_name(name: str) -> str:
    """Return an account name if acceptable, else raise InvalidInputError."""
    if not inputs.text(name, "account name", NAME_LIMIT).strip():
        raise InvalidInputError("An account name cannot be empty.")
    if name != name.strip() or len(name) > NAME_LIMIT or _UNPRINTABLE.search(name):
        raise InvalidInputError(f"An account name is 1 to {NAME_LIMIT} printable characters, "
                                "without spaces at either end.")
    return name


def check_role(role: str) -> str:
    """Return a role if it is one of ROLES, else raise InvalidInputError."""
    if role not in ROLES:
        raise InvalidInputError(f"There is no role {role!r}: choose one of {', '.join(ROLES)}.")
    return role


def check_password(password: str) -> str:
    """Return a password if long enough and not too long, else raise InvalidInputError."""
    if len(inputs.text(password, "password", PASSWORD_MAX)) < PASSWORD_MIN:
        raise InvalidInputError(f"A password is {PASSWORD_MIN} to {PASSWORD_MAX} characters long.")
    return password


class Accounts:
    """The accounts of one archive, kept in its catalog."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def exist(self) -> bool:
        """Tell whether any account exists (team mode)."""
        return self.catalog.has_accounts()

    def add(self, name: str, role: str, password: str) -> Account:
        """Create an account; the name must be new (letter case aside)."""
        check_name(name)
        check_role(role)
        digest = _hasher.hash(check_password(password))
        return _account(self.catalog.add_account(name, role, digest, utc_now()))  # NameTakenError if taken

    def get(self, name: str) -> Account:
        """Return an account by name with its tokens, or raise NotFoundError."""
        found = _account(self.catalog.account_row(check_name(name)))
        if found is None:
            raise NotFoundError(f"There is no account named {name}.")
        found.tokens = [Token(**row) for row in self.catalog.token_rows(account_id=found.id)]
        return found

    def list(self) -> list[Account]:
        """Return every account with its tokens, oldest first."""
        accounts = [_account(row) for row in self.catalog.account_rows()]
        by_id = {account.id: account for account in accounts}
        for row in self.catalog.token_rows():
            by_id[row["account_id"]].tokens.append(Token(**row))
        return accounts

    def set_role(self, name: str, role: str) -> Account:
        """Give an account another role; it applies from the account's next request. The last enabled admin
        keeps theirs (LastAdminError)."""
        account = self.get(name)
        self.catalog.set_account_role(account.id, check_role(role), utc_now())
        return self.get(name)

    def disable(self, name: str) -> Account:
        """Disable an account: its sessions end and its tokens stop working at once. The last enabled admin
        stays enabled (LastAdminError)."""
        account = self.get(name)
        self.catalog.disable_account(account.id, utc_now())
        return self.get(name)

    def issue_token(self, name: str) -> str:
        """Make a new API token for an account and return it (it is shown this once)."""
        account = self.get(name)
        if account.disabled:
            raise InvalidInputError(f"The account {name} is disabled.")
        token = TOKEN_START + secrets.token_urlsafe(32)
        self.catalog.add_token(account.id, token[:PREFIX_LENGTH], secret_hash(token), utc_now())
        return token

    def revoke(self, prefix: str) -> Token:
        """Revoke the one live token that starts with `prefix` (at least its shown prefix, or all of it)."""
        if len(prefix) < PREFIX_LENGTH:
            raise InvalidInputError(f"Give the token's first {PREFIX_LENGTH} characters, as `evidence user list` "
                                    "shows them.")
        live = [Token(**row) for row in self.catalog.token_rows() if row["revoked_at"] is None
                and row["prefix"] == prefix[:PREFIX_LENGTH]]
        if len(prefix) > PREFIX_LENGTH:  # the whole token: its hash tells it from any other of that prefix
            account = self.catalog.token_account_row(secret_hash(prefix))
            live = [t for t in live if account is not None and t.account_id == account["id"]]
        if not live:
            raise NotFoundError(f"No live token starts with {prefix[:PREFIX_LENGTH]}.")
        if len(live) > 1:
            raise InvalidInputError(f"{len(live)} tokens start with {prefix}: give the whole token.")
        self.catalog.revoke_token(live[0].id, utc_now())
        return live[0]

    def authenticate(self, name: str, password: str) -> Account:
        """Return the account if the password is right and the account enabled, else raise UnauthorizedError."""
        try:
            row = self.catalog.account_row(check_name(name))
        except InvalidInputError:
            row = None
        try:
            given = inputs.text(password, "password", PASSWORD_MAX)
            _hasher.verify(row["password_hash"] if row else _DUMMY_HASH, given)
        except (VerificationError, InvalidHashError, InvalidInputError) as exc:
            raise UnauthorizedError(WRONG_LOGIN) from exc
        if row is None:
            raise UnauthorizedError(WRONG_LOGIN)
        account = _account(row)
        if account.disabled:
            raise UnauthorizedError(f"The account {account.name} is disabled.")
        if _hasher.check_needs_rehash(row["password_hash"]):  # the hasher's parameters were raised since
            self.catalog.set_password_hash(account.id, _hasher.hash(password))
        return account

    def by_token(self, token: str) -> Account | None:
        """Return the enabled account holding this live API token, or None."""
        account = _account(self.catalog.token_account_row(secret_hash(token)))
        return account if account is not None and not account.disabled else None

    def start_session(self, account: Account) -> str:
        """Open a login session and return its key (kept in the signed session cookie)."""
        key = secrets.token_urlsafe(32)
        self.catalog.add_session(secret_hash(key), account.id, utc_now())
        return key

    def by_session(self, key: str) -> Account | None:
        """Return the enabled account of a live session, or None (logged out, disabled, never opened)."""
        account = _account(self.catalog.session_account_row(secret_hash(key)))
        return account if account is not None and not account.disabled else None

    def end_session(self, key: str) -> None:
        """End a session: its cookie, replayed, opens nothing."""
        self.catalog.end_sessions(sha256=secret_hash(key))
