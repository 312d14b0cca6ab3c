"""The subject of an Arabic reporting verb: the words after it, through a title's phrases, up to the clause.

"وقال ممثل منظمة الصحة العالمية في الأرض الفلسطينية المحتلة ريك بيبركورن إن": a title may go on through
a preposition to the name that ends it; a complementizer, a time word, a participle, a relative clause
or the outlet spoken to ("لقناة ...") ends it. Split from ``attribution`` by concern.
"""

from __future__ import annotations

from cluster.quotes.boundary import body_of_place
from cluster.quotes.letters import letter_n, marked_acronym
from cluster.quotes.lexicon import (
    AR_COMPLEMENTIZERS,
    AR_GENERIC,
    AR_MANNER,
    AR_MEDIA,
    AR_PARTICIPLES,
    AR_RELATIVES,
    AR_SKIP,
    AR_TITLE_ADJECTIVES,
    AR_TITLE_PREPOSITIONS,
    DOUBLE_MARKS,
)
from cluster.quotes.names import AR_FUNCTION_WORDS, Token, is_stop, name_run, name_runs
from cluster.quotes.sources import AR_ORG_HEADS, AR_ORG_NAMES, strip_prefix_article
from cluster.quotes.told_outlet import told_after_name, told_between_commas
from cluster.textnorm import normalize

AR_DESCRIBING = frozenset(normalize(w) for w in ("وهو", "وهي", "وهم"))
""""وهو عامل": what follows describes the speaker."""


def arabic_subject(tokens: list[Token], verb: int) -> list[Token]:
    """The words after an Arabic reporting verb up to a preposition, a time word, ``أن`` or ``:``."""
    subject: list[Token] = []
    quoted_name = False
    skip_to = verb
    for k in range(verb + 1, min(verb + 14, len(tokens))):
        token = tokens[k]
        if subject and not quoted_name and token.text in "«“\"" and marked_acronym(tokens, k):
            break  # "مكتب الإحصاء الوطني النيجيري «إن بي إس» أنه": the name, then its abbreviation
        if not token.word and token.text in DOUBLE_MARKS and (subject or quoted_name or quoted_body(tokens, k)) and (
                quoted_name or (name_run(subject, "ar") is None and _short_quoted(tokens, k))):
            quoted_name = not quoted_name  # 'كبير محللي السلع في بنك "إس إي بي" السويدي بيارنه شيلدروب'
            if not subject or subject[0].text in DOUBLE_MARKS:
                subject.append(token)  # 'وقالت «طيران الإمارات»': the marks kept, the body's whole name
            continue
        if k <= skip_to:
            continue
        if not token.word and token.text == "(" and subject and (close := _bracket_end(tokens, k)) is not None:
            skip_to = close  # "الأمين العام لمنظمة البلدان المصدرة للبترول (أوبك) هيثم الغيص": an acronym
            continue
        if not token.word:
            if token.text in "،,":
                if told_between_commas(tokens, k, subject):
                    break  # "العميد زياد القيسي، لشفق نيوز، إن": the outlet told, not more of the name
                if _apposition_follows(tokens, k, subject) or (subject and not _subject_goes_on(tokens, k)) or (
                        _only_a_full_name(subject) and _closes_sentence(tokens, k)):  # "، سائق شاحنة."
                    break  # "قال مصدر دبلوماسي، فضّل عدم الكشف عن هويته، إن": what follows describes him
                continue
            break
        if quoted_name:
            subject.append(token)  # 'في «دار المال للأبحاث»': a body's name in marks is read whole (its لل too)
            continue
        norm = token.norm
        if norm in AR_SKIP and not subject:
            continue
        if ((norm in AR_TITLE_PREPOSITIONS or norm.startswith("لل")) and subject and name_run(subject, "ar") is None
                and not _next_is_complementizer(tokens, k)):
            subject.append(token)
            continue
        if (norm in {"في", "عن"} and subject and (name_run(subject, "ar") is None or body_word_head(subject) is not None)
                and _is_title(subject[0]) and _named_after_place(tokens, k)):
            subject.append(token)  # "المتحدث باسم الدفاع المدني في غزة محمود بصل"
            continue
        if (norm in AR_COMPLEMENTIZERS and not letter_n(tokens, k)) or is_stop(token) or norm.startswith("لل") or norm in AR_PARTICIPLES or (
                norm in AR_MANNER):
            break
        if subject and _adverbial(tokens, k):
            break  # "قال الوزير ردا على سؤال": why he spoke, not his name
        if norm in AR_RELATIVES or norm in AR_DESCRIBING:
            break  # "نارسيس تيرميز الذي يبلغ من العمر 68 عاما وهو عامل": what follows describes the speaker
        if (norm.startswith("ل") and norm[1:] in AR_MEDIA) or norm == "ل" or (
                (not subject or _named_in_full(subject)) and _bare_listener(tokens, k)) or told_after_name(
                tokens, k, subject) or (
                not subject and norm.startswith("ل") and norm[1:] in AR_ORG_HEADS):
            break  # "لقناة ...", 'لـ"الجزيرة نت"', "قال (X الزين) لهسبريس:", "وأضافت لهيئة الإذاعة ... أن"
        subject.append(token)
    return subject




