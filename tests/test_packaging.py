"""A non-editable install finds everything it needs inside the package itself."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(out),
            str(CHECKOUT),
        ],
        check=True,
        timeout=300,
    )
    (built,) = out.glob("kletsborden-*.whl")
    return built


def test_wheel_carries_templates_static_cards_and_npm_packages(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "kletsborden/templates/home.html",
        "kletsborden/static/css/base.css",
        "kletsborden/cards/kletsborden.toml",
        "kletsborden/vendor/socket.io-client/socket.io.esm.min.js",
        "kletsborden/store/migrations/env.py",
        "kletsborden/store/migrations/versions/0001_initial_schema.py",
        "kletsborden/i18n/locale/nl/LC_MESSAGES/messages.mo",  # compiled by hatch_build.py
        "kletsborden/i18n/locale/en/LC_MESSAGES/admin.mo",
        "kletsborden/i18n/locale/nl/language.toml",
    ):
        assert expected in names


def test_installed_package_serves_from_its_own_files(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    script = """
import kletsborden, pathlib
from kletsborden.app import create_app
from kletsborden.card_library import prepare_database
from kletsborden.app import database
package = pathlib.Path(kletsborden.__file__).parent
assert str(package).startswith(TARGET), package
app = create_app()
assert app.static_folder == str(package / "static"), app.static_folder
report = prepare_database(database(app))
assert len(report.added) >= 90, report
client = app.test_client()
assert client.get("/").status_code == 200
assert client.get("/static/css/base.css").status_code == 200
assert "Code van de kamer" in client.get("/", headers={"Accept-Language": "nl"}).text
assert (package / "i18n/locale/nl/LC_MESSAGES/messages.mo").is_file()
assert client.get("/vendor/socket.io-client/socket.io.esm.min.js").status_code == 200
print("ok")
""".replace("TARGET", repr(str(target)))
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "KLETSBORDEN_INSTANCE_PATH": str(tmp_path / "i"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "ok", result.stderr
