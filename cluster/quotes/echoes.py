"""Headline quotations that repeat a body quote: «ما زلنا ننتظر».. متضررو زلزال الحوز ... over a body
that has فاطمة أوحمو say «ما زلنا ننتظر الدفعة الثالثة ...». A headline names its speaker rarely; the
words it quotes are the speaker's when the body quotes the same words from someone named. Such a
headline fragment is kept (however short: a quotation of ``MIN_ECHO_WORDS`` words) with that speaker;
a fragment the body quotes from no one stays as it was (dropped when short, unattributed when long).
"""

from __future__ import annotations

from cluster.quotes.lexicon import TOKEN
from cluster.textnorm import normalize

MIN_ECHO_WORDS = 3
PARAPHRASE_SHARE = 0.6
"""Of a headline quotation's content words, the share a body quote must hold for the headline to restate it."""
STEM = 5
"""Letters a content word is compared by ("agree" ~ "agreed", "signed" ~ "signed")."""


def _words(text: str) -> list[str]:
    return [w for m in TOKEN.finditer(text) if m.group("w") and (w := normalize(m.group("w")).lower().strip("'‘’"))]


def echoed(text: str, spans: list[tuple[int, int]], body: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(start, end, index into ``body``) for each headline quotation span whose words (at least
    ``MIN_ECHO_WORDS``) run unbroken inside a body quote (``body``: the named body quotes' spans, in text
    order; the first holding them wins)."""
    found = []
    body_words = [_words(text[s:e]) for s, e in body]
    for start, end in spans:
        wanted = _words(text[start:end])
        if len(wanted) < MIN_ECHO_WORDS:
            continue
        size = len(wanted)
        hit = next((i for i, words in enumerate(body_words)
                    if any(_runs(words[j: j + size], wanted) for j in range(len(words) - size + 1))), None)
        if hit is not None:
            found.append((start, end, hit))
    return found


def _runs(window: list[str], wanted: list[str]) -> bool:
    """The headline's words are the body's, the body's first one possibly with its و ("لا تأثير على
    الإمدادات" inside "..., ولا تأثير على الإمدادات المحلية"): the body joins the words to its sentence."""
    return window[1:] == wanted[1:] and window[0] in (wanted[0], "و" + wanted[0])


def _content(words: list[str]) -> set[str]:
    """Content words by their first ``STEM`` letters: Latin words of 4 letters or more, Arabic of 3 or
    more without و and the article ("والهدنة" ~ "هدنة")."""
    keys = set()
    for word in words:
        if word.isascii():
            if len(word) >= 4 and word.isalpha():
                keys.add(word[:STEM])
            continue
        word = word[1:] if word.startswith("و") and len(word) > 4 else word
        for article in ("بال", "لل", "ال"):
            if word.startswith(article) and len(word) - len(article) >= 3:
                word = word[len(article):]
                break
        if len(word) >= 3:
            keys.add(word[:STEM])
    return keys


def paraphrased(text: str, span: tuple[int, int], body: list[tuple[int, int]]) -> int | None:
    """The body quote (index into ``body``) that a headline quotation restates in other words: it holds
    ``PARAPHRASE_SHARE`` of the headline's content words, three at least ("Sudan's warring sides agree in
    principle to 3-month truce" over "... have agreed in principle to a three-month humanitarian truce");
    the one holding most, the first on a tie. None when no body quote does."""
    wanted = _content(_words(text[span[0]:span[1]]))
    best: tuple[int, int] | None = None
    for i, (start, end) in enumerate(body):
        shared = len(wanted & _content(_words(text[start:end])))
        if shared >= MIN_ECHO_WORDS and shared >= PARAPHRASE_SHARE * len(wanted) and (best is None or shared > best[0]):
            best = (shared, i)
    return best[1] if best else None


def restated(headline: str, body: str) -> bool:
    """Whether a body quote restates a headline quote as ``paraphrased`` reads one: it holds
    ``PARAPHRASE_SHARE`` of the headline's content words, three at least («أخذوا جزءا من ذاكرة الأردن»
    in «من أخذ هذه القطع أخذ جزءا من ذاكرة الأردن، وسنجدها ونعيدها»)."""
    wanted = _content(_words(headline))
    shared = len(wanted & _content(_words(body)))
    return shared >= MIN_ECHO_WORDS and shared >= PARAPHRASE_SHARE * len(wanted)
