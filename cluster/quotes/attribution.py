"""Who said it: reporting verbs, their subjects, and pronouns or descriptions resolved to a name.

The subject of a reporting verb gives the speaker as written ("المبعوث الأميركي ستيف ويتكوف", "he",
"الصحيفة"); the *name* is the run of proper-name tokens in it (titles and descriptions dropped). A verb
with no subject, a pronoun, or a definite description refers back to a speaker met earlier in the
article (``History``). Anonymous sources and descriptions that resolve to nobody keep ``name = None``:
the text gives no name, and none is guessed. docs/quotes.md has the rules with examples.
"""

from __future__ import annotations

from cluster.documents import Segment
from cluster.quotes.arabic_subject import arabic_subject, quoted_after_head
from cluster.quotes.bodynoun import statement_issuer
from cluster.quotes.coref import resolve
from cluster.quotes.english_subject import english_subject
from cluster.quotes.finite import finite_clause_at
from cluster.quotes.fronted import arabic_fronted_subject
from cluster.quotes.fullnames import full_name
from cluster.quotes.gender import arabic_verb_gender
from cluster.quotes.history import Attribution, History, Speaker
from cluster.quotes.lexicon import (
    AR_COMPLEMENTIZERS,
    AR_GENERIC,
    AR_PARTICIPLES,
    AR_RELATIVES,
    AR_VERBS,
    EN_DETERMINERS,
    EN_PARTICIPLES,
    EN_PROMISES,
    EN_RELATIVES,
    EN_THAT_VERBS,
    EN_TITLES,
    EN_VERBS,
)
from cluster.quotes.mentions import lead_institution
from cluster.quotes.names import AR_FUNCTION_WORDS, Token, is_name_token, is_stop, tokenize
from cluster.quotes.relative_speaker import relative_speaker
from cluster.quotes.sources import (
    AR_ORG_HEADS,
    AR_SOURCE_TRIGGERS,
    ORGANISATION,
    PERSON,
    UNATTRIBUTED,
    strip_prefix_article,
)
from cluster.quotes.triggers import (
    AR_CAME,
    AR_REPLY_VERBS,
    account_after_quote,
    asked_after_question,
    clitic_forms,
    closed_by_saying,
    closed_subject_end,
    may_report,
    name_word_before_verb,
    posted_on,
    wrote_on,
)
from cluster.textnorm import normalize

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
        if not may_report(token, lang) or any(o < token.start < c for o, c in marks) or name_word_before_verb(
                tokens, i, lang):
            continue
        if is_source_trigger(tokens, i, lang):
            written = source_subject(tokens, i, lang)
        elif _english_participle(tokens, i, lang):
            written = []  # ", adding that": the subject is the sentence's
        elif _reply_by_named(tokens, i, lang, history):
            written = arabic_subject(tokens, i) or arabic_fronted_subject(tokens, i)  # "ورد X لاحقا بأن"
        elif asked_after_question(tokens, i, lang) or posted_on(tokens, i, lang):
            written = english_subject(tokens, i)  # '"...?" asked X, head of ...', "X posted on Instagram:"
        elif account_after_quote(tokens, i, lang):
            written = arabic_subject(tokens, i)  # "«...»، يروي X، وهو نزيل": the witness
        elif closed_by_saying(tokens, i, lang):
            written = arabic_subject(tokens[:closed_subject_end(tokens, i)], i)  # "وختم الوزير حديثه بالقول:"
        elif wrote_on(tokens, i, lang):
            written = arabic_subject(tokens, i) or arabic_fronted_subject(tokens, i)  # "كتب النائب X على منصة «إكس»:"
        elif (statement := _statement_words(tokens, i, lang)) is not None:
            speaker = _issuer(statement, seg, history)  # "وجاء في البيان الختامي أن"
            found.append(Attribution(i, speaker.name, speaker.written, speaker.kind))
            continue
        elif is_verb(token, lang) and (named := relative_speaker(tokens, i, lang)) is not None:
            written = named  # «هانيا الحمامي، التي قالت عقب فوزها: «...»»
        elif not is_verb(token, lang) or _in_relative_clause(tokens, i, lang) or _noun_use(tokens, i, lang) or (
                _without_that(tokens, i, lang)) or _passive(tokens, i, lang):
            continue
        elif lang == "ar" and any(f in AR_PARTICIPLES for f in clitic_forms(token.norm)):
            written = _which_subject(tokens, i)  # "مضيفا": the subject is the sentence's speaker
        elif (quoted := _quoted_source(tokens, i, lang)) is not None:
            written = quoted
        else:
            written = arabic_subject(tokens, i) if lang == "ar" else english_subject(tokens, i)
            if lang == "ar" and (not written or (i > 0 and tokens[i - 1].norm == "قد")):
                written = arabic_fronted_subject(tokens, i) or written  # "وكان X قد أعلن الشهر الماضي أن": X
        # a headline's "Saudi minister says" is resolved against the whole article, like its labels
        at = None if seg.start == 0 and lang != "ar" and _titled_description(written) else seg.start + token.start
        speaker = _issuer(written, seg, history) if _statement_subject(written, lang) else (  # "وأضاف البيان"
            resolve(written, lang, seg, history, at, _verb_gender(tokens, i, lang)))
        found.append(Attribution(i, speaker.name, speaker.written, speaker.kind))
        if speaker.written is not None or (lang == "ar" and speaker.kind == ORGANISATION and speaker.name) or (
                _newly_shown(speaker, seg, history)):
            history.add(seg.index, seg.kind, speaker, seg.start + token.start)  # also "قررت مجموعة ... قالت"
    return found


