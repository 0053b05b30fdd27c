import pytest


@pytest.fixture
def database_backend(settings):
    """Queue tasks as rows of the database backend, as in production (tests run them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_LEASE_SECONDS = 60
    settings.TASKS_MAX_ATTEMPTS = 3
