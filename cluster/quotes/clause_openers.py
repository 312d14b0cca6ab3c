"""Where an English reported clause opens past words that look like its end: an inverted subject after
", said", a quantity ("at least"), "no" as a determiner; and when "say" reports nothing. Split from
``clauses`` (its size)."""

from __future__ import annotations

from cluster.quotes.names import Token

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
    while j < len(tokens) and tokens[j].word and (tokens[j].text[:1].isupper() or tokens[j].text in {"al", "bin"}):
        j += 1
    return j == len(tokens) or tokens[j].text in ",.;"  # "said Israel would ...": Israel opens the clause


def no_opens(tokens: list[Token], k: int) -> bool:
    """"says no delay to payments", "said no one was hurt": "no" before a word (not "said no." or "said no
    to the plan") is the clause's determiner."""
    return tokens[k].text.lower() == "no" and k + 1 < len(tokens) and tokens[k + 1].word and (
        tokens[k + 1].text.lower() != "to")


def at_least(tokens: list[Token], k: int) -> bool:
    """"said at least 40 people were killed": "at least"/"at most" is a quantity opening the clause."""
    return tokens[k].text.lower() == "at" and k + 1 < len(tokens) and tokens[k + 1].text.lower() in {"least", "most"}
