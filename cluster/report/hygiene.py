"""Output hygiene: what input text may not do to a reader's terminal, browser or spreadsheet.

Article text, titles, ids and outlet names come from whoever wrote the corpus. Raw control bytes
(ESC starts terminal escape sequences, BEL rings, NUL truncates in some viewers) and bidi overrides
(an id ``x6\\u202egpj.exe`` displays as "x6exe.jpg") could hide or disguise what a report says, so
every view shows them as visible text (``\\x1b``, ``\\u202e``) instead of obeying them. Spreadsheets run
a cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula (CSV injection), so CSV cells are
neutralised the OWASP way unless the user asks for raw output.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls; and the bidi embeddings, overrides and isolates,
# which reorder the text around them (marks such as U+200F only set a direction and are left alone).
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula at the start of a cell (OWASP)."""


def _show(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character and bidi override written out as an escape a reader can see."""
    return _HIDDEN.sub(_show, text)


def has_hidden(text: str) -> bool:
    return _HIDDEN.search(text) is not None


def csv_safe(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a
    leading apostrophe (OWASP); numbers and other values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
