"""Name words the name reader otherwise takes for common words: women's given names in -ية (سامية، نادية،
فوزية، رقية), read as an indefinite feminine adjective ("مصادر أمنية تركية"), and أمين closing a name
("شيلان حمه أمين"), read as the title "secretary". Split from ``names`` by concern (and to keep it short)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from cluster.quotes.lexicon import AR_COMPLEMENTIZERS, AR_GENERIC
from cluster.quotes.sources import strip_prefix_article
from cluster.textnorm import normalize


class Token(Protocol):
    """A word of ``names.Token``'s shape (not imported: ``names`` asks here)."""

    text: str
    word: bool

    @property
    def norm(self) -> str: ...


def feminine_given_name(tokens: Sequence[Token], k: int, is_name: Callable[[Token], bool]) -> bool:
    """"الدكتورة سامية حمادي", "النائبة نادية الشمري": an indefinite word in -ية right after a definite
    title and right before a name is the woman's given name. An adjective agrees with its noun in
    definiteness, so an indefinite -ية word after a definite title is no adjective of it ("الشرطة
    المحلية" is definite; "مصادر أمنية" has no article), and a name after it shows it opens a name."""
    norm = tokens[k].norm
    if not (norm.endswith("يه") and len(norm) >= 4 and not norm.startswith(("ال", "لل"))) or not 0 < k < len(tokens) - 1:
        return False
    title, following = tokens[k - 1], tokens[k + 1]
    return (title.word and title.norm.startswith("ال") and strip_prefix_article(title.norm) in AR_GENERIC
            and following.word and not following.norm.endswith("يه") and is_name(following))


AMIN = normalize("أمين")
NAME_CLOSERS = frozenset("،,:.")


def closing_amin(tokens: Sequence[Token], k: int, is_name: Callable[[Token], bool]) -> bool:
    """"الدكتورة شيلان حمه أمين إن": أمين after two words of a name (the last without ال) and right before
    the complementizer or a comma ends the name (a Kurdish or Egyptian third name); the title أمين always
    has its complement after it ("أمين عام الحزب", "أمين العاصمة"), so nothing of a clause follows it."""
    if tokens[k].norm != AMIN or k < 2 or not all(t.word for t in tokens[k - 2: k]):
        return False
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    closes = following is None or (following.norm in AR_COMPLEMENTIZERS if following.word else following.text in NAME_CLOSERS)
    return closes and not tokens[k - 1].norm.startswith("ال") and all(is_name(t) for t in tokens[k - 2: k])
