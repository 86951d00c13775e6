"""The real ``kletsborden`` command, run as a user would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kletsborden.paths import default_card_files


def kletsborden(
    instance: Path, database_url: str, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "KLETSBORDEN_INSTANCE_PATH": str(instance),
        "KLETSBORDEN_DATABASE_URL": database_url,
    }
    return subprocess.run(
        [sys.executable, "-m", "kletsborden", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def cli(tmp_path: Path, database_url: str):
    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return kletsborden(tmp_path / "instance", database_url, *args, stdin=stdin)

    return run


def default_card_count() -> int:
    return sum(open(p, encoding="utf-8").read().count("[[cards]]") for p in default_card_files())


def assert_one_line_error(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error:")


def test_init_db_loads_the_default_editions_once(cli) -> None:
    first = cli("init-db")
    assert first.returncode == 0, first.stderr
    assert f"loaded {default_card_count()} default cards" in first.stdout
    second = cli("init-db")
    assert second.returncode == 0
    assert "loaded" not in second.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_changes_nothing(cli, tmp_path: Path, fmt: str) -> None:
    cli("init-db")
    exported = cli("export-cards", "--format", fmt)
    assert exported.returncode == 0, exported.stderr
    path = tmp_path / f"export.{fmt}"
    path.write_text(exported.stdout, encoding="utf-8", newline="")
    imported = cli("import-cards", str(path))
    assert imported.returncode == 0, imported.stderr
    assert "0 added, 0 changed" in imported.stdout
    assert "editions added: 0, changed: 0" in imported.stdout
    assert cli("export-cards", "--format", fmt).stdout == exported.stdout


def test_export_json_holds_every_language_with_its_status(cli) -> None:
    cli("init-db")
    data = json.loads(cli("export-cards", "--edition", "kletsborden").stdout)
    (edition,) = data["editions"]
    for card in edition["cards"]:
        assert list(card["texts"]) == ["nl", "en", "ar", "pl", "tr", "uk"]
        statuses = {lang: text["status"] for lang, text in card["texts"].items()}
        assert statuses == {"nl": "reviewed", "en": "reviewed"} | dict.fromkeys(
            ("ar", "pl", "tr", "uk"), "draft"
        )


def test_import_adds_then_updates_by_id(cli, tmp_path: Path) -> None:
    cli("init-db")
    path = tmp_path / "buurt.toml"
    path.write_text(
        'format = 1\nid = "buurt"\n[name]\nnl = "Buurt"\n'
        '[[cards]]\nid = "b-1"\nsense = "zien"\nkind = "gewoon"\ndepth = 1\n'
        '[cards.nl]\nquestion = "Wat zie je graag in je straat?"\n',
        encoding="utf-8",
    )
    assert "1 added" in cli("import-cards", str(path)).stdout
    path.write_text(path.read_text().replace("graag", "het liefst"), encoding="utf-8")
    dry = cli("import-cards", "--dry-run", str(path))
    assert "Would import: 0 added, 1 changed" in dry.stdout
    assert "~ buurt/b-1" in dry.stdout
    assert "1 changed" in cli("import-cards", str(path)).stdout
    exported = json.loads(cli("export-cards", "--edition", "buurt").stdout)
    (card,) = exported["editions"][0]["cards"]
    assert card["texts"]["nl"]["question"] == "Wat zie je het liefst in je straat?"


def test_a_faulty_file_is_rejected_whole(cli, tmp_path: Path) -> None:
    cli("init-db")
    before = cli("export-cards").stdout
    good = tmp_path / "goed.toml"
    good.write_text(
        'format = 1\nid = "goed"\n[name]\nnl = "Goed"\n'
        '[[cards]]\nid = "g-1"\nsense = "zien"\nkind = "gewoon"\ndepth = 1\n'
        '[cards.nl]\nquestion = "Wat zie je?"\n',
        encoding="utf-8",
    )
    bad = tmp_path / "fout.toml"
    bad.write_text(
        'format = 1\nid = "fout"\n[name]\nnl = "Fout"\n'
        '[[cards]]\nid = "f-1"\nsense = "ruiken"\nkind = "gewoon"\ndepth = 7\n'
        '[cards.nl]\nquestion = "Wat ruik je?"\n'
        '[[cards]]\nid = "f-2"\nsense = "zien"\nkind = "raar"\ndepth = 1\n'
        '[cards.nl]\nquestion = ""\n',
        encoding="utf-8",
    )
    result = cli("import-cards", str(good), str(bad))
    assert_one_line_error(result)
    assert "card f-1: sense" in result.stderr
    assert "card f-1: depth" in result.stderr
    assert "card f-2: kind" in result.stderr
    assert "card f-2: nl.question is empty" in result.stderr
    assert str(bad) in result.stderr
    assert cli("export-cards").stdout == before, "nothing was imported, not even the good file"


@pytest.mark.parametrize(
    "args",
    [
        ("import-cards", "/no/such/file.toml"),
        ("export-cards", "--edition", "bestaat-niet"),
        ("export-cards", "--format", "xml"),
        ("create-admin", "beheer", "--password-stdin"),
        ("no-such-command",),
    ],
)
def test_bad_input_is_one_line_and_non_zero(cli, args) -> None:
    result = cli(*args, stdin="kort\n")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error:")


def test_create_admin(cli) -> None:
    created = cli("create-admin", "beheer", "--password-stdin", stdin="een lang wachtwoord\n")
    assert created.returncode == 0, created.stderr
    again = cli("create-admin", "beheer", "--password-stdin", stdin="een lang wachtwoord\n")
    assert_one_line_error(again)
    assert "already exists" in again.stderr


def test_unreachable_database_is_a_clear_error(tmp_path: Path) -> None:
    result = kletsborden(tmp_path, "postgresql+psycopg://nobody@127.0.0.1:1/none", "init-db")
    assert_one_line_error(result)
    assert "database" in result.stderr


def test_purge_deletes_old_rooms_only(cli) -> None:
    cli("init-db")
    result = cli("purge", "--older-than", "0")
    assert result.returncode == 0, result.stderr
    assert "Deleted 0 room(s)" in result.stdout
    refused = cli("purge", "--older-than", "-1")
    assert_one_line_error(refused)


def test_print_cards_writes_a_pdf_of_the_cards_in_play(cli, tmp_path: Path) -> None:
    from printing.poppler import flat, page_count, page_texts

    cli("init-db")
    target = tmp_path / "kaarten.pdf"
    result = cli("print-cards", "kletsborden", "--language", "en", "--output", str(target))
    assert result.returncode == 0, result.stderr
    assert f"Wrote {default_card_count()} cards to {target}." in result.stdout
    pdf = target.read_bytes()
    assert page_count(pdf) == 2 * -(-default_card_count() // 6)
    exported = json.loads(cli("export-cards", "--edition", "kletsborden").stdout)
    first = exported["editions"][0]["cards"][0]["texts"]["en"]["question"]
    assert flat(first) in flat(page_texts(pdf)[0])


def test_print_cards_says_clearly_what_cannot_be_printed(cli, tmp_path: Path) -> None:
    cli("init-db")
    unknown = cli("print-cards", "bestaat-niet", "-o", str(tmp_path / "x.pdf"))
    assert_one_line_error(unknown)
    assert "De editie bestaat-niet bestaat niet." in unknown.stderr
    english = cli("print-cards", "bestaat-niet", "--language", "en", "-o", str(tmp_path / "x.pdf"))
    assert "The edition bestaat-niet does not exist." in english.stderr
    path = tmp_path / "uit.toml"
    path.write_text(
        'format = 1\nid = "uit"\n[name]\nnl = "Uit"\n'
        '[[cards]]\nid = "u-1"\nsense = "zien"\nkind = "gewoon"\ndepth = 1\nactive = false\n'
        '[cards.nl]\nquestion = "Wat zie je?"\n',
        encoding="utf-8",
    )
    assert cli("import-cards", str(path)).returncode == 0
    empty = cli("print-cards", "uit", "-o", str(tmp_path / "x.pdf"))
    assert_one_line_error(empty)
    assert "geen kaarten in het spel" in empty.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert_one_line_error(cli("print-cards", "uit", "--language", "fr"))


BAD_CSV = (
    "edition;edition_name_nl;position;id;sense;kind;depth;language;question\n"
    "buurt;Buurt;1;b-1;ruiken;gewoon;1;nl;Wat ruik je?\n"
    'buurt;Buurt;2;b-2;horen;gewoon;1;nl;"Wat hoor je\nvaak?"\n'
)


def test_import_faults_name_row_edition_card_value_and_choices(cli, tmp_path: Path) -> None:
    path = tmp_path / "buurt.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    english = cli("import-cards", str(path))
    assert english.returncode == 1
    assert (
        f"{path}: row 2: edition buurt: card b-1: sense must be horen, zien or voelen "
        "(got 'ruiken')"
    ) in english.stderr
    assert f"{path}: row 3: edition buurt: card b-2: nl.question contains a line break" in (
        english.stderr
    )
    dutch = cli("import-cards", "--language", "nl", str(path))
    assert dutch.returncode == 1
    assert (
        f"error: {path}: Rij 2: Editie buurt: Kaart b-1: Zintuig: "
        "Moet horen, zien of voelen zijn (nu: 'ruiken')."
    ) in dutch.stderr
    assert "nieuwe regel (Enter) na “Wat hoor je”" in dutch.stderr
    assert "must be" not in dutch.stderr and "U+000A" not in dutch.stderr
