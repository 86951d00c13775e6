"""A newcomer's first run: every command on one database by default, a first admin, and errors
that name the setting or argument at fault. Real processes, as a person would run them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest
import requests
from support.admin import PASSWORD
from support.server import free_port, start_server, stop_server

import kletsborden

# One bad value for every KLETSBORDEN_* setting, and a word of what the message says is allowed.
BAD_SETTINGS = {
    "DATABASE_URL": ("nosuchdb://x", "database URL"),
    "INSTANCE_PATH": ("/dev/null/instance", "folder"),
    "SECRET_KEY": ("short", "KLETSBORDEN_SECRET_KEY to a long random value"),
    "MESSAGE_QUEUE": ("localhost:6379", "redis://"),
    "ASYNC_MODE": ("eventlet", "threading or gevent"),
    "GRACE_SECONDS": ("abc", "a number 0 or more"),
    "OPEN_ROOM_CREATION": ("maybe", "1 or 0"),
    "RETENTION_HOURS": ("-1", "a number 0 or more"),
    "HTTPS": ("sure", "1 or 0"),
    "ALLOWED_ORIGINS": ("example.org", "https://example.org"),
    "TRUSTED_PROXIES": ("one", "a whole number 0 or more"),
    "ROOMS_PER_ADDRESS": ("1.5", "a whole number 0 or more"),
    "SOCKETS_PER_ADDRESS": ("-3", "a whole number 0 or more"),
    "HOST": ("not a host", "an address or host name"),
    "PORT": ("abc", "a whole number from 1 to 65535"),
    "ORGANISATION": ("x" * 121, "a name on one line of at most 120 characters"),
    "VOICE_MAX_PEERS": ("1", "a whole number from 2 to"),
    "TURN_URLS": ("https://turn.example.org", "turn:turn.example.org:3478"),
    "TURN_SECRET": ("short", "a random value of at least 16 characters"),
    "TURN_TTL_SECONDS": ("30", "a whole number from 60 to"),
    "TURN_RELAY_ONLY": ("sure", "1 or 0"),
}


def clean_env(**settings: str) -> dict[str, str]:
    """The machine's environment without any KLETSBORDEN_* setting, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLETSBORDEN_")}
    return {**env, **{f"KLETSBORDEN_{k}": v for k, v in settings.items()}}


def run(*args: str, env: dict[str, str], stdin: str | None = "", cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "kletsborden", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_every_setting_is_in_the_list() -> None:
    """A setting added to config.py (or paths.py) must get a bad value here too."""
    package = Path(kletsborden.__file__).parent
    config = (package / "config.py").read_text(encoding="utf-8")
    paths = (package / "paths.py").read_text(encoding="utf-8")
    read = re.findall(r'(?:_env|_flag|_number|_url|_choice|_bad)\(\s*"([A-Z_]+)"', config)
    assert set(read) | set(re.findall(r"KLETSBORDEN_([A-Z_]+)", paths)) == set(BAD_SETTINGS)


@pytest.mark.parametrize("name", sorted(BAD_SETTINGS))
def test_a_bad_setting_is_named_with_what_is_allowed(tmp_path: Path, name: str) -> None:
    value, allowed = BAD_SETTINGS[name]
    settings = {"INSTANCE_PATH": str(tmp_path / "instance"), name: value}
    if name == "SECRET_KEY":  # only a server reachable from elsewhere needs a real key
        settings["HOST"] = "0.0.0.0"
    port = () if name == "PORT" else ("--port", str(free_port()))
    result = run("serve", *port, env=clean_env(**settings))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"KLETSBORDEN_{name}" in result.stderr
    assert allowed in result.stderr
    assert "Traceback" not in result.stderr and "running on" not in result.stdout


def fake_checkout(root: Path) -> Path:
    """A checkout with its own .venv, as scripts/install makes it (a normal install, not the
    source folder): the venv finds our installed packages through a .pth file. Returns its
    ``kletsborden`` command."""
    (root / "pyproject.toml").write_text('[project]\nname = "kletsborden"\n', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / ".venv")], check=True)
    purelib = sysconfig.get_paths()["purelib"]
    for site in (root / ".venv" / "lib").glob("python*/site-packages"):
        (site / "kletsborden_test.pth").write_text(f"{purelib}\n", encoding="utf-8")
    command = root / ".venv" / "bin" / "kletsborden"
    command.write_text(
        f"#!{root / '.venv' / 'bin' / 'python'}\n"
        "import sys\nfrom kletsborden.__main__ import main\nsys.exit(main())\n",
        encoding="utf-8",
    )
    command.chmod(0o755)
    return command


