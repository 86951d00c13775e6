"""Store tests. ``test_prepared.py`` is about PostgreSQL alone: it is collected when
KLETSBORDEN_TEST_POSTGRES_URL is set (CI sets it), never skipped."""

import os

collect_ignore = [] if os.environ.get("KLETSBORDEN_TEST_POSTGRES_URL") else ["test_prepared.py"]