def _newly_shown(speaker: Speaker, seg: Segment, history: History) -> bool:
    """A subjectless verb ("يقول:") whose speaker the text shows afresh ("كان أبو أحمد يدفع عربة. يقول:"), not
    the speaker before: the next subjectless verb ("ويتابع:") goes on with that person, not the one before."""
    if speaker.written is not None or speaker.kind != PERSON or not speaker.name:
        return False
    last = history.last_entry(seg.index, seg.kind)
    return last is None or last[2].name != speaker.name


def _verb_gender(tokens: list[Token], i: int, lang: str) -> str | None:
    """An Arabic verb's gender when it opens its clause ("وأضافت", "قالت" after a full stop) or is a
    participle ("مضيفة"): then its elided subject is the person spoken of. A bare verb after other
    words may agree with a subject fronted before it ("الدول التي ...، أكدت أنها"), no person."""
    if lang != "ar":
        return None
    opens = i == 0 or (not tokens[i - 1].word and tokens[i - 1].text in ".!?؟:") or len(clitic_forms(tokens[i].norm)) > 1
    participle = any(f in AR_PARTICIPLES for f in clitic_forms(tokens[i].norm))
    return arabic_verb_gender(tokens[i].text) if opens or participle else None


MA = normalize("ما")
WHICH_WINDOW = 8


def _which_subject(tokens: list[Token], i: int) -> list[Token]:
    """"..., وهو ما نفاه الوزير بشدة، قائلا:": the subject of the verb of "ما" with its object pronoun just
    before the participle (the one who denied it speaks on), else none (the sentence's speaker)."""
    for j in range(i - 2, max(i - WHICH_WINDOW, 0), -1):
        if not tokens[j].word and tokens[j].text in ".!?؟:":
            break
        if tokens[j].norm == MA and tokens[j + 1].word and tokens[j + 1].norm.endswith("ه") and len(tokens[j + 1].norm) > 3:
            subject = [t for t in arabic_subject(tokens, j + 1) if t.norm not in AR_FUNCTION_WORDS]
            return subject if subject and strip_prefix_article(subject[0].norm) not in AR_GENERIC else []
    return []


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


EN_STATEMENTS = frozenset(("statement", "communique", "communiqué"))


def _statement_subject(written: list[Token], lang: str) -> bool:
    """"وأضاف البيان أن", "وأشار البيان الختامي إلى", "the statement said": the statement spoken of before,
    whose words are its issuer's (``_issuer``)."""
    words = [t for t in written if t.word]
    if lang == "ar":
        return bool(words) and words[0].norm == normalize("البيان") and len(words) <= 2 and all(
            t.norm.startswith("ال") for t in words)
    return [t.text.lower() for t in words][:1] == ["the"] and len(words) == 2 and words[1].text.lower() in EN_STATEMENTS


