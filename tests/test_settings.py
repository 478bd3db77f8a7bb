"""Production settings pass Django's deployment checks with only the required environment."""

import os
import subprocess
import sys

from tests.workers import ROOT


def test_check_deploy_reports_no_warnings() -> None:
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "a-test-only-secret-key-that-is-long-and-random-enough-1234567890",
        "DJANGO_ALLOWED_HOSTS": "mockmate.example.com",
        "DATABASE_URL": "sqlite:////tmp/mockmate-check-deploy.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING",
         "--settings=mockmate_site.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=mockmate_site.settings.production"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr
