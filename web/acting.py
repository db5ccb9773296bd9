"""Who acts in a request: every ledger event a request writes names the account, or the server's operator."""

from __future__ import annotations

from importlib.util import find_spec

from flask import Flask, g

from archive.actors import local_operator, reset_actor, set_actor

# Accounts, where the archive has them (web/auth.py): the logged-in account or token's actor. Looked up rather
# than tried, so that a web.auth that fails to import fails loudly instead of crediting its users' work to the
# server's operator.
if find_spec("web.auth") is not None:
    from web.auth import current_actor as account_actor
else:
    account_actor = None


def request_actor() -> str:
    """Return the actor of this request: its account ("user:NAME"), else (single-user mode) the operator running
    the server ("local:NAME")."""
    account = account_actor() if account_actor is not None else None
    return f"user:{account}" if account else local_operator()


def init_app(app: Flask) -> None:
    """Set the actor at the start of every request and restore it at its end (threads serve many requests)."""

    @app.before_request
    def act_as_the_requester():
        g.actor_token = set_actor(request_actor())

    @app.teardown_request
    def stop_acting(_error: BaseException | None = None) -> None:
        token = g.pop("actor_token", None)
        if token is not None:
            reset_actor(token)