QUOTED_NAME_WORDS = 4


def _bracket_end(tokens: list[Token], k: int) -> int | None:
    """The ")" closing a bracket of at most three words opened at ``k`` (an acronym or a name spelt out)."""
    for j in range(k + 1, min(k + 5, len(tokens))):
        if not tokens[j].word:
            return j if tokens[j].text == ")" and j > k + 1 else None
    return None


def _short_quoted(tokens: list[Token], k: int) -> bool:
    """A quote mark that closes within ``QUOTED_NAME_WORDS`` words: a name in marks inside the subject
    ('بنك "إس إي بي" السويدي'); a longer quotation right after the subject is the speech ("وهتف
    المتظاهرون «حرية حرية للمعتقلين الآن»")."""
    for j in range(k + 1, min(k + QUOTED_NAME_WORDS + 2, len(tokens))):
        if not tokens[j].word:
            return tokens[j].text in DOUBLE_MARKS
    return False


def quoted_body(tokens: list[Token], k: int) -> bool:
    """'وقالت «طيران الإمارات» في بيان', 'نقلا عن مرصد «نت بلوكس»': a mark at ``k`` opening a name of at most
    ``QUOTED_NAME_WORDS`` words, no particle among them ("لن نستسلم" is speech), whose closing mark a word or
    a comma follows: a body's name in marks."""
    words = []
    for j in range(k + 1, min(k + QUOTED_NAME_WORDS + 2, len(tokens))):
        if not tokens[j].word:
            following = tokens[j + 1] if j + 1 < len(tokens) else None
            return (tokens[j].text in DOUBLE_MARKS and bool(words) and following is not None and (
                following.word or following.text in "،,") and not any(
                    t.norm in AR_FUNCTION_WORDS or t.norm in AR_COMPLEMENTIZERS or is_stop(t) for t in words))
        words.append(tokens[j])
    return False


def quoted_after_head(tokens: list[Token], k: int, subject: list[Token]) -> list[Token]:
    """'مرصد «نت بلوكس»', 'فريق "منسقو استجابة سوريا"': a mark at ``k`` after a head of one or two words
    opening a body's name (``quoted_body``): the marks and the name; empty otherwise (not 'مصادر أمنية
    تحدثت لـ«الموقع»', whom the sources told)."""
    if tokens[k].word or not 0 < len(subject) <= 2 or tokens[k].text not in DOUBLE_MARKS or (
            subject[-1].norm == "ل" or not quoted_body(tokens, k)):
        return []
    close = next(j for j in range(k + 1, len(tokens)) if not tokens[j].word)
    return tokens[k: close + 1]


AR_ADVERBIAL_PREPOSITIONS = frozenset(normalize(w) for w in "على عن لـ".split())


AR_ADVERBIAL_LETTERS = 6
"""The verbal nouns of such adverbials are short (ردا، تعليقا، تعقيبا، جوابا); a longer word in ا before على is
the end of a foreign name ("لورانس كانيوكا على منصة إكس")."""


def _adverbial(tokens: list[Token], k: int) -> bool:
    """An indefinite accusative noun then على or عن ("ردا على سؤال", "تعليقا على التقرير"): an adverbial of
    the verb, which ends its subject (no name is a word in ا followed by "on" or "about")."""
    norm = tokens[k].norm
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return (2 < len(norm) <= AR_ADVERBIAL_LETTERS and norm.endswith("ا") and not norm.startswith("ال") and following is not None
            and following.word and following.norm in AR_ADVERBIAL_PREPOSITIONS)


