"""The settings every test runs with, and rows built once for a whole test module.

`sandbox_settings(folder)` is what `conftest.py` gives each test (tasks run at once, a fast
password hasher, uploads and the matching index under `folder`, the cache in memory).

`module_world(build)` makes a module-scoped fixture for a world that many tests only read (the
permission matrices ask every URL as every role of one world): `build(settings)` runs once, in
a transaction left open for the module and rolled back after its last test, with the same
settings as a test. Each test's own `db` transaction is then a savepoint inside it, so what a
test adds or changes is undone before the next one, as with a world built per test.
"""

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings


def sandbox_settings(folder: Path) -> dict:
    """Return the settings a test runs with, its files under `folder`."""
    return {
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "MEDIA_ROOT": folder / "media",
        # The network's matching index, which other apps read too (the reviewer picker): a
        # test's own, never the one a developer built under var/.
        "NETWORK_INDEX_PATH": folder / "network" / "index.npz",
        # Argon2 costs ~0.4 s a password by design; tests create many users.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": django_settings.STORAGES
        | {"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        # One process's memory, not the database cache: a test counts only its own queries.
        # Pages are cached as in production, and no test sees what another left in the cache.
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "PAGE_CACHE_SECONDS": 600,
    }


class Settings:
    """Settings changed one by one and put back together, as the `settings` fixture does for a
    test (a builder that takes `settings` may change them)."""

    def __init__(self) -> None:
        object.__setattr__(self, "_overrides", [])

    def __setattr__(self, name: str, value) -> None:
        override = override_settings(**{name: value})
        override.enable()
        self._overrides.append(override)

    def __getattr__(self, name: str):
        return getattr(django_settings, name)

    def changed(self) -> dict:
        """Return every setting changed, with its value now."""
        return {
            name: getattr(django_settings, name)
            for override in self._overrides
            for name in override.options
        }

    def restore(self) -> None:
        for override in reversed(self._overrides):
            override.disable()
        self._overrides.clear()


def module_world(build: Callable[[Settings], dict]):
    """Return a module-scoped fixture giving `(world, settings)`: what `build(settings)` made
    once for the module, and the settings it ran with (which a test using the world applies)."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker, tmp_path_factory):
        settings = Settings()
        for name, value in sandbox_settings(tmp_path_factory.mktemp("world")).items():
            setattr(settings, name, value)
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                world = build(settings)
                kept = settings.changed()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
            finally:
                settings.restore()
        try:
            yield world, kept
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return fixture


def world_for_a_test(built: tuple[dict, dict], settings) -> dict:
    """Return a copy of the module's world (what a test does to its objects in memory stays in
    that test), with the settings it was built with applied to the test."""
    world, built_with = built
    for name, value in built_with.items():
        setattr(settings, name, value)
    return copy.deepcopy(world)
