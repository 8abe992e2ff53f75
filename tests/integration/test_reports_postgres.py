"""The report and dashboard service tests again on PostgreSQL (a Core select streamed through the
session instead of the SQLite file read). Skipped without a server, as test_postgres.py explains."""

from __future__ import annotations

import inspect

import pytest

from tests.integration import test_reports as report_tests
from tests.integration.test_postgres import db, pg_migrated_url  # noqa: F401  (fixtures: the PostgreSQL db)
from tests.integration.test_reports import meter  # noqa: F401  (fixture)

pytestmark = pytest.mark.postgres

for _name, _test in vars(report_tests).items():
    if _name.startswith("test_") and "db_path" not in inspect.signature(_test).parameters:
        globals()[_name] = _test
