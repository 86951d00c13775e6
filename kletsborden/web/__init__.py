"""HTTP pages and small endpoints. Thin: each view asks a service and renders the answer."""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress
from flask_wtf.csrf import CSRFProtect

from .. import admin
from . import api, health, language, pages, security

# Every form POST carries a CSRF token; the JSON API is exempt because it only accepts
# application/json, which no cross-site form can send.
csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    Compress(app)  # phones on slow connections: pages, scripts, styles and QR codes compressed
    security.init_app(app)
    language.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    csrf.init_app(app)
    csrf.exempt(api.bp)
    admin.init_app(app)
