"""The deck editor for admins: editions and cards, import and export, audit trail."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
