"""Check characters of unified social credit codes (GB 32100-2015) and resident identity numbers (GB 11643-1999)."""

from __future__ import annotations

import pytest

from cets.ledger import identity

# Codes as published by registered organisations, and the standard's own resident id examples.
VALID_USCC = [
    "91350100M000100Y43",
    "91110000802100433B",
    "91440300708461136T",
]
VALID_RESIDENT_IDS = [
    "11010519491231002X",  # GB 11643-1999 example
    "440524188001010014",  # GB 11643-1999 example
    "110101199003074477",
]


@pytest.mark.parametrize("code", VALID_USCC)
def test_valid_uscc_is_accepted(code):
    assert identity.is_uscc(code)
    assert identity.uscc_check_char(code[:17]) == code[17]


@pytest.mark.parametrize("code", VALID_USCC)
def test_uscc_with_any_other_check_character_is_refused(code):
    for char in identity.USCC_ALPHABET:
        if char != code[17]:
            assert not identity.is_uscc(code[:17] + char), char


@pytest.mark.parametrize("code", VALID_USCC)
def test_uscc_with_one_character_changed_is_refused(code):
    for position in range(17):
        for char in identity.USCC_ALPHABET:
            if char != code[position]:
                changed = code[:position] + char + code[position + 1:]
                assert not identity.is_uscc(changed), changed


@pytest.mark.parametrize("code", [
    "",
    "91350100M000100Y4",  # 17 characters
    "91350100M000100Y433",  # 19 characters
    "91350100m000100Y43",  # lowercase
    "91350100I000100Y43",  # I is not in the alphabet (nor O, S, V, Z)
    "91350100O000100Y43",
    "91350100S000100Y43",
    "91350100V000100Y43",
    "91350100Z000100Y43",
    " 91350100M000100Y4",
])
def test_uscc_of_wrong_length_or_alphabet_is_refused(code):
    assert not identity.is_uscc(code)


def test_uscc_alphabet_is_31_characters_without_i_o_s_v_z():
    assert len(identity.USCC_ALPHABET) == 31
    assert not set("IOSVZ") & set(identity.USCC_ALPHABET)


def test_uscc_check_character_zero_when_the_weighted_sum_is_a_multiple_of_31():
    assert identity.uscc_check_char("0" * 17) == "0"


@pytest.mark.parametrize("number", VALID_RESIDENT_IDS)
def test_valid_resident_id_is_accepted(number):
    assert identity.is_resident_id(number)


@pytest.mark.parametrize("number", VALID_RESIDENT_IDS)
def test_resident_id_with_any_other_check_character_is_refused(number):
    for char in "0123456789X":
        if char != number[17]:
            assert not identity.is_resident_id(number[:17] + char), char


@pytest.mark.parametrize("number", VALID_RESIDENT_IDS)
def test_resident_id_with_one_digit_changed_is_refused(number):
    for position in range(17):
        for digit in "0123456789":
            if digit != number[position]:
                assert not identity.is_resident_id(number[:position] + digit + number[position + 1:])


@pytest.mark.parametrize("number", [
    "",
    "11010519491231002",  # 17 characters
    "11010519491231002XX",
    "1101051949123100X2",  # X only as the check character
    "11010519491231002Y",
    "A1010519491231002X",
    " 1010519491231002X",
])
def test_resident_id_of_wrong_length_or_characters_is_refused(number):
    assert not identity.is_resident_id(number)


@pytest.mark.parametrize("number", [
    "\uff1110105194912310\uff102X",  # full-width 1 and 0 in place of ASCII digits
    "\u0661\u0661010519491231002X",  # Arabic-Indic digits
])
def test_resident_id_with_non_ascii_digits_is_refused(number):
    # GB 11643-1999 numbers are ASCII digits; str.isdigit alone admits these, and a look-alike
    # number would register the same person twice.
    assert not identity.is_resident_id(number)


def test_a_uscc_is_not_a_resident_id_and_a_resident_id_is_not_a_uscc():
    assert not identity.is_resident_id("91350100M000100Y43")
    assert not identity.is_uscc("11010519491231002X")
