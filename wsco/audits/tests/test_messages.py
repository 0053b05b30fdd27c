"""Message templates: one table, marked for translation, each naming city, year and row."""

import ast
import gettext
import string
from pathlib import Path

from wsco.audits.engine.messages import MESSAGES, Message, template_fields, worst_status

ENGINE = Path(__file__).parent.parent / "engine"


def test_every_row_message_names_city_year_and_row() -> None:
    for code in MESSAGES:
        fields = template_fields(code)
        assert fields[:3] == ["city", "year", "row"], code


def test_every_template_literal_is_wrapped_for_translation() -> None:
    # Django's makemessages extracts _("...") calls; a bare string would stay English.
    tree = ast.parse((ENGINE / "messages.py").read_text())
    templates = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Template"
    ]
    assert len(templates) == len(MESSAGES)
    for call in templates:
        text = call.args[1]
        assert isinstance(text, ast.Call)
        assert text.func.id == "_"


def test_message_formats_with_named_parameters() -> None:
    message = Message(
        "denominator_zero", {"city": "Iasi", "year": 2020, "row": "a.csv:3", "indicator": "X"}
    )
    assert message.status == "invalid"
    assert message.text() == "Iasi, 2020, a.csv:3: X cannot be computed: the denominator is zero"


def test_engine_never_imports_django() -> None:
    for path in ENGINE.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "django" for name in names), path


def test_every_message_has_a_romanian_translation() -> None:
    catalogue = ENGINE.parent / "locale" / "ro" / "LC_MESSAGES" / "django.mo"
    with catalogue.open("rb") as handle:
        romanian = gettext.GNUTranslations(handle)
    for code, template in MESSAGES.items():
        translated = romanian.gettext(template.text)
        assert translated != template.text, code
        fields = [part[1] for part in string.Formatter().parse(translated) if part[1]]
        assert sorted(fields) == sorted(template_fields(code)), code
    message = Message(
        "denominator_zero", {"city": "Iasi", "year": 2020, "row": "a.csv:3", "indicator": "X"}
    )
    assert (
        message.text(romanian.gettext)
        == "Iasi, 2020, a.csv:3: X nu poate fi calculat: numitorul este zero"
    )


def test_the_worst_status_wins_and_none_is_ok() -> None:
    assert worst_status([]) == "ok"
    assert worst_status(["warning", "ok"]) == "warning"
    assert worst_status(["missing", "invalid", "warning"]) == "invalid"
    assert worst_status(["warning", "missing"]) == "missing"
