"""The one a spokesperson speaks for is not the speaker.

"المتحدث باسم الرئيس التركي رجب طيب أردوغان" is Erdogan's spokesman: the name after a person's title in the
complement of باسم is whom he speaks for. The name run would read Erdogan as the speaker (a wrong name, worse
than none); the speaker is the name set off by a comma after it ("...، عمر جليك،") or, without one, the
spokesperson's unnamed voice, which ``coref`` resolves as any "المتحدث باسم X" (the article may name him).
"""

from __future__ import annotations

from cluster.quotes.gender import AR_PERSON_TITLES
from cluster.quotes.names import Token, name_run
from cluster.quotes.sources import spokesperson_of, strip_prefix_article
from cluster.textnorm import normalize


def speaks_for_person(subject: list[Token]) -> bool:
    """"المتحدث باسم رئيس الوزراء ...", "الناطق باسم الرئيس ...": the complement of باسم opens with a person's
    title (not an institution: "المتحدث باسم الجيش X" names the army's spokesman)."""
    complement = spokesperson_of([t.text for t in subject if t.word])
    return bool(complement) and strip_prefix_article(normalize(complement[0])) in AR_PERSON_TITLES


def apposed_spokesperson(subject: list[Token]) -> str | None:
    """The spokesperson's name a comma sets off after the principal's ("...، عمر جليك،"; the subject keeps no
    comma, so the gap between two words shows it); None when the spokesperson goes unnamed."""
    words = [t for t in subject if t.word]
    cut = max((k for k in range(1, len(words)) if words[k].start - words[k - 1].end >= 2), default=None)
    return name_run(words[cut:], "ar") if cut is not None else None
