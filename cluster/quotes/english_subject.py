"""The subject of an English reporting verb: the name or noun phrase before it ("Witkoff said", "a source
from the magazine said", "John Goldsmith, chairman of the Cromwell Society, said"), else after it
("..., said Witkoff", "..., said a doctor at the hospital"), or the source of "according to".
Split from ``attribution`` (as ``arabic_subject`` is) when the apposition forms grew.
"""

from __future__ import annotations

import re

from cluster.quotes.boundary import after_title_of, and_in_body_name, without_domain
from cluster.quotes.english_apposition import apposed_body, before_apposition, person_after_body
from cluster.quotes.lexicon import (
    EN_CLAUSE_BLOCKERS,
    EN_DETERMINERS,
    EN_NAME_PARTICLES,
    EN_PRONOUNS,
    EN_TITLES,
    EN_VERBS,
)
from cluster.quotes.names import ARABIC_PARTICLE_NAME, Token, is_name_token
from cluster.quotes.openers import apposed_description, opening_pronoun, past_setting, sentence_start
from cluster.quotes.sources import EN_ORG_WORDS, EN_SOURCE_HEADS, person_noun, plural_person

EN_CLAUSE_STARTERS = frozenset("at in of from for with who which that on and but".split())
EN_TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december week month year night""".split())
AGE = re.compile(r"\d+-year-old")
LISTENER_VERBS = frozenset("told tells tell".split())
EN_COMPANY_ABBREVIATIONS = frozenset("ltd inc co corp plc llc bros".split())
"""A company's legal form, written with a full stop that ends no sentence ("Acme Inc. said")."""


def english_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The name or noun phrase right before an English reporting verb, else right after it
    ("..., said Witkoff")."""
    if tokens[verb].text.lower() == "according":
        return _according_to(tokens, verb)
    before: list[Token] = []
    k = _subject_end(tokens, verb)
    if k >= 0 and tokens[k].text.lower() in {"and", "but"} and _opens_with_subject(tokens, k):
        return opening_pronoun(tokens, k)  # "X welcomed it but said": the sentence's subject; "She said ...
        # and warned": the pronoun, resolved as any other (the sentence subject rule reads no pronoun)
    if k >= 0 and tokens[k].text == ")":  # "The Syrian Arab News Agency (SANA) reported"
        k = next((j - 1 for j in range(k - 1, max(k - 6, -1), -1) if tokens[j].text == "("), k)
    if k >= 0 and tokens[k].text == "," and (body := apposed_body(tokens, k)):
        return body  # "A residents' group, the Harbour Tenants' Association, said": the body named
    if k >= 0 and tokens[k].text == ",":
        k = before_apposition(tokens, k)
    if (described := _indefinite_person(tokens, k)) is not None:
        return described
    while k >= 0 and tokens[k].word and len(before) < _words_before(before):
        word = tokens[k].text
        if word.lower() in EN_PRONOUNS and not before:
            return [tokens[k]]
        if word[0].isupper() or is_name_token(tokens[k], "en", False) or (before and word.lower() in EN_TITLES):
            before.insert(0, tokens[k])
        elif before and word.lower() in EN_NAME_PARTICLES and k > 0 and tokens[k - 1].text[:1].isupper():
            before.insert(0, tokens[k])  # "Prince Abdulaziz bin Salman told": one name, not "Salman"
        elif before and word.lower() in {"of", "for"} and k > 0 and _capitalised_body(tokens[k - 1]):
            before.insert(0, tokens[k])  # "The Central Bank of Libya said": the bank, not the country
        elif before and word == "and" and and_in_body_name(tokens, k):
            before.insert(0, tokens[k])  # "Tunisian Forum for Economic and Social Rights": one body
        elif before and (person := _person_of(tokens, k)):
            return person  # "Maria Lopez of Reuters said", "John Smith of the BBC": the reporter, not the outlet
        elif (not before and word.isalpha() and word.islower() and k > 0
              and tokens[k - 1].text.lower() in EN_DETERMINERS):
            if (head := _qualified_source(tokens, k)) is not None:
                return _noun_phrase_before(tokens, head)  # "a source from the magazine said": the source
            return [tokens[k - 1], tokens[k]]
        elif not before and word.isalpha() and word.islower():
            return _lower_case_subject(tokens, k)
        else:
            break
        k -= 1
    if before and (member := person_after_body(tokens, before, k)):
        return member  # "Member of the State Council Aisha Al Rawahi said": the member, not the council
    if before and after_title_of(tokens, k):
        before = without_domain(before)  # "Minister of Agriculture Karim Al Harthy said": not "Agriculture"
    if before and (_source_in_place(tokens, k) or _body_in_place(tokens, k)):
        return _noun_phrase_before(tokens, k - 1)  # "Medical sources in Gaza said": the sources, not Gaza
    if before:
        return before
    if tokens[verb].text.lower() in LISTENER_VERBS:
        return []  # '"...," told AFP': the name after "told" is the listener, never the speaker
    after = []
    for token in tokens[verb + 1 + _age_before_name(tokens, verb + 1): verb + 7]:
        if token.word and (token.text[0].isupper() or (after and token.text.lower() in EN_TITLES)
                           or (after and ARABIC_PARTICLE_NAME.match(token.text))):
            after.append(token)  # "..., said Rami al-Husseini": the family name's particle is lower-case
        else:
            break
    return after or _named_description_after(tokens, verb) or _described_after(tokens, verb) or _titled_after(tokens, verb)


def _words_before(before: list[Token]) -> int:
    """How many words a subject before the verb may hold: six, or nine once it holds a body's "of" / "for" /
    "and" ("Romdhane Ben Amor of the Tunisian Forum for Economic and Social Rights said": the walk must reach
    the "of the" that shows the person before the body)."""
    return 9 if any(t.text in {"of", "for", "and"} for t in before) else 6


def _subject_end(tokens: list[Token], verb: int) -> int:
    """The last token of the subject before the verb: past adverbs and auxiliaries ("also", "has"), a time
    phrase ("The Indian Navy in November said") and a company's full stop ("NNPC Ltd. said": the name's,
    not the sentence's end)."""
    k = verb - 1
    while k >= 0 and tokens[k].word and tokens[k].text.lower() in {"also", "later", "has", "had", "have", "then"}:
        k -= 1
    if k > 0 and tokens[k].text.lower() in EN_TIME_WORDS and tokens[k - 1].text.lower() in {"in", "on", "last"}:
        k -= 2
    if k > 0 and tokens[k].text == "." and tokens[k - 1].text.lower() in EN_COMPANY_ABBREVIATIONS:
        k -= 1
    return k


