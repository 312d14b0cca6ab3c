"""Speaker forms behind the translations the matcher missed on the second blind labeller's articles
(dev4), on news-like sentences written for these tests (Arabic and English)."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_an_institution_of_a_country_is_the_institution_not_the_country():
    found = _speakers("Headline here\n\nThe Central Bank of Jordan (CBJ) said on Sunday that the dinar peg would "
                      "hold whatever the markets did.\n\nThe Office for National Statistics said prices rose "
                      "faster than expected in March.", "en")
    assert found["the dinar peg"] == ("Central Bank of Jordan", "organisation")
    assert found["prices rose"] == ("Office for National Statistics", "organisation")


def test_a_byline_name_never_runs_into_the_dateline_on_the_next_line():
    found = _speakers("Floods close the harbour road\n\nBy Peter Hallam\n\nHALIFAX (Reuters) - Floods closed the "
                      "harbour road on Tuesday.\n\n\"We have never seen the water this high,\" Hallam said.", "en")
    assert found["We have never seen"] == ("Peter Hallam", "person")


def test_a_hard_g_written_with_kaf_or_qaf_is_the_same_name_across_scripts():
    from cluster.quotes.speakers import same_person

    assert same_person("وليد الركراكي", "Walid Regragui")
    assert same_person("أنور قرقاش", "Anwar Gargash")
    assert same_person("سليمان إلبان", "Suleyman Elban")  # إل is a syllable of the name, not the article
    assert not same_person("وليد الركراكي", "Walid Ragheb")


def test_one_speaker_for_both_spellings_of_a_hard_g_name():
    from cluster.quotes.speakers import SpeakerIndex

    index = SpeakerIndex()
    assert index.add("وليد الركراكي") == index.add("Walid Regragui")
