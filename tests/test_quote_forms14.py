"""Forms met across the fresh sets (dev5..dev9), written as news sentences for these tests: "the airline" /
"the company" for the body a wire story's dated lead opens with."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_the_airline_is_the_carrier_the_dated_lead_opens_with():
    found = _speakers("Gulf carrier grounds fleet\n\nDOHA, March 4 (Reuters) - Qatari low-cost carrier Sahra Air "
                      "grounded its fleet on Tuesday after a fault in its fuel supply system.\n\nThe airline said "
                      "engineers were checking every aircraft and that flights would resume within two days.",
                      lang="en")
    assert found["engineers were checking every aircraft"] == ("Sahra Air", "organisation")


def test_the_company_is_the_firm_the_dated_lead_opens_with():
    found = _speakers("Miner cuts output\n\nJOHANNESBURG, May 2 (Reuters) - Karoo Platinum Holdings has cut its "
                      "output forecast for the year by a tenth, citing power cuts.\n\nThe shortfall reflects "
                      "longer outages at its two smelters, the company said in a statement on Friday.", lang="en")
    assert found["The shortfall reflects longer outages"] == ("Karoo Platinum Holdings", "organisation")


def test_a_person_the_lead_opens_with_is_no_company():
    found = _speakers("Talks\n\nCAIRO, May 2 (Reuters) - Foreign Minister Omar Haddad said on Friday that talks "
                      "would resume next week. He said both sides had agreed on an agenda.\n\nThe shortfall in "
                      "funding was a concern, the group said in a statement on Friday.", lang="en")
    assert found.get("The shortfall in funding was a concern", (None,))[0] != "Omar Haddad"
