"""Who said it: reporting verbs, their subjects, and pronouns or descriptions resolved to a name.

The subject of a reporting verb gives the speaker as written ("المبعوث الأميركي ستيف ويتكوف", "he",
"الصحيفة"); the *name* is the run of proper-name tokens in it (titles and descriptions dropped). A verb
with no subject, a pronoun, or a definite description refers back to a speaker met earlier in the
article (``History``). Anonymous sources and descriptions that resolve to nobody keep ``name = None``:
the text gives no name, and none is guessed. docs/quotes.md has the rules with examples.
"""

from __future__ import annotations

import re

from cluster.documents import Segment
from cluster.quotes.arabic_subject import arabic_subject
from cluster.quotes.coref import Attribution, History, Speaker, resolve
from cluster.quotes.fullnames import full_name
from cluster.quotes.lexicon import (
    AR_COMPLEMENTIZERS,
    AR_PARTICIPLES,
    AR_RELATIVES,
    AR_VERBS,
    EN_DETERMINERS,
    EN_NAME_PARTICLES,
    EN_PARTICIPLES,
    EN_PRONOUNS,
    EN_RELATIVES,
    EN_THAT_VERBS,
    EN_TITLES,
    EN_VERBS,
)
from cluster.quotes.names import Token, is_name_token, is_stop, tokenize
from cluster.quotes.sources import (
    AR_ORG_HEADS,
    AR_SOURCE_TRIGGERS,
    EN_SOURCE_HEADS,
    ORGANISATION,
    UNATTRIBUTED,
    strip_prefix_article,
)
from cluster.quotes.triggers import AR_CAME, AR_REPLY_VERBS, clitic_forms, may_report
from cluster.textnorm import normalize

EN_CLAUSE_STARTERS = frozenset("at in of from for with who which that on and but".split())
EN_TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december week month year night""".split())
AGE = re.compile(r"\d+-year-old")
AR_NOUNS_LIKE_VERBS = frozenset(("رأي", "رأيه", "رأيها"))
"""Nouns that normalise like a reporting verb: رأي (an opinion) is not رأى (he deemed), which
normalisation spells alike ("دليل على رأي القرن التاسع عشر")."""
QUOTING_VERBS = frozenset(normalize(w) for w in "نقل نقلت quoted".split())
ISSUED = frozenset(normalize(w) for w in "صادر صادرة".split())
""""بيان صادر عن X": the statement is X's."""
QUOTE_NOUNS = frozenset(normalize(w) for w in "قوله قولها قولهم تأكيده تأكيدها".split())

__all__ = ["Attribution", "History", "Token", "clitic_forms", "find_attributions", "is_verb", "tokenize"]

# --- Reporting verbs and their subjects ----------------------------------------------------------

def is_verb(token: Token, lang: str) -> bool:
    """A reporting verb or participle (قال، وأضاف، مضيفا; said, told)."""
    if not token.word:
        return False
    if lang == "ar":
        norm = token.norm
        if token.text.lstrip("وف") in AR_NOUNS_LIKE_VERBS:
            return False
        return any(form in AR_VERBS or form in AR_PARTICIPLES for form in clitic_forms(norm))
    return token.text.lower() in EN_VERBS


def find_attributions(tokens: list[Token], marks: list[tuple[int, int]], lang: str, seg: Segment,
                      history: History) -> list[Attribution]:
    """Every reporting verb or source phrase outside quote marks, resolved to a speaker, in text order."""
    found = []
    for i, token in enumerate(tokens):
        if not may_report(token, lang) or any(o < token.start < c for o, c in marks):
            continue
        if is_source_trigger(tokens, i, lang):
            written = source_subject(tokens, i, lang)
        elif _english_participle(tokens, i, lang):
            written = []  # ", adding that": the subject is the sentence's
        elif _reply_by_named(tokens, i, lang, history):
            written = arabic_subject(tokens, i)  # "ورد ويتكوف لاحقا في منشور بأن"
        elif (statement := _statement_words(tokens, i, lang)) is not None:
            speaker = _issuer(statement, seg, history)  # "وجاء في البيان الختامي أن"
            found.append(Attribution(i, speaker.name, speaker.written, speaker.kind))
            continue
        elif not is_verb(token, lang) or _in_relative_clause(tokens, i, lang) or _noun_use(tokens, i, lang) or (
                _without_that(tokens, i, lang)):
            continue
        elif lang == "ar" and any(f in AR_PARTICIPLES for f in clitic_forms(token.norm)):
            written = []  # "مضيفا": the subject is the sentence's speaker
        elif (quoted := _quoted_source(tokens, i, lang)) is not None:
            written = quoted
        else:
            written = arabic_subject(tokens, i) if lang == "ar" else _english_subject(tokens, i)
            if lang == "ar" and not written:
                written = _arabic_fronted_subject(tokens, i)
        # a headline's "Saudi minister says" is resolved against the whole article, like its labels
        at = None if seg.start == 0 and lang != "ar" and _titled_description(written) else seg.start + token.start
        speaker = resolve(written, lang, seg, history, at)
        found.append(Attribution(i, speaker.name, speaker.written, speaker.kind))
        if speaker.written is not None or (lang == "ar" and speaker.kind == ORGANISATION and speaker.name):
            history.add(seg.index, seg.kind, speaker, seg.start + token.start)  # also "قررت مجموعة ... قالت"
    return found


