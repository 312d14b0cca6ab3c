"""Word-level diff of two copies of a passage, readable in right-to-left text.

Words are compared after ``textnorm.normalize`` (so a hamza or a diacritic added by one outlet is no
change) but shown as written. The text form marks changes with ASCII brackets, ``[-removed-]`` and
``{+added+}``: brackets are mirrored by the bidi algorithm, so inside an Arabic line they still enclose
the right words, and no colour or control character is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from cluster.textnorm import word_tuple

try:  # difflib's matcher in C: same blocks (checked on every carrier's diff of the 30k-paragraph bench corpus)
    from _cdifflib import chain_b, matching_blocks
except ImportError:  # pragma: no cover - an install without the optional speed-up
    chain_b = matching_blocks = None


@dataclass(frozen=True)
class DiffOp:
    """One run of the diff: ``equal`` (a == b as words), ``delete`` (only in a), ``insert`` (only in
    b) or ``replace`` (a's words became b's)."""

    op: str
    a: str
    b: str

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "a": self.a, "b": self.b}


@lru_cache(maxsize=1 << 18)
def _key(token: str) -> str:
    """Memoised per distinct token: a day of news repeats its words, and every edited pair is diffed."""
    return " ".join(word_tuple(token)) or token


def word_diff(a: str, b: str) -> list[DiffOp]:
    """The operations that turn passage ``a`` into passage ``b``, word by word."""
    return list(_diff(a, b))


@lru_cache(maxsize=1 << 16)
def _diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """Memoised per text pair: the JSON, the terminal and the quotes section ask for the same diffs."""
    ta, tb = a.split(), b.split()
    out = []
    i = j = 0
    for ai, bj, size in _matching_blocks([_key(t) for t in ta], [_key(t) for t in tb]):
        if i < ai or j < bj:
            tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert"
            out.append(DiffOp(tag, " ".join(ta[i:ai]), " ".join(tb[j:bj])))
        i, j = ai + size, bj + size
        if size:
            out.append(DiffOp("equal", " ".join(ta[ai:i]), " ".join(tb[bj:j])))
    return tuple(out)


class _Sequences:
    """The attributes cdifflib's C functions read from a matcher: two key lists, no junk, no autojunk."""

    isjunk = None
    autojunk = False

    def __init__(self, a: list[str], b: list[str]) -> None:
        self.a, self.b = a, b
        junk, popular = chain_b(self)  # sets self.b2j
        self.isbjunk, self.isbpopular = junk.__contains__, popular.__contains__


def _matching_blocks(a: list[str], b: list[str]) -> list[Any]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``, the final (len a, len b, 0)
    included, from cdifflib's C functions without the Python matcher around them: diffing every carrier
    of a day of news spent more time in that wrapper (and ``get_opcodes``) than in the matching."""
    if matching_blocks is None:  # pragma: no cover
        return list(SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return [*matching_blocks(_Sequences(a, b)), (len(a), len(b), 0)]


def render_diff(ops: Sequence[Any]) -> str:
    """One line: unchanged words as they are, ``[-removed-]`` and ``{+added+}`` around changes. ``ops`` have
    ``op``, ``a`` and ``b``: ``DiffOp``s, or the contract's ``DiffOpOut``s."""
    parts = []
    for op in ops:
        if op.op == "equal":
            parts.append(op.b)
            continue
        if op.a:
            parts.append(f"[-{op.a}-]")
        if op.b:
            parts.append(f"{{+{op.b}+}}")
    return " ".join(parts)


def changed_words(ops: list[DiffOp]) -> tuple[int, int]:
    """(words removed, words added): how much an editor changed."""
    removed = sum(len(op.a.split()) for op in ops if op.op != "equal")
    added = sum(len(op.b.split()) for op in ops if op.op != "equal")
    return removed, added
