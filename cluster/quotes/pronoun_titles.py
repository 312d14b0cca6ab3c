"""A title carrying a possessive pronoun: "وقالت رئيستها X Y" (its president), "مديرها" (its director).

Why: outlets name a body, then its officer by "its + title" and the name; read as a name word, the title
became the speaker's given name ("رئيستها سعاد بلفقيه"). Kept apart from ``names`` by size.
"""

from __future__ import annotations

from cluster.quotes.lexicon import AR_GENERIC


def title_with_pronoun(norm: str) -> bool:
    """A normalised word that is a title (``AR_GENERIC``) with ها or هم: never a name word (the feminine ة is
    written ت before the pronoun). The bare ه is left out: normalised, it is also the feminine ending ("ناديه")."""
    for suffix in ("ها", "هم"):
        stem = norm[: -len(suffix)] if norm.endswith(suffix) else ""
        if len(stem) >= 3 and (stem in AR_GENERIC or (stem.endswith("ت") and stem[:-1] + "ه" in AR_GENERIC)):
            return True
    return False