EN_VERB_NOUNS = frozenset("claim claims reports report forecast forecasts".split())
AR_STATEMENTS = frozenset(normalize(w) for w in "بيان البيان".split())
"""(Not "التقرير": a report the article mentions is not always the last body's.)"""


def _statement_words(tokens: list[Token], i: int, lang: str) -> list[Token] | None:
    """"وجاء في البيان الختامي للاجتماع أن ...": a statement's words (what it "came in") report speech;
    the statement phrase up to the complementizer, or None when the verb is no such phrase."""
    if lang != "ar" or tokens[i].norm not in AR_CAME or i + 2 >= len(tokens) or tokens[i + 1].norm != "في":
        return None
    if tokens[i + 2].norm not in AR_STATEMENTS:
        return None
    phrase = []
    for token in tokens[i + 2: i + 10]:
        if not token.word or token.norm in AR_COMPLEMENTIZERS:
            break
        phrase.append(token)
    return phrase


def _issuer(statement: list[Token], seg: Segment, history: History) -> Speaker:
    """The body whose statement it is: named in the phrase ("بيان وزارة الخارجية"), else the organisation
    quoted last in the article (the definite "البيان" is the one already spoken of), else no one."""
    written = " ".join(t.text for t in statement)
    named = resolve(statement[1:], "ar", seg, history, seg.start + statement[0].start) if len(statement) > 1 else None
    if named is not None and named.kind == ORGANISATION and named.name and not named.name.startswith("ال"):
        return Speaker(named.name, written, ORGANISATION)
    body = next((s for _, kind, s in reversed(history.entries) if kind is seg.kind and s.kind == ORGANISATION
                 and s.name), None)
    return Speaker(body.name, written, ORGANISATION) if body else Speaker(None, written, UNATTRIBUTED)


def _reply_by_named(tokens: list[Token], i: int, lang: str, history: History) -> bool:
    if lang != "ar" or tokens[i].norm not in AR_REPLY_VERBS or i + 1 >= len(tokens) or not tokens[i + 1].word:
        return False
    following = tokens[i + 1]
    if following.norm.startswith("ال") and AR_ORG_HEADS & {following.norm, strip_prefix_article(following.norm)}:
        return True  # "وردّت الخارجية الجزائرية في بيان بأن": an institution replies
    return (is_name_token(following, lang, False) or following.norm.startswith("ال")) and full_name(
        following.text, history.tokens, history.runs(lang), lang) not in (None, following.text)  # "ورد السوداني"


def _titled_description(written: list[Token]) -> bool:
    """"Saudi minister" (a headline drops "the"): a title without a determiner, which the body names in
    full; not "A publicist", an unnamed source."""
    words = [t.text.lower() for t in written if t.word]
    return bool(words) and words[0] not in EN_DETERMINERS and any(w in EN_TITLES for w in words)


def _without_that(tokens: list[Token], i: int, lang: str) -> bool:
    if lang == "ar" or tokens[i].text.lower() not in EN_THAT_VERBS:
        return False
    return not any(t.text.lower() == "that" for t in tokens[i + 1: i + 7])


def _noun_use(tokens: list[Token], i: int, lang: str) -> bool:
    """"Netanyahu's claim that ...", "the claims that ...": a noun, whose owner did not say the clause here."""
    if lang == "ar" or i == 0 or tokens[i].text.lower() not in EN_VERB_NOUNS:
        return False
    before = tokens[i - 1].text
    return before.lower() in EN_DETERMINERS or before.endswith(("'s", "’s"))


