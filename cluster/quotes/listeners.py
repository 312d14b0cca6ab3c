"""Who was told: the listener after an English "told"/"tells", read as a phrase so that the reported
clause after it is found ("told the court the treasury had lost ...", "told the economic crimes court in
Algiers that ..."), and so that a clause fronted before "SOURCE told AFP, asking not to be named." is
known to end there; and the subject set off by commas that closes a fronted clause ("..., the transport
minister, Ali Hassan, said"). Split from ``clauses`` (its size)."""

from __future__ import annotations

from cluster.quotes.finite import finite_clause_at
from cluster.quotes.lexicon import EN_ARTICLES, EN_FINITE, EN_PRONOUNS, EN_VERBS
from cluster.quotes.names import Token

EN_LISTENERS = frozenset(("reporters", "journalists", "lawmakers", "parliament", "supporters", "police", "jurors",
                          "investors", "analysts", "delegates", "shareholders", "residents", "students", "staff"))
EN_LISTENER_HEADS = EN_LISTENERS | frozenset("""court jury judge magistrate tribunal hearing inquiry committee panel
commission council assembly senate congress chamber conference crowd audience rally summit meeting forum
newspaper paper agency broadcaster channel station network magazine radio television programme program show
podcast website outlet daily weekly lawmakers mps senators judges ministers members media press""".split())
"""Heads of a listener phrase after "told": "the court", "a news conference", "the parliamentary committee"."""
LISTENER_WORDS = 6
"""Words of a listener phrase up to its head ("the economic and financial crimes court")."""
EN_SUBJECT_PRONOUNS = EN_PRONOUNS | {"you"}
EN_NUMBERS = frozenset("two three four five six several some".split())
EN_POSSESSIVES = frozenset("its their his her our".split())
"""Determiners that open a subject after a fronted clause ("..., its director general X said")."""


def described_listener_end(tokens: list[Token], k: int, sentence_end: int) -> int:
    """The index after a listener phrase opening at ``k`` with a determiner and ending on a listener head,
    with a place after it ("the court in Algiers"); ``k`` when none opens there."""
    if k + 1 < len(tokens) and _bare_listener(tokens[k], tokens[k + 1]):
        return k + 2  # "told local media the group had been walking ...": a described head with no determiner
    if k >= len(tokens) or tokens[k].text.lower() not in EN_ARTICLES:
        return k
    for j in range(k + 1, min(k + 1 + LISTENER_WORDS, len(tokens))):
        token = tokens[j]
        if token.start >= sentence_end or not token.word:
            return k
        word = token.text.lower()
        if word in EN_FINITE or word in EN_VERBS or word in EN_SUBJECT_PRONOUNS:
            return k
        if word in EN_LISTENER_HEADS:
            end = j + 1
            while (end + 1 < len(tokens) and tokens[end].text.lower() in {"in", "at"}
                   and tokens[end + 1].text[:1].isupper()):
                end += 2
                while end < len(tokens) and tokens[end].word and tokens[end].text[:1].isupper():
                    end += 1
            return end
    return k


def _bare_listener(first: Token, head: Token) -> bool:
    """"local media", "state television", "foreign reporters": one lower-case describing word, then a
    listener head, with no determiner before them."""
    word = first.text.lower()
    return (first.word and head.word and first.text.islower() and word not in EN_ARTICLES | EN_FINITE | EN_VERBS
            | EN_SUBJECT_PRONOUNS and head.text.lower() in EN_LISTENER_HEADS)


def clause_after_described_listener(tokens: list[Token], verb: int, sentence_end: int) -> int | None:
    """"told the court the treasury had lost ...": where the clause opens after a described listener,
    when a finite clause does; else None."""
    end = described_listener_end(tokens, verb + 1, sentence_end)
    if end == verb + 1 or end >= len(tokens) or tokens[end].start >= sentence_end:
        return None
    return end if finite_clause_at(tokens, end) else None


def listener_before_that(tokens: list[Token], verb: int, that: int) -> bool:
    """"told the economic and financial crimes court in Algiers that": only a listener phrase between
    "told" and a far "that"."""
    if tokens[verb].text.lower() not in {"told", "tells"} or tokens[verb + 1].text.lower() not in EN_ARTICLES:
        return False
    between = tokens[verb + 1: that]
    return any(t.text.lower() in EN_LISTENER_HEADS for t in between) and all(
        (t.word or t.text == "-") and t.text.lower() not in EN_FINITE | EN_VERBS | EN_SUBJECT_PRONOUNS for t in between)


