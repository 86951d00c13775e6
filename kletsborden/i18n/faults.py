"""Faults of edition files and forms in a person's language, with where they are.

The deck editor shows them on its pages; ``kletsborden import-cards --language`` prints them the
same way, so the command line and the web say the same thing.
"""

from __future__ import annotations

from ..editions.model import Fault
from ..languages import is_language, language_label
from . import has_message, translate


def field_label(path: str | None, lang: str) -> str:
    """A field's name for people: "nl.question" -> "Vraag (Nederlands)"."""
    if not path:
        return ""
    head, _, tail = path.partition(".")
    if is_language(head) and tail:  # a card text: "nl.question"
        field, language = tail, head
    elif is_language(tail):  # an edition text: "name.nl"
        field, language = head, tail
    else:
        key = f"admin.field.{path}"
        return translate(key, lang) if has_message(key) else path
    named = translate(f"admin.field.{field}", lang)
    return f"{named} ({language_label(language, lang)})"


def fault_message(fault: Fault, lang: str) -> str:
    """The fault in the admin's language, with the bad value and the allowed ones where the
    check named them; a fault without a known code keeps its own words."""
    typed = fault.params.get("got") not in (None, "", "''")  # a form's empty choice: just ask
    code = "choice_of" if fault.code == "choice" and typed else fault.code
    key = f"admin.fault.{code}"
    if code and has_message(key):
        params = {
            name: one_of(value, lang) if isinstance(value, (list, tuple)) else value
            for name, value in fault.params.items()
        }
        return translate(key, lang, **params)
    return fault.reason


def one_of(options: list[object] | tuple[object, ...], lang: str) -> str:
    """["horen", "zien", "voelen"] -> "horen, zien of voelen" (or "or" in English)."""
    words = [str(option) for option in options]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {translate('admin.fault.or', lang)} {words[-1]}"


PLACES = ("row", "edition", "card")  # what Fault.where names, in its order


def fault_line(fault: Fault, lang: str) -> str:
    """One line for a terminal: file, CSV row, edition, card, field and what is wrong."""
    words = tuple(translate(f"admin.import.fault_{place}", lang) for place in PLACES)
    parts = fault.where(words)
    if fault.path and fault.path != "file":
        parts.append(field_label(fault.path, lang))
    return ": ".join([*parts, fault_message(fault, lang)])
