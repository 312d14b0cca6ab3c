"""Forms of reported speech without quote marks: headlines, colon speech, and source phrases.

* Headline quotes: "ترامب: لن نسمح ...", "Witkoff: Hamas response ...". The first line of an article
  is a quote when a short speaker label, then a colon, opens it; the label is resolved like a subject
  (a surname or a title to its full mention in the body, a group or an outlet as an organisation). A
  label that resolves to no speaker ("عاجل:", "Live:") is not a speaker, and the line is no quote;
  nor is a "read also" marker ("Recommended:", "ذات صلة:"): that line is a teaser of another story.
* Colon speech: "وقال المتحدث: نعمل بأدوات بدائية" runs from the colon to the end of the paragraph; a
  paragraph that ends on "X said:" introduces the quotation of the next one.
* Source phrases: "وبحسب مصادر مطلعة، فإن ...", "ووفقا للمصادر، ...", "According to officials, ...",
  "..., according to officials."
"""

from __future__ import annotations

import re

from cluster.documents import Segment
from cluster.quotes.coref import resolve
from cluster.quotes.history import Attribution, History
from cluster.quotes.lexicon import AR_PARTICIPLES, AR_VERBS, DOUBLE_MARKS, EN_PARTICIPLES, EN_VERBS, MEDIA_NOUNS
from cluster.quotes.names import Token, is_stop, tokenize
from cluster.quotes.sources import AR_ORG_HEADS, UNATTRIBUTED, strip_prefix_article
from cluster.quotes.triggers import clitic_forms
from cluster.segment.boilerplate import related_marker
from cluster.textnorm import normalize

HEADLINE = re.compile(r"^\s*(و?\s*[\"“«][^:\n\"“”«»]{2,40}[\"”»]|[^:\n\"“”«»]{2,60}?(?:\s+لـ?\s*[\"“«][^\"”»\n]{1,40}"
                      r"[\"”»])?)\s*:\s*(\S.*)$", re.S)
"""A label, possibly with the outlet it spoke to ('ترامب لـ"فوكس نيوز": ...') or wholly in quote marks (a
body's short name: '«مكافحة المخدرات»: ...', '... و«البترول الوطنية»: ...'), a colon, the quote."""
HEADLINE_MAX_LABEL_WORDS = 5
"""A speaker label is a name or a short title ("مدير مجمع الشفاء"); longer text before a colon is a
sentence of the writer's."""
HEADLINE_MIN_WORDS = 3
EN_CIRCUMSTANCE = frozenset("after at in on before during following".split())
NOT_SPEAKERS = frozenset(normalize(w) for w in """
عاجل فيديو بالفيديو بالصور شاهد صور تاريخ النشر تحديث مباشر رأي تحليل حصري إنفوغراف breaking watch video
live update updated exclusive opinion analysis photos explainer editorial read
""".split())
"""Headline labels that are rubrics, not speakers."""


SINGLE_OPENERS = "'‘"
SINGLE_CLOSERS = "'’"
"""Single quote marks: an opener glued to the first word of the speech, a closer right after its last
punctuation mark (an apostrophe inside a word, "won't", is neither)."""


SOURCE_PARTICLES = frozenset(normalize(w) for w in "فإن فإنه فإنها فقد".split())
"""Particles that open the statement after a fronted source ("وبحسب مصادر، فإن ...", "..., فقد ناقش")."""


def headline_quotes(seg: Segment, lang: str, history: History) -> list[tuple[int, int, str, Attribution]]:
    """(start, end, kind, attribution) of the quote a headline states after "SPEAKER:" (none or one). In
    a headline of two labels ("لجنة تحقيق برلمانية: قروض ... .. والوزيرة: لا أحد فوق المحاسبة") the
    quote is the second label's, after the "..": the first gave all of it to the first label. The first
    half is left unquoted: it states the story's news under its source (the labelled dev splits never
    count it a quote; kept, it cost dev11 an extraction, docs/quotes-log.md round wt-q29)."""
    found = headline_quote(seg, lang, history, base=_second_label(seg.text))
    return [found] if found else []


