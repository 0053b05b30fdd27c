"""The projects app's forms: a project, its team, gates, milestones, money, KPIs and updates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wsco.accounts.models import User
from wsco.audits.engine.catalogue import DEFAULT_STANDARD, load_catalogue
from wsco.core.forms import CleanTextMixin
from wsco.core.models import Theme
from wsco.core.uploads import UploadFormField
from wsco.projects.models import (
    Decision,
    FundingKind,
    Project,
    Stage,
    TeamRole,
    Visibility,
)

YEAR = {"min_value": 2000, "max_value": 2100}


class ThemeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.name)


def indicator_choices() -> list[tuple[str, str]]:
    """Return the catalogue's indicators of ISO 37120:2018 as (key, "5.1 Unemployment rate")."""
    return [
        (indicator.key, f"{indicator.number} {indicator.name}")
        for indicator in load_catalogue().for_standard(DEFAULT_STANDARD)
    ]


class ProjectForm(CleanTextMixin, forms.ModelForm):
    """A project's details: its owner, what it is, the problem it answers, its themes."""

    themes = ThemeField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("clause"),
        widget=forms.CheckboxSelectMultiple,
    )
    problem_indicators = forms.MultipleChoiceField(
        label=_("Weak indicators it answers"), required=False, choices=()
    )

    class Meta:
        model = Project
        fields = ["title", "summary", "city", "organization", "description", "problem"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "problem": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, cities, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = cities
        self.fields["organization"].queryset = organizations
        self.fields["problem_indicators"].choices = indicator_choices()
        if self.instance.pk:
            self.fields["themes"].initial = list(self.instance.themes.all())
            self.fields["problem_indicators"].initial = self.instance.problem_indicators

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("city") and not cleaned.get("organization"):
            self.add_error("city", _("Choose the city or the public entity that owns it."))
        return cleaned


class VisibilityForm(CleanTextMixin, forms.Form):
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)


class TeamMemberForm(CleanTextMixin, forms.Form):
    email = forms.EmailField(label=_("Email of a person with an account"))
    role = forms.ChoiceField(label=_("Role"), choices=TeamRole.choices)

    def clean_email(self):
        user = User.objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Nobody has an account with this email."))
        return user


class InviteForm(CleanTextMixin, forms.Form):
    profile = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in TeamRole if role != TeamRole.LEAD],
    )
    message = forms.CharField(label=_("Message"), max_length=2000, required=False)


class CriterionForm(CleanTextMixin, forms.Form):
    evidence = forms.CharField(
        label=_("Evidence"), max_length=4000, required=False, widget=forms.Textarea({"rows": 2})
    )
    met = forms.BooleanField(label=_("Met"), required=False)


class NewCriterionForm(CleanTextMixin, forms.Form):
    text = forms.CharField(label=_("New criterion"), max_length=300)


class ReviewerForm(CleanTextMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda user: str(
            getattr(getattr(user, "profile", None), "name", "") or user.email
        )


class ReviewForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea({"rows": 3}))


class MilestoneForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    planned_on = forms.DateField(label=_("Planned for"))
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(project_roles__project=project)
        self.fields["owner"].label_from_instance = lambda user: str(
            getattr(getattr(user, "profile", None), "name", "") or user.email
        )
        self.fields["stage"].initial = project.stage


class ProgressForm(CleanTextMixin, forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    done_on = forms.DateField(label=_("Done on"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("progress") == 100 and not cleaned.get("done_on"):
            self.add_error("done_on", _("Give the date a milestone at 100 % was done."))
        return cleaned


class BudgetLineForm(CleanTextMixin, forms.Form):
    label = forms.CharField(label=_("Budget line"), max_length=200)
    year = forms.IntegerField(label=_("Year"), **YEAR)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=16, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")


class FundingForm(CleanTextMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FundingKind.choices)
    name = forms.CharField(label=_("Source"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), min_value=0, max_digits=16, decimal_places=2)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")


class KpiForm(CleanTextMixin, forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=())
    target = forms.DecimalField(label=_("Target"), max_digits=20, decimal_places=4)
    target_year = forms.IntegerField(label=_("Target year"), **YEAR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicator_choices()


class ActualForm(CleanTextMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), **YEAR)
    value = forms.DecimalField(label=_("Value"), max_digits=20, decimal_places=4)


class UpdateForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), max_length=20000, widget=forms.Textarea({"rows": 6}))


class DocumentForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = UploadFormField(label=_("File"), kind="evidence")


class RiskForm(CleanTextMixin, forms.Form):
    title = forms.CharField(label=_("Risk"), max_length=200)
    likelihood = forms.IntegerField(label=_("Likelihood (1-5)"), min_value=1, max_value=5)
    impact = forms.IntegerField(label=_("Impact (1-5)"), min_value=1, max_value=5)
    mitigation = forms.CharField(label=_("Mitigation"), max_length=4000, required=False)


class PortfolioForm(CleanTextMixin, forms.Form):
    """The portfolio's filters (a GET form; every field is optional)."""

    city = forms.ChoiceField(label=_("City"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    funding = forms.ChoiceField(label=_("Funding"), required=False)

    def __init__(self, *args, cities=(), countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        from wsco.core.themes import THEMES

        self.fields["city"].choices = [("", _("Any city")), *cities]
        self.fields["country"].choices = [("", _("Any country")), *countries]
        self.fields["theme"].choices = [("", _("Any theme"))] + [
            (theme.slug, theme.name) for theme in THEMES
        ]
        self.fields["stage"].choices = [("", _("Any stage")), *Stage.choices]
        self.fields["funding"].choices = [("", _("Any funding")), *FundingKind.choices]

    def filters(self) -> dict[str, str]:
        """Return the valid filters; with any invalid, none (the page says which is wrong)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
