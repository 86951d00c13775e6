"""Entry point of the ``kletsborden`` command (also ``python -m kletsborden``).

``serve`` runs on gevent, whose monkey-patching must happen before anything else is imported.
"""

import sys


def main() -> None:
    if sys.argv[1:2] == ["serve"]:
        from gevent import monkey

        monkey.patch_all()
    from .cli import run

    run()


if __name__ == "__main__":
    main()
