"""Verification codes: random and long enough, printed in groups, read back leniently."""

import re

from hypothesis import given
from hypothesis import strategies as st

from wsco.certificates.codes import (
    ALPHABET,
    BITS,
    LENGTH,
    format_code,
    new_code,
    normalize_code,
)

FORMATTED = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")
symbols = st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH)


def test_a_code_carries_at_least_60_random_bits():
    # 32 symbols carry 5 bits each: 16 of them, 80 bits.
    assert len(ALPHABET) == 32
    assert BITS == 80


def test_a_new_code_is_four_groups_of_four_from_the_alphabet():
    codes = {new_code() for _ in range(200)}
    assert all(FORMATTED.fullmatch(code) for code in codes)
    assert len(codes) == 200


def test_the_alphabet_leaves_out_the_letters_that_look_like_digits():
    assert not set("ILOU") & set(ALPHABET)


@given(symbols)
def test_normalising_a_formatted_code_gives_it_back(raw):
    assert normalize_code(format_code(raw)) == format_code(raw)


@given(symbols, st.lists(st.sampled_from([" ", "-", "  ", "--"]), min_size=LENGTH + 1))
def test_case_spaces_and_dashes_do_not_matter(raw, separators):
    typed = "".join(separator + symbol for separator, symbol in zip(separators, raw, strict=False))
    assert normalize_code(typed.lower()) == format_code(raw)


@given(symbols)
def test_letters_typed_for_the_digits_they_look_like_are_read_as_those_digits(raw):
    typed = raw.replace("0", "O").replace("1", "I")
    assert normalize_code(typed) == format_code(raw)
    assert normalize_code(raw.replace("1", "l")) == format_code(raw)


def test_o_and_i_map_to_zero_and_one():
    assert normalize_code("oooo iiii llll 0000") == "0000-1111-1111-0000"


def test_a_code_one_symbol_short_or_long_is_no_code():
    assert normalize_code("7KQ2-M9XD-4RTB-HC3") is None
    assert normalize_code("7KQ2-M9XD-4RTB-HC3NN") is None
    assert normalize_code("7KQ2-M9XD-4RTB-HC3N") == "7KQ2-M9XD-4RTB-HC3N"


def test_a_symbol_outside_the_alphabet_is_no_code():
    assert normalize_code("7KQ2-M9XD-4RTB-HC3U") is None
    assert normalize_code("7KQ2-M9XD-4RTB-HC3!") is None
    assert normalize_code("") is None


def test_text_far_longer_than_a_code_is_not_read():
    assert normalize_code(" " * 100 + "7KQ2M9XD4RTBHC3N") is None
