"""Where an English reported clause opens past words that look like its end: an inverted subject after
", said", a quantity ("at least"), "no" as a determiner; and when "say" reports nothing; where a second
clause under the same verb opens ("..، وإن ...", "... and that ..."). Split from ``clauses`` (its size)."""

from __future__ import annotations

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, EN_FINITE
from cluster.quotes.names import Token, tokenize

EN_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today".split())
EN_CLAUSE_OPENERS = frozenset("he she they it we i the a an his her their its this there".split())

EN_BEFORE_INFINITIVE = frozenset("""not n't to did do does would could will can cannot might should must may
didn't doesn't don't won't wouldn't couldn't""".split())
"""Before "say" these make it no plain present ("Scientists say ..."): "did not say", "declined to say"."""


def inverted(tokens: list[Token], verb: int, k: int) -> bool:
    """"CLAUSE, said Nour Hamdy, a lawyer.": a comma, the verb, then a capitalised name: the subject after
    its verb, closing the clause before it (not "..., said Tuesday")."""
    if not (verb > 0 and tokens[verb - 1].text == "," and k == verb + 1 and k < len(tokens) and tokens[k].word
            and tokens[k].text[:1].isupper() and tokens[k].text.lower() not in EN_WEEKDAYS | EN_CLAUSE_OPENERS):
        return False
    j = k
    while j < len(tokens) and tokens[j].word and _name_word(tokens[j].text):
        j += 1
    # "said Israel would ...": Israel opens the clause; "said Clare Donnelly of the campaign group ...": a full
    # name, then what she belongs to
    return j == len(tokens) or tokens[j].text in ",.;" or (j - k >= 2 and tokens[j].text == "of")


EN_NAME_PARTICLES = frozenset("al el bin ibn abu".split())
"""Lower-case words inside an Arabic name written in English ("Salim bin Ali", "Salim al-Harthi")."""


def _name_word(text: str) -> bool:
    """A word of a name after an inverted "said": capitalised, a particle, or a particle joined by a hyphen
    to a capitalised part ("al-Harthi", "el-Sisi", "bin-Salman"): the way Arabic family names are written in
    English news, which read as lower-case words would end the name at once and leave the speaker to be
    taken as the reported clause ("..., said Salim al-Harthi, a spokesman")."""
    if text[:1].isupper() or text in EN_NAME_PARTICLES:
        return True
    particle, hyphen, rest = text.partition("-")
    return bool(hyphen) and particle in EN_NAME_PARTICLES and rest[:1].isupper()


def possessive(tokens: list[Token], k: int) -> bool:
    """"The Seafarers' Union said it would ...": an apostrophe on a plural word, then the rest of a name, is
    its possessive, no closing single quote mark before the verb (a quotation closes after its comma or
    its full stop: "..., ' said Ali")."""
    if k == 0 or k + 1 >= len(tokens) or tokens[k].text not in "’'":
        return False
    before, after = tokens[k - 1], tokens[k + 1]
    return (before.word and before.end == tokens[k].start and before.text[-1:].lower() == "s"
            and after.word and after.start > tokens[k].end)


def no_opens(tokens: list[Token], k: int) -> bool:
    """"says no delay to payments", "said no one was hurt": "no" before a word (not "said no." or "said no
    to the plan") is the clause's determiner."""
    return tokens[k].text.lower() == "no" and k + 1 < len(tokens) and tokens[k + 1].word and (
        tokens[k + 1].text.lower() != "to")


def at_least(tokens: list[Token], k: int) -> bool:
    """"said at least 40 people were killed": "at least"/"at most" is a quantity opening the clause."""
    return tokens[k].text.lower() == "at" and k + 1 < len(tokens) and tokens[k + 1].text.lower() in {"least", "most"}


EN_TIMING = frozenset("late early".split())
EN_TIME_NOUNS = frozenset("""night nights morning mornings evening evenings hours days weeks months years last this
next in on yesterday today""".split()) | EN_WEEKDAYS


def adjective_noun(tokens: list[Token], k: int) -> bool:
    """"Analysts said late payments could push ...": "late"/"early" before a plural noun and a finite verb
    opens the clause (an adjective), not a time ("said late on Monday", "said early this week")."""
    if k + 2 >= len(tokens) or tokens[k].text.lower() not in EN_TIMING:
        return False
    noun, verb = tokens[k + 1], tokens[k + 2]
    return (noun.word and noun.text.islower() and noun.text.endswith("s") and noun.text not in EN_TIME_NOUNS
            and verb.text.lower() in EN_FINITE)


AR_AND_THAT = frozenset("و" + c for c in AR_COMPLEMENTIZERS if not c.startswith(("ف", "و")))
MIN_COORDINATED_WORDS = 3


def coordinated(tokens: list[Token], span: tuple[int, int], lang: str) -> list[tuple[int, int]]:
    """A reported clause holding a second complementizer with "and" ("إن ...، وإن ...", "أن ...، وأن ...",
    "said (that) ... and that ...", "said ..., but that ...") is two statements under one verb: one span each, the
    second from after its own complementizer. Parts shorter than ``MIN_COORDINATED_WORDS`` stay whole."""
    inside = [k for k, t in enumerate(tokens) if span[0] <= t.start < span[1]]
    if not inside:
        return [span]
    parts, first = [], inside[0]
    for k in inside[1:]:
        if lang == "ar":
            joins = tokens[k].norm in AR_AND_THAT
            opens = k + 1
        else:
            joins = tokens[k].text.lower() in {"and", "but"} and k + 1 < len(tokens) and tokens[k + 1].text == "that"
            opens = k + 2
            if opens < len(tokens) and tokens[opens].text.lower() in EN_FINITE:
                continue  # "..., but that did not free ...": "that" is the subject, no second statement
        if not joins or opens >= len(tokens) or tokens[opens].start >= span[1]:
            continue
        head = _trimmed(tokens, first, k)
        words = sum(1 for t in tokens[first:k] if t.word)
        rest = sum(1 for t in tokens[opens:inside[-1] + 1] if t.word)
        if words < MIN_COORDINATED_WORDS or rest < MIN_COORDINATED_WORDS:
            continue
        parts.append(head)
        first = opens
    if not parts:
        return [span]
    return [*parts, (tokens[first].start, span[1])]


def _trimmed(tokens: list[Token], first: int, end: int) -> tuple[int, int]:
    """From token ``first`` to the last word before token ``end`` (no trailing comma)."""
    last = end - 1
    while last > first and not tokens[last].word:
        last -= 1
    return tokens[first].start, tokens[last].end


def coordinated_part(text: str, start: int, end: int, lang: str) -> bool:
    """Whether the clause ``text[start:end]`` is one of two joined under one verb: "and that"/"، وإن"
    follows it or opens it. Such a part is a whole statement at ``MIN_COORDINATED_WORDS`` words ("إن
    جميع الحالات مستقرة، وإن ...")."""
    after = [t for t in tokenize(text[end:end + 30]) if t.word][:2]
    before = [t for t in tokenize(text[max(0, start - 30):start]) if t.word][-2:]
    if lang == "ar":
        return bool(after and after[0].norm in AR_AND_THAT) or bool(before and before[-1].norm in AR_AND_THAT)
    joined = (["and", "that"], ["but", "that"])
    return [t.text.lower() for t in after] in joined or [t.text.lower() for t in before] in joined
