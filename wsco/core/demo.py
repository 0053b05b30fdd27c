"""What the apps' demo seeders share: the random generator, the demo password, the accounts."""

import random as random_module
from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """Carried from one app's demo seeder to the next."""

    seed: int
    password: str
    stdout: object
    random: random_module.Random = field(init=False)
    accounts: dict[str, str] = field(default_factory=dict)
    shared: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.random = random_module.Random(self.seed)

    def add_account(self, role: str, email: str) -> None:
        """Remember a demo account to print at the end."""
        self.accounts[role] = email

    def say(self, message: str) -> None:
        self.stdout.write(message)

    def accounts_text(self) -> str:
        """Return the demo accounts as lines to print."""
        lines = [f"Demo accounts (password for all: {self.password}):"]
        lines += [f"  {role:<14} {email}" for role, email in self.accounts.items()]
        return "\n".join(lines) + "\n"