def body_word_head(subject: list[Token]) -> int | None:
    """"رئيس نقابة أصحاب المخابز", "مركز أبحاث الزلازل": the only name run is an indefinite word right after
    a body's head noun in the construct state (no ال of its own), a definite word after it (in the run or
    not): the body's own construct name ("the union of bakery owners"), read as a name by elimination. The
    head's index. No person is named yet, so a title may still go on through في to the name ("... في
    البصرة كاظم الموسوي"), and the body is the phrase from its head."""
    runs = name_runs(subject, "ar")
    if len(runs) != 1 or runs[0][1] - runs[0][0] > 2 or not 0 < runs[0][0] < len(subject) - 1:
        return None
    first = runs[0][0]
    body = subject[first - 1].norm in AR_ORG_HEADS - AR_ORG_NAMES  # "نقابة X ال...", not "النقابة مراد الزين"
    genitive = subject[first + 1]
    construct = not subject[first].norm.startswith("ال") and genitive.norm.startswith(("ال", "وال")) and not (
        genitive.text.endswith(("ي", "ية", "يه")))  # "شركة أرامكو السعودية": a name and its nisba ("الطوارئ" is none)
    return first - 1 if body and construct else None


def _is_title(token: Token) -> bool:
    """"المتحدث" opens a title that a place and a name may follow; "الصفدي" is a speaker already
    ("وقال الصفدي في مؤتمر صحفي مشترك": the conference is no place before a name)."""
    return strip_prefix_article(token.norm) in AR_GENERIC or token.norm in AR_TITLE_ADJECTIVES  # "كبير محللي"


def _named_after_place(tokens: list[Token], k: int, depth: int = 0) -> bool:
    """"في PLACE NAME NAME", "في الأرض الفلسطينية المحتلة ريك بيبركورن", "عن حزب المصري الديمقراطي
    فريدي البياضي" then a complementizer, a colon or a comma: the title goes on to the name that ends
    the phrase (a name of two words at least, after the place or a definite word), or then the outlet told
    ('الباحث في أمن المعلومات X لـ"الشروق":')."""
    words: list[Token] = []
    end = k + 1
    closed = -1  # where in ``words`` a body's name in marks ended ("في «دار المال» سارة القحطاني")
    for end in range(k + 1, min(k + 11, len(tokens))):
        token = tokens[end]
        if not token.word and token.text in DOUBLE_MARKS and (words or quoted_body(tokens, end)):
            closed = len(words) if words else closed
            continue
        if not token.word or token.norm in AR_COMPLEMENTIZERS or (words and (is_stop(token) or _told(token))):
            break  # "... في السودان كليمنتاين نكويتا سلامي من أن": حذر من
        words.append(token)
    runs = name_runs(words[1:], "ar")
    if len(words) < 3 or runs == [(0, len(words) - 1)]:
        return len(words) >= 3
    closer = tokens[end] if end < len(tokens) else None
    if closer is None or not (closer.norm in AR_COMPLEMENTIZERS or closer.text in ":،," or is_stop(closer)
                              or _told(closer)):
        return False
    if not runs and closer.norm in {"في", "عن"} and depth == 0:
        return _named_after_place(tokens, end, 1)  # "القيادي في ائتلاف دولة القانون في البصرة علي الموسوي"
    first, last = runs[-1] if runs else (0, 0)
    return last == len(words) - 1 and first > 0 and last - first >= 2 and (
        words[first].norm.startswith(("ال", "وال")) or body_of_place(words[first - 1])  # "بجامعة قطر مريم الخاطر"
        or closed == first + 1)  # "المحللة في «دار المال للأبحاث» سارة القحطاني": the body in marks, then the name


def _told(token: Token) -> bool:
    """'لـ"الشروق"', "لقناة الجزيرة": the outlet the speaker told."""
    return token.norm == "ل" or (token.norm.startswith("ل") and token.norm[1:] in AR_MEDIA)


def _bare_listener(tokens: list[Token], k: int) -> bool:
    """"قال لهسبريس: ...", "أكد لرويترز أن": one word with ل (not لل) alone between the verb and its colon
    or complementizer is the outlet spoken to: a speaker named after the verb has two words at least, and
    the one who spoke stands before the verb ("غير أن رئيس الجمعية، X، قال لهسبريس")."""
    norm = tokens[k].norm
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    return (norm.startswith("ل") and not norm.startswith(("لل", "ال")) and len(norm) >= 4 and following is not None
            and ((not following.word and following.text == ":") or following.norm in AR_COMPLEMENTIZERS))


