"""Entities: the list with a form to record one, and each entity's page (its names, suggested names, and the
captures and claims naming it)."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from archive import inputs
from archive.errors import ArchiveError
from archive.models import ENTITY_KINDS
from web import arguments
from web.db import get_archive
from web.errors import STATUS

bp = Blueprint("entities", __name__)
PER_PAGE = 50


@bp.get("/entities")
def index(error: str | None = None, status: int = 200):
    """List entities by name, a page at a time (with the reason when `create` refused one)."""
    entities = get_archive().entities
    listed, page, pages = arguments.paged(entities.list, entities.count(), PER_PAGE)
    return render_template("entities.html", entities=listed, kinds=ENTITY_KINDS, page=page, pages=pages,
                           error=error, form=request.form), status


@bp.post("/entities")
def create():
    """Record an entity with its names (one a line) and open its page."""
    names = [line.strip() for line in request.form.get("aliases", "").splitlines() if line.strip()]
    try:
        made = get_archive().entities.add(request.form.get("name", ""), request.form.get("kind", "other"), names)
    except ArchiveError as exc:
        return index(str(exc), STATUS[exc.kind])
    return redirect(url_for("entities.show", entity_id=made.id))


@bp.get("/entities/<int:entity_id>")
def show(entity_id: int):
    """Show an entity's names, the spellings the captures may use for it, and the captures and claims naming it."""
    return _entity_page(entity_id)


def _entity_page(entity_id: int, error: str | None = None, status: int = 200):
    archive = get_archive()
    entity, captures, claims = archive.entity_mentions(entity_id)
    if entity.id != entity_id:  # merged into another: its page is the other's
        return redirect(url_for("entities.show", entity_id=entity.id))
    return render_template("entity.html", entity=entity, captures=captures, claims=claims,
                           suggestions=archive.suggest_aliases(entity.id), error=error), status


@bp.post("/entities/<int:entity_id>/names")
def add_names(entity_id: int):
    """Give an entity more names (one a line, or one suggested name)."""
    names = [line.strip() for line in request.form.get("names", "").splitlines() if line.strip()]
    return _change(entity_id, lambda entities: entities.add_names(entity_id, names))


@bp.post("/entities/<int:entity_id>/names/remove")
def remove_name(entity_id: int):
    """Take a name from an entity, with the reason."""
    name, reason = request.form.get("name", ""), request.form.get("reason") or None
    return _change(entity_id, lambda entities: entities.remove_name(entity_id, name, reason))


@bp.post("/entities/<int:entity_id>/merge")
def merge(entity_id: int):
    """Make this entity part of another (every name moves there)."""
    def merge_into(entities):
        into = inputs.whole_number(_whole(request.form.get("into", "")), "entity to merge into", 0, inputs.ID_MAX)
        return entities.merge(entity_id, into)
    return _change(entity_id, merge_into)


def _change(entity_id: int, change):
    """Make a change to an entity and show the page of the entity it leaves; a refusal shows this page again."""
    try:
        changed = change(get_archive().entities)
    except ArchiveError as exc:
        return _entity_page(entity_id, str(exc), STATUS[exc.kind])
    return redirect(url_for("entities.show", entity_id=changed.id))


def _whole(raw: str) -> int | None:
    digits = raw.strip().lstrip("#")
    return int(digits) if digits.isdigit() and len(digits) <= 18 else None
