"""Which words a rule of ``attribution.find_attributions`` can act on: a reporting verb or participle, a
source preposition, a statement's "جاء" or a reply's "رد".

Why a module of its own: ``find_attributions`` asks five rules of every token of every paragraph, each a
function call, and all but a few words in a hundred fail every one of them. ``may_report`` is the union of
what each rule first looks up, so a token it rules out is one every rule would have passed over.
"""

from __future__ import annotations

from cluster.quotes.lexicon import (
    AR_ACCOUNT_VERBS,
    AR_PARTICIPLES,
    AR_PRESENT_GO_ON,
    AR_VERBS,
    EN_PARTICIPLES,
    EN_VERBS,
)
from cluster.quotes.names import Token
from cluster.quotes.sources import AR_SOURCE_TRIGGERS, strip_prefix_article
from cluster.textnorm import normalize

AR_CAME = frozenset(normalize(w) for w in "جاء وجاء وورد".split())
""""وجاء في البيان": a statement's words, reported (``attribution._statement_words``)."""
AR_REPLY_VERBS = frozenset(normalize(w) for w in """رد ردت ورد وردت فرد فردت عقب عقبت وعقب وعقبت فعقب فعقبت
علق علقت وعلق وعلقت يرد ترد ويرد وترد فيرد فترد""".split())
"""ردّ (replied), which reads as ورد (came, was mentioned: "ورد في البيان") with و, and عقّب (answered),
which reads as عقب (after: "عقب الاجتماع"), and علّق (commented: "«...»، هكذا علّق المتحدث X"), which also
means "suspended": reporting verbs only when a person the article names in full, an institution
("وردّت الخارجية") or, with the shadda, a title follows them; "علّقت الحكومة المفاوضات" has no clause.
The present يردّ/تردّ ("ويردّ المحافظ بأن ...", as features write an exchange) also reads "appears" ("يرد
اسمه في القائمة"): the same checks hold."""

AR_WROTE = frozenset(normalize(w) for w in "كتب كتبت".split())
"""كتب without و: "books" or a byline ("كتب: فلان") as often as "he wrote"; a reporting verb only when a
subject and the platform or post it wrote on follow ("كتب النائب X على منصة «إكس»:", ``wrote_on``)."""
AR_POSTS = frozenset(normalize(w) for w in "تغريدة منشور تدوينة رسالة".split())
AR_PLATFORMS = frozenset(normalize(w) for w in "منصة حساب حسابه حسابها صفحة صفحته صفحتها موقع".split())

CLOSING_MARKS = frozenset('»”"')


def account_after_quote(tokens: list[Token], i: int, lang: str) -> bool:
    """"«...»، تروي فاطمة X": an account verb right after a closing quote mark and a comma; also the
    present of "went on" there ("«...»، تتابع X") or before its colon ("وتتابع: «...»")."""
    if lang != "ar":
        return False
    after_quote = i >= 2 and not tokens[i - 1].word and tokens[i - 1].text in "،," and tokens[i - 2].text in CLOSING_MARKS
    if tokens[i].norm in AR_ACCOUNT_VERBS:
        return after_quote
    if not any(form in AR_PRESENT_GO_ON for form in clitic_forms(tokens[i].norm)):
        return False
    return after_quote or (i + 1 < len(tokens) and tokens[i + 1].text == ":")


EN_ASKED = frozenset({"asked"})
"""English "asked" reports a quotation only inverted after a question ('"...?" asked X'): elsewhere its
clause is a request ("asked the court to delay"), no statement."""


def asked_after_question(tokens: list[Token], i: int, lang: str) -> bool:
    """'"How are we supposed to start?" asked Abdullah Ghorab, head of ...': "asked" right after a
    closing quote mark that follows a question mark."""
    if lang == "ar" or tokens[i].text not in EN_ASKED:
        return False
    k = i - 1  # '"...?" she asked', '"...?" Khoury asked': the subject may stand between the mark and the verb
    while k > 0 and i - k <= EN_ASKER_WORDS and tokens[k].word and (
            tokens[k].text[:1].isupper() or tokens[k].text.lower() in EN_ASKER_PRONOUNS):
        k -= 1
    return k >= 1 and tokens[k].text in CLOSING_MARKS and tokens[k - 1].text == "?"


EN_ASKER_PRONOUNS = frozenset("he she they".split())
EN_ASKER_WORDS = 3
"""Most words of the subject between a question's closing mark and "asked" (a pronoun or a name)."""


EN_POSTED = frozenset({"posted"})
EN_PLATFORMS = frozenset("instagram facebook twitter x tiktok telegram threads linkedin snapchat youtube".split())
EN_POSTER_WORDS = frozenset("he she they it also later then".split())
"""What may stand right before a reporting "posted": its subject (a name, a pronoun) or an adverb."""
POSTED_WINDOW = 6
"""Words after "posted" in which "on" and the platform must stand ("posted on Instagram after the match:")."""


