"""Forms of the account pages: roles, API tokens, language and account deletion."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import GRANTED_ROLES, ApiToken, Role, User
from wsco.core.forms import CleanTextMixin

GRANTED_ROLE_CHOICES = [(role.value, role.label) for role in GRANTED_ROLES]


class RoleChangeForm(CleanTextMixin, forms.Form):
    """Give a person a role, or take it away."""

    GRANT = "grant"
    REVOKE = "revoke"

    email = forms.EmailField(label=_("Email address of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=GRANTED_ROLE_CHOICES)
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(GRANT, _("Give the role")), (REVOKE, _("Take the role away"))],
        initial=GRANT,
        widget=forms.RadioSelect,
    )

    def clean_email(self) -> User:
        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No account uses this email address."))
        return user


class RoleSearchForm(CleanTextMixin, forms.Form):
    """Find people by email, and narrow the list to one role."""

    STAFF = Role.STAFF.value

    q = forms.CharField(label=_("Email contains"), required=False, max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Everyone")), (STAFF, Role.STAFF.label), *GRANTED_ROLE_CHOICES],
    )

    def filter(self, users):
        """Return `users` narrowed to the search (unchanged when the form is invalid)."""
        if not self.is_valid():
            return users
        if query := self.cleaned_data["q"].strip():
            users = users.filter(email__icontains=query)
        role = self.cleaned_data["role"]
        if role == self.STAFF:
            users = users.filter(is_staff=True)
        elif role:
            users = users.filter(role_grants__role=role)
        return users


class ApiTokenForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        help_texts = {"name": _("What the token is for, such as “monthly report script”.")}


class LanguageForm(CleanTextMixin, forms.Form):
    language = forms.ChoiceField(
        label=capfirst(User._meta.get_field("language").verbose_name),
        choices=User._meta.get_field("language").choices,
        help_text=User._meta.get_field("language").help_text,
    )


class DeleteAccountForm(CleanTextMixin, forms.Form):
    """Ask for the password before an account is deleted."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