def headline_quote(seg: Segment, lang: str, history: History,
                   base: int | None = None) -> tuple[int, int, str, Attribution] | None:
    """(start, end, kind, attribution) of the quote a headline states after "SPEAKER:", or None; from
    ``base`` when given (the second of two labels)."""
    text = seg.text
    base = _second_half(text) if base is None else base  # a second label, else the half after ".."
    match = HEADLINE.match(text[base:])
    if match is None or "\n" in seg.text.strip() or related_marker(seg.text):
        return None  # "Read more: <headline>", "اقرأ المزيد: ...": a teaser of another story, not a speaker
    label = tokenize(match.group(1))
    if label and label[0].norm == "و" and len(label) > 1 and label[1].text in "\"“«":
        label = label[1:]  # "... و«البترول الوطنية»:": the conjunction joins the headline's two halves
    words = [t for t in label if t.word]
    if base and words and words[0].norm.startswith("و") and (
            words[0].norm.startswith("وال") or words[0].norm[1:] in AR_ORG_HEADS):  # "ولجنة الحكام:" too
        words[0] = Token(words[0].text[1:], words[0].start + 1, words[0].end, True)  # "والشركة:" is "الشركة:"
    stop = next((k for k, t in enumerate(words) if k and (is_stop(t) or t.text.lower() in EN_CIRCUMSTANCE
                                                          or t.norm == "ل" or t.norm.startswith("لل")
                                                          or (lang != "ar" and t.text in EN_VERBS))), None)
    words = words[:stop]  # "فيدان عقب اجتماع عربي إسلامي:": who spoke, then when; "X tells court:": X
    if not words or len(words) > HEADLINE_MAX_LABEL_WORDS or any(t.norm.lower() in NOT_SPEAKERS for t in words):
        return None
    if len([t for t in tokenize(match.group(2)) if t.word]) < HEADLINE_MIN_WORDS:
        return None
    speaker = resolve(label if label[0].text in "\"“«" else words, lang, seg, history, None)  # «X»: a body
    if speaker.name is None or speaker.kind == UNATTRIBUTED:
        return None
    start, end = base + match.start(2), len(text.rstrip())
    while end > start and text[end - 1] in ".،,;:":
        end -= 1
    return start, end, "direct", Attribution(-1, speaker.name, match.group(1).strip(), speaker.kind)


def _second_label(text: str) -> int | None:
    """Where the second label starts in a headline of two labels (None: one label): after a
    ".." after the first colon and before a later one, the words between them a label (no quote marks,
    at most ``HEADLINE_MAX_LABEL_WORDS``): "لجنة تحقيق برلمانية: قروض ... .. والوزيرة: لا أحد"."""
    first = text.find(":")
    last = text.rfind(":")
    cut = text.rfind("..", first, last) if 0 <= first < last else -1
    if cut < 0:
        return None
    label = text[cut + 2:last]
    if not label.strip() or len(label.split()) > HEADLINE_MAX_LABEL_WORDS or any(m in label for m in '"“”«»'):
        return None
    return cut + 2


def _second_half(text: str) -> int:
    """Where the speaker's half of a two-part Arabic headline starts ("هجوم يشل أنظمة الحجز.. والشركة:
    البيانات لم تُخترق"): after the last ".." before the colon (0: a headline of one part)."""
    colon = text.find(":")
    cut = text.rfind("..", 0, colon) if colon > 0 else -1
    return cut + 2 if cut >= 0 and text[cut + 2: colon].strip() else 0


COLON_WINDOW = 30
"""Tokens after the verb in which its colon may stand: a titled name, then adjuncts of where and to whom
("وقال X، خلال مشاركته في منتدى للطاقة في أبوظبي:", "للصحفيين خلال زيارته المصابين في مستشفى ...:")."""


def colon_clause(tokens: list[Token], verb: int, sentence: tuple[int, int], lang: str,
                 stops: frozenset[str]) -> tuple[int, int] | None:
    """The speech after "VERB SUBJECT:" to the end of the paragraph (None: no such colon, or nothing
    after it)."""
    skip_to = verb
    for k in range(verb + 1, min(verb + COLON_WINDOW, len(tokens))):
        token = tokens[k]
        if k <= skip_to:
            continue
        if token.start >= sentence[1] or (token.word and token.norm in stops):
            return None
        if not token.word and token.text == ":" and not _in_a_number(tokens, k):
            rest = [t for t in tokens[k + 1:] if t.word]
            return _speech_span(tokens, k + 1) if rest else None
        if not token.word and token.text in "\"“”«»":
            closing = quoted_name_end(tokens, k)
            if closing is None:
                return None
            skip_to = closing  # 'قال في تصريحات لقناة «إن تي في»: ...': the outlet's name, then the colon
    return None


