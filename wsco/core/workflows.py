"""Workflows: the states a case goes through, the steps between them, and the one way to step.

A model whose rows move through states (an application, an article, an introduction...) declares
a `Workflow` beside it in its `models.py`: its states, and for each named step the states it may
be taken from and the state it leads to. Services take every step through the workflow:

    with transaction.atomic():
        application = APPLICATION_WORKFLOW.lock(application, "approve", by=user)
        ...                                   # checks and writes that need the locked row
        APPLICATION_WORKFLOW.advance(application, "approve", decided_by=user)
        transaction.on_commit(...)            # side effects, once the step is committed

`lock` re-reads the row under a row lock (`SELECT ... FOR UPDATE`; SQLite serialises writers
anyway), re-checks that its current state allows the step and, for a decision, that the person
is not party to the case (`wsco.core.access.require_not_party`). Of several requests racing for
one step, the first takes it and the others wait for its commit, read the new state and are
refused with a `ValidationError` that names it. `advance` writes the new state with the step's
other changes. `advance_all` takes a step on many rows in one conditional UPDATE (only the rows
still in a source state change). Emails are queued on commit by `wsco.core.email.queue_email`.

The registry of workflows lets the tests check that every model with a `status` field has one,
that no code but this module writes a state field, and that the admin shows states read-only.
See docs/workflows.md.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet

from wsco.core.access import Parties, register_parties, require_not_party

# Set on a row that `lock` read under a lock, so that `advance` refuses a row it did not lock.
LOCKED = "_workflow_locked"


@dataclass(frozen=True)
class Step:
    """One step of a workflow: the states it may start from and the state it leads to.

    `target` None leaves the state as it is (a step that records something, such as one side of
    a double opt-in accepting). A `decision` is refused to anyone party to the case. `refusal`
    replaces the workflow's message when the state does not allow the step: one text, or one per
    current state; `%(state)s` names the current state.
    """

    sources: frozenset[str]
    target: str | None = None
    decision: bool = False
    refusal: str | Mapping[str, str] | None = None


def step(
    sources: Iterable[str],
    target: str | None = None,
    *,
    decision: bool = False,
    refusal: str | Mapping[str, str] | None = None,
) -> Step:
    """Return a `Step` from `sources` to `target`."""
    return Step(frozenset(sources), target, decision, refusal)


@dataclass(eq=False)
class Workflow:
    """The states of `model`'s rows and the steps between them.

    By default the state is the `status` field and its choices name the states. A model whose
    state follows from other fields (a publication date, say) gives `states` (name: label),
    `state` (the row's state) and `state_fields` (the fields `state` reads, written only
    through `advance`).
    """

    model: type[models.Model]
    steps: Mapping[str, Step]
    refusal: str
    parties: Callable[[models.Model], Parties] | None = None
    states: Mapping[str, str] | None = None
    state: Callable[[models.Model], str] | None = None
    state_fields: tuple[str, ...] = ("status",)
    status_field: str | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.state is None:
            (self.status_field,) = self.state_fields
            choices = self.model._meta.get_field(self.status_field).choices
            self.states = dict(choices)
        elif self.states is None:
            raise ImproperlyConfigured(f"{self.model.__name__}'s workflow names no states.")
        for name, each in self.steps.items():
            unknown = (set(each.sources) | ({each.target} - {None})) - set(self.states)
            if unknown:
                raise ImproperlyConfigured(
                    f"{self.model.__name__}'s step {name!r} names unknown states {unknown}."
                )
        if self.parties is not None:
            register_parties(self.model, self.parties)
        _workflows[self.model] = self

    # Reading the state -------------------------------------------------------------------

    def state_of(self, instance: models.Model) -> str:
        """Return the state `instance` is in."""
        if self.state is not None:
            return self.state(instance)
        return getattr(instance, self.status_field)

    def state_label(self, state: str) -> str:
        """Return the state's label as a sentence says it ("approved")."""
        return str(self.states[state]).lower()

    def allows(self, instance: models.Model, step_name: str) -> bool:
        """Say whether `instance`'s state, as read, allows the step (pages show it or not)."""
        return self.state_of(instance) in self.steps[step_name].sources

    # Taking a step ---------------------------------------------------------------------------

    def lock(self, instance: models.Model, step_name: str | None = None, *, by=None):
        """Read `instance` again under a row lock, check it for the step `step_name`, return it.

        The row is read into `instance` itself, so the caller's object shows the state as it
        is now. Without a step the row is only locked (to read a state another step depends on,
        or to serialise changes to rows that hang off it). Refuses a state that does not allow
        the step, and a decision to a person party to the case (`by` None: the platform itself).
        """
        _require_transaction()
        instance.refresh_from_db(from_queryset=self.model._default_manager.select_for_update())
        setattr(instance, LOCKED, True)
        if step_name is not None:
            self._check(instance, step_name)
            if self.steps[step_name].decision and by is not None:
                require_not_party(by, instance)
        return instance

    def advance(self, instance: models.Model, step_name: str, **changes) -> models.Model:
        """Take the step on a row `lock` returned: write its new state and `changes`."""
        _require_transaction()
        if not getattr(instance, LOCKED, False):
            raise ImproperlyConfigured(
                f"{self.model.__name__} steps are taken on a row read by Workflow.lock."
            )
        self._check(instance, step_name)
        target = self.steps[step_name].target
        if self.status_field in changes:
            raise ImproperlyConfigured("The step sets the status; do not pass it.")
        if target is not None and self.status_field is not None:
            changes = {self.status_field: target, **changes}
        for name, value in changes.items():
            setattr(instance, name, value)
        if target is not None and self.state_of(instance) != target:
            raise ImproperlyConfigured(
                f"{self.model.__name__}'s step {step_name!r} leads to {target!r}, but the "
                f"changes leave the row {self.state_of(instance)!r}."
            )
        instance.save(update_fields=[*changes, *_auto_now_fields(self.model)])
        return instance

    def take(self, instance: models.Model, step_name: str, *, by=None, **changes):
        """Lock `instance`, check the step and take it; return the row as now saved."""
        return self.advance(self.lock(instance, step_name, by=by), step_name, **changes)

    def save_details(self, instance: models.Model) -> models.Model:
        """Save `instance`'s fields but its state, which only steps write (a new row: whole).

        An edit form's copy of a row may carry a state read before another request took a
        step; saving every field would put that old state back.
        """
        if instance._state.adding:
            instance.save()
            return instance
        instance.save(
            update_fields=[
                each.name
                for each in self.model._meta.concrete_fields
                if not each.primary_key and each.name not in self.state_fields
            ]
        )
        return instance

    def advance_all(self, queryset: QuerySet, step_name: str, **changes) -> int:
        """Take a step on every row of `queryset` still in one of its source states.

        One conditional UPDATE: a row another transaction moved meanwhile no longer matches
        and is left alone. Returns how many rows changed.
        """
        if self.status_field is None:
            raise ImproperlyConfigured("advance_all needs a workflow kept in a status field.")
        each = self.steps[step_name]
        if each.target is not None:
            changes = {self.status_field: each.target, **changes}
        return queryset.filter(**{f"{self.status_field}__in": each.sources}).update(**changes)

    def _check(self, instance: models.Model, step_name: str) -> None:
        each = self.steps[step_name]
        state = self.state_of(instance)
        if state in each.sources:
            return
        refusal = each.refusal or self.refusal
        if isinstance(refusal, Mapping):
            refusal = refusal.get(state, self.refusal)
        raise ValidationError(
            str(refusal) % {"state": self.state_label(state)}, code="state_changed"
        )


_workflows: dict[type[models.Model], Workflow] = {}


def registered_workflows() -> list[Workflow]:
    """Return every declared workflow."""
    return list(_workflows.values())


def workflow_of(model: type[models.Model]) -> Workflow:
    """Return the workflow declared for `model`."""
    return _workflows[model]


def _require_transaction() -> None:
    # A lock outside a transaction would be released at once; SQLite would not even complain.
    if not transaction.get_connection().in_atomic_block:
        raise ImproperlyConfigured("A workflow step runs inside transaction.atomic().")


def _auto_now_fields(model: type[models.Model]) -> list[str]:
    return [
        each.name
        for each in model._meta.concrete_fields
        if getattr(each, "auto_now", False) and not each.primary_key
    ]
