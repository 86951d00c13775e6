"""Reading the editor's forms into the shapes the use cases check, and saying their faults
next to the right field in the admin's language.

The rules themselves live in editions/validate.py and store/admins.py; this module only turns
form fields into the raw dicts those checks read, and fault codes into sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict

from ..config import LANGUAGES
from ..editions.model import CardSpec, Fault
from ..i18n import catalog, translate
from ..payloads import whole_number

TEXT_FIELDS = ("question", "follow_up", "image_alt")


def one_line(text: str | None) -> str:
    """Line breaks and tabs typed in a text box become single spaces: cards are one line."""
    return re.sub(r"\s+", " ", text or "").strip()


def card_raw(form: MultiDict[str, str]) -> dict[str, Any]:
    """A card form as the raw card dict that ``check_card`` reads (the id is added by the
    caller: typed on a new card, fixed on an existing one)."""
    depth = form.get("depth", "").strip()
    texts = {}
    for lang in LANGUAGES:
        values = {name: one_line(form.get(f"{lang}-{name}")) for name in TEXT_FIELDS}
        if any(values.values()):
            texts[lang] = {name: value or None for name, value in values.items()}
            texts[lang]["question"] = values["question"]
    return {
        "sense": form.get("sense", ""),
        "kind": form.get("kind", ""),
        "depth": depth if (number := whole_number(depth, 2)) is None else number,
        "image": one_line(form.get("image")) or None,
        "active": form.get("active") == "on",
        "texts": texts,
    }


def card_form_values(card: CardSpec) -> dict[str, str]:
    """A saved card as form values, to fill the form (and the preview) again."""
    values = {
        "id": card.id,
        "sense": card.sense,
        "kind": card.kind,
        "depth": str(card.depth),
        "image": card.image or "",
        "active": "on" if card.active else "",
    }
    for lang, text in card.texts.items():
        for name in TEXT_FIELDS:
            values[f"{lang}-{name}"] = getattr(text, name) or ""
    return values


def edition_fields(form: MultiDict[str, str]) -> tuple[str, dict[str, str], dict[str, str]]:
    """(id, name, description) from an edition form; empty texts count as absent."""
    slug = form.get("id", "").strip().lower()
    name = {lang: one_line(form.get(f"name-{lang}")) for lang in LANGUAGES}
    description = {lang: one_line(form.get(f"description-{lang}")) for lang in LANGUAGES}
    return slug, name, description


def field_id(path: str) -> str:
    """The form element of a fault's path: "nl.question" -> "field-nl-question"."""
    return "field-" + path.replace(".", "-").replace("_", "-")


def field_label(path: str | None, lang: str) -> str:
    """A field's name for people: "nl.question" -> "Vraag (Nederlands)"."""
    if not path:
        return ""
    head, _, tail = path.partition(".")
    if head in LANGUAGES and tail:  # a card text: "nl.question"
        field, language = tail, head
    elif tail in LANGUAGES:  # an edition text: "name.nl"
        field, language = head, tail
    else:
        key = f"admin.field.{path}"
        return translate(key, lang) if key in catalog() else path
    named = translate(f"admin.field.{field}", lang)
    return f"{named} ({translate(f'ui.language.{language}', lang)})"


def fault_message(fault: Fault, lang: str) -> str:
    """The fault in the admin's language, with the bad value and the allowed ones where the
    check named them; a fault without a known code keeps its own words."""
    typed = fault.params.get("got") not in (None, "", "''")  # a form's empty choice: just ask
    code = "choice_of" if fault.code == "choice" and typed else fault.code
    key = f"admin.fault.{code}"
    if code and key in catalog():
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


@dataclass(frozen=True)
class FieldError:
    path: str
    field_id: str
    label: str
    message: str


def field_errors(faults: list[Fault], lang: str) -> dict[str, FieldError]:
    """One message per field (the first fault of each), in the order the faults came."""
    errors: dict[str, FieldError] = {}
    for fault in faults:
        path = fault.path or "form"
        if path not in errors:
            label = field_label(fault.path, lang)
            errors[path] = FieldError(path, field_id(path), label, fault_message(fault, lang))
    return errors


def safe_next(url: str | None) -> str | None:
    """Only a path inside the editor: a login link can never send someone elsewhere."""
    if url and url.startswith("/admin") and not url.startswith("//") and "\\" not in url:
        return url if url.isprintable() else None  # no line breaks into a Location header
    return None
