"""Edition files: TOML/JSON/CSV reading, the validator's faults, and lossless JSON/CSV export."""

from __future__ import annotations

import csv
import io
import json
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kletsborden.config import (
    DEPTHS,
    KINDS,
    LANGUAGES,
    MAX_CARDS_PER_EDITION,
    MAX_EDITION_DESCRIPTION_LENGTH,
    MAX_EDITION_NAME_LENGTH,
    MAX_FOLLOW_UP_LENGTH,
    MAX_ID_LENGTH,
    MAX_IMAGE_ALT_LENGTH,
    MAX_IMPORT_BYTES,
    MAX_QUESTION_LENGTH,
    SENSES,
)
from kletsborden.editions.files import (
    editions_to_csv,
    editions_to_json,
    parse_csv,
    parse_json,
    parse_toml,
    read_edition_file,
)
from kletsborden.editions.model import (
    EDITION_STATUSES,
    CardSpec,
    CardText,
    EditionFileError,
    EditionSpec,
    Fault,
)

FILE = "cards/x.toml"
REPO = Path(__file__).resolve().parents[2]

VALID_TOML = """\
format = 1
id = "kletsborden"
status = "draft"

[name]
nl = "Kletsborden"
en = "Kletsborden (chat boards)"

[description]
nl = "  Praten over horen, zien en voelen.  "

[[cards]]
id = "horen-01"
sense = "horen"
kind = "gewoon"
depth = 1
image = "images/bel.svg"

[cards.nl]
question = "Welk geluid maakt jou blij?"
follow_up = "Waar hoorde je het het laatst?"
image_alt = "Een fietsbel"

[cards.en]
question = "Which sound makes you happy?"
image_alt = "A bicycle bell"

[[cards]]
id = "zien-07"
sense = "zien"
kind = "ongewoon"
depth = 3
active = false

[cards.nl]
question = "Wat zie je als je je ogen dicht doet?"
"""

EXPECTED = EditionSpec(
    id="kletsborden",
    name={"nl": "Kletsborden", "en": "Kletsborden (chat boards)"},
    description={"nl": "Praten over horen, zien en voelen."},
    status="draft",
    cards=(
        CardSpec(
            id="horen-01",
            sense="horen",
            kind="gewoon",
            depth=1,
            image="images/bel.svg",
            texts={
                "nl": CardText(
                    "Welk geluid maakt jou blij?", "Waar hoorde je het het laatst?", "Een fietsbel"
                ),
                "en": CardText("Which sound makes you happy?", None, "A bicycle bell"),
            },
        ),
        CardSpec(
            id="zien-07",
            sense="zien",
            kind="ongewoon",
            depth=3,
            active=False,
            texts={"nl": CardText("Wat zie je als je je ogen dicht doet?")},
        ),
    ),
)

HEADER = 'format = 1\nid = "test"\n[name]\nnl = "Test"\n'
CARD = """
[[cards]]
id = "horen-03"
sense = "horen"
kind = "gewoon"
depth = 2
"""
NL = '[cards.nl]\nquestion = "Wat hoor je?"\n'


def faults_of(text: str, parse=parse_toml, file: str = FILE) -> list[Fault]:
    """The faults a parser reports, failing the test if it reports none."""
    with pytest.raises(EditionFileError) as info:
        parse(text, file)
    assert info.value.faults, "EditionFileError without faults"
    assert str(info.value) == "\n".join(str(f) for f in info.value.faults)
    return info.value.faults


def only_fault(text: str, parse=parse_toml, file: str = FILE) -> Fault:
    faults = faults_of(text, parse, file)
    assert len(faults) == 1, faults
    return faults[0]


# --- TOML: the happy path -------------------------------------------------------------------


def test_valid_toml_parses_into_the_expected_edition() -> None:
    assert parse_toml(VALID_TOML, FILE) == EXPECTED


def test_toml_defaults_status_published_active_true_and_no_description() -> None:
    edition = parse_toml(HEADER + CARD + NL, FILE)
    assert edition.status == "published"
    assert edition.description == {}
    card = edition.cards[0]
    assert card.active is True
    assert card.image is None
    assert card.texts == {"nl": CardText("Wat hoor je?")}


def test_toml_strips_surrounding_whitespace_and_treats_empty_optional_text_as_absent() -> None:
    text = (
        HEADER.replace('"test"', '"  test "')
        + CARD.replace('"horen"', '" horen "')
        + ('[cards.nl]\nquestion = "  Wat hoor je?\\n"\nfollow_up = "   "\n')
    )
    card = parse_toml(text, FILE).cards[0]
    assert card.sense == "horen"
    assert card.texts["nl"] == CardText("Wat hoor je?", None, None)


