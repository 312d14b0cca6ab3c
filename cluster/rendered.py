"""A run's rendered views (the text report, the JSON contract) held as the run cache stores them:
UTF-8, zlib-compressed, made a piece at a time and written out a piece at a time.

The JSON view of 300,000 passages is 1.09 billion characters. Held as a Python string it was 2 GB (two
bytes a character once one Arabic letter is in it), encoded for the cache a second copy, and printed a
third: the report stage was the run's memory peak. Compressed as it is rendered it is a tenth of that,
and ``write`` decompresses it to its file or stdout a chunk at a time. Reading a view as a string
(``views["json"]``) still works, for callers that want it whole (tests, small runs).
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import IO

COMPRESS_LEVEL = 1
CHUNK = 1 << 22
"""Characters gathered before they are encoded and compressed, and bytes decompressed at a time."""


class RenderedView:
    """One view's text, compressed (the bytes ``runs.sqlite`` stores)."""

    __slots__ = ("blob",)

    def __init__(self, blob: bytes) -> None:
        self.blob = blob

    @classmethod
    def of_pieces(cls, pieces: Iterable[str]) -> RenderedView:
        """Compress text given in pieces, never holding more than about ``CHUNK`` characters of it."""
        packer, out, batch, size = zlib.compressobj(COMPRESS_LEVEL), [], [], 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= CHUNK:
                out.append(packer.compress("".join(batch).encode("utf-8")))
                batch, size = [], 0
        out.append(packer.compress("".join(batch).encode("utf-8")))
        return cls(b"".join([*out, packer.flush()]))

    @classmethod
    def of_text(cls, text: str) -> RenderedView:
        return cls.of_pieces(text[lo : lo + CHUNK] for lo in range(0, len(text), CHUNK))

    def chunks(self) -> Iterator[str]:
        """The text, about ``CHUNK`` bytes at a time (a character split between two chunks is kept whole)."""
        unpacker, decoder = zlib.decompressobj(), codecs.getincrementaldecoder("utf-8")()
        step = max(CHUNK // 8, 1)  # compressed bytes fed at a time: text compresses about tenfold
        for lo in range(0, len(self.blob), step):
            data = unpacker.decompress(self.blob[lo : lo + step], CHUNK)
            yield decoder.decode(data)
            while unpacker.unconsumed_tail:
                yield decoder.decode(unpacker.decompress(unpacker.unconsumed_tail, CHUNK))
        yield decoder.decode(unpacker.flush(), final=True)

    def text(self) -> str:
        return zlib.decompress(self.blob).decode("utf-8")

    def write(self, stream: IO[str]) -> str:
        """Write the text to ``stream`` chunk by chunk; returns its last character ("" when empty)."""
        last = ""
        for chunk in self.chunks():
            if chunk:
                stream.write(chunk)
                last = chunk[-1]
        return last


class Views(Mapping[str, str]):
    """View name -> text, read whole on demand; ``write`` streams one, ``blobs`` gives what the cache keeps."""

    def __init__(self, views: Mapping[str, RenderedView]) -> None:
        self._views = dict(views)

    def __getitem__(self, name: str) -> str:
        return self._views[name].text()

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)

    def view(self, name: str) -> RenderedView:
        return self._views[name]

    def blobs(self) -> dict[str, bytes]:
        return {name: view.blob for name, view in self._views.items()}
