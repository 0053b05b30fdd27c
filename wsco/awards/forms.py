"""The awards' forms: a nomination, screening, a juror's scores, recusals and conflicts."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from wsco.audits.models import City
from wsco.awards.models import Category, Nomination, NomineeKind
from wsco.core.forms import CleanTextMixin
from wsco.members.models import Organization, Profile
from wsco.projects.models import Project


def nominee_choices(category: Category, user):
    """The nominees a member may pick for `category`: what they may see of its kind."""
    kind = category.nominee_kind
    if kind == NomineeKind.PROJECT:
        return Project.objects.visible_to(user).order_by("title")
    if kind == NomineeKind.MEMBER:
        return Profile.objects.visible_to(user).order_by("name")
    if kind == NomineeKind.ORGANIZATION:
        return Organization.objects.order_by("name")
    return City.objects.order_by("name")


class NominationForm(CleanTextMixin, forms.ModelForm):
    """A nomination's statement, links and file; with the nominee for a new one."""

    class Meta:
        model = Nomination
        fields = ["statement", "links", "material"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 8}),
            "links": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, category: Category, user, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if new:
            self.fields = {
                "nominee": forms.ModelChoiceField(
                    label=NomineeKind(category.nominee_kind).label,
                    queryset=nominee_choices(category, user),
                ),
                **self.fields,
            }

    def clean_links(self) -> str:
        links = self.cleaned_data["links"]
        validator = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(links.splitlines(), start=1):
            if line.strip():
                try:
                    validator(line.strip())
                except ValidationError:
                    raise forms.ValidationError(
                        _("Line %(number)s is not a web address.") % {"number": number}
                    ) from None
        return links


class SecondmentForm(CleanTextMixin, forms.Form):
    """The nominee whose nomination is seconded, and why."""

    statement = forms.CharField(
        label=_("Why you second the nomination"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences; the nominator and staff read it."),
    )

    def __init__(self, *args, category: Category, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "nominee": forms.ModelChoiceField(
                label=NomineeKind(category.nominee_kind).label,
                queryset=nominee_choices(category, user),
            ),
            **self.fields,
        }


class ScreeningForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("eligible", _("Eligible")), ("ineligible", _("Not eligible"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (the nominator reads it)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ScoreForm(CleanTextMixin, forms.Form):
    """A score from 1 to 10 and a comment for every criterion of the rubric."""

    def __init__(self, *args, criteria, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        choices = [("", "—")] + [(value, str(value)) for value in range(1, 11)]
        for criterion in self.criteria:
            value, comment = current.get(criterion.pk, ("", ""))
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.display_name, "weight": criterion.weight},
                choices=choices,
                coerce=int,
                initial=value,
                help_text=_("1: %(low)s · 5: %(middle)s · 10: %(high)s")
                % {
                    "low": criterion.anchor_low,
                    "middle": criterion.anchor_middle,
                    "high": criterion.anchor_high,
                },
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.display_name},
                required=False,
                max_length=2000,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
        }


class RecusalForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(label=_("Why you recuse yourself"), max_length=300)


class ConflictForm(CleanTextMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.order_by("name"), required=False
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Profile.objects.listed().order_by("name"), required=False
    )
    reason = forms.CharField(label=_("What the conflict is"), max_length=300)

    def clean(self):
        data = super().clean()
        if not data.get("organization") and not data.get("person"):
            raise forms.ValidationError(_("Name the organization or the person."))
        return data
