"""The gettext catalogues: complete where reviewed, placeholders and plural forms right in every
language, and the templates (.pot) in step with the code."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from kletsborden.i18n import DOMAINS, client_strings, translate
from kletsborden.i18n.catalogues import (
    UnnamedKeys,
    checkout_locale,
    po_path,
    read_catalogue,
    render,
    template,
    update,
)

CHECKOUT = Path(__file__).resolve().parents[2]
LOCALE = checkout_locale(CHECKOUT)
LANGUAGES = sorted(path.name for path in LOCALE.iterdir() if (path / "LC_MESSAGES").is_dir())
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def reviewed(language: str) -> bool:
    meta = LOCALE / language / "language.toml"
    return meta.is_file() and 'status = "reviewed"' in meta.read_text(encoding="utf-8")


def catalogue(language: str, domain: str) -> Catalog:
    return read_catalogue(po_path(language, domain, LOCALE))


def forms(message: object) -> list[str]:
    string = message.string  # type: ignore[attr-defined]
    return list(string) if isinstance(string, (list, tuple)) else [string]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_templates_are_in_step_with_the_code(domain: str) -> None:
    written = (LOCALE / f"{domain}.pot").read_text(encoding="utf-8")
    fresh = render(template(domain, CHECKOUT, LOCALE))
    assert written == fresh, f"run scripts/update-catalogues: {domain}.pot is out of date"


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_key_the_dutch_catalogue_has_is_used_and_every_used_key_has_dutch(
    domain: str,
) -> None:
    pot = {message.id if isinstance(message.id, str) else message.id[0] for message in
           read_catalogue(LOCALE / f"{domain}.pot") if message.id}  # fmt: skip
    dutch = {message.id if isinstance(message.id, str) else message.id[0] for message in
             catalogue("nl", domain) if message.id}  # fmt: skip
    assert not dutch - pot, f"not named in the code (or run_time_keys.py): {dutch - pot}"
    assert not pot - dutch, f"no Dutch text: {pot - dutch}"


def test_dutch_and_english_are_reviewed_and_every_language_exists_in_both_domains() -> None:
    assert {"nl", "en"} <= {lang for lang in LANGUAGES if reviewed(lang)}
    for language in LANGUAGES:
        for domain in DOMAINS:
            assert po_path(language, domain, LOCALE).is_file(), (language, domain)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_and_plural_forms_match_the_dutch(language: str, domain: str) -> None:
    source = catalogue("nl", domain)
    translated = catalogue(language, domain)
    nplurals, _rule = get_plural(Locale.parse(language))
    assert translated.num_plurals == nplurals, f"{language}: Plural-Forms header"
    complete = reviewed(language)
    for message in translated:
        if not message.id:
            continue
        dutch = source.get(message.id if isinstance(message.id, str) else message.id[0])
        assert dutch is not None, f"{language}: {message.id} is not a Dutch key"
        texts = forms(message)
        if complete:
            assert all(texts), f"{language} is reviewed but misses {message.id}"
            assert not message.fuzzy, f"{language} is reviewed but {message.id} is fuzzy"
        if dutch.pluralizable:
            assert message.pluralizable and len(texts) == nplurals, f"{language}: {message.id}"
        allowed = set().union(*(placeholders(text) for text in forms(dutch)))
        whole = placeholders(forms(dutch)[-1])  # the "many" form names every placeholder
        for index, text in enumerate(texts):
            if not text:
                continue
            found = placeholders(text)
            assert found <= allowed, f"{language} {message.id}: unknown {found - allowed}"
            if not dutch.pluralizable or index == len(texts) - 1:
                assert found == whole, f"{language} {message.id}: {found} is not {whole}"


def test_plural_messages_pick_the_form_by_count() -> None:
    assert translate("admin.home.card_count", "nl", count=1, active=1) == "1 kaart, 1 in het spel"
    assert translate("admin.home.card_count", "en", count=3, active=2) == "3 cards, 2 in play"


def test_a_language_that_does_not_exist_falls_back_to_dutch() -> None:
    assert translate("errors.not_your_turn", "xx") == "Je bent nu niet aan de beurt."


def test_the_browser_gets_plural_forms_with_their_rule() -> None:
    sent = client_strings("en")
    summary = sent["messages"]["ui.ended.summary"]  # type: ignore[index]
    assert summary == {
        "forms": ["Together you discussed 1 card.", "Together you discussed {count} cards."],
        "rule": "en",
    }
    rule = sent["rules"]["en"]  # type: ignore[index]
    assert rule[:3] == "101" and len(rule) == 200
    assert all(key.startswith("ui.") for key in sent["messages"])  # type: ignore[union-attr]


def test_updating_refuses_to_drop_a_dutch_text_the_code_does_not_name(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    dutch = po_path("nl", "messages", locale)
    catalogue = read_catalogue(dutch)
    catalogue.add("ui.nobody_names_this", "Niemand noemt dit")
    dutch.write_text(render(catalogue), encoding="utf-8")
    before = {path: path.read_bytes() for path in locale.rglob("*.po*")}
    with pytest.raises(UnnamedKeys, match=r"ui\.nobody_names_this"):
        update(CHECKOUT, locale)
    assert before == {path: path.read_bytes() for path in locale.rglob("*.po*")}


def test_a_changed_dutch_text_marks_the_drafts_fuzzy(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE, locale)
    key = "ui.join.button"
    for language in ("nl", "en"):
        path = po_path(language, "messages", locale)
        catalogue = read_catalogue(path)
        catalogue[key].string += "!"
        path.write_text(render(catalogue), encoding="utf-8")
    update(CHECKOUT, locale)
    for language in LANGUAGES:
        message = catalogue_in(locale, language)[key]
        assert message.fuzzy == (language not in ("nl", "en")), language
        assert any(c.endswith("!") for c in message.auto_comments), language


def catalogue_in(locale: Path, language: str) -> Catalog:
    return read_catalogue(po_path(language, "messages", locale))
