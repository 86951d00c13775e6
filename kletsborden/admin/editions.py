"""Editor pages for editions: the list, one edition's cards, creating, copying, renaming,
publishing and archiving, and an edition's history."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import DEPTHS, KINDS, LANGUAGES, SENSES
from ..deck_editor import EditorError, draft_languages, edition_languages, missing_languages
from ..deck_editor import editions as service
from ..editions.model import CardSpec, EditionSpec
from ..session_templates import templates_using_edition
from . import actor, bp, database, notify
from .facilitator import facilitator_page
from .forms import edition_fields, field_errors


@bp.get("/")
def home() -> str:
    """Editions for admins; for a facilitator, what they can do here (nothing to edit)."""
    if not g.admin.edits_decks:
        return facilitator_page()
    editions = service.list_editions(database())
    show_archived = request.args.get("archived") == "1"
    shown = [e for e in editions if show_archived or e.status != "archived"]
    archived = sum(e.status == "archived" for e in editions)
    counts = {
        e.id: {
            "cards": len(e.cards),
            "active": sum(c.active for c in e.cards),
            "untranslated": sum(bool(missing_languages(c)) for c in e.cards),
        }
        for e in shown
    }
    return render_template(
        "admin/home.html",
        editions=shown,
        counts=counts,
        archived=archived,
        show_archived=show_archived,
    )


def _edition_form(
    mode: str, values: Any, errors: dict, status: int = 200, **context: Any
) -> tuple[str, int]:
    source = context.get("source")
    languages = edition_languages(source) if source else LANGUAGES
    if source:  # its name may be in languages none of its cards has
        languages = tuple(dict.fromkeys([*languages, *source.name, *source.description]))
    page = render_template(
        "admin/edition_form.html",
        mode=mode,
        values=values,
        errors=errors,
        card_languages=languages,
        **context,
    )
    return page, status


@bp.route("/editions/new", methods=["GET", "POST"])
def new_edition() -> Response | tuple[str, int]:
    return _create(None)


@bp.route("/editions/<slug>/duplicate", methods=["GET", "POST"])
def duplicate_edition(slug: str) -> Response | tuple[str, int]:
    """Start a new edition from an old one: a draft with a copy of its cards."""
    return _create(service.get_edition(database(), slug))


def _create(source: EditionSpec | None) -> Response | tuple[str, int]:
    mode = "duplicate" if source else "new"
    if request.method == "GET":
        values = {}
        if source:
            values = {f"name-{lang}": text for lang, text in source.name.items()}
            values |= {f"description-{lang}": t for lang, t in source.description.items()}
        return _edition_form(mode, values, {}, source=source)
    slug, name, description = edition_fields(request.form)
    try:
        created = service.create_edition(
            database(), actor(), slug, name, description, copy_of=source.id if source else None
        )
    except EditorError as error:
        errors = field_errors(error.faults, g.lang)
        return _edition_form(mode, request.form, errors, 400, source=source)
    notify(f"admin.notice.edition_{mode}", edition=created.id)
    return redirect(url_for("admin.edition", slug=created.id))


@bp.route("/editions/<slug>/settings", methods=["GET", "POST"])
def edition_settings(slug: str) -> Response | tuple[str, int]:
    edition = service.get_edition(database(), slug)
    if request.method == "GET":
        values = {f"name-{lang}": text for lang, text in edition.name.items()}
        values |= {f"description-{lang}": t for lang, t in edition.description.items()}
        return _edition_form("settings", values, {}, source=edition)
    _, name, description = edition_fields(request.form)
    try:
        service.update_edition(database(), actor(), slug, name, description)
    except EditorError as error:
        errors = field_errors(error.faults, g.lang)
        return _edition_form("settings", request.form, errors, 400, source=edition)
    notify("admin.notice.edition_saved", edition=slug)
    return redirect(url_for("admin.edition", slug=slug))


STEPS = ("publish", "unpublish", "archive", "restore")


@bp.route("/editions/<slug>/status", methods=["GET", "POST"])
def edition_status(slug: str) -> Response | str:
    if request.method == "GET":
        return _confirm_status(slug, request.args.get("step", ""))
    step = request.form.get("step", "")
    try:
        changed = service.change_status(database(), actor(), slug, step)
    except EditorError as error:
        for message in field_errors(error.faults, g.lang).values():
            notify("admin.notice.refused", "error", message=message.message)
    else:
        if changed.id != slug:  # a new version replaced the published edition
            notify("admin.notice.replaced", edition=changed.id, copy=slug)
        else:
            notify(f"admin.notice.status_{step}", edition=slug)
        slug = changed.id
    return redirect(url_for("admin.edition", slug=slug))


def _confirm_status(slug: str, step: str) -> Response | str:
    """The question before a change of status: what it does, and which templates it touches."""
    edition = service.get_edition(database(), slug)
    if step not in STEPS:
        return redirect(url_for("admin.edition", slug=slug))
    touches = step in ("unpublish", "archive")
    using = templates_using_edition(database(), slug) if touches else []
    return render_template(
        "admin/edition_status.html",
        edition=edition,
        step=step,
        templates=using,
        replaces=service.replaced_by_publishing(database(), slug) if step == "publish" else None,
    )


@dataclass(frozen=True)
class CardFilter:
    """The filters on an edition's page; empty means "all"."""

    sense: str = ""
    kind: str = ""
    depth: str = ""
    missing: str = ""
    active: str = ""
    query: str = ""

    @property
    def any(self) -> bool:
        return any(vars(self).values())

    def matches(self, card: CardSpec, languages: tuple[str, ...] = LANGUAGES) -> bool:
        texts = " ".join(
            part or "" for t in card.texts.values() for part in (t.question, t.follow_up)
        )
        return (
            self.sense in ("", card.sense)
            and self.kind in ("", card.kind)
            and self.depth in ("", str(card.depth))
            and (not self.missing or self.missing in missing_languages(card, languages))
            and self.active in ("", "yes" if card.active else "no")
            and _fold(self.query) in _fold(f"{card.id} {texts}")
        )