def _person_of(tokens: list[Token], of: int) -> list[Token]:
    """"Maria Lopez of Reuters", "John Hale of the Institute for Strategic Studies" ("the" or the
    preposition at ``of``), "Ana Ruiz from Barclays", "Zainab al-Moussawi from Basra": a name of two or
    three capitalised words (the family name may open on its lower-case particle) (no title, no institution word, no determiner) right before "of": the
    person, whom the body after "of" only places (empty when no such name stands there)."""
    if of > 0 and tokens[of].text.lower() == "the":
        of -= 1
    if tokens[of].text.lower() not in {"of", "from", "at"}:
        return []
    name: list[Token] = []
    for k in range(of - 1, max(of - 4, -1), -1):
        token = tokens[k]
        lowered = token.text.lower()
        particle = not name and ARABIC_PARTICLE_NAME.match(token.text) is not None  # "al-Moussawi"
        if not (token.word and (token.text[:1].isupper() or particle) and is_name_token(token, "en", False)) or (
                lowered in EN_TITLES or lowered in EN_ORG_WORDS or lowered in EN_DETERMINERS):
            break
        name.insert(0, token)
    return name if len(name) >= 2 else []


def _opens_with_subject(tokens: list[Token], conjunction: int) -> bool:
    """Whether a verb after "and" shares the subject its sentence opens with: a pronoun, a name or a
    definite noun that its first verb follows right away ("He urged ... and promised", "Governor Andrew
    Bailey defended the move and said", "The ministry confirmed the deaths and said"); not a sentence
    that opens otherwise ("Moments after the shooting, one cop ... and said": whose, the rules cannot say)."""
    start = sentence_start(tokens, conjunction)
    if start >= conjunction or not tokens[start].word or (
            tokens[start].text.lower() in EN_CLAUSE_STARTERS and past_setting(tokens, start) == start):
        return False  # "Moments after the shooting, one cop ... and said": not a setting the rules know
    start = past_setting(tokens, start)  # "In the port of Barbate, the head of ... welcomed it but said"
    if start >= conjunction:
        return False
    if tokens[start].text.lower() in EN_PRONOUNS:
        return True
    if (named := apposed_description(tokens, start, tokens[conjunction].start)) is not None:
        following = tokens[named[1] + 1] if named[1] + 1 < conjunction else None  # "The head of X, Name, welcomed"
        return following is not None and following.word and following.text.islower()
    k = start + int(tokens[start].text.lower() == "the")
    named = k
    while k < conjunction and tokens[k].word and (tokens[k].text[:1].isupper() or tokens[k].text.lower() in EN_TITLES
                                                  or name_connector(tokens, k)):
        k += 1
    if k == named and k > start and k < conjunction and tokens[k].word:
        k += 1  # "The ministry"
    if k > named and k < conjunction and tokens[k].text == "(":  # "Peru's National Fisheries Society (SNP), which"
        k = next((j + 1 for j in range(k + 1, min(conjunction, k + 5)) if tokens[j].text == ")"), k)
    if k > named and k < conjunction and tokens[k].text == ",":
        k = _past_apposition(tokens, k, conjunction)  # "Monica Hanna, a campaigner for ..., called it ... but said"
    following = tokens[k] if start < k < conjunction else None
    return (following is not None and following.word and following.text.islower()
            and following.text not in EN_CLAUSE_BLOCKERS | EN_CLAUSE_STARTERS)


