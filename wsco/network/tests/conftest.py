"""Every network test writes its matching index to its own temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _network_index_in_tmp(settings, tmp_path):
    settings.NETWORK_INDEX_PATH = tmp_path / "network" / "index.npz"
    # The tests create many accounts; a fast hasher keeps them quick (Argon2 is for production).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
