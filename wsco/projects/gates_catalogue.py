"""The default checklist of each stage's gate: what reviewers ask before they say go.

A project gets these when it is created and edits its own copy (`wsco.projects.services.gates`).
They follow the usual stage-gate practice of public investment projects: a need and sponsor at
the vision gate, options at the concept gate, a business case at feasibility, a signed contract
at design and procurement, acceptance at implementation and a measured result at the end.
"""

from django.utils.translation import gettext_lazy as _

DEFAULT_CRITERIA = {
    "vision": [
        _("The problem and who has it are described"),
        _("A sponsor in the city's leadership supports the project"),
        _("The themes and the indicators to improve are named"),
    ],
    "concept": [
        _("At least two options were compared"),
        _("A first estimate of cost and time exists"),
        _("The people affected were consulted"),
    ],
    "feasibility": [
        _("A business case or cost-benefit analysis is approved"),
        _("Funding sources are identified for the whole budget"),
        _("Legal, data protection and procurement risks are assessed"),
    ],
    "design": [
        _("The technical design is approved"),
        _("The procurement was run and the contract signed"),
        _("KPIs have a baseline and a target"),
    ],
    "implementation": [
        _("The delivered system passed acceptance tests"),
        _("Staff are trained and operation is organised"),
        _("The budget spent is reconciled with the plan"),
    ],
    "operation": [
        _("KPIs were measured against their targets"),
        _("An evaluation report is published"),
        _("Lessons learned are shared with other cities"),
    ],
}
