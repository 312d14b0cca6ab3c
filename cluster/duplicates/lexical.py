"""How two passages relate: lexical overlap figures and the match type a reader is shown.

Match types (docs/matching.md has the long form):
- ``verbatim``: the same words in the same order once spelling, diacritics, digits and punctuation are
  normalised (a copy).
- ``edited``: same language, the same text with cuts, additions, substitutions or reordering: cosine
  plus ``overlap_weight`` x content-word overlap reaches ``edited_threshold`` (see ``edit_score``).
- ``paraphrase``: same language, the same statement in mostly other words (high embedding similarity,
  little shared wording).
- ``translation``: different languages (scripts), same statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import Indel

from cluster.config import DuplicateConfig
from cluster.textnorm import content_words, numbers, word_tuple


class MatchType(str, Enum):
    VERBATIM = "verbatim"
    EDITED = "edited"
    PARAPHRASE = "paraphrase"
    TRANSLATION = "translation"


class Lexical(NamedTuple):
    """Wording shared by two passages. A named tuple, not a frozen dataclass: one is made per candidate pair
    (millions on a large corpus), and a frozen dataclass's ``__init__`` took a quarter of ``compare``."""

    overlap: float
    """Content words shared, over the shorter passage's content words (1.0: one contains the other)."""
    balanced: float
    """Content words shared over the geometric mean of both counts (Ochiai): a short sentence whose
    few words all recur in a long paragraph on the same topic does not score as a copy."""
    sequence: float
    """Word-sequence similarity (Indel-normalised) of the full normalised word lists."""
    numbers_conflict: bool
    """Both passages cite numbers and none are shared: a report of another event, not a copy."""
    shorter_words: int
    """Word count of the shorter passage: short passages (headlines) need stronger evidence."""


@dataclass(frozen=True)
class Profile:
    """A passage's words, computed once: a passage meets many candidates."""

    content: frozenset[str]
    all_words: tuple[str, ...]
    numbers: frozenset[str]
    word_codes: str | None
    """``all_words`` one character a word (``word_codes``), or None past the process's character supply."""


_CODE_OF: dict[str, str] = {}
_SURROGATES = range(0xD800, 0xE000)
_CODE_SUPPLY = 0x110000 - len(_SURROGATES)


def word_codes(words: tuple[str, ...]) -> str | None:
    """The words as a string of one character per distinct word, the same character for a word throughout
    the process: rapidfuzz compares two strings in C with no per-word work, where two tuples of words cost
    it a hash of every word each call (7 of compare's 25 us a pair). Equal words, equal characters, so the
    Indel similarity is the same. None once the process has met more distinct words than Unicode has
    characters (over a million): those profiles compare as word tuples. The codes are this process's own,
    so a profile is never compared with one made in another process (none is sent between processes)."""
    codes = []
    for word in words:
        code = _CODE_OF.get(word)
        if code is None:
            n = len(_CODE_OF)
            if n >= _CODE_SUPPLY:
                return None
            code = _CODE_OF[word] = chr(n if n < _SURROGATES.start else n + len(_SURROGATES))
        codes.append(code)
    return "".join(codes)


@lru_cache(maxsize=1 << 15)
def profile(text: str, lang: str) -> Profile:
    """Memoised: the same passage or quote meets many candidates, in several stages."""
    words = word_tuple(text)
    return Profile(frozenset(content_words(text, lang)), words, frozenset(numbers(text)), word_codes(words))


def compare(a: Profile, b: Profile) -> Lexical:
    shared = len(a.content & b.content)
    shorter = min(len(a.content), len(b.content))
    overlap = shared / shorter if shorter else 0.0
    balanced = shared / (len(a.content) * len(b.content)) ** 0.5 if shorter else 0.0
    if a.word_codes is not None and b.word_codes is not None:
        sequence = Indel.normalized_similarity(a.word_codes, b.word_codes)
    else:
        sequence = Indel.normalized_similarity(a.all_words, b.all_words)
    conflict = bool(a.numbers) and bool(b.numbers) and not (a.numbers & b.numbers)
    return Lexical(overlap, balanced, sequence, conflict, min(len(a.all_words), len(b.all_words)))


def lexical(text_a: str, text_b: str, lang_a: str, lang_b: str) -> Lexical:
    return compare(profile(text_a, lang_a), profile(text_b, lang_b))


def classify(
    similarity: float, lex: Lexical, lang_a: str, lang_b: str, cfg: DuplicateConfig
) -> MatchType | None:
    """The match type of a candidate pair, or None when it is not a duplicate passage.

    A pair that shares no numbers while both cite some is rejected unless it is a near copy: two
    reports of similar meetings on different dates embed closely but are not the same passage.
    Short passages (headlines, one-line highlights) of two reports of similar events look alike
    in embeddings and wording ("X meets Y delegation"), so below ``short_words`` only a verbatim
    copy, or a translation above a raised cut, counts.
    """
    short = lex.shorter_words < cfg.short_words
    if lang_a != lang_b:
        needed = cfg.cross_language_threshold + (cfg.short_margin if short else 0.0)
        if similarity < needed or lex.numbers_conflict:
            return None
        return MatchType.TRANSLATION
    if lex.sequence >= cfg.verbatim_min_ratio:
        return MatchType.VERBATIM
    if short:
        return None
    if lex.numbers_conflict and lex.overlap < 0.8:
        return None
    if (
        similarity >= cfg.edited_min_similarity
        and lex.balanced >= cfg.edited_min_overlap
        and edit_score(similarity, lex, cfg) >= cfg.edited_threshold
    ):
        return MatchType.EDITED
    if similarity >= cfg.paraphrase_threshold:
        return MatchType.PARAPHRASE
    return None


def edit_score(similarity: float, lex: Lexical, cfg: DuplicateConfig) -> float:
    """Meaning plus shared wording: an edited copy keeps much of both, a similar report keeps neither.

    Reports of two similar meetings reach cosine ~0.75 with ~0.4 word overlap; a copy with synonyms
    substituted or clauses reordered keeps cosine >= 0.8 and overlap >= 0.5. Neither figure alone
    separates them as well as their weighted sum.
    """
    return similarity + cfg.overlap_weight * lex.balanced


def pair_threshold(lang_a: str, lang_b: str, cfg: DuplicateConfig) -> float:
    """The cosine a pair of these languages must reach to be considered at all."""
    if lang_a != lang_b:
        return cfg.cross_language_threshold
    return min(max(cfg.edited_min_similarity, cfg.edited_threshold - cfg.overlap_weight), cfg.paraphrase_threshold)