def test_toml_accepts_a_bom() -> None:
    assert parse_toml("\ufeff" + VALID_TOML, FILE) == EXPECTED


def test_toml_edition_without_cards_is_allowed() -> None:
    assert parse_toml(HEADER, FILE).cards == ()


# --- Faults: each names the file, the card and the reason ------------------------------------


def test_fault_reads_as_file_card_reason() -> None:
    fault = only_fault(HEADER + CARD.replace("depth = 2", "depth = 7") + NL)
    assert (
        str(fault) == "cards/x.toml: edition test: card horen-03: depth must be 1, 2 or 3 (got 7)"
    )


LONG_Q = "x" * (MAX_QUESTION_LENGTH + 1)
LONG_F = "f" * (MAX_FOLLOW_UP_LENGTH + 1)
LONG_A = "a" * (MAX_IMAGE_ALT_LENGTH + 1)

CARD_FAULTS = [
    ("depth = 7", NL, "horen-03", "depth must be 1, 2 or 3 (got 7)"),
    ("depth = true", NL, "horen-03", "depth must be 1, 2 or 3 (got true)"),
    ('depth = "2"', NL, "horen-03", "depth must be 1, 2 or 3 (got '2')"),
    ("depth = 2.0", NL, "horen-03", "depth must be 1, 2 or 3 (got 2.0)"),
    ('sense = "ruiken"', NL, "horen-03", "sense must be horen, zien or voelen (got 'ruiken')"),
    ('kind = "raar"', NL, "horen-03", "kind must be gewoon or ongewoon (got 'raar')"),
    ("active = 1", NL, "horen-03", "active must be true or false (got 1)"),
    ('active = "ja"', NL, "horen-03", "active must be true or false (got 'ja')"),
    ('colour = "red"', NL, "horen-03", "unknown key 'colour'"),
    ("", "", "horen-03", "has no text; add at least one language (nl, en, ...)"),
    ("", '[cards.xx]\nquestion = "Quoi?"\n', "horen-03", "unknown language 'xx'"),
    ("", '[cards.nl]\nquestion = "   "\n', "horen-03", "nl.question is empty"),
    ("", '[cards.nl]\nfollow_up = "En?"\n', "horen-03", "nl.question is missing"),
    ("", "[cards.nl]\nquestion = 5\n", "horen-03", "nl.question must be text (got 5)"),
    ("", f'[cards.nl]\nquestion = "{LONG_Q}"\n', "horen-03", "nl.question is 301 characters"),
    ("", NL + f'follow_up = "{LONG_F}"\n', "horen-03", "nl.follow_up is 301 characters long"),
    ("", NL + f'image_alt = "{LONG_A}"\n', "horen-03", "nl.image_alt is 301 characters long"),
    ("", NL + 'folow_up = "En?"\n', "horen-03", "nl: unknown key 'folow_up'"),
    ("", '[cards.nl]\nquestion = "bel\\u0007"\n', "horen-03", "forbidden character U+0007"),
    ("", '[cards.nl]\nquestion = "a\\tb"\n', "horen-03", "nl.question contains a tab after 'a'"),
    (
        "",
        '[cards.nl]\nquestion = """a\nb"""\n',
        "horen-03",
        "nl.question contains a line break after 'a'",
    ),
    ('image = "images/bel.svg"', NL, "horen-03", "nl.image_alt is missing"),
    ('image = "/etc/passwd"', NL + 'image_alt = "x"\n', "horen-03", "image must be a relative"),
    ('image = "../bel.svg"', NL + 'image_alt = "x"\n', "horen-03", "image must be a relative"),
    ('image = "a/../../b.svg"', NL + 'image_alt = "x"\n', "horen-03", "image must be a relative"),
    ('image = "img\\\\bel.svg"', NL + 'image_alt = "x"\n', "horen-03", "image must be a relative"),
    ('image = "https://x/b.svg"', NL + 'image_alt = "x"\n', "horen-03", "image must be a relative"),
    ("image = 3", NL + 'image_alt = "x"\n', "horen-03", "image must be text (got 3)"),
]


@pytest.mark.parametrize(("extra", "texts", "card_id", "reason"), CARD_FAULTS)
def test_each_card_fault_names_file_card_and_reason(extra, texts, card_id, reason) -> None:
    fault = only_fault(HEADER + _card_with(extra) + texts)
    assert fault.file == FILE
    assert fault.card_id == card_id
    assert reason in fault.reason


def _card_with(line: str) -> str:
    """The standard card, with ``line`` replacing the line of the same key or added to it."""
    key = line.split("=")[0].strip()
    lines = [ln for ln in CARD.splitlines() if not key or not ln.startswith(f"{key} =")]
    return "\n".join([*lines, line, ""])