def listener_then_aside(tokens: list[Token], verb: int, sentence_end: int) -> bool:
    """"..., two officials told AFP, asking not to be named.", "..., a source told The Associated Press,
    speaking on condition of anonymity ...": after "told" a short listener, then a comma and a participle
    (or "who") to the sentence's end: the reported clause is the one before."""
    if tokens[verb].text.lower() not in {"told", "tells"}:
        return False
    rest = [t for t in tokens[verb + 1:] if t.start < sentence_end]
    comma = next((i for i, t in enumerate(rest) if t.text == ","), None)
    if comma is None or not 0 < comma <= 4 or not all(t.word for t in rest[:comma]):
        return False
    after = rest[comma + 1] if comma + 1 < len(rest) else None
    return after is not None and after.word and (after.text.endswith("ing") or after.text.lower() == "who")


def described_listener_closes(tokens: list[Token], verb: int, sentence_end: int) -> bool:
    """"..., the governor told a news conference in Baghdad.", "..., Rabie told a news conference in
    Ismailia, adding that ...": after "told" a described listener (and its place) ends the sentence or is
    followed by a comma and a participle, so the reported clause is the one fronted before the subject."""
    if tokens[verb].text.lower() not in {"told", "tells"}:
        return False
    end = described_listener_end(tokens, verb + 1, sentence_end)
    if end == verb + 1:
        return False
    rest = [t for t in tokens[end:] if t.start < sentence_end]
    if not rest or (len(rest) == 1 and rest[0].text in ".!?"):
        return True
    return (rest[0].text == "," and len(rest) > 1 and rest[1].word
            and (rest[1].text.endswith("ing") or rest[1].text.lower() == "who"))


LONG_SUBJECT_TOKENS = 11
"""Tokens of a subject between the comma closing a fronted clause and its verb ("..., an official at the
National Telecom Regulatory Authority said"), past the usual seven."""


def long_subject(tokens: list[Token], comma: int, verb: int) -> bool:
    """A long subject of plain words before the verb that closes a fronted clause: a determiner (also a
    possessive: "..., its director general Omar Hamad Bu Shehab said.") or a number first, no punctuation, no finite verb, no pronoun ("..., a senior official at the central
    bank's foreign exchange department said.")."""
    between = tokens[comma + 1: verb]
    if not between or verb - comma > LONG_SUBJECT_TOKENS:
        return False
    first = between[0].text.lower()
    return (first in EN_ARTICLES | EN_POSSESSIVES or first[:1].isdigit() or first in EN_NUMBERS) and all(
        t.word and t.text.lower() not in EN_FINITE | EN_VERBS | EN_SUBJECT_PRONOUNS for t in between)


APPOSED_NAME_WORDS = 4
APPOSED_TITLE_WORDS = 10


def apposed_subject(tokens: list[Token], comma: int, verb: int, first: int) -> int | None:
    """The comma that ends a fronted clause whose subject is a name and its title set off by commas:
    "..., Ali Hassan, the transport minister, said", "..., the country's transport minister, Ali Hassan,
    said" (a comma right before the verb closes an apposition, never the clause itself). None when the
    two parts before the verb are not one capitalised name and one title of at most
    ``APPOSED_TITLE_WORDS`` words."""
    if comma != verb - 1:
        return None
    commas = [j for j in range(comma - 1, first, -1) if tokens[j].text == ","][:2]
    if len(commas) < 2:
        return None
    second, third = commas
    parts = [tokens[second + 1: comma], tokens[third + 1: second]]
    if not all(part and all((t.word or t.text in "'’-.") and t.text.lower() not in EN_FINITE | {"and", "but"}
                            for t in part) for part in parts):
        return None  # "Prices rose, wages fell, and rents doubled, X, said": clauses, not a title

    def name(part: list[Token]) -> bool:
        words = [t for t in part if t.word]
        return 0 < len(words) <= APPOSED_NAME_WORDS and all(t.text[:1].isupper() for t in words)

    near, far = parts
    if (name(near) and len(far) <= APPOSED_TITLE_WORDS) or (name(far) and not name(near) and len(near) <= APPOSED_TITLE_WORDS):
        return third
    return None


def named_then_titled(tokens: list[Token], first: int, verb: int) -> bool:
    """'"...," Lahcen Ait Bella, head of the Draa Oasis Development Association, told AFP': a name and its
    title set off by commas between a quotation and its verb (``first``: the first token after the closing
    mark). Such a verb is the quotation's even past the usual tail window: a title of plain words is no
    clause of its own, and wire copy puts the speaker's full title there."""
    if verb < 2 or tokens[verb - 1].text != ",":
        return False
    while first < verb and not tokens[first].word:
        first += 1  # the closing mark and the comma inside it
    comma = next((j for j in range(first, verb - 1) if tokens[j].text == ","), None)
    if comma is None:
        return False
    name, title = tokens[first:comma], tokens[comma + 1: verb - 1]
    return (2 <= len(name) <= APPOSED_NAME_WORDS and all(t.word and t.text[:1].isupper() for t in name)
            and 0 < len(title) <= APPOSED_TITLE_WORDS
            and all((t.word or t.text in "'’-") and t.text.lower() not in EN_FINITE | EN_VERBS | EN_SUBJECT_PRONOUNS
                    for t in title))