def after_colon(tokens: list[Token], start: int) -> bool:
    """Whether the clause starting at character ``start`` is speech after a colon ("وقال X: ...")."""
    before = [k for k, t in enumerate(tokens) if t.end <= start]
    return bool(before) and tokens[before[-1]].text == ":" and not _in_a_number(tokens, before[-1])


def carrier_only(tokens: list[Token], verb: int, span: tuple[int, int], verbs: list[int]) -> bool:
    """"The Red Crescent said its teams ..., according to the state-run news agency": a trailing source
    phrase whose clause holds another reporting verb names the outlet that carried the statement, whose
    speaker is that verb's subject."""
    return tokens[verb].text.lower() == "according" and any(
        v != verb and span[0] <= tokens[v].start < span[1] for v in verbs)


def _in_a_number(tokens: list[Token], k: int) -> bool:
    """A colon between digits is a time or a ratio ("at 4:10 a.m.", "3:1"), not the colon of speech."""
    return (0 < k < len(tokens) - 1 and tokens[k - 1].end == tokens[k].start and tokens[k + 1].start == tokens[k].end
            and tokens[k - 1].text[-1:].isdigit() and tokens[k + 1].text[:1].isdigit())


def quoted_name_end(tokens: list[Token], k: int) -> int | None:
    """The closing mark's index when the mark at ``k`` opens a name of at most four words after an
    outlet or platform noun ("لقناة «المسيرة»", "على منصة «إكس»") or the detached ل of "told"
    ('لـ"الشروق"'); else None."""
    before = tokens[k - 1] if k > 0 else None
    if before is None or not before.word or not (_media_noun(before) or before.norm == "ل"):
        return None
    for j in range(k + 1, min(k + 6, len(tokens))):
        if not tokens[j].word:
            return j if tokens[j].text in "\"“”«»" and j > k + 1 else None
    return None


def _media_noun(token: Token) -> bool:
    norm = token.norm.lower()
    forms = {norm, strip_prefix_article(norm)}
    forms |= {f[1:] for f in list(forms) if len(f) > 3 and f[0] in "ولبف"}
    forms |= {strip_prefix_article(f) for f in list(forms)}
    return bool(forms & MEDIA_NOUNS)


def colon_intro(tokens: list[Token], attributions: list[Attribution], paragraph: int,
                text: str) -> tuple[int, Attribution] | None:
    """(paragraph, attribution) when the paragraph ends on "X said:": its speech is the next paragraph."""
    if not text.rstrip().endswith(":") or not attributions:
        return None
    last = attributions[-1]
    after = [t for t in tokens[last.verb + 1:] if t.word]
    return (paragraph, last) if len(after) <= 12 else None


def source_clause(tokens: list[Token], verb: int, sentence: tuple[int, int], lang: str) -> tuple[int, int] | None:
    """The statement a source phrase attributes: after "بحسب X، (فإن)" / "According to X," to the end of
    the sentence, or before ", according to X"."""
    if _cites_data(tokens, verb, lang):
        return None
    inside = [k for k in range(len(tokens)) if sentence[0] <= tokens[k].start < sentence[1]]
    comma = next((k for k in range(verb + 1, min(verb + 14, len(tokens)))
                  if tokens[k].start < sentence[1] and tokens[k].text in ",،"), None)
    if inside and verb - inside[0] <= 1 and comma is not None:
        first = comma + 1
        if first < len(tokens) and is_verb(tokens[first], lang):  # "، نقلت تفاصيلها وسائل إعلام محلية،"
            first = next((k + 1 for k in range(first, min(first + 12, len(tokens)))
                          if tokens[k].start < sentence[1] and tokens[k].text in ",،"), first)
        first = _past_apposition(tokens, first, sentence[1])
        if first < len(tokens) and tokens[first].word and normalize(tokens[first].text) in SOURCE_PARTICLES:
            first += 1
        if lang != "ar" and _reports_on_its_own(tokens, first, sentence[1]):
            return None  # "According to the state news agency, the prosecutor said ...": the verb's own clause
        words = [t for t in tokens[first:] if t.start < sentence[1]]
        return (words[0].start, _last_word_end(words)) if len(words) > 1 else None
    if lang != "ar" and inside and verb > inside[0] + 1 and tokens[verb - 1].text == ",":
        if tokens[verb - 2].text.lower() in EN_VERBS:
            return None  # "X said, according to the agency, that ...": the source of X's own clause
        return tokens[inside[0]].start, tokens[verb - 2].end
    return None