@pytest.mark.parametrize(
    ("card_id", "shown"),
    [("Horen-03", "'Horen-03'"), ("horen_03", "'horen_03'"), ("", "''"), ("a" * 65, "'aaa")],
)
def test_card_without_a_usable_id_is_named_by_position(card_id, shown) -> None:
    text = HEADER + CARD + NL + CARD.replace("horen-03", card_id) + NL
    fault = only_fault(text)
    assert fault.card_id == "#2"
    assert fault.reason.startswith(f"id must be 1 to {MAX_ID_LENGTH} characters of a-z, 0-9")
    assert f"(got {shown}" in fault.reason


def test_card_without_id_is_named_by_position() -> None:
    fault = only_fault(HEADER + CARD.replace('id = "horen-03"', "") + NL)
    assert (fault.card_id, fault.reason) == ("#1", "id is missing")


def test_missing_required_card_fields_are_each_reported() -> None:
    faults = faults_of(HEADER + '[[cards]]\nid = "leeg"\n' + NL)
    assert {(f.card_id, f.reason) for f in faults} == {
        ("leeg", "sense is missing"),
        ("leeg", "kind is missing"),
        ("leeg", "depth is missing"),
    }


def test_duplicate_card_ids_are_a_fault() -> None:
    fault = only_fault(HEADER + CARD + NL + CARD + NL)
    assert fault.card_id == "horen-03"
    assert "also used by card #1" in fault.reason


def test_image_needs_alt_text_in_every_language_the_card_has() -> None:
    texts = NL + 'image_alt = "Een bel"\n[cards.en]\nquestion = "What do you hear?"\n'
    fault = only_fault(HEADER + _card_with('image = "images/bel.svg"') + texts)
    assert (fault.card_id, fault.reason.split(";")[0]) == ("horen-03", "en.image_alt is missing")


EDITION_FAULTS = [
    (HEADER.replace("format = 1\n", ""), "format is missing"),
    (HEADER.replace("format = 1", "format = 2"), "format must be 1 (got 2)"),
    (HEADER.replace("format = 1", "format = true"), "format must be 1 (got true)"),
    (HEADER.replace('"test"', '"Test Editie"'), "edition id must be 1 to 64 characters"),
    (HEADER.replace('id = "test"\n', ""), "edition id is missing"),
    ('format = 1\nid = "test"\n', "name is missing"),
    (HEADER.replace("nl = ", "xx = "), "name: unknown language 'xx'"),
    ('format = 1\nid = "test"\nname = "Test"\n', "name must map languages to text"),
    (HEADER.replace('"Test"', f'"{"n" * (MAX_EDITION_NAME_LENGTH + 1)}"'), "name.nl is 121"),
    (
        HEADER + f'[description]\nen = "{"d" * (MAX_EDITION_DESCRIPTION_LENGTH + 1)}"\n',
        f"description.en is {MAX_EDITION_DESCRIPTION_LENGTH + 1} characters long",
    ),
    (
        HEADER.replace("[name]", 'status = "live"\n[name]'),
        "status must be draft, published, archived, concept",
    ),
    (HEADER.replace("[name]", 'titel = "x"\n[name]'), "unknown key 'titel'"),
    (HEADER.replace("[name]", 'cards = "x"\n[name]'), "cards must be a list of cards"),
]


@pytest.mark.parametrize(("text", "reason"), EDITION_FAULTS)
def test_each_edition_fault_names_file_and_reason(text, reason) -> None:
    fault = only_fault(text)
    assert (fault.file, fault.card_id) == (FILE, None)
    assert reason in fault.reason


def test_too_many_cards_is_a_fault() -> None:
    card = {"id": "c", "sense": "horen", "kind": "gewoon", "depth": 1, "texts": {"nl": {}}}
    cards = [
        {**card, "id": f"c-{n}", "texts": {"nl": {"question": "Q?"}}}
        for n in range(MAX_CARDS_PER_EDITION + 1)
    ]
    document = _json_document([{"id": "groot", "name": {"nl": "Groot"}, "cards": cards}])
    fault = only_fault(document, parse_json, "groot.json")
    assert fault.reason == f"has {MAX_CARDS_PER_EDITION + 1} cards; the limit is 2000"


