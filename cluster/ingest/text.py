"""Articles that are whole files (.txt, .md, .html): the headline and the date come from the top.

A file carries no fields, so the title is its first line (a Markdown heading or front matter when it
has one, the page's metadata for HTML) and the publication date is searched for in its top lines.
"""

from __future__ import annotations

import html
import re

from cluster.documents import Article
from cluster.ingest.dates import find_publication_date, parse_date
from cluster.ingest.files import Batch, Source, Unreadable, describe_lines, nul_lines
from cluster.textnorm import script_language

MAX_TITLE_CHARS = 200
"""A title taken from the first line of the text is cut here: that line is often a whole paragraph."""
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)


def title_from(text: str) -> str:
    """The first non-empty line, cut at a word boundary when it is really a paragraph."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= MAX_TITLE_CHARS:
        return line
    cut = line[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def without_nuls(src: Source, text: str, notices: list[str]) -> str:
    """The text without NUL characters (a stray byte or a zero-filled block in a text file), with a notice
    naming the lines: the characters go, the rest of each line and of the file stays."""
    if "\0" not in text:
        return text
    notices.append(f"{src.display}: NUL bytes removed from {describe_lines(nul_lines(text))}")
    return text.replace("\0", "")


def read_plain(src: Source, text: str) -> Batch:
    """A .txt or .md file is one article; the headline is its first line, the date in its top lines."""
    notices: list[str] = []
    text = without_nuls(src, text, notices)
    title, date = title_from(text), None
    if src.path.suffix.lower() == ".md":
        front = _FRONT_MATTER.match(text)
        meta = dict(re.findall(r"^(title|date):\s*(.+?)\s*$", front[1], re.MULTILINE)) if front else {}
        body = text[front.end() :] if front else text
        title = meta.get("title", "").strip("\"'") or title_from(body).lstrip("#").strip()
        date = parse_date(meta["date"].strip("\"'")) if "date" in meta else None
    lang = script_language(text)
    article = Article(src.rel, title, text, date or find_publication_date(text), lang, path=src.display)
    return Batch([article], notices=notices)


def html_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or ``http-equiv``), if any."""
    found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
    if not found:
        return None
    name = found[1].decode("ascii").lower()
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii") else name  # as browsers do


def read_html(src: Source, text: str) -> Batch:
    """The main text of a web page, without navigation and comments. The date comes from the page's
    metadata only (trafilatura's extensive search turns a footer's "© 2019" into 2019-01-01), then
    from the top of the extracted text."""
    import trafilatura

    notices: list[str] = []
    text = without_nuls(src, text, notices)
    no_guessing = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, date_extraction_params=no_guessing
    )
    body = getattr(doc, "text", None) or ""
    if not body.strip():
        raise Unreadable("no article text found in the HTML page")
    page_title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    page_title = " ".join(html.unescape(page_title[1]).split()) if page_title else ""
    title = (doc.title or "").strip() or page_title or title_from(body)
    date = (parse_date(doc.date) if doc.date else None) or find_publication_date(body)
    article = Article(id=src.rel, title=title, text=body, date=date, lang=script_language(body),
                      source=doc.sitename or doc.hostname or None, url=doc.url or None, path=src.display)
    return Batch([article], notices=notices)
