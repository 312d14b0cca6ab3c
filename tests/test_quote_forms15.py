"""Forms met across the fresh sets (dev5..dev9), written as news sentences for these tests: a sentence-opening
description placed "in X" with the holder's name apposed; Arabic clitic nouns that are no part of a name."""

from __future__ import annotations

from tests.quote_helpers import speakers


def test_placed_description_with_apposed_name_is_the_name():
    found = speakers("Port reopens\n\nThe shipping line's manager in Tangier, Omar Benali, said cargo traffic "
                     "would return to normal by Friday.", lang="en")
    assert found["cargo traffic would return"] == ("Omar Benali", "person")


def test_place_and_region_inside_an_apposition_still_passed_over():
    found = speakers("Storm\n\nTeresa Gomez, a nurse from Columbus, Ohio, said the ward had lost power twice.",
                     lang="en")
    assert found["the ward had lost power"] == ("Teresa Gomez", "person")


def test_indefinite_description_and_region_is_no_name():
    found = speakers("Storm\n\nA nurse from Albany, New York, said the ward had lost power twice.", lang="en")
    assert found["the ward had lost power"][0] != "New York"


def test_conjoined_noun_with_pronoun_is_no_name():
    found = speakers("شركة تطعن\n\nقالت الشركة المالكة للمنصة، ومقرها دبي، في بيان إنها ستطعن في القرار أمام "
                     "القضاء.", lang="ar")
    assert found["ستطعن في القرار"] == ("الشركة المالكة للمنصة", "organisation")


def test_region_noun_after_preposition_is_no_name():
    found = speakers("إسعاف\n\nونقلت وكالة الأنباء عن جمعية الهلال الأحمر بمنطقة الجوف أن فرقها نقلت المصابين "
                     "إلى المستشفى.", lang="ar")
    assert found["فرقها نقلت المصابين"][0] != "بمنطقة الجوف"
