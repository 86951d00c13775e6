"""Security headers on every response: our own origin only, no framing by others, no referrer.

The pages use no inline script or style (data for scripts travels in JSON blocks), so the
Content-Security-Policy can be strict. The projector page goes full screen in the browser
itself; it never needs to be framed by another site.
"""

from __future__ import annotations

from flask import Flask, Response, current_app

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "SAMEORIGIN",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    # The voice table asks for the microphone (and, if someone wants, the camera) on our own
    # pages only; no frame of another origin may.
    "Permissions-Policy": (
        "camera=(self), microphone=(self), geolocation=(), screen-wake-lock=(self)"
    ),
}


# Served over HTTPS: browsers are to come back over HTTPS only, for a year.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def _secure(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config.get("KLETSBORDEN_HTTPS"):
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_secure)
