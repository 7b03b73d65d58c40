"""Answers sent gzipped, compressed once when they are stored rather than for every reader.

A stored answer is a template whose view counts are filled in at each read, so it cannot be
kept as one gzip file. It is kept instead as raw deflate segments, one for each stretch between
two view counts, each flushed to a byte boundary with its history reset (`Z_FULL_FLUSH`), so
that no segment refers to bytes outside itself. A read joins the segments around the numbers of
that moment, sent as uncompressed ("stored") deflate blocks, and wraps them in a gzip header and
trailer; only the trailer's CRC-32 is computed per read (a pass over the bytes, no compression).

What is never stored (a search, a filtered list) is compressed whole when it is sent.
"""

import gzip
import struct
import zlib

from home.answers.recording import SENTINEL

# Smaller answers are sent as they are: the header and trailer would eat what gzip saves.
MIN_SIZE = 1024
LEVEL = 6

# A gzip member's header (RFC 1952): no name, no time, "unknown" operating system, so that the
# same answer gives the same bytes (and ETag) in every process.
HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# The last deflate block: final, stored, empty.
LAST_BLOCK = b"\x01\x00\x00\xff\xff"
MAX_STORED_BLOCK = 0xFFFF


def accepts_gzip(request):
    """Whether the request's Accept-Encoding lists gzip (or `*`) with a non-zero quality."""
    accepted = {}
    for item in request.headers.get("Accept-Encoding", "")[:1024].split(","):
        coding, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        accepted[coding.strip().lower()] = quality
    return accepted.get("gzip", accepted.get("*", 0.0)) > 0


def placeholder_spans(template):
    """(start, end) of each view-count placeholder's digits in a template, in order."""
    return [(match.start(2) - 13, match.end(2)) for match in SENTINEL.finditer(template)]


def deflate(template):
    """The template's segments between placeholders, each raw-deflated on its own, packed with
    their lengths; None for a template too small to be worth it."""
    if len(template) < MIN_SIZE:
        return None
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    packed = []
    start = 0
    for begin, end in [*placeholder_spans(template), (len(template), len(template))]:
        segment = compressor.compress(template[start:begin]) + compressor.flush(zlib.Z_FULL_FLUSH)
        packed.append(struct.pack("<I", len(segment)) + segment)
        start = end
    return b"".join(packed)


def segments(packed):
    """The deflate segments `deflate` packed."""
    found, at = [], 0
    while at < len(packed):
        (length,) = struct.unpack_from("<I", packed, at)
        found.append(packed[at + 4 : at + 4 + length])
        at += 4 + length
    return found


def stored_blocks(data):
    """`data` as uncompressed deflate blocks (not final), for bytes that change at each read."""
    blocks = []
    for at in range(0, len(data), MAX_STORED_BLOCK):
        chunk = data[at : at + MAX_STORED_BLOCK]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


class Body:
    """What an answer sends: its bytes, as parts that each know their deflated form when the
    part was compressed when it was stored (None for what a read filled in)."""

    def __init__(self, parts=()):
        self.parts = list(parts)  # [(plain bytes, deflated bytes or None)]

    @classmethod
    def of(cls, template, number, packed=None):
        """A stored template with each placeholder replaced by `number(its index)` (bytes), its
        segments' deflated forms taken from `packed` (what `deflate` made of it) when given."""
        spans = placeholder_spans(template)
        deflated = segments(packed) if packed is not None else []
        if len(deflated) != len(spans) + 1:  # no deflated form (a small template)
            deflated = [None] * (len(spans) + 1)
        body, start = cls(), 0
        for (begin, end), compressed in zip(spans, deflated[:-1], strict=True):
            body.add(template[start:begin], compressed)
            body.add(number(int(template[end - 6 : end])))
            start = end
        body.add(template[start:], deflated[-1])
        return body

    def add(self, plain, deflated=None):
        self.parts.append((plain, deflated))
        return self

    def extend(self, other):
        self.parts.extend(other.parts)
        return self

    @property
    def content(self):
        return b"".join(plain for plain, _deflated in self.parts)

    def gzipped(self, content=None):
        """The gzip member of `content` (the parts' bytes); None when it is too small to be
        worth compressing. Compressed here only when no part was compressed beforehand."""
        content = self.content if content is None else content
        if len(content) < MIN_SIZE:
            return None
        if all(deflated is None for _plain, deflated in self.parts):
            return gzip.compress(content, compresslevel=LEVEL, mtime=0)
        stream = b"".join(
            deflated if deflated is not None else stored_blocks(plain) for plain, deflated in self.parts
        )
        trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
        return HEADER + stream + LAST_BLOCK + trailer
