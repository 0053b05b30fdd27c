"""The forms of the certificates' pages: checking a code, the staff's filters, a revocation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.certificates.codes import MAX_TYPED_LENGTH, normalize_code
from wsco.certificates.kinds import all_kinds
from wsco.certificates.models import CertificateState
from wsco.core.forms import CleanTextMixin, search_field


class VerifyForm(CleanTextMixin, forms.Form):
    """A code as someone types it from a certificate; cleaned to its formatted form."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=MAX_TYPED_LENGTH,
        help_text=_(
            "The 16 letters and digits printed on the certificate, such as 7KQ2-M9XD-4RTB-HC3N. "
            "Case, spaces and dashes do not matter."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("This is not a certificate code: it has 16 letters and digits."),
                code="malformed",
            )
        return code


class CertificateFilterForm(CleanTextMixin, forms.Form):
    """The staff list's filters: words or a code, a kind, a state."""

    q = search_field(label=_("Holder, title or code"))
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state")), *CertificateState.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Any kind")),
            *((kind.name, kind.label) for kind in all_kinds()),
        ]


class RevokeForm(CleanTextMixin, forms.Form):
    """Why a certificate is revoked: shown on its public page."""

    reason = forms.CharField(
        label=_("Reason (shown on the certificate's public page)"),
        help_text=_("Markdown."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