APPOSITION_WORDS = 8
"""Words an apposition after the source's name may have ("ووفق X، وكيل 40 من الضحايا، فإن")."""


def _past_apposition(tokens: list[Token], first: int, sentence_end: int) -> int:
    """"ووفق المحامي X، وكيل 40 من الضحايا، فإن ...": what describes the source between two commas is
    not the statement; it starts after the particle that follows the second comma."""
    for k in range(first, min(first + APPOSITION_WORDS, len(tokens) - 1)):
        if tokens[k].start >= sentence_end or (not tokens[k].word and tokens[k].text not in ",،"):
            return first
        if tokens[k].text in ",،" and normalize(tokens[k + 1].text) in SOURCE_PARTICLES:
            return k + 1
    return first


OWN_VERB_WORDS = 6
"""Words after the comma of "According to X," within which a reporting verb reports the rest itself."""


def _reports_on_its_own(tokens: list[Token], first: int, sentence_end: int) -> bool:
    """"According to X, Zerrouki said the state had ...": a subject and a reporting verb open the rest, so
    the speaker is that subject (the source phrase only names the channel)."""
    words = [t for t in tokens[first: first + OWN_VERB_WORDS] if t.start < sentence_end]
    return any(k > 0 and t.word and t.text.lower() in EN_VERBS - {"according"} for k, t in enumerate(words))


DATA_NOUNS = frozenset(normalize(w) for w in """بيانات أرقام نتائج إحصاءات إحصائيات حصيلة تقديرات
data figures results statistics estimates summary tally count""".split())
"""What a source phrase cites when it gives figures, not speech ("وفقا لبيانات المصرف المركزي", "according
to preliminary results", "according to a summary seen by Reuters"): the sentence is the writer's report."""


def _cites_data(tokens: list[Token], verb: int, lang: str) -> bool:
    """Whether the first noun after the source phrase (past "to", a determiner, adjectives) is a data noun."""
    for token in tokens[verb + 1: verb + 5]:
        if not token.word:
            return False
        word = token.norm if lang == "ar" else token.text.lower()
        if lang == "ar":
            stripped = word[1:] if word[:1] == "ل" and len(word) > 4 else word
            return strip_prefix_article(word) in DATA_NOUNS or strip_prefix_article(stripped) in DATA_NOUNS
        if word in DATA_NOUNS:
            return True
    return False


def is_verb(token: Token, lang: str) -> bool:
    if not token.word:
        return False
    if lang != "ar":
        return token.text.lower() in EN_VERBS
    norm = token.norm
    return any(f in AR_VERBS or f in AR_PARTICIPLES for f in clitic_forms(norm))


def _speech_span(tokens: list[Token], first: int) -> tuple[int, int]:
    """Colon speech: inside its single marks when it opens with one ("told The Sunday Times: 'A policy
    review ... strategy.' The Labour Party would ..."; British papers quote with ' and the writer goes
    on after the closing mark), else to the end of the paragraph."""
    if tokens[first].text[:1] in SINGLE_OPENERS and len(tokens[first].text) > 1:
        for k in range(first + 1, len(tokens)):
            if not tokens[k].word and tokens[k].text in SINGLE_CLOSERS and tokens[k - 1].text in ".!?,":
                return tokens[first].start + 1, _last_word_end(tokens[first:k])
    if tokens[first].text in DOUBLE_MARKS:
        closing = next((k for k in range(first + 1, len(tokens)) if tokens[k].text in DOUBLE_MARKS), None)
        if closing is not None:  # 'وأضاف: «...». ويقول سكان إن ...': the marks end it, the writer goes on
            return tokens[first].start, tokens[closing].end
    for k in range(first + 2, len(tokens)):
        if tokens[k - 1].text in "،," and _participle(tokens[k]):
            return tokens[first].start, _last_word_end(tokens[first:k - 1])  # "...، مؤكدا أن ...": the next statement
        if tokens[k - 1].text in ".!?؟" and _opens_report(tokens[k]):
            return tokens[first].start, _last_word_end(tokens[first:k])  # "...: نص. وتابع: «...»": the writer again
    return tokens[first].start, _last_word_end(tokens)


