"""Texts become words and two-word phrases that a member actually wrote."""

import numpy as np

from wsco.network.matching.text import TfidfEncoder, analyze


def test_phrases_never_span_a_stop_word_or_punctuation():
    terms = analyze("Rooftop solar and demand response, smart parking.")
    assert "rooftop solar" in terms
    assert "demand response" in terms
    assert "solar demand" not in terms
    assert "response smart" not in terms


def test_romanian_text_loses_its_diacritics_and_common_words():
    # Both spellings of s-comma (U+0219 and the older cedilla U+015F) read the same.
    assert analyze("Căutăm senzori de trafic și parcări") == analyze(
        "Cautam senzori de trafic şi parcari"
    )
    assert "de" not in analyze("senzori de trafic")
    assert "senzori trafic" not in analyze("senzori de trafic")


def test_rows_are_unit_length_and_empty_text_is_a_zero_row():
    encoder = TfidfEncoder()
    rows = encoder.fit_encode(["traffic sensors", "smart parking", ""])
    norms = np.sqrt(rows.multiply(rows).sum(axis=1)).A1
    assert np.allclose(norms, [1, 1, 0])


def test_a_saved_encoder_encodes_as_the_original():
    encoder = TfidfEncoder()
    encoder.fit_encode(["traffic sensors and smart parking", "leak detection", "smart meters"])
    again = TfidfEncoder.from_state(encoder.state())
    text = ["smart traffic sensors"]
    assert (encoder.encode(text) != again.encode(text)).nnz == 0