def test_all_faults_are_reported_together() -> None:
    text = (
        HEADER.replace("format = 1", "format = 9").replace("[name]", 'status = "live"\n[name]')
        + CARD.replace("depth = 2", "depth = 7").replace('"horen"', '"ruiken"')
        + '[cards.nl]\nquestion = ""\nfolow_up = "x"\n'
        + CARD.replace("horen-03", "Horen 04").replace('"gewoon"', '"vreemd"')
        + NL
        + CARD.replace("horen-03", "zien-01")
        + 'image = "/abs.svg"\nactive = "nee"\n'
        + NL
        + CARD.replace("horen-03", "voelen-01")
        + NL
    )
    faults = faults_of(text)
    found = {(f.card_id, f.reason.split(" (")[0].split(";")[0]) for f in faults}
    assert found == {
        (None, "format must be 1"),
        (None, "status must be draft, published, archived, concept, gepubliceerd or gearchiveerd"),
        ("horen-03", "sense must be horen, zien or voelen"),
        ("horen-03", "depth must be 1, 2 or 3"),
        ("horen-03", "nl: unknown key 'folow_up'"),
        ("horen-03", "nl.question is empty"),
        ("#2", "id must be 1 to 64 characters of a-z, 0-9 and '-'"),
        ("#2", "kind must be gewoon or ongewoon"),
        (
            "zien-01",
            (
                "image must be a relative path like images/bel.svg, "
                "without '..', '\\', ':' or a leading '/'"
            ),
        ),
        ("zien-01", "active must be true or false"),
        ("zien-01", "nl.image_alt is missing"),
    }
    assert len(faults) == len(found)
    assert all(f.file == FILE for f in faults)


# --- Broken syntax, sizes and file types ---------------------------------------------------


def test_broken_toml_gives_one_fault_with_its_line() -> None:
    fault = only_fault(HEADER + "[[cards]]\nid = \n")
    assert fault.card_id is None
    assert fault.reason.startswith("invalid TOML:")
    assert "line 6" in fault.reason


def test_broken_json_gives_one_fault_with_its_line() -> None:
    fault = only_fault('{\n  "format": "kletsborden-editions",\n  "version": }', parse_json)
    assert fault.reason.startswith("invalid JSON at line 3, column 14")


def test_broken_csv_gives_one_fault_with_its_line() -> None:
    text = editions_to_csv([EXPECTED]) + 'kletsborden,draft,"unterminated\n'
    fault = only_fault(text, parse_csv, "x.csv")
    assert fault.reason.startswith("invalid CSV near line")


@pytest.mark.parametrize("depth", ["[" * 5000, "{" * 5000])
def test_deeply_nested_input_is_a_fault_not_a_crash(depth) -> None:
    fault = only_fault(f'{{"a": {depth}', parse_json, "x.json")
    assert fault.reason.startswith("invalid JSON")


@pytest.mark.parametrize(
    ("text", "parse", "reason"),
    [
        (HEADER + "x = " + "9" * 5000, parse_toml, "invalid TOML"),
        ('{"version": ' + "9" * 5000 + "}", parse_json, "invalid JSON"),
    ],
)
def test_huge_numbers_are_a_fault_not_a_crash(text, parse, reason) -> None:
    assert only_fault(text, parse).reason.startswith(reason)


@pytest.mark.parametrize("parse", [parse_toml, parse_json, parse_csv])
def test_parsers_refuse_text_over_the_size_limit(parse) -> None:
    fault = only_fault("#" * (MAX_IMPORT_BYTES + 1), parse)
    assert "larger than 2 MB" in fault.reason and "MAX_IMPORT" not in fault.reason


def test_size_limit_counts_bytes_not_characters() -> None:
    fault = only_fault("é" * (MAX_IMPORT_BYTES // 2 + 1), parse_json)
    assert "larger than 2 MB" in fault.reason and "MAX_IMPORT" not in fault.reason


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_IMPORT_BYTES + 1))
    with pytest.raises(EditionFileError) as info:
        read_edition_file(path)
    assert [f.file for f in info.value.faults] == [str(path)]
    assert "larger than 2 MB" in info.value.faults[0].reason


@pytest.mark.parametrize("name", ["cards.yaml", "cards.txt", "cards", "cards.toml.bak"])
def test_unknown_extension_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(VALID_TOML, encoding="utf-8")
    with pytest.raises(EditionFileError) as info:
        read_edition_file(path)
    assert "unsupported file type" in info.value.faults[0].reason


def test_missing_file_is_a_fault(tmp_path: Path) -> None:
    with pytest.raises(EditionFileError) as info:
        read_edition_file(tmp_path / "missing.toml")
    assert info.value.faults[0].reason.startswith("cannot read the file")