MAX_APPOSITION_TOKENS = 25
"""Longest apposition or relative clause set off by commas after a sentence's opening name."""


def _past_apposition(tokens: list[Token], comma: int, conjunction: int) -> int:
    """The token after the comma that closes an apposition or a relative clause opened at ``comma``
    ("Egyptologist Monica Hanna, a prominent campaigner ..., called"; "Peru's National Fisheries Society,
    which represents ..., said"): where the first verb stands. ``comma`` itself when no closing comma comes
    before the conjunction (a list, or a clause the rules cannot read)."""
    for j in range(comma + 2, min(conjunction, comma + MAX_APPOSITION_TOKENS)):
        if tokens[j].text == ",":
            return j + 1
    return comma


NAME_CONNECTORS = frozenset("of for to on".split())


def name_connector(tokens: list[Token], k: int) -> bool:
    """"Committee to Protect Journalists", "Initiative for Personal Rights": a lower-case link between two
    capitalised words of one body's name."""
    return (0 < k < len(tokens) - 1 and tokens[k].text in NAME_CONNECTORS and tokens[k - 1].word
            and tokens[k - 1].text[:1].isupper() and tokens[k + 1].word and tokens[k + 1].text[:1].isupper())


def _capitalised_body(token: Token) -> bool:
    """A capitalised institution word ("Bank", "Ministry", "Office"): "of" or "for" after it goes on
    with the body's name ("Ministry of Health", "Office for National Statistics")."""
    return token.word and token.text[:1].isupper() and token.text.lower() in EN_ORG_WORDS


def _described_after(tokens: list[Token], verb: int) -> list[Token]:
    """'"...," said a doctor at the hospital', '"...," said the mother of three': a description after
    the verb, up to a preposition or a comma (empty when none follows; a definite one only of a person,
    whom ``coref`` resolves to the person the article introduced)."""
    if verb + 2 >= len(tokens) or tokens[verb + 1].text.lower() not in {"a", "an", "the"}:
        return []
    phrase = [tokens[verb + 1]]
    for token in tokens[verb + 2: verb + 6]:
        if not token.word or token.text.lower() in EN_CLAUSE_STARTERS:
            break
        phrase.append(token)
    if phrase[0].text.lower() == "the" and not (len(phrase) > 1 and person_noun(phrase[-1].text)):
        return []  # '"...," said the mother of three': a person described; not "said the report"
    return phrase if len(phrase) > 1 else []


def _named_description_after(tokens: list[Token], verb: int) -> list[Token]:
    """'"...," said the group manager, Dave Ashworth.': after a verb that follows a quotation or a comma,
    "the" and a few lower-case title words, a comma, then a name of two words or more that ends the clause:
    the apposed name is the speaker (the description alone resolves to no one named before)."""
    if verb < 1 or tokens[verb - 1].word or verb + 2 >= len(tokens) or tokens[verb + 1].text.lower() != "the":
        return []
    k = verb + 2
    while k < len(tokens) and k - verb <= TITLE_WORDS_AFTER_VERB + 1 and tokens[k].word and tokens[k].text.isalpha() and (
            tokens[k].text.islower()) and tokens[k].text not in EN_CLAUSE_STARTERS | EN_PRONOUNS | EN_CLAUSE_BLOCKERS:
        k += 1
    if k == verb + 2 or k >= len(tokens) or tokens[k].text != "," or not person_noun(tokens[k - 1].text):
        return []
    name = []
    k += 1
    while k < len(tokens) and tokens[k].word and (tokens[k].text[:1].isupper() or (
            name and ARABIC_PARTICLE_NAME.match(tokens[k].text))):
        name.append(tokens[k])
        k += 1
    ends = k == len(tokens) or (not tokens[k].word and tokens[k].text in ".,;")
    return name if len(name) >= 2 and ends else []


