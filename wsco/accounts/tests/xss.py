"""What the every-field XSS sweep needs from the accounts app (see wsco/core/tests/xss_sweep.py)."""

from wsco.accounts.models import ApiToken, Role, RoleGrant, User
from wsco.accounts.services import create_api_token

BUILDERS = {
    User: lambda world: world.person("member"),
    # Staff also edit the magazine, so that one person opens the editors' pages and the admin.
    RoleGrant: lambda world: RoleGrant.objects.create(user=world.person("staff"), role=Role.EDITOR),
    ApiToken: lambda world: create_api_token(user=world.person("member"), name="A script")[0],
}
NOT_WRITTEN_BY_PEOPLE = {
    "accounts.User.password": "a password hash",
    "accounts.ApiToken.prefix": "the first characters of a generated key",
    "accounts.ApiToken.digest": "the hash of a generated key",
}
URL_KWARGS = {
    "accounts:revoke_token": lambda world: {"token_id": world[ApiToken].pk},
}
NOT_PAGES = {
    "account_confirm_login_code": "a step of a sign-in by code, with nothing people wrote",
    "account_confirm_reauthentication_code": "a step of a sign-in by code",
    "account_set_password": "for accounts without a password; redirects the others",
    "account_confirm_email": "opened with a one-time key sent by email",
    "account_reset_password_from_key": "opened with a one-time key sent by email",
    "set_language": "a redirect that stores the language",
    "accounts:set_language": "a redirect that stores the language",
    # The right of access: the caller's own data as stored, to download, never shown as a page.
    "accounts:download_data": "a JSON file of the person's own data, as stored",
    "api-1.0.0:my_data": "the person's own data, as stored (the same as the download)",
}
