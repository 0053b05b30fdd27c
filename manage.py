#!/usr/bin/env python
"""Run the platform's management commands (the same as the `wsco` console script)."""

from wsco.cli import main

if __name__ == "__main__":
    main()