def _opens_report(token: Token) -> bool:
    """"وتابع"، "وأضافت"، "ويقول": a sentence that opens with a reporting verb after و or ف is the writer
    introducing speech again, so colon speech without marks ended before it."""
    return token.word and token.norm[:1] in "وف" and is_verb(token, "ar")


def _participle(token: Token) -> bool:
    """"مضيفا", "مؤكدا", "adding", "saying": after a comma, the speaker's next statement begins."""
    return token.word and (token.text.lower() in EN_PARTICIPLES or any(f in AR_PARTICIPLES for f in clitic_forms(token.norm)))


def _last_word_end(tokens: list[Token]) -> int:
    kept = list(tokens)
    while kept and not kept[-1].word and kept[-1].text in ".،,;:؛":
        kept.pop()
    return kept[-1].end if kept else tokens[-1].end


ANNOUNCING = ("reading", "saying", "read")


HEADLINE_SEPARATORS = ("..", ":", "…", "-", "–", "—")
"""What sets a headline's opening quotation off from the writer's words: «...».. X يتحدث, '...': UK to ..."""


def set_off(text: str, open_: int, close: int) -> bool:
    """A headline that opens with a quotation set off from the rest ("«هدنة إنسانية خلال أيام».. بولس يتحدث
    عن ...", "'We will scale this up': UK to widen ..."): the speaker's words, however short. A quoted term
    inside the headline ('يطالبون بـ«تحرك دولي عاجل»', "hit by 'rewriting history' row") is no quotation."""
    return not text[:max(open_, 0)].strip() and text[close + 1:].lstrip().startswith(HEADLINE_SEPARATORS)


SIGNED_WORDS = 3
"""Words a name signing a set-off headline quotation may have ("'...': Witkoff", "«...»: وزير الخارجية")."""


def signed_by(seg: Segment, start: int, end: int, lang: str, history: History) -> Attribution | None:
    """"'We are ready to talk': Witkoff", "«لن نسمح بذلك».. ترامب": a quotation (``start``..``end`` in the
    segment) that opens the headline, set off by a separator and followed by a name alone (a few words, none
    a verb or a particle) is that person's; the name is resolved against the whole article."""
    close = end + len(seg.text[end:]) - len(seg.text[end:].lstrip("\"'”’»"))
    if not set_off(seg.text, start - 1, close - 1):
        return None
    rest = seg.text[close:].strip().lstrip("".join(HEADLINE_SEPARATORS)).strip().rstrip(".")
    tokens = tokenize(rest)
    words = [t for t in tokens if t.word]
    if not words or len(words) > SIGNED_WORDS or len(words) != len(tokens) or any(
            is_stop(t) or t.text.lower() in EN_VERBS or t.norm in AR_VERBS for t in words):
        return None
    if lang != "ar" and not all(t.text[:1].isupper() for t in words):
        return None  # "'...': UK to widen": the writer's words go on
    speaker = resolve(words, lang, seg, history, None)
    return Attribution(-1, speaker.name, rest, speaker.kind) if speaker.name and speaker.kind != UNATTRIBUTED else None


def announced(text: str, open_: int) -> bool:
    """A quotation after a colon or "reading" ('a banner reading "..."', "لافتات كُتب عليها: «...»"): words
    someone wrote or said, however short, with no speaker in the text."""
    before = text[:max(open_, 0)].rstrip()
    return before.endswith(":") or before.lower().endswith(ANNOUNCING)
