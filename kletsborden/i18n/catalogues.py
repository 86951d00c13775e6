"""Keeping the gettext catalogues in step with the code (run by ``scripts/update-catalogues``).

The message ids are stable keys (``errors.not_your_turn``); Dutch is the source language and its
catalogue (``locale/nl``) holds the source texts. ``template`` finds every key the code uses with
Babel's extractors (Python, Jinja2 templates, the JavaScript modules), adds the Dutch and English
texts as comments for translators, and ``update`` brings every ``.po`` in step with that template.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..engine.errors import GameError
from . import DOMAINS, LOCALE, domain_of

# Where the keys are, and the calls whose first argument is a message key. The error acks'
# keys (f"errors.{code}") come from the error types in ERROR_MODULES; other keys the code builds
# at run time are listed with N_ in run_time_keys.py.
SOURCES = (
    ("kletsborden/**.py", "python", ("translate", "N_")),
    ("kletsborden/templates/**.html", "jinja2.ext:babel_extract", ("_",)),
    ("static/js/**.js", "javascript", ("t",)),
)
ERROR_MODULES = ("kletsborden.engine.errors", "kletsborden.errors")
SOURCE_LANGUAGES = ("nl", "en")  # their texts are shown to translators as comments
HEADER = """\
# Kletsborden interface texts. The message ids are keys; the comments give the Dutch (source)
# and English texts. Made by scripts/update-catalogues: do not edit. See docs/translating.md."""
UNSTABLE_HEADERS = ('"POT-Creation-Date:', '"Generated-By:')  # would change on every run


def po_path(language: str, domain: str, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def _used_keys(root: Path) -> Iterator[tuple[str, str]]:
    """``(key, file)`` for each key the code names, the file relative to ``root``."""
    for pattern, method, keywords in SOURCES:
        with contextlib.redirect_stderr(io.StringIO()):  # Babel's notes on f-strings: see above
            found = list(
                extract_from_dir(root, [(pattern, method)], keywords=dict.fromkeys(keywords))
            )
        for filename, _lineno, message, _comments, _context in found:
            key = _key(message)
            if key and "${" not in key:  # a JavaScript template string is built at run time
                yield key, filename


def _error_keys() -> Iterator[tuple[str, str]]:
    """``(errors.<code>, file)`` for each error type a client can get: the translated error ack
    builds its key from the type's code, so a new type needs its texts and nothing else."""
    seen = set()  # a type is named again where it is imported
    for name in ERROR_MODULES:
        for value in vars(importlib.import_module(name)).values():
            if isinstance(value, type) and issubclass(value, GameError) and value not in seen:
                seen.add(value)
                yield f"errors.{value.code}", name.replace(".", "/") + ".py"


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _comment(language: str, text: str | tuple[str, ...]) -> str:
    if isinstance(text, str):
        return f"{language}: {text}"
    return f"{language}: " + " | ".join(text)


def template(domain: str, root: Path, locale: Path = LOCALE) -> Catalog:
    """The ``.pot`` of ``domain``: every key in the code, with the Dutch and English texts."""
    sources = {lang: read_catalogue(po_path(lang, domain, locale)) for lang in SOURCE_LANGUAGES}
    pot = Catalog(project="Kletsborden", version="1", fuzzy=False, header_comment=HEADER)
    for key, filename in sorted({*_used_keys(root), *_error_keys()}):
        if domain_of(key) != domain:
            continue
        known = pot.get(key)
        if known is not None:
            known.locations.append((filename, None))
            continue
        dutch = sources["nl"].get(key)
        plural = dutch is not None and dutch.pluralizable
        comments = [
            _comment(lang, catalogue[key].string)
            for lang, catalogue in sources.items()
            if catalogue.get(key) is not None
        ]
        pot[key] = Message(
            (key, key) if plural else key,
            locations=[(filename, None)],
            auto_comments=comments,
        )
    return pot


def render(catalogue: Catalog, **options: object) -> str:
    """The catalogue as ``.po`` text: sorted, no line numbers, so edits elsewhere in a file
    leave it alone, and without headers that would change on every run."""
    out = io.BytesIO()
    write_po(
        out, catalogue, width=100, sort_output=True, include_lineno=False, omit_header=False,
        ignore_obsolete=True, **options,
    )  # fmt: skip
    lines = out.getvalue().decode("utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(UNSTABLE_HEADERS))


class UnnamedKeys(Exception):
    """Dutch texts whose keys the code does not name: updating would throw them away."""


def update(root: Path, locale: Path = LOCALE) -> list[Path]:
    """Write each domain's ``.pot`` and bring every language's ``.po`` in step with it.

    Refuses (writing nothing) while the Dutch catalogue has a key the code does not name, so a
    key built at run time and not yet in run_time_keys.py never loses its translations. A
    translation whose source text (Dutch or English) changed is marked fuzzy (to be checked, and
    not shown), as Weblate does; Dutch and English are kept by the developers together."""
    pots = {domain: template(domain, root, locale) for domain in DOMAINS}
    for domain, pot in pots.items():
        dutch = read_catalogue(po_path("nl", domain, locale))
        unnamed = sorted(str(m.id) for m in dutch if m.id and pot.get(_key(m.id)) is None)
        if unnamed:
            raise UnnamedKeys(
                f"the code does not name these keys of nl/{domain}.po: {', '.join(unnamed)}; "
                "add them to kletsborden/i18n/run_time_keys.py, or remove them from nl and en"
            )
    written = []
    for domain, pot in pots.items():
        pot_path = locale / f"{domain}.pot"
        pot_path.write_text(render(pot), encoding="utf-8")
        written.append(pot_path)
        for path in sorted(locale.glob(f"*/LC_MESSAGES/{domain}.po")):
            catalogue = read_catalogue(path)
            before = {_key(m.id): _sources(m) for m in catalogue if m.id}
            catalogue.update(pot, no_fuzzy_matching=True, update_header_comment=False)
            if path.parent.parent.name not in SOURCE_LANGUAGES:
                for message in catalogue:
                    old = before.get(_key(message.id)) if message.id else None
                    if old is not None and old != _sources(message):
                        message.flags.add("fuzzy")
            path.write_text(render(catalogue), encoding="utf-8")
            written.append(path)
    return written


def _sources(message: Message) -> str:
    """The Dutch and English texts of the comments, however a ``.po`` file wrapped them."""
    return " ".join(" ".join(message.auto_comments).split())


def checkout_locale(root: Path) -> Path:
    return root / "kletsborden" / "i18n" / "locale"


if __name__ == "__main__":
    checkout = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for path in update(checkout, checkout_locale(checkout)):
        print(path)
