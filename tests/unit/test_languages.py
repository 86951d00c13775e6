"""The interface languages are the catalogues that exist: adding Somali is adding files, exactly
as docs/translating.md says, with no change to the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import kletsborden
from kletsborden.i18n.languages import interface_languages

PYBABEL = Path(sys.executable).with_name("pybabel")

CHECK_SOMALI = """
from kletsborden.app import create_app
from kletsborden.i18n import translate
from kletsborden.i18n.languages import interface_languages

somali = interface_languages()["so"]
assert (somali.name, somali.direction, somali.status) == ("Soomaali", "ltr", "draft"), somali
assert translate("ui.home.code_label", "so") == "Koodhka qolka"  # translated
assert translate("ui.join.button", "so") == translate("ui.join.button", "en")  # not yet: English
page = create_app().test_client().get("/?lang=so").text
assert '<html lang="so" dir="ltr">' in page, page[:300]
assert '<span aria-current="true" lang="so" dir="ltr">Soomaali</span>' in page
print("ok")
"""


def test_the_shipped_languages_and_what_they_are() -> None:
    languages = interface_languages()
    assert list(languages)[:2] == ["nl", "en"]
    assert {code for code, language in languages.items() if language.reviewed} == {"nl", "en"}
    assert {"tr", "ar", "pl", "uk"} <= set(languages)
    assert languages["ar"].direction == "rtl" and languages["ar"].name == "العربية"
    assert all(languages[code].direction == "ltr" for code in ("nl", "en", "tr", "pl", "uk"))


def test_adding_a_catalogue_folder_adds_a_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    package = site / "kletsborden"
    shutil.copytree(Path(kletsborden.__file__).parent, package)
    locale = package / "i18n" / "locale"
    assert not (locale / "so").exists()

    # The steps of docs/translating.md, "Adding a language: Somali".
    for domain in ("messages", "admin"):
        subprocess.run(
            [PYBABEL, "init", "-D", domain, "-l", "so", "-d", locale,
             "-i", locale / f"{domain}.pot"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
    (locale / "so" / "language.toml").write_text('status = "draft"\n', encoding="utf-8")
    messages = locale / "so" / "LC_MESSAGES" / "messages.po"
    text = messages.read_text(encoding="utf-8")
    key = 'msgid "ui.home.code_label"\nmsgstr ""'
    assert key in text
    messages.write_text(text.replace(key, key[:-2] + '"Koodhka qolka"'), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-c", CHECK_SOMALI],
        env={**os.environ, "PYTHONPATH": str(site), "KLETSBORDEN_INSTANCE_PATH": str(tmp_path)},
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-2000:]
