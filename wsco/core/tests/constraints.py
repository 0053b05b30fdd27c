"""Name, for `pytest.raises(IntegrityError, match=...)`, the database constraint a write breaks."""

import re


def violates(name: str, *columns: str) -> str:
    """Return a pattern matching the error either database gives when constraint `name` fails.

    PostgreSQL names the constraint; SQLite names a check constraint too, but a unique one by its
    columns ("UNIQUE constraint failed: table.column, ..."): give them for a unique constraint.
    """
    patterns = [re.escape(name)]
    if columns:
        patterns.append(re.escape("UNIQUE constraint failed: " + ", ".join(columns)))
    return "|".join(patterns)
