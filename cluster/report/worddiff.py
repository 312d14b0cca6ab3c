"""Word-level diff of two copies of a passage, readable in right-to-left text.

Words are compared after ``textnorm.normalize`` (so a hamza or a diacritic added by one outlet is no
change) but shown as written. The text form marks changes with ASCII brackets, ``[-removed-]`` and
``{+added+}``: brackets are mirrored by the bidi algorithm, so inside an Arabic line they still enclose
the right words, and no colour or control character is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from cluster.textnorm import word_tuple

try:  # the same algorithm in C, same opcodes (checked on every pair of a 30k-paragraph bench corpus)
    from cdifflib import CSequenceMatcher as SequenceMatcher
except ImportError:  # pragma: no cover - an install without the optional speed-up
    from difflib import SequenceMatcher


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
    matcher = SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    return tuple(
        DiffOp(tag, " ".join(ta[i1:i2]), " ".join(tb[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def render_diff(ops: list[DiffOp]) -> str:
    """One line: unchanged words as they are, ``[-removed-]`` and ``{+added+}`` around changes."""
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
