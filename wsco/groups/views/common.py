"""What the groups' views share: taking an action and saying how it went."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def refused(request, error: ValidationError, form=None) -> None:
    """Show a service's refusal: on the form's fields it names, else as a message."""
    if form is not None and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    messages.error(request, " ".join(error.messages))


def form_refused(request, form) -> None:
    """Say what is wrong with a posted form, naming each field."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


def act(request, run, success: str, back, form=None):
    """Run `run()` (a service call) and go back to `back`, with its success or its refusal.

    With a `form`, an invalid one is refused first, naming its fields.
    """
    if form is not None and not form.is_valid():
        form_refused(request, form)
        return redirect(back)
    try:
        run()
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, success)
    return redirect(back)
