"""An Arabic bare institution ("الشركة", "المفوضية") and the name the article gives it in full: split
from ``coref``, which resolves a subject to it."""

from __future__ import annotations

from cluster.quotes.history import History
from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_NUMBER_WORDS, AR_VERBS, DOUBLE_MARKS
from cluster.quotes.names import Token, is_stop
from cluster.quotes.sources import AR_ORG_HEADS, AR_ORG_NAMES, strip_prefix_article
from cluster.textnorm import normalize

AR_BODY_NAME_WORDS = 4


def body_named_as(word: str, history: History) -> str | None:
    """A bare definite institution ("الشركة", "المفوضية") that no earlier speaker was: the institution the
    article first names with that head and more words after it ("شركة طيران الواحات", "المفوضية العليا
    المستقلة للانتخابات"), up to a comma, a preposition, a complementizer or ``AR_BODY_NAME_WORDS`` words.
    The article names its company or commission in full once and calls it by its head noun after; the
    body's text is read before the headline, which names it short ("متحف الدوحة يرد على باماكو" over "رد
    متحف الفن الإسلامي في الدوحة")."""
    head = strip_prefix_article(normalize(word))
    if not normalize(word).startswith("ال") or head not in AR_ORG_HEADS or head in AR_ORG_NAMES:
        return None
    tokens = history.tokens
    for k in _body_first(tokens, history.text):
        token = tokens[k]
        if not token.word:
            continue
        bare = strip_prefix_article(token.norm) == head and not token.norm.startswith("لل")  # "للشركة X": its officer
        if not bare and not (token.norm[:1] in "لب" and token.norm[1:] == head):
            continue  # "تابع لسلطة منطقة العقبة": the body after a preposition
        if (marked := _marked_name(tokens, k + 1)) is not None:
            return marked  # 'تديرها شركة «سفاريكوم»': the name in marks, not a later "شركة واحدة"
        if bare and token.norm.startswith(("ال", "وال")) and not _definite_next(tokens, k + 1):
            continue  # "إن الوزارة رصدت إصابات": a definite head with a verb after it is the noun again
        end = k + 1
        while end < len(tokens) and end - k <= AR_BODY_NAME_WORDS and tokens[end].word and not (
                is_stop(tokens[end]) or tokens[end].norm in AR_COMPLEMENTIZERS or tokens[end].norm in AR_VERBS
                or _no_name_word(tokens[end].norm) or "\n" in history.text[tokens[end - 1].end:tokens[end].start]):
            end += 1
        if end > k + 1:
            return " ".join([token.text if bare else token.text[1:]] + [t.text for t in tokens[k + 1:end]])
    return None


def _body_first(tokens: list[Token], text: str) -> list[int]:
    """Token indexes of the article's body, then of its headline (the first line)."""
    start = text.find("\n")
    cut = next((k for k, t in enumerate(tokens) if t.start > start), len(tokens)) if start >= 0 else 0
    return list(range(cut, len(tokens))) + list(range(cut))


def _definite_next(tokens: list[Token], k: int) -> bool:
    """A definite head goes on into a name only with a definite word ("المفوضية العليا", "المجلس الأعلى
    لتنظيم الإعلام"); a name's construct form has no ال on its head ("وزارة الصحة")."""
    return k < len(tokens) and tokens[k].word and tokens[k].norm.startswith(("ال", "لل"))


AR_AFTER_A_NAME = frozenset(normalize(w) for w in "نحو قرابة حوالي زهاء بسبب جراء إثر عقب نتيجة".split())
""""About" before an amount, "because of" before a cause: "توقف التداول في بورصة الكويت نحو ثلاث ساعات" and
"تعليق التداول في بورصة عمان بسبب عطل" name the exchange, then how long or why."""


def _no_name_word(norm: str) -> bool:
    """A word that ends a body's name: an amount ("نحو", "ثلاث", digits) or a cause ("بسبب") is what the
    sentence says of it."""
    return norm in AR_AFTER_A_NAME or norm in AR_NUMBER_WORDS or norm[:1].isdigit()


AR_MARKED_NAME_WORDS = 4


def _marked_name(tokens: list[Token], k: int) -> str | None:
    """The words set in quote marks right after a body's head noun ('شركة «سفاريكوم»', 'منظمة "أطباء بلا
    حدود"'): Arabic copy marks a body's own name so; up to ``AR_MARKED_NAME_WORDS`` words."""
    if k >= len(tokens) or tokens[k].text not in DOUBLE_MARKS:
        return None
    words = []
    for token in tokens[k + 1: k + 2 + AR_MARKED_NAME_WORDS]:
        if token.text in DOUBLE_MARKS:
            return " ".join(words) or None
        if not token.word and token.text != "-":
            return None
        words.append(token.text)
    return None


AR_SPELLED_OUT_WORDS = 6


def spelled_out(marked: str, history: History) -> str | None:
    """The full name an Arabic article gives a body before its short name in marks ("وقعت الوكالة المغربية
    للطاقة المستدامة «مازن»" then 'وأفادت «مازن»'): the words from a definite body head to the marks, at
    most ``AR_SPELLED_OUT_WORDS``. A head right before the marks ('شركة «سفاريكوم»') spells nothing out:
    the marks hold the name itself."""
    tokens, wanted = history.tokens, [normalize(w) for w in marked.split()]
    for k in range(1, len(tokens) - len(wanted) - 1):
        if tokens[k].text not in DOUBLE_MARKS or [t.norm for t in tokens[k + 1:k + 1 + len(wanted)]] != wanted or (
                tokens[k + 1 + len(wanted)].text not in DOUBLE_MARKS):
            continue
        for j in range(k - 2, max(k - 1 - AR_SPELLED_OUT_WORDS, -1), -1):
            if not tokens[j].word or tokens[j].norm in AR_VERBS or is_stop(tokens[j]):
                break
            if tokens[j].norm.startswith("ال") and strip_prefix_article(tokens[j].norm) in AR_ORG_HEADS and (
                    all(t.word for t in tokens[j:k])):
                return " ".join(t.text for t in tokens[j:k])
    return None
