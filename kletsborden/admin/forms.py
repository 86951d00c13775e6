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
from ..i18n.faults import fault_message, field_label
from ..languages import is_language
from ..payloads import whole_number

TEXT_FIELDS = ("question", "follow_up", "image_alt")
# "tr-question": the form has a block of text fields for each language the edition has.
_QUESTION_FIELD = re.compile(r"([a-z]{2,3})-question")
_NAME_FIELD = re.compile(r"name-([a-z]{2,3})")


def one_line(text: str | None) -> str:
    """Line breaks and tabs typed in a text box become single spaces: cards are one line."""
    return re.sub(r"\s+", " ", text or "").strip()


def card_raw(form: MultiDict[str, str]) -> dict[str, Any]:
    """A card form as the raw card dict that ``check_card`` reads (the id is added by the
    caller: typed on a new card, fixed on an existing one)."""
    depth = form.get("depth", "").strip()
    texts = {}
    for lang in _form_languages(form):
        values = {name: one_line(form.get(f"{lang}-{name}")) for name in TEXT_FIELDS}
        if any(values.values()):
            texts[lang] = {name: value or None for name, value in values.items()}
            texts[lang]["question"] = values["question"]
            texts[lang]["status"] = form.get(f"{lang}-status") or "reviewed"
    return {
        "sense": form.get("sense", ""),
        "kind": form.get("kind", ""),
        "depth": depth if (number := whole_number(depth, 2)) is None else number,
        "image": one_line(form.get("image")) or None,
        "active": form.get("active") == "on",
        "texts": texts,
    }


def _form_languages(
    form: MultiDict[str, str], field: re.Pattern[str] = _QUESTION_FIELD
) -> list[str]:
    """The languages a form has text fields for, Dutch and English first."""
    found = [m.group(1) for key in form if (m := field.fullmatch(key))]
    return list(dict.fromkeys([*LANGUAGES, *(lang for lang in found if is_language(lang))]))


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
        values[f"{lang}-status"] = text.status
    return values


def edition_fields(form: MultiDict[str, str]) -> tuple[str, dict[str, str], dict[str, str]]:
    """(id, name, description) from an edition form; empty texts count as absent."""
    slug = form.get("id", "").strip().lower()
    languages = _form_languages(form, _NAME_FIELD)
    name = {lang: one_line(form.get(f"name-{lang}")) for lang in languages}
    description = {lang: one_line(form.get(f"description-{lang}")) for lang in languages}
    return slug, name, description


def field_id(path: str) -> str:
    """The form element of a fault's path: "nl.question" -> "field-nl-question"."""
    return "field-" + path.replace(".", "-").replace("_", "-")


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
