"""Arabic subjects that name an institution: "قناة خبر تورك" (an outlet and its name), "القنصلية العامة لفرنسا"
(an institution qualified by the country it belongs to), not a person's title and its institution ("مدير
المرصد رامي عبد الرحمن" is the director). Split from ``coref``, which resolves a subject to its speaker.
"""

from __future__ import annotations

from cluster.quotes.lexicon import AR_GENERIC, AR_MEDIA, AR_TITLE_ADJECTIVES
from cluster.quotes.names import Token
from cluster.quotes.sources import AR_ORG_HEADS, AR_ORG_NAMES, strip_prefix_article


def after_institution(subject: list[Token], name: str) -> bool:
    """Whether the name follows an outlet or institution noun ("قناة خبر تورك", "صحيفة Sabah"), not a
    person's title and its institution ("مدير المرصد رامي عبد الرحمن" is the director)."""
    first = name.split()[0]
    bodies = AR_MEDIA | AR_ORG_HEADS
    for k, token in enumerate(subject):
        if token.text == first and k > 0:
            head = strip_prefix_article(subject[k - 1].norm)
            titled = k > 1 and (title := strip_prefix_article(subject[k - 2].norm)) in AR_GENERIC and title not in bodies
            placed = k > 1 and subject[k - 2].norm in {"في", "عن"} and _person_title(subject[0])
            return head in bodies and head not in AR_ORG_NAMES and not titled and not placed  # "كبير الاقتصاديين في البنك X"
    return False


def qualified_institution(subject: list[Token], name: str) -> bool:
    """"القنصلية العامة لفرنسا", "السفارة الأميركية لدى ...": an institution's head noun and a definite
    adjective open the subject, and the name after them is the country or body it belongs to: the
    institution speaks, the whole phrase is its name (the country alone is no speaker)."""
    words = [t for t in subject if t.word]
    first = name.split()[0]
    at = next((k for k, t in enumerate(words) if t.text == first), None)
    if at != 2 or strip_prefix_article(words[0].norm) not in AR_ORG_HEADS - AR_ORG_NAMES:
        return False
    return words[0].norm.startswith("ال") and words[1].norm.startswith("ال")


def _person_title(token: Token) -> bool:
    """A person's title (مدير, كبير), not an institution's head noun (وزارة, صحيفة)."""
    title = strip_prefix_article(token.norm)
    return (title in AR_GENERIC and title not in AR_MEDIA | AR_ORG_HEADS) or token.norm in AR_TITLE_ADJECTIVES
