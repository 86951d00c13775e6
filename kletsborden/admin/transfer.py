"""Editor pages for import and export. An import is always shown as a dry run first (what it
would add, change or reject, and why); only the confirm button writes, all or nothing."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from flask import Response, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as WerkzeugResponse

from ..config import MAX_IMPORT_BYTES
from ..deck_editor import EditorError, fault
from ..deck_editor.editions import list_editions
from ..deck_editor.transfer import EXPORT_FORMATS, export_file, preview_import, run_import
from . import actor, bp, database, notify
from .forms import fault_message, field_errors, field_label


def _import_page(status: int = 200, **context: Any) -> tuple[str, int]:
    context.setdefault("preview", None)
    context.setdefault("errors", {})
    page = render_template(
        "admin/import.html",
        fault_message=lambda f: fault_message(f, g.lang),
        field_label=lambda p: field_label(p, g.lang),
        limit_mb=MAX_IMPORT_BYTES // (1024 * 1024),
        **context,
    )
    return page, status


@bp.route("/import", methods=["GET", "POST"])
def import_cards() -> WerkzeugResponse | tuple[str, int]:
    if request.method == "GET":
        return _import_page()
    if request.form.get("step") == "confirm":
        return _confirm()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        missing = [fault("no_file", "choose a file", "file")]
        return _import_page(400, errors=field_errors(missing, g.lang))
    data = upload.stream.read(MAX_IMPORT_BYTES + 1)
    preview = preview_import(database(), upload.filename, data)
    return _import_page(
        400 if preview.faults else 200,
        preview=preview,
        filename=upload.filename,
        content=base64.b64encode(data).decode("ascii") if not preview.faults else "",
    )


def _confirm() -> WerkzeugResponse | tuple[str, int]:
    """Import what the dry run showed (sent back by the page, checked again in full)."""
    filename = request.form.get("filename", "")
    try:
        data = base64.b64decode(request.form.get("content", ""), validate=True)
        done = run_import(database(), actor(), filename, data)
    except (binascii.Error, ValueError):
        return _import_page(
            400, errors=field_errors([fault("no_file", "bad form", "file")], g.lang)
        )
    except EditorError as error:
        return _import_page(400, preview=None, import_faults=error.faults)
    added = sum(len(e.added) for e in done.editions)
    changed = sum(len(e.changed) for e in done.editions)
    notify("admin.notice.imported", added=added, changed=changed)
    return redirect(url_for("admin.home"))


@bp.get("/export")
def export_cards() -> str:
    return render_template(
        "admin/export.html",
        editions=list_editions(database()),
        formats=EXPORT_FORMATS,
        chosen=[],
        chosen_format="json",
        errors={},
    )


@bp.get("/export/download")
def export_download() -> Response | tuple[str, int]:
    slugs = request.args.getlist("edition")
    fmt = request.args.get("format", "json")
    try:
        filename, media_type, content = export_file(database(), slugs, fmt)
    except EditorError as error:
        page = render_template(
            "admin/export.html",
            editions=list_editions(database()),
            formats=EXPORT_FORMATS,
            chosen=slugs,
            chosen_format=fmt,
            errors=field_errors(error.faults, g.lang),
        )
        return page, 400
    return Response(
        content,
        mimetype=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