def test_file_that_is_not_utf8_is_a_fault(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(
        editions_to_csv([EXPECTED]).replace("Kletsborden", "Kletsbörden").encode("cp1252")
    )
    with pytest.raises(EditionFileError) as info:
        read_edition_file(path)
    assert "line 2: the file is not UTF-8" in info.value.faults[0].reason


def test_read_edition_file_dispatches_on_extension(tmp_path: Path) -> None:
    toml_path = tmp_path / "KLETS.TOML"
    toml_path.write_text(VALID_TOML, encoding="utf-8")
    json_path = tmp_path / "export.json"
    json_path.write_text(editions_to_json([EXPECTED]), encoding="utf-8")
    csv_path = tmp_path / "export.csv"
    csv_path.write_bytes(editions_to_csv([EXPECTED]).encode("utf-8"))
    for path in (toml_path, json_path, csv_path):
        assert read_edition_file(path) == [EXPECTED]


def test_faults_from_a_file_name_that_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(HEADER + CARD.replace("depth = 2", "depth = 7") + NL, encoding="utf-8")
    with pytest.raises(EditionFileError) as info:
        read_edition_file(path)
    assert (
        str(info.value) == f"{path}: edition test: card horen-03: depth must be 1, 2 or 3 (got 7)"
    )


# --- JSON ---------------------------------------------------------------------------------


def _json_document(editions: list[dict]) -> str:
    return json.dumps({"format": "kletsborden-editions", "version": 1, "editions": editions})


def test_json_round_trip_keeps_everything() -> None:
    empty = EditionSpec("leeg", {"en": "Empty"}, status="archived")
    editions = [EXPECTED, empty]
    assert parse_json(editions_to_json(editions), "x.json") == editions


def test_json_export_is_readable_stable_and_ends_with_a_newline() -> None:
    text = editions_to_json([EXPECTED])
    assert text.endswith("}\n")
    assert "Kletsborden (chat boards)" in text and "\\u" not in text
    data = json.loads(text)
    assert list(data) == ["format", "version", "editions"]
    edition = data["editions"][0]
    assert list(edition) == ["id", "name", "description", "status", "cards"]
    card = edition["cards"][1]
    assert list(card) == ["id", "sense", "kind", "depth", "image", "active", "texts"]
    assert card["image"] is None
    assert card["texts"]["nl"] == {
        "question": "Wat zie je als je je ogen dicht doet?",
        "follow_up": None,
        "image_alt": None,
        "status": "reviewed",
    }
    shuffled = EditionSpec(**{**EXPECTED.__dict__, "name": dict(reversed(EXPECTED.name.items()))})
    assert editions_to_json([shuffled]) == text


def test_json_optional_fields_may_be_left_out() -> None:
    card = {
        "id": "c",
        "sense": "zien",
        "kind": "gewoon",
        "depth": 2,
        "texts": {"nl": {"question": "Q"}},
    }
    [edition] = parse_json(_json_document([{"id": "e", "name": {"nl": "E"}, "cards": [card]}]), "x")
    assert edition == EditionSpec(
        "e", {"nl": "E"}, cards=(CardSpec("c", "zien", "gewoon", 2, {"nl": CardText("Q")}),)
    )


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (
            '{"format": "other", "version": 1, "editions": []}',
            "format must be 'kletsborden-editions'",
        ),
        ('{"format": "kletsborden-editions", "version": 2, "editions": []}', "version must be 1"),
        ('{"format": "kletsborden-editions", "version": true, "editions": []}', "(got true)"),
        ('{"format": "kletsborden-editions", "version": 1}', "editions must be a list"),
        (
            '{"format": "kletsborden-editions", "version": 1, "editions": [], "x": 1}',
            "unknown key 'x'",
        ),
        ("[]", "the file must hold one JSON object"),
        ('{"format": "kletsborden-editions", "format": "x"}', "key 'format' appears twice"),
        ('{"format": "kletsborden-editions", "version": 1, "editions": [3]}', "an edition must be"),
    ],
)
def test_json_document_faults(document: str, reason: str) -> None:
    assert reason in only_fault(document, parse_json, "x.json").reason


def test_json_type_faults_name_the_card() -> None:
    card = {
        "id": "c",
        "sense": "zien",
        "kind": "gewoon",
        "depth": 1.0,
        "active": None,
        "texts": {"nl": "Vraag?", "en": {"question": "\ud800"}},
    }
    document = _json_document([{"id": "e", "name": {"nl": "E"}, "cards": [card, "kaart"]}])
    faults = faults_of(document, parse_json, "x.json")
    assert [(f.card_id, f.reason.split(" (")[0]) for f in faults] == [
        ("c", "depth must be 1, 2 or 3"),
        ("c", "active must be true or false"),
        ("c", "nl must be a table with question, follow_up, image_alt"),
        ("c", "en.question contains the forbidden character U+D800"),  # at the start
        ("#2", "a card must be a table of card fields"),
    ]


