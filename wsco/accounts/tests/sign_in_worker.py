"""A separate process that signs in as told, as one gunicorn worker would serve the attempts.

    DEBUG=true DATABASE_URL=... python -m wsco.accounts.tests.sign_in_worker

Reads one JSON object a line from standard input ({"email": ..., "password": ...}), posts it
to the sign-in page through the whole middleware stack, and writes one JSON line back:
{"outcome": "signed_in" | "wrong_password" | "locked_out"}. It runs with the project's own
settings (but the suite's fast password hasher), so its cache is whatever `wsco/settings.py`
makes the default.
"""

import json
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsco.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from wsco.accounts.adapter import AccountAdapter

    # The suite's hasher, as the accounts the tests make are hashed with it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    locked_out = str(AccountAdapter.error_messages["too_many_login_attempts"])
    for line in sys.stdin:
        attempt = json.loads(line)
        response = Client().post(
            reverse("account_login"), {"login": attempt["email"], "password": attempt["password"]}
        )
        if response.status_code == 302:
            outcome = "signed_in"
        elif locked_out in response.content.decode():
            outcome = "locked_out"
        else:
            outcome = "wrong_password"
        print(json.dumps({"outcome": outcome}), flush=True)


if __name__ == "__main__":
    main()
