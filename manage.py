#!/usr/bin/env python
"""Run the platform's management commands in a development checkout.

The same as the `wsco` console script, except that it assumes development (`DEBUG=true`) unless
the environment says otherwise; production runs `wsco` with its settings in the environment.
"""

import os

from wsco.cli import main

if __name__ == "__main__":
    os.environ.setdefault("DEBUG", "true")
    main()
