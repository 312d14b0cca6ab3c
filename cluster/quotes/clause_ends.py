"""Where a reported clause ends: the sentence end, or the first word after a comma that opens a clause of
its own, the speaker's next statement (", مضيفا", "، وتابع", "and vowed") or the writer's (", كما", "، داعيا
...", ", hours after ..."). Split from ``clauses`` (which finds where each verb's clause begins)."""

from __future__ import annotations

from cluster.quotes.attribution import Token, clitic_forms, is_verb
from cluster.quotes.lexicon import (
    AR_ACTION_PARTICIPLES,
    AR_ACTION_VERBS,
    AR_BUT_PRONOUNS,
    AR_PARTICIPLES,
    AR_WRITER_OPENERS,
    EN_AFTER_QUANTITIES,
    EN_TIME_AFTER,
    EN_VERBS,
    NEW_CLAUSE,
)


def clause_end(tokens: list[Token], first: int, sentence_end: int, lang: str) -> int:
    """A clause runs to the sentence end or to the next reporting verb after a comma (", مضيفا", "، وتابع")
    or, in English, after "and"/"but" ("... and vowed"):
    a clause run over the speaker's next quotation was dropped with it. Only a verb with و or ف opens a
    statement of its own: "إن الدول التي تحدثت معها، أكدت أنها" is the clause's own predicate. What the
    writer adds after a comma ends it too (``_writer_opens``)."""
    end = sentence_end
    for k in range(first, len(tokens)):
        if tokens[k].start >= sentence_end:
            break
        after_comma = k > first and not tokens[k - 1].word and tokens[k - 1].text in "،,"
        if after_comma and (_is_participle(tokens[k], lang) or tokens[k].norm in NEW_CLAUSE or (
                lang == "ar" and tokens[k].norm[:1] in "وف" and is_verb(tokens[k], lang))  # "..، وتابع: «...»"
                or (_writer_opens(tokens, k, sentence_end, lang) and _words(tokens, first, k) >= WRITER_CUT_WORDS)):
            end = tokens[k - 1].start
            break
        if lang != "ar" and k > first + 1 and tokens[k - 1].text in {"and", "but"} and (
                _past_reporting(tokens[k]) or _declined(tokens, k)):
            end = tokens[k - 1].start  # "insisted its plant was safe and vowed the site would reopen"
            break
    return end


WRITER_CUT_WORDS = 4
"""Words a clause keeps before what the writer adds: a shorter one stays whole («إنها لا تستهدف المدنيين،
متهمة الجيش باستخدامهم دروعا بشرية»), since it would fall under the least a reported clause needs."""


def _words(tokens: list[Token], first: int, end: int) -> int:
    return sum(1 for t in tokens[first:end] if t.word)


def _writer_opens(tokens: list[Token], k: int, sentence_end: int, lang: str) -> bool:
    """Whether the word after a comma opens what the writer adds, not the speaker's words: what the
    speaker did besides speaking ("، داعيا المواطنين إلى ..."، "، وطالبت ..."، "، متهما ..."), the same speaker's
    next statement after "but" ("، لكنه حذر من أن ...": a quote of its own), the writer's "، وذلك خلال ..."
    and, in English, a time clause of events ("..., hours after Israeli strikes hit", ", following a similar
    move by"). The labelled sets (dev .. dev11) end the quote there 31 times in 32; the other is a clause of three
    words, kept whole (``WRITER_CUT_WORDS``)."""
    token = tokens[k]
    if not token.word:
        return False
    if lang == "ar":
        forms = clitic_forms(token.norm)
        if token.norm in AR_WRITER_OPENERS or any(f in AR_ACTION_PARTICIPLES for f in forms):
            return True
        if token.norm in AR_ACTION_VERBS:
            return True
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        return (token.norm in AR_BUT_PRONOUNS and nxt is not None and nxt.start < sentence_end
                and is_verb(nxt, lang))
    return _time_after(tokens, k, sentence_end)


EN_AFTER_REACH = 3
"""Words of a time quantity before "after" (", a week after", ", just hours after")."""


def _time_after(tokens: list[Token], k: int, sentence_end: int) -> bool:
    """", after two days of talks", ", hours after ...", ", a week after ...", ", following a move by"."""
    for j in range(k, min(k + EN_AFTER_REACH + 1, len(tokens))):
        word = tokens[j].text.lower()
        if tokens[j].start >= sentence_end or not tokens[j].word:
            return False
        if word in EN_TIME_AFTER:
            return True
        if word not in EN_AFTER_QUANTITIES and not word.isdigit():
            return False
    return False


EN_DECLINED = frozenset("declined refused".split())


def _declined(tokens: list[Token], k: int) -> bool:
    """"said two more firms could be listed this year but declined to name them": what the speaker would not
    say is the writer's report, no part of the statement."""
    return tokens[k].text.lower() in EN_DECLINED and k + 1 < len(tokens) and tokens[k + 1].text.lower() == "to"


def _past_reporting(token: Token) -> bool:
    """An English reporting verb in the past ("vowed", "said", "added"), which after "and" opens the
    speaker's next statement; not a present form that is as often a noun ("and claims", "and reports")."""
    word = token.text.lower()
    return token.word and word in EN_VERBS and (word.endswith("ed") or word in {"said", "told", "wrote"})


def _is_participle(token: Token, lang: str) -> bool:
    if lang == "ar":
        return token.word and any(f in AR_PARTICIPLES for f in clitic_forms(token.norm))
    return token.word and token.text.lower() in {"adding", "saying", "noting", "warning", "stressing"}
