"""A headline quote takes the speaker of the body quote that restates it, when the headline names no person.

Why: headlines label a quote with a description, a body or nothing ("US envoy says ...", "CEO says ...",
«وزارة الصحة: ...», «الرئيس التنفيذي لـ«قطارات الاتحاد»: ...», "Regulator says ..."), and the body then
quotes the same words, or nearly, with the name («وقال الرئيس التنفيذي لشركة قطارات الاتحاد، شادي ملك، إن
القطار يربط ...»). On every blind snapshot such labels were read as a wrong or no speaker about once a
split; the reader takes the headline's words to be the person's the body quotes. The restatement is read
as ``echoes`` reads it (the headline's words unbroken in a body quote, else most of its content words), and
only a body quote with a named speaker gives one. A headline that names a person the body names too keeps
that person, and a body's name keeps the body: the body may restate it by a spokesperson.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cluster.documents import Segment
from cluster.quotes.echoes import echoed, paraphrased
from cluster.quotes.extract import Quote, headline_segment
from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.lexicon import EN_TITLES
from cluster.quotes.sources import ANONYMOUS, ORGANISATION, PERSON, strip_prefix_article
from cluster.textnorm import normalize


def headline_restated(text: str, segments: list[Segment], quotes: list[Quote]) -> list[Quote]:
    """The quotes, each headline quote without a person's name given the speaker of the body quote that
    restates it (module docstring)."""
    head = headline_segment(segments)
    if head is None:
        return quotes
    body = [j for j, q in enumerate(quotes) if q.segment_index != head.index and q.speaker
            and q.speaker_kind in (PERSON, ORGANISATION, ANONYMOUS)]
    if not body:
        return quotes
    spans = [(quotes[j].start, quotes[j].end) for j in body]
    out = list(quotes)
    for i, quote in enumerate(quotes):
        if quote.segment_index != head.index:
            continue
        hit = _restating(text, (quote.start, quote.end), spans)
        if hit is not None and _gives_way(quote, quotes[body[hit]], text[head.end:]):
            source = quotes[body[hit]]
            out[i] = replace(quote, speaker=source.speaker, speaker_kind=source.speaker_kind)
    return out


def _gives_way(headline: Quote, source: Quote, body_text: str) -> bool:
    """Whether the headline's reading yields to the body's: no name or an unnamed source always; a person
    only when the body never writes that name («ومهندس:» read as a name); a body only when its label is a
    person's title («الرئيس التنفيذي لـ«قطارات الاتحاد»», "Libya's central bank chief"): «الحوثيون:» stays
    the movement its spokesman speaks for."""
    if headline.speaker_kind == PERSON:
        return source.speaker_kind == PERSON and not any(
            re.search(rf"(?<!\w){re.escape(w)}(?!\w)", body_text) for w in (headline.speaker or "").split())
    if headline.speaker_kind != ORGANISATION:
        return True
    return _titled_label(headline.speaker_as_written or "", headline.lang)


def _titled_label(label: str, lang: str) -> bool:
    """A headline label that opens (Arabic) or ends (English) on a person's title."""
    words = label.split()
    if not words:
        return False
    if lang == "ar":
        head = strip_prefix_article(normalize(words[0]).removeprefix("و"))
        return head in AR_PERSON_TITLES or head.removesuffix("ه") in AR_PERSON_TITLES
    return words[-1].lower() in EN_TITLES or words[0].lower() in EN_TITLES


def _restating(text: str, span: tuple[int, int], body: list[tuple[int, int]]) -> int | None:
    """The body quote (index into ``body``) holding the headline's words, else restating most of them."""
    found = echoed(text, [span], body)
    return found[0][2] if found else paraphrased(text, span, body)
