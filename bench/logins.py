"""Password hashing beside the event loop: ``python -m bench.logins [--logins N]``.

Starts ``kletsborden serve`` (gevent, SQLite) with one account, sends ``--logins`` wrong-password
logins at once from as many (made-up, via X-Forwarded-For) addresses, each under every limit,
and asks ``/healthz`` every 20 ms meanwhile. Prints how long the logins took and the slowest
``/healthz`` answer: with scrypt on the loop, 100 logins stalled everything for about 11 s.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from . import servers

PASSWORD = "een lang wachtwoord"


def login(url: str, address: str) -> int:
    """One browser's login: the form (for its CSRF token), then a wrong password."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    headers = {"X-Forwarded-For": address}
    page = opener.open(urllib.request.Request(f"{url}/admin/login", headers=headers)).read()
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
    form = {"username": "anna", "password": "fout wachtwoord", "csrf_token": token}
    request = urllib.request.Request(
        f"{url}/admin/login", data=urllib.parse.urlencode(form).encode(), headers=headers
    )
    try:
        return opener.open(request).status
    except urllib.error.HTTPError as error:
        return error.code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logins", type=int, default=100)
    args = parser.parse_args()
    os.environ["KLETSBORDEN_TRUSTED_PROXIES"] = "1"  # each login from its own address
    with tempfile.TemporaryDirectory() as tmp, servers.database(None, Path(tmp)) as url:
        server = servers.start_kletsborden(Path(tmp), url)
        try:
            instance = next(Path(tmp).glob("instance-*"))
            env = {**os.environ, "KLETSBORDEN_INSTANCE_PATH": str(instance)}
            env["KLETSBORDEN_DATABASE_URL"] = url
            subprocess.run(
                [sys.executable, "-m", "kletsborden", "create-admin", "anna", "--password-stdin"],
                input=PASSWORD + "\n",
                text=True,
                env=env,
                check=True,
                capture_output=True,
                cwd=servers.ROOT,
            )
            with servers.health_answers(server.url, every=0.02) as answers:
                statuses: list[int] = []
                started = time.monotonic()

                def log_in(i: int) -> None:
                    statuses.append(login(server.url, f"198.18.{i // 250}.{i}"))

                threads = [threading.Thread(target=log_in, args=(i,)) for i in range(args.logins)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                took = time.monotonic() - started
        finally:
            servers.stop(server)
    print(f"{len(statuses)} logins in {took:.2f} s, answers {sorted(set(statuses))}")
    print(f"/healthz meanwhile: {len(answers)} answers, slowest {max(answers) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
