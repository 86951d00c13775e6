"""Editor pages for cards: the card form with its live preview, take out of play, move up or
down, and a card's history with "restore this version"."""

from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from ..config import DEPTHS, KINDS, SENSES
from ..deck_editor import EditorError, card_version, edition_languages
from ..deck_editor import cards as service
from ..deck_editor.editions import get_edition, history
from ..editions.model import CardSpec, EditionSpec
from ..languages import language_label
from ..payloads import whole_number
from ..printing.pdf import fits_usual_card
from . import actor, bp, database, notify
from .forms import card_form_values, card_raw, field_errors, safe_next


def _form(
    edition: EditionSpec,
    card: CardSpec | None,
    values: dict,
    errors: dict | None = None,
    status: int = 200,
    based_on: str = "",
) -> tuple[str, int]:
    languages = edition_languages(edition)
    preview = request.args.get("preview") or ""
    if preview not in languages:
        filled = [lang for lang in languages if values.get(f"{lang}-question")]
        preview = g.lang if g.lang in filled or not filled else filled[0]
    page = render_template(
        "admin/card_form.html",
        edition=edition,
        card=card,
        values=values,
        errors=errors or {},
        based_on=based_on,
        preview_language=preview,
        senses=SENSES,
        kinds=KINDS,
        depths=DEPTHS,
        card_languages=languages,
    )
    return page, status


def _warn_if_large(card: CardSpec) -> None:
    """Say so when a text will not fit the usual printed card (it then prints larger)."""
    for lang, text in card.texts.items():
        if not fits_usual_card(text.question, text.follow_up):
            language_name = language_label(lang, g.lang)
            notify("admin.notice.prints_larger", card=card.id, language_name=language_name)


def _back(slug: str, key: str) -> Response:
    target = safe_next(request.form.get("next")) or url_for("admin.edition", slug=slug)
    return redirect(f"{target}#card-{key}")


@bp.route("/editions/<slug>/cards/new", methods=["GET", "POST"])
def new_card(slug: str) -> Response | tuple[str, int]:
    edition = get_edition(database(), slug)
    if request.method == "GET":
        sense = request.args.get("sense") if request.args.get("sense") in SENSES else ""
        values = {"sense": sense, "kind": KINDS[0], "depth": "1", "active": "on"}
        return _form(edition, None, values)
    raw = card_raw(request.form) | {"id": request.form.get("id", "").strip().lower()}
    try:
        card = service.create_card(database(), actor(), slug, raw)
    except EditorError as error:
        return _form(edition, None, request.form, field_errors(error.faults, g.lang), 400)
    notify("admin.notice.card_created", card=card.id)
    _warn_if_large(card)
    return _back(slug, card.id)


@bp.route("/editions/<slug>/cards/<key>", methods=["GET", "POST"])
def edit_card(slug: str, key: str) -> Response | tuple[str, int]:
    edition = get_edition(database(), slug)
    card = service.get_card(database(), slug, key)
    if request.method == "GET":
        return _form(edition, card, card_form_values(card), based_on=card_version(card))
    based_on = request.form.get("based_on") or None
    try:
        saved = service.update_card(
            database(), actor(), slug, key, card_raw(request.form), based_on
        )
    except EditorError as error:
        # After a conflict the form keeps what this admin typed; saving again overwrites.
        current = error.current or card
        errors = field_errors(error.faults, g.lang)
        return _form(
            edition,
            current,
            request.form,
            errors,
            409 if error.current else 400,
            based_on=card_version(current),
        )
    notify("admin.notice.card_saved", card=key)
    _warn_if_large(saved)
    return _back(slug, key)


@bp.post("/editions/<slug>/cards/<key>/active")
def card_active(slug: str, key: str) -> Response:
    active = request.form.get("active") == "on"
    service.set_card_active(database(), actor(), slug, key, active)
    notify(f"admin.notice.card_{'activated' if active else 'deactivated'}", card=key)
    return _back(slug, key)


@bp.post("/editions/<slug>/cards/<key>/reviewed")
def card_reviewed(slug: str, key: str) -> Response:
    """Someone who speaks the language checked a draft translation of this card."""
    language = request.form.get("language", "")
    if service.mark_reviewed(database(), actor(), slug, key, language):
        notify(
            "admin.notice.text_reviewed", card=key, language_name=language_label(language, g.lang)
        )
    return _back(slug, key)


@bp.post("/editions/<slug>/cards/<key>/move")
def card_move(slug: str, key: str) -> Response:
    step = -1 if request.form.get("step") == "up" else 1
    if not service.move_card(database(), actor(), slug, key, step):
        notify("admin.notice.cannot_move", card=key)
    return _back(slug, key)


@bp.get("/editions/<slug>/cards/<key>/history")
def card_history(slug: str, key: str) -> str:
    edition = get_edition(database(), slug)
    card = service.get_card(database(), slug, key)
    entries = history(database(), slug, key)
    return render_template("admin/history.html", edition=edition, card=card, entries=entries)


@bp.post("/editions/<slug>/cards/<key>/restore")
def card_restore(slug: str, key: str) -> Response | tuple[str, int]:
    entry = request.form.get("entry", "")
    side = request.form.get("side", "")
    try:
        service.restore_card(database(), actor(), slug, key, whole_number(entry, 12) or 0, side)
    except EditorError as error:
        for message in field_errors(error.faults, g.lang).values():
            notify("admin.notice.refused", "error", message=f"{message.label}: {message.message}")
        return redirect(url_for("admin.card_history", slug=slug, key=key))
    notify("admin.notice.card_restored", card=key)
    return redirect(url_for("admin.edit_card", slug=slug, key=key))