def test_json_faults_name_the_edition_when_a_file_holds_several() -> None:
    good = json.loads(editions_to_json([EXPECTED]))["editions"][0]
    bad = {**good, "id": "tweede", "status": "weg"}
    document = _json_document([good, bad, {**good, "id": "tweede"}])
    faults = faults_of(document, parse_json, "x.json")
    assert [str(f) for f in faults] == [
        "x.json: edition tweede: status must be draft, published, archived, concept, "
        "gepubliceerd or gearchiveerd (got 'weg')",
        "x.json: edition tweede: this edition id is used more than once in the file",
    ]


# --- CSV ----------------------------------------------------------------------------------

CSV_HEADER = (
    "edition,edition_status,edition_name_nl,edition_name_en,edition_description_nl,"
    "edition_description_en,position,id,sense,kind,depth,active,image,language,question,"
    "follow_up,image_alt,status"
)


def test_csv_header_is_derived_from_the_languages() -> None:
    assert editions_to_csv([EXPECTED]).split("\r\n")[0] == CSV_HEADER
    assert all(f"edition_name_{lang}" in CSV_HEADER for lang in LANGUAGES)


def test_csv_round_trip_keeps_everything() -> None:
    text = editions_to_csv([EXPECTED])
    assert not text.startswith("\ufeff")
    assert len(text.strip().split("\r\n")) == 1 + 3
    assert parse_csv(text, "x.csv") == [EXPECTED]


def test_csv_cannot_hold_an_edition_without_cards() -> None:
    with pytest.raises(ValueError, match=r"has no cards.*JSON"):
        editions_to_csv([EXPECTED, EditionSpec("leeg", {"nl": "Leeg"})])


DUTCH_EXCEL = (
    "\ufeffedition;edition_status;edition_name_nl;edition_name_en;position;id;sense;kind;depth;"
    "active;image;language;question;follow_up;image_alt\r\n"
    'thuis;draft;Thuis;At home;2;zien-01;zien;ongewoon;3;Nee;;nl;"Wat zie je; echt?";;\r\n'
    'thuis;draft;Thuis;At home;1;horen-01;horen;gewoon;1;JA;img/bel.svg;nl;"Zeg ""hoi"";";'
    "Nog iets?;Een bel\r\n"
    ";;;;;;;;;;;;;;\r\n"
    "thuis;draft;Thuis;At home;1;horen-01;horen;gewoon;1;ja;img/bel.svg;en;Say hi;;A bell\r\n"
)


def test_dutch_excel_csv_with_bom_and_semicolons_is_read() -> None:
    [edition] = parse_csv(DUTCH_EXCEL, "thuis.csv")
    assert edition == EditionSpec(
        id="thuis",
        name={"nl": "Thuis", "en": "At home"},
        status="draft",
        cards=(
            CardSpec(
                "horen-01",
                "horen",
                "gewoon",
                1,
                {
                    "nl": CardText('Zeg "hoi";', "Nog iets?", "Een bel"),
                    "en": CardText("Say hi", None, "A bell"),
                },
                image="img/bel.svg",
            ),
            CardSpec(
                "zien-01",
                "zien",
                "ongewoon",
                3,
                {"nl": CardText("Wat zie je; echt?")},
                active=False,
            ),
        ),
    )


def test_dutch_excel_file_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "thuis.csv"
    path.write_bytes(DUTCH_EXCEL.encode("utf-8"))
    assert read_edition_file(path) == parse_csv(DUTCH_EXCEL, str(path))


