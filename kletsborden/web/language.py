"""The language of a page: chosen on the page (and remembered), else the browser's, else Dutch."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request, url_for

from ..config import DEFAULT_LANGUAGE, LANGUAGES
from ..i18n import translate

COOKIE = "lang"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def _choose() -> None:
    asked = request.args.get("lang")
    g.lang_chosen = asked if asked in LANGUAGES else None
    remembered = request.cookies.get(COOKIE)
    g.lang = (
        g.lang_chosen
        or (remembered if remembered in LANGUAGES else None)
        or request.accept_languages.best_match(LANGUAGES)
        or DEFAULT_LANGUAGE
    )


def _remember(response: Response) -> Response:
    if getattr(g, "lang_chosen", None):
        response.set_cookie(
            COOKIE,
            g.lang_chosen,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=bool(current_app.config.get("KLETSBORDEN_HTTPS")),
        )
    return response


def _switch_url(language: str) -> str:
    """This page in another language."""
    args = {**request.view_args, **request.args.to_dict(), "lang": language}
    return url_for(request.endpoint, **args) if request.endpoint else f"?lang={language}"


def _template_helpers() -> dict[str, object]:
    lang = getattr(g, "lang", DEFAULT_LANGUAGE)
    return {
        "lang": lang,
        "_": lambda key, **params: translate(key, lang, **params),
        "languages": LANGUAGE_NAMES,
        "switch_url": _switch_url,
    }


def init_app(app: Flask) -> None:
    app.before_request(_choose)
    app.after_request(_remember)
    app.context_processor(_template_helpers)
