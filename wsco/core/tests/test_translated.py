"""Text in both languages: the reader's version, or the other one marked with its language."""

from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from wsco.core.translated import Localized, every_version, fields_in_every_language, localized

BOTH = SimpleNamespace(title="Water losses, halved", title_ro="Pierderi de apă, înjumătățite")
ENGLISH_ONLY = SimpleNamespace(title="Water losses, halved", title_ro="")
ROMANIAN_ONLY = SimpleNamespace(title="", title_ro="Pierderi de apă, înjumătățite")


def render(obj) -> str:
    template = Template(
        '{% load wsco %}<h1{{ obj|lang_of:"title" }}>{{ obj|localized:"title" }}</h1>'
    )
    return template.render(Context({"obj": obj}))


def test_each_reader_gets_their_own_version():
    with translation.override("en"):
        assert localized(BOTH, "title") == Localized("Water losses, halved", "")
    with translation.override("ro"):
        assert localized(BOTH, "title") == Localized("Pierderi de apă, înjumătățite", "")
        assert render(BOTH) == "<h1>Pierderi de apă, înjumătățite</h1>"


def test_a_missing_version_falls_back_to_the_other_language_marked_with_its_code():
    with translation.override("ro"):
        assert localized(ENGLISH_ONLY, "title") == Localized("Water losses, halved", "en")
        assert render(ENGLISH_ONLY) == '<h1 lang="en">Water losses, halved</h1>'
    with translation.override("en"):
        assert render(ROMANIAN_ONLY) == '<h1 lang="ro">Pierderi de apă, înjumătățite</h1>'
    assert localized(SimpleNamespace(title="", title_ro=""), "title") == Localized("", "")


def test_a_regional_variant_of_the_language_reads_its_version():
    with translation.override("ro-md"):
        assert localized(BOTH, "title").text == "Pierderi de apă, înjumătățite"


def test_the_text_is_escaped_and_the_language_attribute_never_comes_from_it():
    hostile = SimpleNamespace(title='"><script>alert(1)</script>', title_ro="")
    with translation.override("ro"):
        html = render(hostile)
    assert "<script>" not in html
    assert html.startswith('<h1 lang="en">&quot;&gt;&lt;script&gt;')


def test_search_documents_and_forms_take_every_version():
    assert every_version(BOTH, "title") == "Water losses, halved Pierderi de apă, înjumătățite"
    assert every_version(ENGLISH_ONLY, "title") == "Water losses, halved"
    assert fields_in_every_language("title", "body") == ["title", "title_ro", "body", "body_ro"]
