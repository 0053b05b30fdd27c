"""The settings form: two switches (in the centre, by email) for every registered kind."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.core.forms import CleanTextMixin
from wsco.notifications.kinds import all_kinds
from wsco.notifications.services import Channels


class PreferencesForm(CleanTextMixin, forms.Form):
    """One row per kind; a switch left unticked is off."""

    def __init__(self, *args, preferences: dict[str, Channels], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kind in all_kinds():
            current = preferences[kind.name]
            in_app = f"{kind.name}__in_app"
            self.fields[in_app] = forms.BooleanField(
                label=_("In my notifications"), required=False, initial=current.in_app
            )
            row = {"kind": kind, "in_app": self[in_app], "email": None}
            if kind.email_template:
                email = f"{kind.name}__email"
                self.fields[email] = forms.BooleanField(
                    label=_("By email"), required=False, initial=current.email
                )
                row["email"] = self[email]
            self.rows.append(row)

    def choices(self) -> dict[str, Channels]:
        """Return the switches as submitted, kind by kind."""
        data = self.cleaned_data
        return {
            row["kind"].name: Channels(
                in_app=data[f"{row['kind'].name}__in_app"],
                email=bool(data.get(f"{row['kind'].name}__email")),
            )
            for row in self.rows
        }
