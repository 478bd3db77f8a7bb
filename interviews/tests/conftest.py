"""The registry tests publish adapters to the same GCS emulator the bank's storage tests use."""

from problems.tests.conftest import _gcs_server, gcs_emulator  # noqa: F401