TITLE_WORDS_AFTER_VERB = 4
"""Lower-case title words between an inverted verb and the name ("said shadow home secretary Chris Philp")."""


def _titled_after(tokens: list[Token], verb: int) -> list[Token]:
    """'"...," said passenger Salem al-Kathiri.': after a verb that follows a quotation or a comma, a few
    lower-case title words then a name of two words or more that ends the clause. The name is the speaker;
    a name followed by more words ("said opposition leader John Smith would resign") is the clause's own
    subject, not the speaker, and is not read."""
    if verb < 1 or tokens[verb - 1].word:
        return []
    k = verb + 1
    while k < len(tokens) and k - verb <= TITLE_WORDS_AFTER_VERB and tokens[k].word and tokens[k].text.isalpha() and (
            tokens[k].text.islower()) and tokens[k].text not in EN_CLAUSE_STARTERS | EN_DETERMINERS | EN_PRONOUNS | (
            EN_CLAUSE_BLOCKERS):
        k += 1
    name = []
    while k < len(tokens) and tokens[k].word and (tokens[k].text[:1].isupper() or (
            name and ARABIC_PARTICLE_NAME.match(tokens[k].text))):
        name.append(tokens[k])
        k += 1
    ends = k == len(tokens) or not tokens[k].word
    return name if k - len(name) > verb + 1 and len(name) >= 2 and ends else []


def _age_before_name(tokens: list[Token], k: int) -> int:
    """1 when "said 61-year-old Anargyros Bizianis": the age before the name is skipped."""
    return int(k < len(tokens) and bool(AGE.fullmatch(tokens[k].text)))


def _qualified_source(tokens: list[Token], last: int) -> int | None:
    """The head of "a source with knowledge of the talks" / "a source from the magazine" ending at
    ``last``: a source noun a few words back, then a preposition."""
    for j in range(last - 2, max(last - 8, 0), -1):
        if not tokens[j].word:
            return None
        if _source_in_place(tokens, j):
            return j - 2 if tokens[j - 1].text.lower() in EN_SOURCE_QUALIFIERS else j - 1  # "bankers close to"
    return None


EN_SOURCE_QUALIFIERS = frozenset("familiar close briefed involved".split())


def _source_in_place(tokens: list[Token], k: int) -> bool:
    """"sources in Gaza", "residents of Rafah": a source head, a place preposition at ``k``, then the place."""
    if k < 1 or not tokens[k].word or tokens[k].text.lower() not in {"in", "from", "at", "of", "near", "with", "to",
                                                                       "on"}:
        return False
    head = k - 2 if k > 1 and tokens[k - 1].text.lower() in EN_SOURCE_QUALIFIERS else k - 1
    word = tokens[head].text.lower()
    return word in EN_SOURCE_HEADS or plural_person(word)  # "an official familiar with the talks", "bankers in X"


def _body_in_place(tokens: list[Token], k: int) -> bool:
    """"The Saudi consulate in Istanbul said", "the embassy in Ankara": a lower-case institution word,
    then "in"/"at" and the place at ``k``: the institution speaks, not the place."""
    return (k >= 1 and tokens[k].text in {"in", "at"} and tokens[k - 1].word and tokens[k - 1].text.islower()
            and tokens[k - 1].text in EN_ORG_WORDS)


EN_PLACE_PREPOSITIONS = frozenset("in at of from near on with for".split())
EN_REACHED = frozenset("reached contacted interviewed quoted cited".split())
"""Participles of how a source was reached ("A crew member reached by The Associated Press by
satellite phone"): the outlet after "by" is no speaker; the described person is."""


def _indefinite_person(tokens: list[Token], last: int) -> list[Token] | None:
    """"A firefighter at the scene", "A local official in Al Haouz province", "A crew member reached by
    The Associated Press by phone" ending at ``last``: an
    indefinite description of one person, then where or what of: that person, an unnamed source (the
    place or the body after the preposition is no speaker). None when the subject is no such phrase."""
    for j in range(last, max(last - 14, -1), -1):
        if not tokens[j].word:
            return None
        if tokens[j].text.lower() in {"a", "an"} and (found := _one_described(tokens, j, last)) is not None:
            return found  # "A senior banker at a large lender": the banker, past the lender's "a"
    return None