def _issuer(statement: list[Token], seg: Segment, history: History) -> Speaker:
    """The body whose statement it is: named in the phrase ("بيان وزارة الخارجية"), else the organisation
    quoted last in the article (the definite "البيان" is the one already spoken of), else no one."""
    written = " ".join(t.text for t in statement)
    named = resolve(statement[1:], "ar", seg, history, seg.start + statement[0].start) if len(statement) > 1 else None
    if named is not None and named.kind == ORGANISATION and named.name and not named.name.startswith("ال"):
        return Speaker(named.name, written, ORGANISATION)
    body = statement_issuer(history, seg.kind)  # the body quoted last, or a body that spoke "in a statement"
    if body is None and (lead := lead_institution(history.tokens, history.token_starts, history.text, seg.start)):
        return Speaker(lead, written, ORGANISATION)  # "اختتم مجلس الجامعة ... وجاء في البيان الختامي"
    return Speaker(body.name, written, body.kind) if body else Speaker(None, written, UNATTRIBUTED)


def _reply_by_named(tokens: list[Token], i: int, lang: str, history: History) -> bool:
    if lang != "ar" or tokens[i].norm not in AR_REPLY_VERBS or i + 1 >= len(tokens) or not tokens[i + 1].word:
        return False
    following = tokens[i + 1]
    if _answered_with_that(tokens, i) or following.norm in AR_BI_ANNA:
        return True  # "غير أن الشعري رد بأن": the subject stands before the verb
    if following.norm.startswith("ال") and AR_ORG_HEADS & {following.norm, strip_prefix_article(following.norm)}:
        return True  # "وردّت الخارجية الجزائرية في بيان بأن": an institution replies
    if "\u0651" in tokens[i].text and strip_prefix_article(following.norm) in AR_GENERIC and not is_stop(following):
        return True  # "وردّ رئيس الفريق النيابي رشيد حموني:": the shadda makes it the verb, a title its subject
    return (is_name_token(following, lang, False) or following.norm.startswith("ال")) and full_name(
        following.text, history.tokens, history.runs(lang), lang) not in (None, following.text)  # "ورد السوداني"


AR_BI_ANNA = frozenset(normalize(w) for w in "بأن بأنه بأنها بأنهم".split())


def _answered_with_that(tokens: list[Token], i: int) -> bool:
    """"ورد الوزير المصري بأن", "ورد مويايا لاحقا بأن": ردّ takes its clause with بأن, which "ورد في
    البيان" (was mentioned) never does; a بأن within six words, no punctuation between but the two commas of
    an apposition ("ورد يوسف العلمي، مدير المشروع، بأن"), makes it "replied"."""
    commas = 0
    for token in tokens[i + 2: i + 12]:
        if not token.word:
            commas += token.text in "،,"
            if token.text not in "،," or commas > 2:
                return False
            continue
        if token.norm in AR_BI_ANNA:
            return commas != 1
    return False


def _titled_description(written: list[Token]) -> bool:
    """"Saudi minister" (a headline drops "the"): a title without a determiner, which the body names in
    full; not "A publicist", an unnamed source."""
    words = [t.text.lower() for t in written if t.word]
    return bool(words) and words[0] not in EN_DETERMINERS and any(w in EN_TITLES for w in words)


def _without_that(tokens: list[Token], i: int, lang: str) -> bool:
    if lang == "ar" or tokens[i].text.lower() not in EN_THAT_VERBS:
        return False
    if tokens[i].text.lower() in EN_PROMISES and finite_clause_at(tokens, i + 1):
        return False  # "promised cash would reach all branches": a clause without "that"
    return not any(t.text.lower() == "that" for t in tokens[i + 1: i + 7])


def _noun_use(tokens: list[Token], i: int, lang: str) -> bool:
    """"Netanyahu's claim that ...", "the claims that ...", "طلب عدم ذكر اسمه": a noun (a verbal noun after
    عدم), whose owner did not say the clause here; "رفع محتجون لافتة كتب عليها: «...»": لافتة is a banner
    (the participle "pointing out" reports only as "لافتا/لافتة إلى أن"), its words have no speaker."""
    if lang == "ar":
        return (i > 0 and tokens[i - 1].norm == "عدم") or _banner(tokens, i)
    if i == 0 or tokens[i].text.lower() not in EN_VERB_NOUNS:
        return False
    before = tokens[i - 1].text
    return before.lower() in EN_DETERMINERS or before.endswith(("'s", "’s"))


AR_POINTING = frozenset(normalize(w) for w in "لافتا لافتة".split())
TO = normalize("إلى")


