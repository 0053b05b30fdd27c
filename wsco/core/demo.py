"""What the apps' demo seeders share: the random generator, the demo password, the accounts."""

import random as random_module
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass
class DemoContext:
    """Carried from one app's demo seeder to the next."""

    seed: int
    password: str
    stdout: object
    random: random_module.Random = field(init=False)
    accounts: dict[str, str] = field(default_factory=dict)
    abilities: dict[str, str] = field(default_factory=dict)
    shared: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.random = random_module.Random(self.seed)

    def add_account(self, role: str, email: str, can: str = "") -> None:
        """Remember a demo account, and what its role can do, to print at the end."""
        self.accounts[role] = email
        if can:
            self.abilities[role] = can

    def say(self, message: str) -> None:
        self.stdout.write(message)

    def accounts_text(self) -> str:
        """Return the demo accounts as lines to print."""
        lines = [f"Demo accounts (password for all: {self.password}):"]
        width = max((len(email) for email in self.accounts.values()), default=0)
        for role, email in self.accounts.items():
            can = self.abilities.get(role, "")
            lines.append(f"  {role.replace('_', ' '):<19} {email:<{width}}  {can}".rstrip())
        return "\n".join(lines) + "\n"


def seed_apps(context: DemoContext) -> None:
    """Run every app's demo seeder (`<app>/demo.py`'s `seed`), in the order of INSTALLED_APPS.

    An app's demo may so use the people and organizations the apps below it created.
    """
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if app_config.name.startswith("wsco.") and find_spec(module_name):
            module = import_module(module_name)
            if hasattr(module, "seed"):
                module.seed(context)