def _english_participle(tokens: list[Token], i: int, lang: str) -> bool:
    """", adding that ...", ", telling reporters that ...", ", saying ...": reported speech whose speaker is
    the subject of the sentence it closes."""
    return (lang != "ar" and tokens[i].word and tokens[i].text.lower() in EN_PARTICIPLES and i > 0
            and tokens[i - 1].text == ",")


def is_source_trigger(tokens: list[Token], i: int, lang: str) -> bool:
    """"بحسب مصادر", "نقلا عن", "وفقا للمصادر" (not "بحسب ما أفادت": the verb then carries it)."""
    if lang != "ar" or not tokens[i].word or not any(f in AR_SOURCE_TRIGGERS for f in clitic_forms(tokens[i].norm)):
        return False
    before = []
    for token in reversed(tokens[max(0, i - 8): i]):
        if not token.word and token.text in ".:؛!?":
            break
        before.append(token)
    # "أفادت صحيفة Sabah نقلا عن مصادر": the outlet's verb carries the speech, the sources are its own
    return not any(is_verb(t, lang) for t in tokens[i + 1: i + 4]) and not any(is_verb(t, lang) for t in before)


def _quoted_source(tokens: list[Token], i: int, lang: str) -> list[Token] | None:
    """"نقلت وكالة رويترز عن مسؤول أميركي قوله إن", "X quoted an official as saying": the one quoted is
    the speaker, not the outlet that carries the words."""
    verb = tokens[i].norm if lang == "ar" else tokens[i].text.lower()
    if verb not in QUOTING_VERBS and not any(f in QUOTING_VERBS for f in clitic_forms(verb)):
        return None
    for k in range(i + 1, min(i + 12, len(tokens))):
        if lang == "ar" and tokens[k].norm == "عن":
            return source_subject(tokens, k, lang)
        if lang != "ar" and tokens[k].text.lower() == "as":
            return [t for t in tokens[i + 1: k] if t.word]
    return None


def source_subject(tokens: list[Token], i: int, lang: str) -> list[Token]:
    """The source after a source preposition, up to a comma, a complementizer or a verb."""
    subject: list[Token] = []
    for token in tokens[i + 1: i + 10]:
        if not token.word:
            break
        if token.norm == "عن" and not subject:
            continue
        if token.norm == "عن" and any(any(f in QUOTING_VERBS for f in clitic_forms(t.norm[:-1]))
                                      or strip_prefix_article(t.norm) in ISSUED for t in subject):
            subject = []  # "بحسب ما نقلته القناة 12 عن مسؤول رفيع", "وفقا لبيان صادر عن الخارجية": the source
            continue
        if (token.norm in AR_COMPLEMENTIZERS or is_verb(token, lang) or is_stop(token)
                or token.norm in QUOTE_NOUNS):
            break
        subject.append(token)
    return subject


def _in_relative_clause(tokens: list[Token], verb: int, lang: str) -> bool:
    """A verb right after a relative pronoun ("التصريحات التي قالت إنها", "statements which said") reports
    what something else said inside another clause: not a quote of its own."""
    if verb == 0 or not tokens[verb - 1].word:
        return False
    previous = tokens[verb - 1]
    if lang == "ar":
        return previous.norm in AR_RELATIVES
    return previous.text.lower() in EN_RELATIVES and not previous.text.isupper()  # "WHO says": the organisation


