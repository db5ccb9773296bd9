"""The one table of permissions: what each role may do, and which action each page and API endpoint is.

The web app's views, its templates (`can(action)`) and the tests all read these tables; an endpoint missing
from ENDPOINTS is refused to everyone (and fails the test that walks every route).
"""

from __future__ import annotations

# Roles from least to most allowed; each role may do what the one before it may, and more.
ROLES = ("viewer", "contributor", "editor", "admin")
# The role that manages accounts: an archive with accounts keeps one enabled (the catalog refuses the change
# that would leave none).
ADMIN = "admin"

ACTIONS = {
    "read": "search, read and download captures, claims and bundles",
    "capture": "capture sources",
    "claim": "record claims",
    "name": "record entities and give them names",
    "unname": "take names from entities and merge entities",
    "cite": "cite passages for claims",
    "judge": "set a claim's status and verdict notes",
    "retract": "retract citations",
    "audit": "read the audit view of the ledger (who did what, filtered)",
    "manage": "manage accounts and tokens",
}

GRANTS = {
    "viewer": frozenset({"read"}),
    "contributor": frozenset({"read", "capture", "claim", "name", "cite"}),
    "editor": frozenset({"read", "capture", "claim", "name", "cite", "judge", "retract", "unname", "audit"}),
    "admin": frozenset(ACTIONS),
}

PUBLIC = None  # the action of endpoints anyone may reach: the login page, logging out, static files

ENDPOINTS = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "search.index": "read",
    "captures.list_captures": "read",
    "captures.show": "read",
    "captures.diff": "read",
    "captures.original": "read",
    "captures.exchange": "read",
    "captures.part": "read",
    "captures.page_image": "read",
    "captures.page_tables": "read",
    "captures.recapture": "capture",
    "captures.add_form": "capture",
    "captures.add": "capture",
    "captures.cite": "cite",
    "claims.index": "read",
    "claims.show": "read",
    "claims.sources": "read",
    "claims.download_bundle": "read",
    "claims.create": "claim",
    "claims.set_status": "judge",
    "claims.remove_citation": "retract",
    "api.list_captures": "read",
    "api.get_capture": "read",
    "api.search": "read",
    "api.list_claims": "read",
    "api.get_claim": "read",
    "api.claim_sources": "read",
    "api.create_capture": "capture",
    "api.create_claim": "claim",
    "api.create_citation": "cite",
    "api.update_claim": "judge",
    "api.delete_citation": "retract",
    "entities.index": "read",
    "entities.show": "read",
    "entities.create": "name",
    "entities.add_names": "name",
    "entities.remove_name": "unname",
    "entities.merge": "unname",
    "api.list_entities": "read",
    "api.get_entity": "read",
    "api.create_entity": "name",
    "api.add_entity_names": "name",
    "api.remove_entity_name": "unname",
    "api.merge_entity": "unname",
    "api.ledger": "audit",
    "api.list_accounts": "manage",
    "api.create_account": "manage",
    "api.update_account": "manage",
    "api.issue_token": "manage",
    "api.revoke_token": "manage",
    "history.activity": "read",
    "history.audit": "audit",
    "accounts.index": "manage",
    "accounts.add": "manage",
    "accounts.set_role": "manage",
    "accounts.disable": "manage",
    "accounts.issue_token": "manage",
    "accounts.revoke_token": "manage",
}


def allows(role: str | None, action: str) -> bool:
    """Tell whether `role` may do `action`."""
    return action in GRANTS.get(role or "", ())


def least_role(action: str) -> str:
    """Return the first role allowed to do `action`."""
    return next(role for role in ROLES if allows(role, action))