def _banner(tokens: list[Token], i: int) -> bool:
    """لافتا / لافتة not followed by إلى: the noun "banner" (or "striking"), no reporting participle."""
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return any(f in AR_POINTING for f in clitic_forms(tokens[i].norm)) and (
        following is None or following.norm != TO)


EN_PASSIVE_AUXILIARIES = frozenset("is are was were be been being get got gets getting".split())


def _passive(tokens: list[Token], i: int, lang: str) -> bool:
    """"only to be told at the airport that ...", "she was told every year that ...": the one told is
    the listener, and the clause is someone else's words; the sentence's own "said" names the speaker."""
    return lang != "ar" and i > 0 and tokens[i].text.lower() == "told" and (
        tokens[i - 1].text.lower() in EN_PASSIVE_AUXILIARIES)


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
    if _inside_clause(before):
        return False  # "أكد الوزير أن التسعيرة تحتسب وفق معادلة شفافة": "in accordance with", inside what he said
    # "أفادت صحيفة Sabah نقلا عن مصادر": the outlet's verb carries the speech, the sources are its own
    return not any(is_verb(t, lang) for t in tokens[i + 1: i + 4]) and not any(is_verb(t, lang) for t in before)


def _inside_clause(before: list[Token]) -> bool:
    """The words before a source preposition (nearest first) reach back to أن / إن with no comma between:
    the preposition is an adverbial of the reported clause ("وفق معادلة", "حسب الأصول"), no source of its
    own; a source set off by a comma ("...، بحسب مصادر طبية") still is one."""
    for token in before:
        if not token.word:
            return False
        if token.norm in AR_COMPLEMENTIZERS:
            return True
    return False


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
    for k in range(i + 1, _source_end(tokens, i, lang)):
        token = tokens[k]
        if lang == "ar" and (named := quoted_after_head(tokens, k, subject)):
            return subject + named  # 'نقلا عن مرصد «نت بلوكس»': the body's name in marks
        if not token.word:
            break
        if token.norm == "عن" and not subject:
            continue
        if not subject and lang == "ar" and token.norm.startswith("ل") and any(
                f in {"وفقا", "وفق"} for f in clitic_forms(tokens[i].norm)):
            if len(token.norm) <= 3:
                continue  # 'وفقا لـ"الجزيرة"': the preposition written apart
            token = _without_lam(token)  # "وفقا لطبيب في المستشفى", "وفقا للمصادر": the source, not "لطبيب"
        if token.norm == "عن" and any(any(f in QUOTING_VERBS for f in clitic_forms(t.norm[:-1]))
                                      or strip_prefix_article(t.norm) in ISSUED for t in subject):
            subject = []  # "بحسب ما نقلته القناة 12 عن مسؤول رفيع", "وفقا لبيان صادر عن الخارجية": the source
            continue
        if (token.norm in AR_COMPLEMENTIZERS or is_verb(token, lang) or is_stop(token)
                or token.norm in QUOTE_NOUNS):
            break
        subject.append(token)
    return subject


def _source_end(tokens: list[Token], i: int, lang: str) -> int:
    """Nine words after the preposition, or up to "قوله" when a long title runs to it within sixteen ("عن
    المتحدث باسم جهاز خفر السواحل الليبي العقيد X Y قوله": the name, not the title's end, is the source)."""
    for k in range(i + 1, min(i + 17, len(tokens))):
        if not tokens[k].word:
            break
        if lang == "ar" and tokens[k].norm in QUOTE_NOUNS:
            return max(k, i + 10)
    return i + 10


def _without_lam(token: Token) -> Token:
    """"لطبيب" -> "طبيب", "للمصادر" -> "المصادر": the preposition ل that وفقا takes, off its noun."""
    text = "ا" + token.text[1:] if token.norm.startswith("لل") else token.text[1:]
    return Token(text, token.start + (0 if token.norm.startswith("لل") else 1), token.end, True)


def _in_relative_clause(tokens: list[Token], verb: int, lang: str) -> bool:
    """A verb right after a relative pronoun ("التصريحات التي قالت إنها", "statements which said") reports
    what something else said inside another clause: not a quote of its own."""
    if verb == 0 or not tokens[verb - 1].word:
        return False
    previous = tokens[verb - 1]
    if lang == "ar":
        return previous.norm in AR_RELATIVES
    return previous.text.lower() in EN_RELATIVES and not previous.text.isupper()  # "WHO says": the organisation