def _arabic_fronted_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The subject of "وكان X قد أكد": the words between كان and قد before the verb."""
    if verb < 2 or tokens[verb - 1].norm != "قد":
        return []
    for k in range(verb - 2, max(verb - 14, -1), -1):
        if any(form in {"كان", "كانت"} for form in clitic_forms(tokens[k].norm)):
            return [t for t in tokens[k + 1: verb - 1] if t.word]
    return []


def _english_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The name or noun phrase right before an English reporting verb, else right after it
    ("..., said Witkoff")."""
    if tokens[verb].text.lower() == "according":
        return _according_to(tokens, verb)
    before: list[Token] = []
    k = verb - 1
    while k >= 0 and tokens[k].word and tokens[k].text.lower() in {"also", "later", "has", "had", "have", "then"}:
        k -= 1
    if k > 0 and tokens[k].text.lower() in EN_TIME_WORDS and tokens[k - 1].text.lower() in {"in", "on", "last"}:
        k -= 2  # "The Indian Navy in November said": the time between subject and verb
    if k >= 0 and tokens[k].text == ")":  # "The Syrian Arab News Agency (SANA) reported"
        k = next((j - 1 for j in range(k - 1, max(k - 6, -1), -1) if tokens[j].text == "("), k)
    if k >= 0 and tokens[k].text == ",":
        k = _before_apposition(tokens, k)
    while k >= 0 and tokens[k].word and len(before) < 6:
        word = tokens[k].text
        if word.lower() in EN_PRONOUNS and not before:
            return [tokens[k]]
        if word[0].isupper() or is_name_token(tokens[k], "en", False) or (before and word.lower() in EN_TITLES):
            before.insert(0, tokens[k])
        elif before and word.lower() in EN_NAME_PARTICLES and k > 0 and tokens[k - 1].text[:1].isupper():
            before.insert(0, tokens[k])  # "Prince Abdulaziz bin Salman told": one name, not "Salman"
        elif (not before and word.isalpha() and word.islower() and k > 0
              and tokens[k - 1].text.lower() in EN_DETERMINERS):
            if (head := _qualified_source(tokens, k)) is not None:
                return _noun_phrase_before(tokens, head)  # "a source from the magazine said": the source
            return [tokens[k - 1], tokens[k]]
        elif not before and word.isalpha() and word.islower():
            return _noun_phrase_before(tokens, k)
        else:
            break
        k -= 1
    if before and _source_in_place(tokens, k):
        return _noun_phrase_before(tokens, k - 1)  # "Medical sources in Gaza said": the sources, not Gaza
    if before:
        return before
    after = []
    for token in tokens[verb + 1 + _age_before_name(tokens, verb + 1): verb + 7]:
        if token.word and (token.text[0].isupper() or (after and token.text.lower() in EN_TITLES)):
            after.append(token)
        else:
            break
    return after or _described_after(tokens, verb)


def _described_after(tokens: list[Token], verb: int) -> list[Token]:
    """'"...," said a doctor at the hospital': an indefinite description after the verb, up to a
    preposition or a comma (empty when none follows)."""
    if verb + 2 >= len(tokens) or tokens[verb + 1].text.lower() not in {"a", "an"}:
        return []
    phrase = [tokens[verb + 1]]
    for token in tokens[verb + 2: verb + 6]:
        if not token.word or token.text.lower() in EN_CLAUSE_STARTERS:
            break
        phrase.append(token)
    return phrase if len(phrase) > 1 else []


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
            return j - 1
    return None


EN_SOURCE_QUALIFIERS = frozenset("familiar close briefed involved".split())


def _source_in_place(tokens: list[Token], k: int) -> bool:
    """"sources in Gaza", "residents of Rafah": a source head, a place preposition at ``k``, then the place."""
    if k < 1 or not tokens[k].word or tokens[k].text.lower() not in {"in", "from", "at", "of", "near", "with", "to",
                                                                       "on"}:
        return False
    head = k - 2 if k > 1 and tokens[k - 1].text.lower() in EN_SOURCE_QUALIFIERS else k - 1
    return tokens[head].text.lower() in EN_SOURCE_HEADS  # "an official familiar with the talks"


def _before_apposition(tokens: list[Token], comma: int) -> int:
    """"John Goldsmith, chairman of the Cromwell Society, said": the index of the word before the
    apposition's opening comma when a capitalised name stands there; "the agent, Paul Harris, said":
    the name between the commas; else ``comma`` itself."""
    for j in range(comma - 1, max(comma - 20, -1), -1):  # "COGAT, the Israeli defence ministry body that ..., said"
        if tokens[j].text == ",":
            between = tokens[j + 1: comma]
            if 2 <= len(between) <= 3 and all(t.word and is_name_token(t, "en", False) for t in between):
                return comma - 1  # "The UN's coordinator for Ukraine, Matthias Schmale, said": the name
            if j > 0 and tokens[j - 1].word and tokens[j - 1].text[0].isupper():
                return j - 1
            if j > 0 and tokens[j - 1].word and between and between[0].word and not between[0].text[0].isupper():
                return j - 1  # "A senior diplomat, speaking on condition of anonymity, said"; "Smith, 45, said"
            return comma
        if not tokens[j].word:
            return comma
    return comma


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
    """A lower-case subject ("Egyptian and Qatari mediators", "police"): up to four words back."""
    phrase = [tokens[last]]
    k = last - 1
    while k >= 0 and tokens[k].word and len(phrase) < 4 and tokens[k].text.lower() not in EN_VERBS:
        if tokens[k].text.lower() in {"and", "but"} and k > 0 and tokens[k - 1].text.lower().endswith(
                ("ed", "off", "up", "out")):
            break  # "roads were cordoned off and police said": a clause of its own before "and"
        phrase.insert(0, tokens[k])
        if tokens[k].text.lower() in EN_DETERMINERS:
            break
        k -= 1
    return phrase