def _csv(*rows: str, header: str = CSV_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


ROW = "e,,E,,,,{pos},{id},horen,gewoon,{depth},{active},,{lang},{question},,"


def _row(pos=1, id="c", depth=1, active="", lang="nl", question="Q?") -> str:
    return ROW.format(pos=pos, id=id, depth=depth, active=active, lang=lang, question=question)


@pytest.mark.parametrize(
    ("word", "active"),
    [(w, True) for w in ("true", "TRUE", "1", "ja", "Ja", "yes", "")]
    + [(w, False) for w in ("false", "False", "0", "nee", "NEE", "no")],
)
def test_csv_active_accepts_common_words(word: str, active: bool) -> None:
    [edition] = parse_csv(_csv(_row(active=word)), "x.csv")
    assert edition.cards[0].active is active


def test_csv_orders_cards_by_position_and_omits_missing_languages() -> None:
    rows = [_row(3, "c3"), _row(1, "c1", lang="en"), _row(2, "c2"), _row(1, "c1")]
    [edition] = parse_csv(_csv(*rows), "x.csv")
    assert [c.id for c in edition.cards] == ["c1", "c2", "c3"]
    assert set(edition.cards[0].texts) == {"nl", "en"}
    assert set(edition.cards[1].texts) == {"nl"}


def test_csv_may_leave_out_optional_columns() -> None:
    header = "edition,edition_name_nl,position,id,sense,kind,depth,language,question"
    [edition] = parse_csv(_csv("e,E,1,c,voelen,gewoon,2,en,Feel?", header=header), "x.csv")
    assert edition == EditionSpec(
        "e", {"nl": "E"}, cards=(CardSpec("c", "voelen", "gewoon", 2, {"en": CardText("Feel?")}),)
    )


@pytest.mark.parametrize(
    ("rows", "card_id", "reason"),
    [
        ([_row(), _row(depth=2, lang="en")], "c", "row 3: depth differs from row 2 of this card"),
        ([_row(), _row(active="nee", lang="en")], "c", "row 3: active differs from row 2"),
        ([_row(), _row(pos=2, lang="en")], "c", "row 3: position differs from row 2"),
        ([_row(), _row()], "c", "row 3: a second nl text for this card (first on row 2)"),
        ([_row(pos="x")], "c", "row 2: position must be a number from 1 up (got 'x')"),
        ([_row(pos=0)], "c", "row 2: position must be a number from 1 up (got '0')"),
        ([_row(), _row(lang="")], "c", "row 3: column 'language' is empty"),
        ([_row(id="")], None, "row 2: column 'id' is empty"),
        ([_row() + ",,extra"], None, "row 2: has more cells than the header has columns"),
        ([_row(), _row(lang="en").replace("e,,E", "e,,F")], None, "row 3: edition_name_nl differs"),
        ([_row(depth=5)], "c", "depth must be 1, 2 or 3 (got 5)"),
        ([_row(depth="1.5")], "c", "depth must be 1, 2 or 3 (got '1.5')"),
        ([_row(active="misschien")], "c", "active must be true or false (got 'misschien')"),
        ([_row(lang="xx")], "c", "unknown language 'xx'"),
        ([_row(question="")], "c", "nl.question is missing"),
    ],
)
def test_csv_row_faults(rows: list[str], card_id: str | None, reason: str) -> None:
    fault = only_fault(_csv(*rows), parse_csv, "x.csv")
    assert (fault.file, fault.card_id) == ("x.csv", card_id)
    if reason.startswith("row "):
        row, reason = reason.removeprefix("row ").split(": ", 1)
        assert fault.row == int(row)
    assert reason in fault.reason
    assert fault.row is not None, "every CSV fault says its row"


def test_csv_huge_numbers_are_ordinary_faults() -> None:
    faults = faults_of(_csv(_row(pos="9" * 5000, depth="9" * 5000)), parse_csv, "x.csv")
    assert [f.reason.split(" (")[0] for f in faults] == [
        "position must be a number from 1 up",
        "depth must be 1, 2 or 3",
    ]


def test_csv_rows_of_a_card_must_agree_on_empty_cells_too() -> None:
    rows = [_row().replace(",,nl,", ",bel.svg,nl,"), _row(lang="en")]
    faults = faults_of(_csv(*rows), parse_csv, "x.csv")
    assert "x.csv: row 3: edition e: card c: image differs from row 2 of this card" in [
        str(f) for f in faults
    ]


def test_csv_header_faults() -> None:
    header = CSV_HEADER.replace(",question,", ",vraag,") + ",notes"
    faults = faults_of(_csv(_row(), header=header), parse_csv, "x.csv")
    assert [str(f) for f in faults] == [
        "x.csv: row 1: unknown column 'vraag'",
        "x.csv: row 1: unknown column 'notes'",
        "x.csv: row 1: required column 'question' is missing",
    ]


def test_csv_empty_file_is_a_fault() -> None:
    assert "the file is empty" in only_fault("", parse_csv, "x.csv").reason


def test_csv_keeps_a_line_break_inside_a_text_in_its_cell() -> None:
    """Line breaks are not allowed, but a bad text must not break the rows around it."""
    broken = CardSpec("c", "horen", "gewoon", 1, {"nl": CardText("een\nlijn;twee")})
    edition = EditionSpec("e", {"nl": "E"}, cards=(broken, EXPECTED.cards[1]))
    fault = only_fault(editions_to_csv([edition]), parse_csv, "x.csv")
    assert fault.row == 2
    assert (fault.card_id, fault.reason.split(" (")[0]) == (
        "c",
        "nl.question contains a line break after 'een'",
    )


# --- Round trips of random valid editions --------------------------------------------------

NASTY = [*"\";,'\\=+-@#[]{}", "é", "ĳ", "€", "😀", "\u2028", "\xa0", "\ufeff", "\u202e", " "]
_chars = st.one_of(st.sampled_from(NASTY), st.characters(exclude_categories=("Cc", "Cs")))
clean_text = st.text(_chars, min_size=1, max_size=40).map(str.strip).filter(bool)
slugs = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=MAX_ID_LENGTH)
_segment = st.text(string.ascii_letters + string.digits + " ;,'\"é._-", min_size=1, max_size=8)
images = st.none() | st.lists(_segment.filter(lambda s: s != ".."), min_size=1, max_size=3).map(
    "/".join
).filter(lambda path: path == path.strip())
_languages = st.lists(st.sampled_from(LANGUAGES), min_size=1, unique=True)


