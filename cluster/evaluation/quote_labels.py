"""Hand-written labelled articles (``tests/data/quotes_written``) into rows of ``quotes_labelled.jsonl``.

    python -m cluster.evaluation.quote_labels tests/data/quotes_written tests/data/quotes_labelled.jsonl

Labelling inline (``<q s=".." k=".." p="..">text</q>``) keeps each label next to the words it covers,
so a reader checks it at a glance and an edit to the article cannot leave offsets stale: the offsets
are computed here. Rows from other sources in the output file are kept as they are.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

QUOTE_TAG = re.compile(r'<q((?:\s+\w+="[^"]*")*)\s*>(.*?)</q>', re.S)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
SPEAKER_KINDS = ("person", "organisation", "anonymous", "unattributed")


def parse_written(path: Path, root: Path) -> dict[str, Any]:
    """One article row: header fields, the text without markup, and its quotes with offsets."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    text, quotes, cursor = [], [], 0
    length = 0
    for match in QUOTE_TAG.finditer(body):
        before = body[cursor:match.start()]
        text.append(before)
        length += len(before)
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        inner = match.group(2)
        kind = attributes.get("k", "person")
        if kind not in SPEAKER_KINDS:
            raise ValueError(f"{path.name}: unknown speaker kind {kind!r}")
        quote = {"text": inner, "start": length, "end": length + len(inner),
                 "speaker": attributes.get("s") or None, "speaker_kind": kind,
                 "kind": "multi" if "\n" in inner else "written"}
        if attributes.get("p"):
            quote["pair"] = attributes["p"]
        quotes.append(quote)
        text.append(inner)
        length += len(inner)
        cursor = match.end()
    text.append(body[cursor:])
    full = "".join(text).strip("\n")
    title = full.split("\n", 1)[0]
    return {"id": fields["id"], "source": str(path.relative_to(root)), "lang": fields["lang"],
            "split": fields["split"], "story": fields.get("story"), "title": title, "text": full,
            "quotes": quotes}


def build(folder: Path, output: Path) -> list[dict[str, Any]]:
    root = output.parent.parent.parent
    written = [parse_written(path, root) for path in sorted(folder.glob("*.txt"))]
    kept = []
    if output.exists():
        for line in output.read_text(encoding="utf-8").splitlines():
            if line.strip() and Path(json.loads(line)["source"]).parent != folder.relative_to(root):
                kept.append(json.loads(line))
    rows = kept + written
    output.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster.evaluation.quote_labels",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    rows = build(args.folder.resolve(), args.output.resolve())
    quotes = [q for row in rows for q in row["quotes"]]
    print(f"{len(rows)} articles, {len(quotes)} quotes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
