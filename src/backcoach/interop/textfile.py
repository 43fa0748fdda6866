"""Reading an exported CSV file as a stream of records, whatever its encoding and separator.

Nothing here trusts one sample: the encoding is found from a byte-order mark, else from the bytes
of the file's head (UTF-16 without a mark shows as NUL bytes at every other position; text that
is not valid UTF-8 is Latin-1, which any byte sequence is), and the separator from the header line
(the most frequent of ``,``, ``;`` and tab outside quotes). The file is decoded and split into
records incrementally, so memory stays bounded by the longest record, not by the file.

Every refusal is an ``InputError`` that names the file and the line.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from backcoach.errors import InputError

HEAD_BYTES = 64 * 1024  # enough for any header and a few hundred rows to judge the encoding by
MAX_FIELD = 64 * 1024  # a longer field is no training log's: refused, naming its line
SEPARATORS = (",", ";", "\t")


@dataclass(frozen=True)
class Layout:
    encoding: str  # a Python codec name
    separator: str


def refuse(where: str, line: int, field: str, reason: str) -> InputError:
    """The one shape of an import refusal: ``FILE: line N: FIELD: reason``."""
    return InputError(f"{where}: line {line}: {field}: {reason}", field=field)


def detect_encoding(head: bytes) -> str:
    """The codec for a file that starts with ``head``."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) // 2 and even.count(0) < len(even) // 8:
            return "utf-16-le"
        if even.count(0) > len(even) // 2 and odd.count(0) < len(odd) // 8:
            return "utf-16-be"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3 or len(head) < HEAD_BYTES:  # not a character cut by the head
            return "latin-1"
    return "utf-8"


def detect_separator(header: str) -> str:
    """The separator of a header line: the most frequent candidate outside quotes."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def layout_of(source: BinaryIO) -> Layout:
    """Inspect the head of a seekable binary file, then rewind it."""
    head = source.read(HEAD_BYTES)
    source.seek(0)
    encoding = detect_encoding(head)
    text = head.decode(encoding, errors="replace")
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return Layout(encoding, detect_separator(first))


def records(
    source: BinaryIO, layout: Layout, where: str, counter: list[int] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Each record of the file with the line it starts on (1 = the header), lazily; ``counter[0]``
    counts the records given so far.

    Blank lines are passed over. A record that cannot be decoded or split is refused by line.
    """
    count = counter if counter is not None else [0]
    text = io.TextIOWrapper(source, encoding=layout.encoding, newline="")
    reader = csv.reader(text, delimiter=layout.separator, quotechar='"', strict=False)
    line = 1
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD)
    try:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise refuse(
                    where, reader.line_num + 1, "encoding", f"bytes that are not {layout.encoding}"
                ) from None
            except csv.Error as exc:
                raise refuse(where, reader.line_num or line, "csv", str(exc)) from None
            # Not a blank line (or one of separators and blanks only); the first cell alone
            # usually says so, without joining the row.
            if (row and row[0].strip()) or "".join(row).strip():
                if row[0].startswith("\ufeff"):
                    row[0] = row[0].lstrip("\ufeff")
                count[0] += 1
                yield line, row
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(old_limit)
        if not text.closed:
            text.detach()  # the caller owns the binary file: leave it open
