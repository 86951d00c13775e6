"""The pages people open in a browser, and the npm packages served from our own origin."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, send_from_directory

from ..paths import vendor_dir

bp = Blueprint("pages", __name__)

# npm packages whose browser builds we serve; nothing else under /vendor.
SERVED_PACKAGES = ("socket.io-client",)


@bp.get("/")
def home() -> str:
    return render_template("home.html")


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str) -> Response:
    if package not in SERVED_PACKAGES:
        abort(404)
    return send_from_directory(vendor_dir(package), filename, max_age=86400)
