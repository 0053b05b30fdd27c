"""Find what each app teaches a sweep, in a test module of its own."""

import importlib

from django.apps import apps


def app_test_modules(name: str) -> list:
    """Return each `wsco.<app>.tests.<name>` module, for every app of the platform that has one."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("wsco."):
            continue
        module_name = f"{config.name}.tests.{name}"
        try:
            found.append(importlib.import_module(module_name))
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
    return found
