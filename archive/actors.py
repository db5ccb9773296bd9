"""Who is acting: the actor every ledger event names, held per thread and task in a context variable.

The command line acts as the local operator ("local:" and `EVIDENCE_ACTOR` or the OS user name); the web sets
each request's actor (the logged-in account, or in single-user mode the operator who runs the server). Code
that sets no actor acts as the local operator, so no event is ever written without one.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

from archive import inputs
from archive.errors import InvalidInputError

ACTOR_MAX = 200  # an account name or "local:" and a user name, with room to spare
_actor: ContextVar[str | None] = ContextVar("evidence_actor", default=None)


def local_operator() -> str:
    """Return the operator of this machine as the ledger names them: "local:" and EVIDENCE_ACTOR or the user."""
    name = os.environ.get("EVIDENCE_ACTOR", "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):  # a uid without a passwd entry (some containers)
            name = f"uid{os.getuid()}"
    return _checked(name if name.startswith("local:") else f"local:{name}")


def current_actor() -> str:
    """Return who is acting now: the actor set for this context, else the local operator."""
    return _actor.get() or local_operator()


def set_actor(name: str) -> Token:
    """Make `name` the actor of this context until reset with the token returned."""
    return _actor.set(_checked(name))


def reset_actor(token: Token) -> None:
    """Restore the actor that was current before `set_actor` returned `token`."""
    _actor.reset(token)


@contextmanager
def acting_as(name: str) -> Iterator[str]:
    """Run a block as `name`: every ledger event written inside it names them."""
    token = set_actor(name)
    try:
        yield name
    finally:
        _actor.reset(token)


def _checked(name: str) -> str:
    # An actor is recorded, hashed and shown on pages: it must be text that encodes, and of a sane length.
    name = inputs.text(name, "actor", ACTOR_MAX).strip()
    if not name:
        raise InvalidInputError("The actor needs a name.")
    return name
