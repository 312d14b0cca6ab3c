"""English appositions before a reporting verb ("John Goldsmith, chairman of the Cromwell Society, said",
"A residents' group, the Harbour Tenants' Association, said"): where the subject's name stands. Split from
``english_subject`` (its size)."""

from __future__ import annotations

from cluster.quotes.boundary import member_after_body
from cluster.quotes.names import Token, is_name_token
from cluster.quotes.sources import person_noun


def before_apposition(tokens: list[Token], comma: int) -> int:
    """"John Goldsmith, chairman of the Cromwell Society, said": the index of the word before the
    apposition's opening comma when a capitalised name stands there; "the agent, Paul Harris, said":
    the name between the commas; else ``comma`` itself. A bracketed acronym after the name is passed over
    ("Pakistan's military media wing, Inter-Services Public Relations (ISPR), said")."""
    end = comma
    if comma > 1 and tokens[comma - 1].text == ")":
        end = next((p for p in range(comma - 2, max(comma - 5, -1), -1) if tokens[p].text == "("), comma)
    region = None
    for j in range(end - 1, max(comma - 20, -1), -1):  # "COGAT, the Israeli defence ministry body that ..., said"
        if tokens[j].text == ",":
            between = tokens[j + 1: end]
            if region is None and _place_and_region(tokens, j, end):
                region = j
                continue  # "Teresa Gomez, a nurse from Columbus, Ohio, said": the comma inside the apposition
            if 2 <= len(between) <= 3 and all(t.word and is_name_token(t, "en", False) for t in between):
                return end - 1  # "The UN's coordinator for Ukraine, Matthias Schmale, said": the name
            if len(between) == 1 and is_name_token(between[0], "en", False) and j > 0 and (
                    tokens[j - 1].text.islower() and person_noun(tokens[j - 1].text)):  # "Ahmed Saleh's mother, Amina, said"; not "the capital, Kabul,"
                return end - 1  # one name apposed to a person noun is that person's
            if j > 2 and tokens[j - 1].text.isdigit() and tokens[j - 2].text == "," and tokens[j - 3].word:
                return j - 3  # "Lahcen Ait Brahim, 58, who rebuilt with state aid, said": the name before the age
            if between and between[0].text in EN_SECOND_APPOSITION and (inner := before_apposition(tokens, j)) != j:
                return inner  # "X, executive director of the Samahang Industriya ng Agrikultura, a farm lobby, said"
            named = _before_bracket(tokens, j)  # "Peru's National Fisheries Society (SNP), which ..., said"
            if named > 0 and tokens[named].word and tokens[named].text[0].isupper():
                return named
            if j > 0 and tokens[j - 1].word and between and between[0].word and not between[0].text[0].isupper():
                return j - 1  # "A senior diplomat, speaking on condition of anonymity, said"; "Smith, 45, said"
            return comma
        if not tokens[j].word and not _plural_possessive(tokens, j):  # "the Herders' Cooperative": no break
            break
    return _named_after_place(tokens, region, end, comma) if region is not None else comma


def _before_bracket(tokens: list[Token], comma: int) -> int:
    """The token before an apposition's opening comma, past a bracketed acronym right before it ("Society
    (SNP),": the name's last word)."""
    k = comma - 1
    if k > 0 and tokens[k].text == ")":
        k = next((p - 1 for p in range(k - 1, max(k - 5, 0), -1) if tokens[p].text == "("), k)
    return k


EN_SECOND_APPOSITION = frozenset("a an who which whose".split())
"""Words that open a second apposition, one describing the first ("X, head of the Y Union, a farm lobby that
backs the ban, said"; "..., who ..., said"): the name is read before the first, not at its capitalised end."""


def _plural_possessive(tokens: list[Token], k: int) -> bool:
    """"the Herders' Cooperative": an apostrophe right after a word in -s and before another word; not a
    closing single mark ("'..., but we deserved it', says X")."""
    return (0 < k < len(tokens) - 1 and tokens[k].text in "'’" and tokens[k - 1].word
            and tokens[k - 1].text.endswith("s") and tokens[k - 1].end == tokens[k].start and tokens[k + 1].word)


def _named_after_place(tokens: list[Token], region: int, end: int, comma: int) -> int:
    """"The company's manager in Morocco, Li Wei, said": a description placed "in Morocco" that opens the
    sentence (no comma before it to open an apposition) is the subject, and the two or three name words
    after the place are its holder, not the place's region; not after "a"/"an" ("A nurse from Albany,
    New York, said")."""
    start = next((j + 1 for j in range(region - 1, -1, -1) if not tokens[j].word), 0)
    named = tokens[region + 1: end]
    if tokens[start].text.lower() in {"a", "an"} or not 2 <= len(named) <= 3:
        return comma
    return end - 1 if all(is_name_token(t, "en", False) for t in named) else comma


def _place_and_region(tokens: list[Token], comma: int, end: int) -> bool:
    """"from Columbus, Ohio": a capitalised place after a place preposition, a comma, then one or two
    capitalised words (its region or country) up to the apposition's closing comma."""
    region = tokens[comma + 1: end]
    return (1 <= len(region) <= 2 and all(t.word and t.text[:1].isupper() for t in region) and comma >= 2
            and tokens[comma - 1].word and tokens[comma - 1].text[:1].isupper()
            and any(t.text in {"from", "in", "of"} for t in tokens[max(0, comma - 3): comma - 1]))


def apposed_body(tokens: list[Token], comma: int) -> list[Token]:
    """"A residents' group, the Harbour Tenants' Association, said": after a lower-case description, "the"
    and two to six capitalised words between commas name the body (its words, apostrophes passed over)."""
    for j in range(comma - 1, max(comma - 10, 0), -1):
        if tokens[j].text == ",":
            words = [t for t in tokens[j + 1: comma] if t.text not in ("'", "’")]
            named = (3 <= len(words) <= 7 and words[0].text.lower() == "the"
                     and all(t.word and t.text[:1].isupper() for t in words[1:]))
            return words[1:] if named and tokens[j - 1].word and tokens[j - 1].text.islower() else []
    return []



def person_after_body(tokens: list[Token], subject: list[Token], before: int) -> list[Token]:
    """"Member of the State Council Aisha Al Rawahi said": the member, not the council
    (``boundary.member_after_body``); empty when the subject is no such phrase."""
    cut = member_after_body(subject, before >= 0 and tokens[before].text == "of")
    return subject[cut:] if cut else []