def _fold(text: str) -> str:
    """Search ignores case and accents: "een" finds "één"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in plain if not unicodedata.combining(ch)).strip()


@bp.get("/editions/<slug>")
def edition(slug: str) -> str:
    """The cards of an edition, grouped by sense, with filters, search and reordering."""
    spec = service.get_edition(database(), slug)
    languages = edition_languages(spec)
    args = request.args
    chosen = CardFilter(
        sense=args.get("sense", "") if args.get("sense") in SENSES else "",
        kind=args.get("kind", "") if args.get("kind") in KINDS else "",
        depth=args.get("depth", "") if args.get("depth") in {str(d) for d in DEPTHS} else "",
        missing=args.get("missing", "") if args.get("missing") in languages else "",
        active=args.get("active", "") if args.get("active") in ("yes", "no") else "",
        query=args.get("q", "")[:100],
    )
    shown = [card for card in spec.cards if chosen.matches(card, languages)]
    groups = [(sense, [c for c in shown if c.sense == sense]) for sense in SENSES]
    untranslated = {
        lang: sum(lang in missing_languages(c, languages) for c in spec.cards) for lang in languages
    }
    drafts = {lang: sum(lang in draft_languages(c) for c in spec.cards) for lang in languages}
    return render_template(
        "admin/edition.html",
        edition=spec,
        groups=groups,
        shown=len(shown),
        chosen=chosen,
        untranslated=untranslated,
        drafts=drafts,
        card_languages=languages,
        return_to=request.full_path.rstrip("?"),
        replaces=service.replaced_by_publishing(database(), slug)
        if spec.status == "draft"
        else None,
    )


@bp.get("/editions/<slug>/history")
def edition_history(slug: str) -> str:
    spec = service.get_edition(database(), slug)
    entries = service.history(database(), slug)
    return render_template("admin/history.html", edition=spec, card=None, entries=entries)
