"""Reported speech without quote marks: the clause a reporting verb introduces ("said that ...",
"وأضاف أن ..."), in Arabic and in English, cut where the next clause begins."""

from __future__ import annotations

from cluster.quotes.attribution import Attribution, Token, is_source_trigger, is_verb
from cluster.quotes.clause_ends import clause_end as _clause_end
from cluster.quotes.clause_openers import (
    EN_BEFORE_INFINITIVE,
    EN_CLAUSE_OPENERS,
    EN_WEEKDAYS,
    adjective_noun,
    at_least,
    coordinated,
    inverted,
    no_opens,
    possessive,
)
from cluster.quotes.finite import finite_clause_at
from cluster.quotes.forms import colon_clause, source_clause
from cluster.quotes.letters import letter_n
from cluster.quotes.lexicon import (
    AR_COMPLEMENTIZERS,
    DOUBLE_MARKS,
    EN_CLAUSE_BLOCKERS,
    EN_FINITE,
    EN_OBJECT_VERBS,
    EN_PARTICIPLES,
    EN_PROMISES,
    EN_REVERSE_VERBS,
    EN_VERBS,
)
from cluster.quotes.listeners import (
    EN_LISTENERS,
    apposed_subject,
    clause_after_described_listener,
    described_listener_closes,
    listener_before_that,
    listener_then_aside,
    long_subject,
)
from cluster.textnorm import normalize

EN_THAT = frozenset({"that"})
EN_CLAUSE_VERBS = frozenset(("said", "says", "say", "added", "warned", "insisted", "argued", "claimed", "admitted",
                             "acknowledged", "told", "tells", "saying", "telling"))
"""Verbs whose reported clause may follow without "that" ("Peter Guest admitted it was impossible")."""
EN_TOLD = frozenset({"told", "tells"})
EN_PLACE_PREPOSITIONS = frozenset("outside inside near beside behind beneath across opposite".split())
"""After a reporting verb (and its listener) these open where it was said ("told reporters outside the
courthouse"), never the reported clause."""


def sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence holding character ``pos`` (the last one when it lies past every sentence)."""
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return sentences[-1]


def indirect_clauses(tokens: list[Token], attributions: list[Attribution], sentences: list[tuple[int, int]],
                      lang: str) -> list[tuple[Attribution, tuple[int, int]]]:
    """(attribution, clause span) for each reporting verb that introduces reported speech."""
    out = []
    for attribution in attributions:
        verb = tokens[attribution.verb]
        sentence = sentence_of(sentences, verb.start)
        span = _special_clause(tokens, attribution.verb, sentence, lang)
        if span is None:
            clause = _arabic_clause if lang == "ar" else _english_clause
            span = clause(tokens, attribution.verb, sentence)
        out.extend((attribution, part) for part in (coordinated(tokens, span, lang) if span else ()))
    return [(a, span) for a, span in out if not _told_inside(tokens, a.verb, out)] if lang != "ar" else out


EN_PASSIVE = frozenset("was were been being is are".split())


def _told_inside(tokens: list[Token], verb: int, clauses: list[tuple[Attribution, tuple[int, int]]]) -> bool:
    """"said he had sold his wife's gold, only to be told at the airport that his visa did not exist": a
    passive "told" inside another clause reports what the speaker heard, as part of the speaker's statement;
    its subject is the listener, so it is no quote of its own."""
    if tokens[verb].text.lower() != "told" or verb == 0:
        return False
    before = tokens[verb - 1].text.lower()
    if before not in EN_PASSIVE | {"be"}:
        return False
    at = tokens[verb].start
    return any(s <= at < e for b, (s, e) in clauses if b.verb != verb)


def _special_clause(tokens: list[Token], verb: int, sentence: tuple[int, int], lang: str) -> tuple[int, int] | None:
    """Speech after a colon, or the statement of a source phrase (``forms``)."""
    word = tokens[verb].text.lower()
    if word == "according" or (lang == "ar" and is_source_trigger(tokens, verb, lang)):
        return source_clause(tokens, verb, sentence, lang)
    if word == "quoted":
        saying = next((k for k in range(verb + 1, min(verb + 12, len(tokens))) if tokens[k].text == "saying"), None)
        if saying is not None and saying + 1 < len(tokens):
            first = saying + 2 if tokens[saying + 1].text == "that" else saying + 1
            return _cut(tokens, first, _clause_end(tokens, first, sentence[1], lang))
        return None
    return colon_clause(tokens, verb, sentence, lang, AR_COMPLEMENTIZERS if lang == "ar" else EN_THAT)


AR_TIME_BEFORE_THAT = frozenset(normalize(w) for w in "بعد قبل منذ حتى ريثما".split())
""""بعد أن", "قبل أن", "منذ أن": أن after a time word opens a time clause, not what someone said."""


def _arabic_clause(tokens: list[Token], verb: int, sentence: tuple[int, int]) -> tuple[int, int] | None:
    for k in range(verb + 1, min(verb + 28, len(tokens))):
        token = tokens[k]
        if token.start >= sentence[1]:
            return None
        if (token.word and token.norm in AR_COMPLEMENTIZERS and not letter_n(tokens, k)):
            if tokens[k - 1].norm in AR_TIME_BEFORE_THAT:
                return None  # "، بعد أن كان العدد يتجاوز": a time clause, no speech
            if k + 1 >= len(tokens) or tokens[k + 1].start >= sentence[1]:
                return None
            return _cut(tokens, k + 1, _clause_end(tokens, k + 1, sentence[1], "ar"))
        if not token.word and token.text == ":":
            return None  # speech after a colon without quote marks is left to the reader
        if token.word and is_verb(token, "ar") and tokens[k - 1].norm != "عدم":  # "طلب عدم ذكر اسمه": a noun
            return None
    return None


def _english_clause(tokens: list[Token], verb: int, sentence: tuple[int, int]) -> tuple[int, int] | None:
    inside = [k for k in range(len(tokens)) if sentence[0] <= tokens[k].start < sentence[1]]
    if not inside:
        return None
    first = inside[0]
    k = verb + 1
    that = _that_after(tokens, verb)
    if that is not None and (joined := _before_joined_that(tokens, verb, that, sentence, first)) is not None:
        return joined
    if that is not None and tokens[verb].text.lower() not in {"according", "quoted"}:
        start = that + 1
        if start < len(tokens) and tokens[start].start < sentence[1]:
            return _cut(tokens, start, _clause_end(tokens, start, sentence[1], "en"))
    if (past := _past_adverbials(tokens, verb, sentence[1])) is not None and verb > first:
        return _cut(tokens, past, _clause_end(tokens, past, sentence[1], "en"))
    # "He said food stocks would last ...": the clause follows the verb directly.
    if tokens[verb].text.lower() in EN_TOLD | {"telling"}:
        k = _after_listener(tokens, k, sentence[1])  # "told KSWB-TV in San Diego he had been diving"
        if k == verb + 1 and (described := clause_after_described_listener(tokens, verb, sentence[1])) is not None:
            return _cut(tokens, described, _clause_end(tokens, described, sentence[1], "en"))  # "told the court the"
        if k == verb + 1:  # "told a news conference", "told MLB.com on Friday": no clause follows
            return _fronted_clause(tokens, verb, sentence, first)  # "..., three bankers told AFP."
    k += _time_adverbial(tokens, k, sentence[1])  # "said on Tuesday the talks had failed"
    following = tokens[k] if k < len(tokens) else None
    after_quote = any(tokens[j].text in DOUBLE_MARKS + "’'" and not possessive(tokens, j)  # also 'single' marks
                      for j in range(max(verb - 2, 0), verb))
    if (following is not None and following.word and following.start < sentence[1] and verb > first
            and not after_quote  # '"...," said Umm Mohammed, a mother of five': the speaker, not a clause
            and not inverted(tokens, verb, k)  # "..., said Nour Hamdy, a lawyer.": the speaker after the clause
            and _reports_clause(tokens, verb, k)
            and following.text.lower() not in EN_PLACE_PREPOSITIONS
            and (following.text.lower() not in EN_CLAUSE_BLOCKERS | EN_WEEKDAYS or at_least(tokens, k)
                 or no_opens(tokens, k) or adjective_noun(tokens, k))):
        return _cut(tokens, k, _clause_end(tokens, k, sentence[1], "en"))
    return _fronted_clause(tokens, verb, sentence, first)


EN_JOINERS = frozenset({"and", "but"})


def _before_joined_that(tokens: list[Token], verb: int, that: int, sentence: tuple[int, int],
                        first: int) -> tuple[int, int] | None:
    """"said in a statement it was cooperating fully and that passengers would be refunded": the first
    "that" found is the second statement's, joined by "and"/"but"; the first statement follows the verb
    without one, from where a clause opens (after an adverbial or at once) to the end that takes in both."""
    if tokens[that - 1].text.lower() not in EN_JOINERS or that - verb <= 2:
        return None
    start = _past_adverbials(tokens, verb, sentence[1])
    if start is None and tokens[verb].text.lower() in EN_CLAUSE_VERBS - EN_TOLD and verb > first:
        k = verb + 1 + _time_adverbial(tokens, verb + 1, sentence[1])
        start = k if k < that - 2 and _opens_clause(tokens[k]) and finite_clause_at(tokens, k) else None
    if start is None or start >= that - 2:
        return None
    return _cut(tokens, start, _clause_end(tokens, start, sentence[1], "en"))


EN_THAT_REACH = 6
EN_PHRASE_REACH = 12


def _that_after(tokens: list[Token], verb: int) -> int | None:
    """The "that" of the verb's clause: within ``EN_THAT_REACH`` words, unless a participle's comes first
    ("said on Sunday, warning that": warning's); further through a prepositional phrase or a parenthesis
    ("said in a statement carried by state news agency MAP that", "said, according to the state-run
    news agency, that"), as long as no other verb of saying intervenes."""
    parenthesis = False
    for k in range(verb + 1, min(verb + 1 + EN_PHRASE_REACH, len(tokens))):
        word = tokens[k].text.lower()
        if word == "that":
            return k if (k - verb <= EN_THAT_REACH or parenthesis or _phrase_between(tokens, verb, k)
                         or listener_before_that(tokens, verb, k)) else None
        if word in EN_PARTICIPLES or (word in EN_VERBS and k > verb + 1 and not (parenthesis and word == "according")) or (
                word in ".;:!?"):
            return None
        if word == ",":
            parenthesis = k == verb + 1 or parenthesis
    return None


def _phrase_between(tokens: list[Token], verb: int, that: int) -> bool:
    """"in a statement carried by MAP": a preposition right after the verb and no comma up to "that"."""
    return tokens[verb + 1].text.lower() in {"in", "on", "at", "during", "through"} and all(
        t.text not in ",\"“”" for t in tokens[verb + 1: that])


def _reports_clause(tokens: list[Token], verb: int, k: int) -> bool:
    """Whether the verb reports the words at ``k`` as a clause without "that": a verb of saying does;
    one that also takes a noun ("claimed responsibility", "promised a review") only before a finite verb."""
    word = tokens[verb].text.lower()
    if word == "say" and verb > 0 and tokens[verb - 1].text.lower() in EN_BEFORE_INFINITIVE:
        return False  # "did not say what ...", "declined to say": no statement
    if word in EN_OBJECT_VERBS:
        return finite_clause_at(tokens, k, past=True)
    return word in EN_CLAUSE_VERBS or (word in EN_PROMISES and finite_clause_at(tokens, k))


def _fronted_clause(tokens: list[Token], verb: int, sentence: tuple[int, int], first: int) -> tuple[int, int] | None:
    """"CLAUSE, Witkoff said ...": the clause opens the sentence and ends at the comma before the subject."""
    if tokens[verb].text.lower() not in EN_REVERSE_VERBS:
        return None
    comma = next((j for j in range(verb - 1, first, -1) if tokens[j].text == ","), None)
    after = tokens[verb + 1] if verb + 1 < len(tokens) else None
    then = tokens[verb + 2] if verb + 2 < len(tokens) else None
    ends = (after is None or after.start >= sentence[1] or after.text in ".!?"
            or (after.text == "," and then is not None and then.word and then.text.islower())  # "said, in the"
            or (after.word and after.text.lower() in EN_CLAUSE_BLOCKERS - EN_OBJECT_PREPOSITIONS)
            or (after.word and after.text.lower() in EN_WEEKDAYS and then is not None and (
                then.text in ".!?," or then.text.lower() in EN_ADVERBIAL_OPENERS))  # "said Thursday after talks"
            or _listener_ends(tokens, verb, sentence[1]) or listener_then_aside(tokens, verb, sentence[1])
            or described_listener_closes(tokens, verb, sentence[1])
            or inverted(tokens, verb, verb + 1))
    if comma is not None and (apposed := apposed_subject(tokens, comma, verb, first)) is not None:
        comma = apposed  # "..., the country's transport minister, Ali Hassan, said"
    elif not (comma is not None and (verb - comma - _bracketed(tokens, comma, verb) <= 7
                                     or long_subject(tokens, comma, verb))):
        return None
    if first < comma and ends:
        return _cut(tokens, _after_dateline(tokens, first, comma), tokens[comma].start)
    return None


def _bracketed(tokens: list[Token], start: int, end: int) -> int:
    """Tokens of a bracketed abbreviation between ``start`` and ``end`` ("state-run Kuwait National Petroleum
    Co (KNPC) said"): the short name adds nothing to the subject's length."""
    opened = next((k for k in range(start, end) if tokens[k].text == "("), None)
    closed = next((k for k in range(end - 1, start, -1) if tokens[k].text == ")"), None)
    return closed - opened + 1 if opened is not None and closed is not None and closed - opened <= 3 else 0


EN_ADVERBIAL_OPENERS = frozenset("after at in during following before while".split())
"""After "said Thursday" these open an adverbial ("said Thursday after a round of talks"): no clause follows."""
EN_OBJECT_PREPOSITIONS = frozenset("against of about".split())
"""After a reporting verb these open its object ("warned against a repeat of", "warned of"): the verb
closes no clause fronted before it."""


def _listener_ends(tokens: list[Token], verb: int, sentence_end: int) -> bool:
    """"..., three bankers in Tripoli told AFP.", "..., he told reporters on Monday.": after "told" only
    the listener (and a time) up to the sentence's end, so the reported clause is the one before."""
    if tokens[verb].text.lower() not in EN_TOLD:
        return False
    rest = [t for t in tokens[verb + 1:] if t.start < sentence_end]
    if not all(t.word or t.text in ".!?-" for t in rest):
        return False
    words = [t for t in rest if t.word]
    place = next((j for j, t in enumerate(words) if j > 0 and t.text.lower() in EN_SETTING_HEADS), len(words))
    return 0 < place <= 4 and len(words) - place <= EN_SETTING_WORDS and not any(
        t.text.lower() in EN_CLAUSE_OPENERS - EN_ARTICLES or t.text.lower() in EN_VERBS for t in words[place:])


EN_SETTING_HEADS = EN_PLACE_PREPOSITIONS | frozenset("at in on during after before following".split())
EN_SETTING_WORDS = 6
EN_ARTICLES = frozenset("the a an this".split())
"""After the listener, where or when it was told ("told reporters at the Yas Island station", "told
lawmakers in Cairo on Tuesday"), up to the sentence's end: a phrase of place or time of at most
``EN_SETTING_WORDS`` words, with no pronoun or verb that would open a clause of its own."""


def _after_dateline(tokens: list[Token], first: int, end: int) -> int:
    """"Gaza City, Dec 1 (AFP) – Forty-eight ...": a wire dateline before the dash is no part of the
    clause that opens the article's first sentence."""
    for k in range(first, min(first + 12, end)):
        if tokens[k].text in "–—-" and k > first and (tokens[k - 1].text == ")" or tokens[k - 1].text.isupper()):
            return k + 1
    return first


EN_TIME_HEADS = frozenset("on at last in".split())
EN_TIME_TAILS = frozenset("""first monday tuesday wednesday thursday friday saturday sunday week month year night
weekend january february march april may june july august september october november december""".split())
EN_NUMBER_OPENERS = frozenset("one two three four five six seven eight nine ten some more most many several".split())
"""A clause may open with a number or a quantity ("said on Tuesday one of its servers had been breached")."""


def _time_adverbial(tokens: list[Token], k: int, sentence_end: int) -> int:
    """2 when a time adverbial of two words ("on Tuesday", "at first", "last week") stands between the
    verb and a clause that opens with a pronoun or a determiner; else 0."""
    if k + 2 >= len(tokens) or tokens[k + 2].start >= sentence_end:
        return 0
    head, tail, opener = (tokens[k + j].text.lower() for j in range(3))
    if head in EN_WEEKDAYS and tail in EN_CLAUSE_OPENERS:
        return 1  # "said Thursday the decision was final" (wire style, no "on")
    opens = opener in EN_CLAUSE_OPENERS or opener in EN_NUMBER_OPENERS or opener[:1].isdigit()
    return 2 if head in EN_TIME_HEADS and tail in EN_TIME_TAILS and opens else 0


EN_MEDIA = frozenset("newspaper daily paper weekly broadcaster channel television radio station network agency "
                     "magazine website".split())
"""What follows an outlet's name in "told the Al-Ahram newspaper", "told France Inter radio": the listener."""


def _after_listener(tokens: list[Token], k: int, sentence_end: int) -> int:
    """The token after whom a speaker told: a capitalised name with its place ("KSWB-TV in San Diego",
    "the BBC") or a plural listener ("reporters"). The clause must then open with a lower-case word."""
    j = k
    while j < len(tokens) and tokens[j].start < sentence_end and tokens[j].word:
        word = tokens[j].text
        capital_next = j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper()
        media = j > k and tokens[j - 1].text[:1].isupper() and word.lower() in EN_MEDIA  # "the Echorouk newspaper"
        if word[:1].isupper() or word.lower() in EN_LISTENERS or (word in {"in", "the", "of"} and capital_next) or media:
            j += 1
            continue
        break
    return j if j > k and j < len(tokens) and tokens[j].word and tokens[j].text[:1].islower() else k


def _cut(tokens: list[Token], first: int, end: int) -> tuple[int, int] | None:
    start = tokens[first].start
    last = [t for t in tokens if start <= t.start < end]
    while last and not last[-1].word and last[-1].text in ".،,;:؛":
        last.pop()
    if not last:
        return None
    return start, last[-1].end


EN_SETTINGS = frozenset("""statement statements interview briefing conference meeting speech address call message
letter video post broadcast session hearing filing email tweet x facebook telegram instagram television radio
podcast remarks release opinion summit rally visit week morning evening night""".split()) | EN_WEEKDAYS
"""Heads that end an adverbial between a reporting verb and its clause ("said in a statement", "said on X",
"told reporters after the weekly cabinet meeting", "said on Wednesday")."""
EN_ADVERBIAL_HEADS = frozenset("in on at after during via through following late earlier last this".split())
EN_QUANTIFIERS = frozenset("more most some all no any every each several many about nearly almost only".split())


def _past_adverbials(tokens: list[Token], verb: int, sentence_end: int) -> int | None:
    """Where the reported clause starts when adverbials stand between the verb and it ("said in a
    statement the decision was ...", "said on X more than 1,000 firefighters were ...", "told reporters
    after the meeting ministers had ...", "said in a statement last week that ..."); None when no
    adverbial of that kind is there, or no clause with a finite verb follows it."""
    if tokens[verb].text.lower() not in EN_CLAUSE_VERBS | {"promised", "warned"}:
        return None
    k = verb + 1
    if tokens[verb].text.lower() in EN_TOLD:
        k = _after_listener(tokens, k, sentence_end)
    skipped = 0
    while (end := _adverbial_end(tokens, k, sentence_end)) is not None and skipped < 3:
        k, skipped = end, skipped + 1
    if not skipped or k >= len(tokens) or tokens[k].start >= sentence_end or not tokens[k].word:
        return None
    if tokens[k].text.lower() == "that":
        return k + 1 if k + 1 < len(tokens) and tokens[k + 1].start < sentence_end else None
    if not _opens_clause(tokens[k]):
        return None
    ahead = [t.text.lower() for t in tokens[k + 1: k + 16] if t.start < sentence_end]
    return k if any(w in EN_FINITE or (w.endswith("ed") and len(w) > 4) for w in ahead) else None


def _adverbial_end(tokens: list[Token], k: int, sentence_end: int) -> int | None:
    """The index after an adverbial that opens at ``k`` and ends on a setting or a time word, else None."""
    if k >= len(tokens) or tokens[k].start >= sentence_end or tokens[k].text.lower() not in EN_ADVERBIAL_HEADS:
        return None
    for j in range(k + 1, min(k + 6, len(tokens))):
        token = tokens[j]
        if token.start >= sentence_end or not (token.word or token.text == "-"):
            return None
        if token.text.lower() in EN_SETTINGS:
            while j + 1 < len(tokens) and tokens[j + 1].text.lower() in EN_SETTINGS - EN_WEEKDAYS:
                j += 1  # "in a Facebook statement", "on Telegram video"
            return j + 1
    return None


def _opens_clause(token: Token) -> bool:
    """A clause's first word: a determiner, a pronoun, a number, a quantifier, a name or a plural noun."""
    word = token.text
    lowered = word.lower()
    if lowered in EN_CLAUSE_BLOCKERS or lowered.endswith(("ed", "ing", "ly")):
        return False
    return (lowered in EN_CLAUSE_OPENERS or lowered in EN_QUANTIFIERS or word[:1].isupper() or word[:1].isdigit()
            or (lowered.endswith("s") and not lowered.endswith("ss")))
