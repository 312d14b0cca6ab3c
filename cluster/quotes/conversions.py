"""A currency conversion an outlet adds in parentheses: no fact of the quote, left out of the facts check.

English wire copy gives a local sum its dollar value ("between 180,000 and 250,000 Egyptian pounds
($3,600-$5,000)", "2 billion dirhams (about $545 million)"), and Arabic outlets do the same for a foreign
sum ("500 مليون يورو (نحو 540 مليون دولار)"). The speaker said one sum; the other outlet's copy of the
quote carries it without the conversion, so the facts check (``duplicates.crosslingual.facts_kept``)
read two numbers the translation "dropped" and refused it: on dev11 the only translation at the general
cut between two reports of one Hajj-visa fraud, which left their six other shared statements unlinked
(the companions pass needs that first link). ``links`` asks the check again with such parentheses removed.
"""

from __future__ import annotations

import re

_MONEY = re.compile(r"[$€£¥]|\b(?:US\s?dollars?|dollars?|USD|euros?|EUR|pounds?|GBP)\b|دولار|يورو|جنيه", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*[(（]([^()（）]{1,48})[)）]")


def without_conversions(text: str) -> str:
    """``text`` without the parentheses that hold a sum of money (a digit and a currency sign or name)."""
    return _PARENTHESIS.sub(lambda m: "" if _is_conversion(m.group(1)) else m.group(0), text)


def _is_conversion(inside: str) -> bool:
    return any(c.isdigit() for c in inside) and bool(_MONEY.search(inside))