def test_create_admin_then_log_in_to_the_server_scripts_serve_starts(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    command = fake_checkout(checkout)
    env = clean_env()
    made = subprocess.run(
        [str(command), "create-admin", "newbie", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # anywhere: the checkout's instance folder all the same
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    database = checkout / "instance" / "kletsborden.db"
    assert f"Database: {database} (SQLite)" in made.stderr
    # As scripts/serve does: from the checkout, no KLETSBORDEN_* variable set.
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(command), "serve", "--port", str(port)],
        cwd=checkout,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(url)
        output = (tmp_path / "serve.log").read_text()
        assert f"Database: {database} (SQLite)" in output
        assert "/admin/setup/" not in output  # an admin exists: no setup link
        browser = requests.Session()
        page = browser.get(f"{url}/admin/login").text
        csrf = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        login = browser.post(
            f"{url}/admin/login",
            data={"username": "newbie", "password": PASSWORD, "csrf_token": csrf},
            allow_redirects=False,
        )
        assert login.status_code == 302
        assert "Ingelogd als newbie" in browser.get(f"{url}/admin/").text
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError(f"no server at {url}")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return clean_env(INSTANCE_PATH=str(tmp_path / "instance"))


def test_no_command_prints_the_help(env: dict[str, str]) -> None:
    for args, listed in (
        ((), "create-admin"),
        (("-h",), "create-admin"),
        (("--help",), "accounts"),
        (("accounts",), "set-role"),
    ):
        result = run(*args, env=env)
        assert result.returncode == 0 and result.stderr == ""
        assert "Usage:" in result.stdout and listed in result.stdout


def test_version(env: dict[str, str]) -> None:
    from kletsborden import __version__

    result = run("--version", env=env)
    assert result.returncode == 0 and __version__ in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("serve", "--port", "99999"), "'--port': 99999 is not in the range 1<=x<=65535"),
        (("export-cards", "-o", "/missing/dir/x.json"), "the folder /missing/dir does not exist"),
        (("print-cards", "kletsborden", "-o", "/missing/dir/x.pdf"), "/missing/dir does not"),
        (("create-admin", " "), "username must be 1 to 64 characters"),
        (("create-admin", "bob"), "no terminal to ask for the password; pipe it in with --pass"),
    ],
)
def test_bad_arguments_get_one_line_that_says_what_is_wrong(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    result = run(*args, env=env, stdin=None if args[0] == "create-admin" else "")
    assert result.returncode == 1
    assert result.stderr.startswith("error:") and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    assert "running on" not in result.stdout
    assert "Password" not in result.stdout + result.stderr  # asked nothing first


def test_a_port_in_use_is_said_before_running_on(tmp_path: Path, database_url: str) -> None:
    server = start_server(tmp_path / "instance", database_url)
    try:
        port = server.url.rsplit(":", 1)[1]
        result = run("serve", "--port", port, env=server.env)
        assert result.returncode == 1
        assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
        assert "running on" not in result.stdout
    finally:
        stop_server(server)


@pytest.mark.parametrize("secret", [None, "change-me-not-a-secret", "x" * 31])
def test_beyond_loopback_a_real_secret_key_is_needed(tmp_path: Path, secret: str | None) -> None:
    settings = {"INSTANCE_PATH": str(tmp_path / "instance"), "HOST": "0.0.0.0"}
    if secret is None:  # no key set: the one generated in the instance folder is a real one
        (tmp_path / "instance").mkdir()
        (tmp_path / "instance" / "secret_key").write_text("")  # an empty file is no key
        settings["SECRET_KEY"] = ""
    else:
        settings["SECRET_KEY"] = secret
    result = run("serve", "--port", str(free_port()), env=clean_env(**settings))
    assert result.returncode == 1
    assert "refusing to listen on 0.0.0.0" in result.stderr
    assert "KLETSBORDEN_SECRET_KEY" in result.stderr
    assert "running on" not in result.stdout


def test_beyond_loopback_the_generated_key_counts(tmp_path: Path, database_url: str) -> None:
    server = start_server(tmp_path / "instance", database_url, secret_key="", host="0.0.0.0")
    stop_server(server)
    assert len((tmp_path / "instance" / "secret_key").read_text().strip()) == 64


def test_the_import_limit_is_said_in_words(env: dict[str, str], tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_text(" " * (3 * 1024 * 1024), encoding="utf-8")
    result = run("import-cards", str(big), env=env)
    assert result.returncode == 1
    assert "larger than 2 MB" in result.stderr and "MAX_IMPORT_BYTES" not in result.stderr


def test_accounts_on_the_command_line(env: dict[str, str]) -> None:
    assert run("create-admin", "anna", "--password-stdin", env=env, stdin=PASSWORD).returncode == 0
    made = run("accounts", "create", "fenna", "--password-stdin", env=env, stdin=PASSWORD)
    assert made.returncode == 0 and "Created facilitator 'fenna'" in made.stdout
    listed = run("accounts", "list", env=env)
    assert listed.stdout.splitlines() == ["anna\tadmin\tenabled", "fenna\tfacilitator\tenabled"]
    assert "Database:" in listed.stderr
    assert run("accounts", "disable", "fenna", env=env).returncode == 0
    assert run("accounts", "set-role", "fenna", "admin", env=env).returncode == 0
    assert "fenna\tadmin\tdisabled" in run("accounts", "list", env=env).stdout
    assert run("accounts", "enable", "fenna", env=env).returncode == 0
    changed = run("accounts", "set-password", "fenna", "--password-stdin", env=env, stdin="x" * 12)
    assert changed.returncode == 0
    # The last enabled admin cannot be disabled or demoted; unknown names are said plainly.
    assert run("accounts", "disable", "fenna", env=env).returncode == 0
    last = run("accounts", "set-role", "anna", "facilitator", env=env)
    assert last.returncode == 1 and "last enabled admin" in last.stderr
    unknown = run("accounts", "enable", "nobody", env=env)
    assert unknown.returncode == 1 and "no account named 'nobody'" in unknown.stderr
    short = run("accounts", "set-password", "anna", "--password-stdin", env=env, stdin="short")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr


def test_docker_compose_requires_the_secret_key() -> None:
    compose = (Path(__file__).parents[2] / "docker-compose.yml").read_text(encoding="utf-8")
    (line,) = [line for line in compose.splitlines() if "KLETSBORDEN_SECRET_KEY:" in line]
    assert "${KLETSBORDEN_SECRET_KEY:?" in line
    assert "change-me-not-a-secret" not in compose
