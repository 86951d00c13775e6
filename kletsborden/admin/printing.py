"""The printable deck in the editor: an edition's cards in play as an A4 PDF.

Admins print any edition (a draft too, to try it on paper); facilitators may print, but only
what players can play: published editions. Anything else is "not found" for them.
"""

from __future__ import annotations

from flask import Response, abort, g, redirect, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from ..config import DEFAULT_LANGUAGE
from ..printing.deck import PrintError, print_edition
from . import bp, database, notify


@bp.get("/editions/<slug>/print")
def print_cards(slug: str) -> Response | WerkzeugResponse:
    language = request.args.get("language", DEFAULT_LANGUAGE)
    second = request.args.get("second") or None
    edits = g.admin.edits_decks
    try:
        touching = request.args.get("touching") == "1"
        deck = print_edition(
            database(),
            slug,
            language,
            published_only=not edits,
            touching=touching,
            second=second,
        )
    except PrintError as error:
        if error.code == "unknown_edition":
            abort(404)
        notify(error.key, "error", **error.params_in(g.lang))
        return redirect(url_for("admin.edition", slug=slug) if edits else url_for("admin.home"))
    return Response(
        deck.content,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{deck.filename}"'},
    )