def _one_described(tokens: list[Token], start: int, last: int) -> list[Token] | None:
    place = next((p for p in range(start + 2, last + 1) if tokens[p].text.lower() in EN_PLACE_PREPOSITIONS
                  or (tokens[p].text.lower() in EN_REACHED and p + 1 <= last and tokens[p + 1].text == "by")), None)
    if place is None or place == last:
        return None
    head = tokens[place - 1].text
    described = all(t.text.islower() for t in tokens[start + 1: place])
    one = (person_noun(head) and head.lower() not in EN_ORG_WORDS) or head.lower() in EN_SOURCE_HEADS
    return tokens[start: place] if described and one else None  # not "A statement from Surrey police"


def _lower_case_subject(tokens: list[Token], last: int) -> list[Token]:
    """A lower-case subject ending at ``last``; when it is the place of sources before it ("three traders in
    the Asian oil market said"), the sources, not the market."""
    phrase = _noun_phrase_before(tokens, last)
    at = last - len(phrase)
    return _noun_phrase_before(tokens, at - 1) if _source_in_place(tokens, at) else phrase


def _according_to(tokens: list[Token], verb: int) -> list[Token]:
    """"according to her publicist, Jack Ketsoyan": the named source (a description if none)."""
    if verb + 1 >= len(tokens) or tokens[verb + 1].text.lower() != "to":
        return []
    phrase: list[Token] = []
    for k in range(verb + 2, min(verb + 9, len(tokens))):
        token = tokens[k]
        if not token.word and (token.text != "," or not _name_follows(tokens, k)):
            break  # "according to the health ministry, the death toll": the source ends at the comma
        if token.word:
            phrase.append(token)
    heads = [k for k, t in enumerate(phrase) if t.text.lower() in EN_SOURCE_HEADS]
    if heads:  # "according to Egyptian sources familiar with the talks": the sources, not "Egyptian"
        return phrase[: heads[0] + 1]
    named = [t for t in phrase if t.text[0].isupper() and t.text.lower() not in EN_TITLES]
    return named or phrase


def _name_follows(tokens: list[Token], comma: int) -> bool:
    """"according to her publicist, Jack Ketsoyan": a capitalised name after the comma names the source
    (not "reports from Ashgabat, Turkmenistan's capital": a possessive describes)."""
    following = tokens[comma + 1] if comma + 1 < len(tokens) else None
    return (following is not None and following.word and following.text[0].isupper()
            and not following.text.endswith(("'s", "’s")))


def _noun_phrase_before(tokens: list[Token], last: int) -> list[Token]:
    """A lower-case subject ("Egyptian and Qatari mediators", "police"): up to four words back, or on
    through the capitalised name it heads ("United Kingdom Maritime Trade Operations center")."""
    phrase = [tokens[last]]
    k = last - 1
    while k >= 0 and tokens[k].word and (len(phrase) < 4 or _name_goes_on(tokens, k, len(phrase))) and (
            tokens[k].text.lower() not in EN_VERBS):
        if tokens[k].text.lower() in {"and", "but"} and k > 0 and tokens[k - 1].text.lower().endswith(
                ("ed", "off", "up", "out")):
            break  # "roads were cordoned off and police said": a clause of its own before "and"
        if tokens[k].text.lower() in CLAUSE_WORDS:
            break  # "Investigations are ongoing as police have said": the police, not "are ongoing as police"
        phrase.insert(0, tokens[k])
        if tokens[k].text.lower() in EN_DETERMINERS:
            break
        k -= 1
    return phrase


MAX_NAMED_HEAD_WORDS = 7
CLAUSE_WORDS = frozenset({"is", "are", "was", "were", "as", "while", "because", "since", "although", "though",
                          "when", "where", "whereas", "which", "who"})
"""A lower-case subject never reaches back past a finite "to be" or a subordinating word: those end the
clause before it, whose words are no part of the speaker."""


def _name_goes_on(tokens: list[Token], k: int, length: int) -> bool:
    """Whether a lower-case head's phrase goes on through a capitalised word at ``k`` past four words."""
    return length < MAX_NAMED_HEAD_WORDS and tokens[k].text[:1].isupper() and tokens[k + 1].text[:1].isupper()
