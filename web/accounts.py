"""The accounts page: every account with its tokens, and the admin's changes (add, role, disable, issue and
revoke tokens). Each change is a ledger event naming the admin, written by the archive with the change.

A new token is shown once, in the answer to the POST that made it: never in a URL, a redirect or a flash
cookie, and the answer is not to be cached. The account a form is about travels in the form, not in the URL,
so no name (a slash, "..") can change which route a browser asks for.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, g, make_response, redirect, render_template, request, url_for

from archive.accounts import Accounts
from archive.errors import ArchiveError, ForbiddenError
from archive.permissions import ROLES
from web.db import get_archive
from web.errors import STATUS

bp = Blueprint("accounts", __name__)
NO_ACCOUNTS_YET = ("This archive has no accounts, so nobody logs in to manage them: create the first, an admin, "
                   "on the server with `evidence user add NAME --role admin`, then log in as it.")


def managed_accounts() -> Accounts:
    """Return the archive's accounts for a change; refused in single-user mode, where whoever reaches the server
    would otherwise give themselves an admin account that outlives the day the archive is served to a team."""
    if not g.team:
        raise ForbiddenError(NO_ACCOUNTS_YET)
    return get_archive().accounts


@bp.get("/accounts")
def index():
    """List every account with its role, state and tokens, and the forms that change them."""
    return _accounts_page()


def _accounts_page(error: str | None = None, status: int = 200, issued: dict | None = None,
                   form: dict | None = None):
    listed = get_archive().accounts.list() if g.team else []
    response = make_response(render_template("accounts.html", accounts=listed, roles=ROLES, error=error,
                                             issued=issued, form=form or {}, single_user=not g.team), status)
    if issued is not None:  # the token is in this page: no copy of it may stay in a cache
        response.headers["Cache-Control"] = "no-store"
    return response


def _refused(error: ArchiveError, form: dict | None = None):
    """Show the page again saying why a change was refused, with the status its kind calls for (web/errors.py)."""
    return _accounts_page(error=str(error), status=STATUS[error.kind], form=form)


def _change(action: Callable[[Accounts], str], form: dict | None = None):
    """Make a change and go back to the list saying what was done, or show the page again saying why not."""
    try:
        done = action(managed_accounts())
    except ArchiveError as exc:
        return _refused(exc, form)
    flash(done)
    return redirect(url_for("accounts.index"))


@bp.post("/accounts")
def add():
    """Create an account with a role and an initial password, checked as `evidence user add` checks them."""
    name, role = request.form.get("name", ""), request.form.get("role", "")

    def create(accounts: Accounts) -> str:
        account = accounts.add(name, role, request.form.get("password", ""))
        return f"Account {account.name} created ({account.role})."
    return _change(create, form={"name": name, "role": role})  # typed back into the form; never the password


@bp.post("/accounts/role")
def set_role():
    """Give an account another role (the last enabled admin keeps theirs)."""
    def change(accounts: Accounts) -> str:
        account = accounts.set_role(request.form.get("name", ""), request.form.get("role", ""))
        return f"Account {account.name} is now {account.role}."
    return _change(change)


@bp.post("/accounts/disable")
def disable():
    """Disable an account: its sessions and tokens stop working at once (the last enabled admin stays)."""
    def change(accounts: Accounts) -> str:
        account = accounts.disable(request.form.get("name", ""))
        return f"Account {account.name} is disabled; its sessions and tokens no longer work."
    return _change(change)


@bp.post("/accounts/token")
def issue_token():
    """Make an API token for an account and show it in this answer, once."""
    name = request.form.get("name", "")
    try:
        token = managed_accounts().issue_token(name)
    except ArchiveError as exc:
        return _refused(exc)
    return _accounts_page(issued={"account": get_archive().accounts.get(name).name, "token": token})


@bp.post("/accounts/revoke")
def revoke_token():
    """Revoke a token by its prefix: it stops working at once."""
    def change(accounts: Accounts) -> str:
        return f"Token {accounts.revoke(request.form.get('prefix', '')).prefix} revoked."
    return _change(change)
