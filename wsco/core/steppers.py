"""Steppers: where a case stands on its workflow's way, for `core/components/stepper.html`.

A page that shows an application's or an article's status draws the states the case goes
through when all goes well (`path`), with those behind it done, its own current and those ahead
next. A state off that way (an application the secretariat asked about, a rejected article) is
shown where it happens, after the state named in `detours`; a state no step leads out of ends
the way there, so nothing is shown ahead of it.

    steps = stepper(ARTICLE_WORKFLOW, article.status, path=ARTICLE_PATH, detours=ARTICLE_DETOURS)
    {% include "core/components/stepper.html" with steps=steps %}
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from wsco.core.workflows import Workflow

DONE, CURRENT, NEXT = "done", "current", "next"


@dataclass(frozen=True)
class StepperStep:
    """One state on the stepper: its name, label, and whether it is done, current or next."""

    state: str
    label: str
    status: Literal["done", "current", "next"]
    ends: bool = False  # The case ended here (no step leads out of this state).


def final_states(workflow: Workflow) -> set[str]:
    """Return the states no step of `workflow` leads out of."""
    left = {source for each in workflow.steps.values() for source in each.sources}
    return set(workflow.states) - left


def stepper(
    workflow: Workflow,
    state: str,
    *,
    path: Sequence[str],
    detours: Mapping[str, str] | None = None,
) -> list[StepperStep]:
    """Return the steps to draw for a case in `state` on `workflow`'s `path`."""
    detours = detours or {}
    unknown = ({*path, *detours, *detours.values()}) - set(workflow.states)
    if unknown:
        raise ValueError(f"{workflow.model.__name__}'s workflow has no states {sorted(unknown)}.")
    if state in path:
        shown, position = list(path), path.index(state)
    elif state in detours:
        position = path.index(detours[state]) + 1
        ahead = [] if state in final_states(workflow) else path[position:]
        shown = [*path[:position], state, *ahead]
    else:
        raise ValueError(f"The state {state!r} is neither on the path nor a detour from it.")
    ends = state in final_states(workflow)
    return [
        StepperStep(
            state=each,
            label=str(workflow.states[each]),
            status=DONE if index < position else CURRENT if index == position else NEXT,
            ends=ends and index == position,
        )
        for index, each in enumerate(shown)
    ]