def _named_in_full(subject: list[Token]) -> bool:
    """"رئيس النقابة مراد الزين": the subject already ends on a full name whose family name carries ال; no
    given name follows a family name, so a ل-word after it is the outlet told, not a third name word
    ("محمد لطفي" keeps its لطفي: one given name before it)."""
    run = name_run(subject, "ar")
    return run is not None and len(run.split()) >= 2 and subject[-1].norm.startswith("ال") and (
        subject[-1].text == run.split()[-1])


def _only_a_full_name(subject: list[Token]) -> bool:
    """The subject before a comma is a name of two words or more and nothing else ("يقول كريم بوعلام،"):
    what the comma brings is an apposition ("سائق شاحنة", "ربة منزل"), never more of the name. A comma
    after a title ("قال الرئيس الأميركي، دونالد ترامب") or a body ("الناطق باسم وزارة الخارجية وشؤون
    المغتربين، السفير سفيان القضاة", whose last words look like a name) still leads to the name."""
    run = name_run(subject, "ar")
    return run is not None and len(run.split()) >= 2 and run.split() == [t.text for t in subject if t.word]


def _closes_sentence(tokens: list[Token], comma: int) -> bool:
    """What follows the comma runs to the sentence's end ("«...»، يقول كريم بوعلام، سائق شاحنة."), to a
    colon, or to a comma that opens the quotation's next part ('"..."، يقول X، صاحب محل مجاور، "..."'):
    a closing apposition (its words read as a name by elimination, no more of the name); a name between
    commas before إن ("وقال محامي الصحفي، ريباز حمه علي، إن") is the subject going on."""
    for j in range(comma + 1, min(comma + 8, len(tokens))):
        token = tokens[j]
        if not token.word:
            resumes = token.text in "،," and j + 1 < len(tokens) and tokens[j + 1].text in DOUBLE_MARKS
            return token.text in ".!؟?:" or resumes
        if token.norm in AR_COMPLEMENTIZERS:
            return False
    return comma + 8 >= len(tokens)


def _apposition_follows(tokens: list[Token], comma: int, subject: list[Token]) -> bool:
    """"قال جون جولدسميث، رئيس مجتمع كرومويل": after a name, a comma and a title start an apposition
    that describes the speaker; the name is the subject."""
    following = next((t for t in tokens[comma + 1:] if t.word), None)
    return following is not None and following.norm in AR_GENERIC and name_run(subject, "ar") is not None


NOT_WORD = normalize("عدم")
AR_INCLUDING = frozenset(normalize(w) for w in "منها منهم ومنها ومنهم بينها بينهم".split())
""""وسائل إعلام تركية، منها قناة خبر تورك،": the sources narrowed to the one that is named."""


def _subject_goes_on(tokens: list[Token], comma: int) -> bool:
    """"قال الرئيس الأميركي، دونالد ترامب، إن": after the comma comes a name and nothing else up to the
    next comma or the complementizer, or the named one of the sources ("منها قناة ..."): the subject goes
    on through the comma."""
    if comma + 1 < len(tokens) and tokens[comma + 1].norm in AR_INCLUDING:
        return True
    words: list[Token] = []
    for token in tokens[comma + 1: comma + 7]:
        if not token.word or token.norm in AR_COMPLEMENTIZERS:
            break
        words.append(token)
    if any(t.norm == NOT_WORD for t in words):
        return False  # "، طلب عدم نشر اسمه،": the source's anonymity, no name
    titles = 0
    while titles < len(words) - 2 and _person_title(words[titles]):
        titles += 1  # "الناطق باسم الوزارة، السفير سفيان القضاة، إن": the unnamed title's holder, named
    rest = words[titles:]
    return bool(rest) and (name_runs(rest, "ar") == [(0, len(rest))] or (  # read with its title too: the title
        titles > 0 and name_runs(words, "ar") == [(titles, len(words))]))  # shows "الدكتورة سامية" a name


def _person_title(token: Token) -> bool:
    """"السفير", "العميد", "الأمين العام": a definite word before the name (a title, its adjective)."""
    return token.norm.startswith("ال") and not is_stop(token)


def _next_is_complementizer(tokens: list[Token], k: int) -> bool:
    following = next((t for t in tokens[k + 1:] if t.word), None)
    return following is not None and following.norm in AR_COMPLEMENTIZERS
