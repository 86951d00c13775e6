"""The language of a page: chosen on the page (and remembered on the device in the ``lang``
cookie), else the browser's, else Dutch. The languages are the catalogues that exist."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, request, url_for

from ..config import DEFAULT_LANGUAGE
from ..i18n import translate
from ..i18n.languages import choose, interface_languages

COOKIE = "lang"


def _choose() -> None:
    asked = request.args.get("lang")
    g.lang_chosen = asked if asked in interface_languages() else None
    g.lang = g.lang_chosen or choose(request.cookies.get(COOKIE), request.accept_languages)


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
    languages = interface_languages()
    return {
        "lang": lang,
        "lang_dir": languages[lang].direction if lang in languages else "ltr",
        "_": lambda key, **params: translate(key, lang, **params),
        "languages": languages,
        "switch_url": _switch_url,
    }


def init_app(app: Flask) -> None:
    app.before_request(_choose)
    app.after_request(_remember)
    app.context_processor(_template_helpers)