def posted_on(tokens: list[Token], i: int, lang: str) -> bool:
    """'X posted on Instagram after the final whistle: "..."': "posted" reports a post only when "on" and
    a platform follow it ("posted a loss" / "posted to Ankara" report nothing) and its subject, a name or
    a pronoun, or a comma closing one, stands right before it ("a statement posted on" is a participle)."""
    if lang == "ar" or tokens[i].text not in EN_POSTED or i == 0:
        return False
    before = tokens[i - 1].text
    if not (before in ",;" or before[:1].isupper() or before.lower() in EN_POSTER_WORDS):
        return False  # "said in a statement posted on Telegram:": a participle, the subject is elsewhere
    window = tokens[i + 1: i + 1 + POSTED_WINDOW]
    return any(a.text == "on" and b.text.lower() in EN_PLATFORMS for a, b in zip(window, window[1:], strict=False))


AR_CLOSED = frozenset(normalize(w) for w in "ختم ختمت اختتم اختتمت".split())
AR_BY_SAYING = frozenset(normalize(w) for w in "بالقول بقوله بقولها".split())
"""ختم / اختتم (closed) report speech only as "وختم X (حديثه) بالقول: ..." (``closed_by_saying``)."""
CLOSED_WINDOW = 8
AR_CLOSED_OBJECTS = frozenset(normalize(stem + suffix) for stem in
                              "حديث كلمت بيان تصريح تصريحات مداخلت رسالت خطاب مقال منشور تدوينت مؤتمر".split()
                              for suffix in ("ه", "ها", "هم"))
"""What a speaker closed, with its pronoun ("حديثه", "كلمتها", "بيانه"): no word of the subject."""

_EN_WORDS = EN_VERBS | EN_PARTICIPLES | EN_ASKED | EN_POSTED
_AR_WORDS = AR_CAME | AR_REPLY_VERBS | AR_WROTE | AR_ACCOUNT_VERBS
_AR_FORMS = AR_VERBS | AR_PARTICIPLES | AR_SOURCE_TRIGGERS | AR_PRESENT_GO_ON


def clitic_forms(norm: str) -> list[str]:
    """A normalised Arabic word and, when it starts with the conjunction و or ف, the word without it."""
    forms = [norm]
    if len(norm) > 3 and norm[0] in "وف":
        forms.append(norm[1:])
    return forms


def may_report(token: Token, lang: str) -> bool:
    """Whether any rule of ``find_attributions`` can act on this token (False: every one passes over it)."""
    if not token.word:
        return False
    if lang != "ar":
        return token.text.lower() in _EN_WORDS
    norm = token.norm
    return norm in _AR_WORDS or any(form in _AR_FORMS or form in AR_CLOSED for form in clitic_forms(norm))


def name_word_before_verb(tokens: list[Token], i: int, lang: str) -> bool:
    """"Dhofar governor Sayyid Marwan bin Turki Al Said said": a capitalised word that spells a reporting
    verb ("Said", an Arabic family name), between a capitalised name word and a lower-case reporting verb,
    is the last word of the name, not the verb (no outlet writes "X Said said" for "X said said")."""
    if lang == "ar" or not 0 < i < len(tokens) - 1 or not tokens[i].text[:1].isupper():
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    return (before.word and before.text[:1].isupper() and after.word and after.text[:1].islower()
            and after.text in _EN_WORDS)


def closed_subject_end(tokens: list[Token], i: int) -> int:
    """Where the subject of "وختم X بيانه بالقول" ends: before بالقول and before what X closed."""
    k = next(k for k in range(i + 1, len(tokens)) if tokens[k].norm in AR_BY_SAYING)
    return k - 1 if k - 1 > i + 1 and tokens[k - 1].norm in AR_CLOSED_OBJECTS else k


def closed_by_saying(tokens: list[Token], i: int, lang: str) -> bool:
    """"وختم الوزير بالقول: ...", "واختتمت المتحدثة حديثها بالقول إن ...": ختم then بالقول within a few words
    (a subject, what was closed); "ختم الاجتماع أعماله" reports nothing."""
    if lang != "ar" or not any(f in AR_CLOSED for f in clitic_forms(tokens[i].norm)):
        return False
    for k in range(i + 1, min(i + CLOSED_WINDOW, len(tokens))):
        if not tokens[k].word:
            return False
        if tokens[k].norm in AR_BY_SAYING:
            return True
    return False


_ON, _IN = normalize("على"), normalize("في")
WROTE_ON_WINDOW = 12
"""Words after كتب in which the platform or the post must stand (a title and a name come first)."""


def wrote_on(tokens: list[Token], i: int, lang: str) -> bool:
    """"كتب النائب السابق X على منصة «إكس»:", "كتبت الوزيرة في تغريدة": كتب with a subject, then on a
    platform or in a post; not a byline ("كتب: محمد علي", "كتب محمد علي" with nothing after the name)."""
    if lang != "ar" or not any(f in AR_WROTE for f in clitic_forms(tokens[i].norm)) or i + 1 >= len(tokens) or (
            not tokens[i + 1].word):
        return False
    first = i + 1 if i > 0 and tokens[i - 1].norm == "قد" else i + 2  # "وكان الوزير قد كتب على منصة إكس أن"
    for k in range(first, min(i + WROTE_ON_WINDOW, len(tokens) - 1)):
        if not tokens[k].word and tokens[k].text in ":.":
            return False
        following = strip_prefix_article(tokens[k + 1].norm)
        if tokens[k].norm == _ON and following in AR_PLATFORMS or tokens[k].norm == _IN and following in AR_POSTS:
            return True
    return False