@st.composite
def cards(draw, card_id: str) -> CardSpec:
    image = draw(images)
    texts = {
        lang: CardText(
            draw(clean_text),
            draw(st.none() | clean_text),
            draw(clean_text) if image else draw(st.none() | clean_text),
        )
        for lang in draw(_languages)
    }
    return CardSpec(
        card_id,
        draw(st.sampled_from(SENSES)),
        draw(st.sampled_from(KINDS)),
        draw(st.sampled_from(DEPTHS)),
        texts,
        image,
        draw(st.booleans()),
    )


@st.composite
def editions(draw, edition_id: str, min_cards: int) -> EditionSpec:
    card_ids = draw(st.lists(slugs, min_size=min_cards, max_size=5, unique=True))
    return EditionSpec(
        edition_id,
        {lang: draw(clean_text) for lang in draw(_languages)},
        {
            lang: draw(clean_text)
            for lang in draw(st.lists(st.sampled_from(LANGUAGES), unique=True))
        },
        draw(st.sampled_from(EDITION_STATUSES)),
        tuple(draw(cards(card_id)) for card_id in card_ids),
    )


def edition_lists(min_cards: int) -> st.SearchStrategy[list[EditionSpec]]:
    ids = st.lists(slugs, min_size=1, max_size=3, unique=True)
    return ids.flatmap(lambda ids: st.tuples(*(editions(i, min_cards) for i in ids)).map(list))


@settings(max_examples=150, deadline=None)
@given(edition_lists(min_cards=0))
def test_json_round_trip_property(editions_: list[EditionSpec]) -> None:
    assert parse_json(editions_to_json(editions_), "x.json") == editions_


@settings(max_examples=150, deadline=None)
@given(edition_lists(min_cards=1))
def test_csv_round_trip_property(editions_: list[EditionSpec]) -> None:
    assert parse_csv(editions_to_csv(editions_), "x.csv") == editions_


@settings(max_examples=50, deadline=None)
@given(edition_lists(min_cards=1))
def test_csv_resaved_by_dutch_excel_reads_the_same(editions_: list[EditionSpec]) -> None:
    rows = list(csv.reader(io.StringIO(editions_to_csv(editions_), newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    assert parse_csv("\ufeff" + out.getvalue(), "x.csv") == editions_


# --- The default deck ----------------------------------------------------------------------


def test_default_deck_parses_and_has_enough_bilingual_cards_per_sense() -> None:
    [edition] = read_edition_file(REPO / "cards" / "kletsborden.toml")
    for sense in SENSES:
        bilingual = [
            card
            for card in edition.cards
            if card.sense == sense and {"nl", "en"} <= set(card.texts)
        ]
        assert len(bilingual) >= 30, f"{sense}: only {len(bilingual)} cards with nl and en texts"


def test_csv_export_keeps_formulas_from_running_and_imports_the_same_text() -> None:
    """A card text such as =HYPERLINK(...) must not become a live link in Excel, and the
    exported file must still import to exactly what was written (spreadsheet_cells.py)."""
    texts = [
        '=HYPERLINK("http://example.org","klik")',
        "+31 6 1234",
        "-5 graden?",
        "@iedereen",
        "'=al een apostrof",
        "'t Is mooi weer",
    ]
    cards = tuple(
        CardSpec(f"c{n}", "horen", "gewoon", 1, {"nl": CardText(text)})
        for n, text in enumerate(texts)
    )
    edition = EditionSpec("e", {"nl": "=E"}, cards=cards)
    written = editions_to_csv([edition])
    rows = list(csv.DictReader(io.StringIO(written)))
    questions = [row["question"] for row in rows]
    assert questions == [
        '\'=HYPERLINK("http://example.org","klik")',
        "'+31 6 1234",
        "'-5 graden?",
        "'@iedereen",
        "''=al een apostrof",
        "'t Is mooi weer",
    ]
    assert rows[0]["edition_name_nl"] == "'=E"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert parse_csv(written, "x.csv") == [edition]
