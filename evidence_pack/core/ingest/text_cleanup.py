"""Making extracted text safe to search and to quote.

Sources arrive with NUL bytes, Windows line ends, typographic ligatures from PDF fonts,
non-breaking spaces and, now and then, UTF-8 that was decoded as Windows-1252 somewhere
upstream ("â€™" for "’"). Search tokenises on letters and quote matching compares characters,
so all of these are settled once, at import, and the stored page text is the cleaned one.
"""

from __future__ import annotations

import contextlib
import re

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Invisible characters that split words for the tokenizer but mean nothing to a reader.
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2002", "\u2003", "\u3000"}

_TRANSLATE = str.maketrans(
    {
        **_LIGATURES,
        **dict.fromkeys(_INVISIBLE, ""),
        **dict.fromkeys(_SPACES, " "),
        # C0 controls other than tab and newline; \x02 is handled before translation.
        **{chr(c): None for c in range(0x20) if c not in (0x09, 0x0A)},
        "\x7f": None,
    }
)

# Mojibake markers: the Windows-1252 reading of UTF-8 lead bytes for common punctuation.
_MOJIBAKE = re.compile("â€[™˜œ“”¢¦]|Â£|Â |Ã[©¨¢®´¼¶§]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUN = re.compile(r"\n{3,}")
_SURROGATE = re.compile("[\ud800-\udfff]")


# Any character _TRANSLATE changes: most pages have none, and a regex search for them is
# ten times quicker than str.translate with a mapping (a millisecond on a dense page).
_TRANSLATED = re.compile("[" + re.escape("".join(chr(c) for c in _TRANSLATE)) + "]")


def clean_text(text: str) -> str:
    """Text normalised for storage: one newline style, no controls, ligatures expanded."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # pdfium marks a hyphen it judged to be a line-end break with \x02: rejoin the word.
    text = text.replace("\x02\n", "").replace("\x02", "-")
    # ...and U+FFFE where a word was hyphenated across lines inside the text run (LaTeX
    # output): "adip\ufffeiscing" is "adipiscing", which search must find whole.
    text = text.replace("\ufffe\n", "").replace("\ufffe", "")
    text = text.replace("\f", "\n\n")
    if _TRANSLATED.search(text):
        text = text.translate(_TRANSLATE)
    # each pattern is searched for only where its cheap plain-string test says it may be
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
        if _MOJIBAKE.search(text):
            text = repair_mojibake(text)
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def clean_text_mapped(text: str) -> tuple[str, list[int]]:
    """`clean_text(text)` and, for each of its characters, the index in `text` it came from.

    Page geometry needs it: pdfium gives a box per character of its raw text, the pack stores
    the cleaned text, and a quote's offsets are offsets into the cleaned text. Each step of
    clean_text is repeated here on (character, origin) pairs; tests keep the two in step.
    """
    if not text:
        return "", []
    chars = list(text)
    where = list(range(len(text)))
    chars, where = _replace(chars, where, "\r\n", "\n")
    chars, where = _replace(chars, where, "\r", "\n")
    chars, where = _replace(chars, where, "\x02\n", "")
    chars, where = _replace(chars, where, "\x02", "-")
    chars, where = _replace(chars, where, "\ufffe\n", "")
    chars, where = _replace(chars, where, "\ufffe", "")
    chars, where = _replace(chars, where, "\f", "\n\n")
    out: list[str] = []
    out_where: list[int] = []
    for ch, origin in zip(chars, where, strict=True):
        mapped = _TRANSLATE.get(ord(ch), ch)
        if mapped is None:
            continue
        for piece in mapped if isinstance(mapped, str) else chr(mapped):
            out.append(piece)
            out_where.append(origin)
    chars, where = out, out_where
    joined = _SURROGATE.sub("\ufffd", "".join(chars))
    chars = list(joined)
    if _MOJIBAKE.search(joined):
        chars, where = _repair_mapped(joined, where)
    chars, where = _regex_mapped(chars, where, _TRAILING_SPACE, "\n")
    chars, where = _regex_mapped(chars, where, _BLANK_RUN, "\n\n")
    joined = "".join(chars)
    start = len(joined) - len(joined.lstrip())
    end = len(joined.rstrip())
    return joined[start:end], where[start:end]


def _replace(chars: list[str], where: list[int], old: str,
             new: str) -> tuple[list[str], list[int]]:
    """str.replace on (character, origin) pairs; new characters take the origin of the
    first character they replace."""
    text = "".join(chars)
    if old not in text:
        return chars, where
    out: list[str] = []
    out_where: list[int] = []
    i = 0
    while True:
        found = text.find(old, i)
        if found < 0:
            break
        out += chars[i:found]
        out_where += where[i:found]
        out += list(new)
        out_where += [where[found]] * len(new)
        i = found + len(old)
    out += chars[i:]
    out_where += where[i:]
    return out, out_where


def _regex_mapped(chars: list[str], where: list[int], pattern: re.Pattern[str],
                  repl: str) -> tuple[list[str], list[int]]:
    """pattern.sub(repl) on (character, origin) pairs; the replacement's characters keep the
    origins of the match's last characters (the newlines that are kept)."""
    text = "".join(chars)
    out: list[str] = []
    out_where: list[int] = []
    i = 0
    for m in pattern.finditer(text):
        out += chars[i:m.start()]
        out_where += where[i:m.start()]
        out += list(repl)
        out_where += where[m.end() - len(repl):m.end()]
        i = m.end()
    out += chars[i:]
    out_where += where[i:]
    return out, out_where


def _repair_mapped(text: str, where: list[int]) -> tuple[list[str], list[int]]:
    """repair_mojibake with origins: characters the repair left alone keep theirs; a
    repaired character ("’" from "â€™") takes the origin of the first one it replaced."""
    import difflib

    out: list[str] = []
    out_where: list[int] = []
    at = 0
    for line in text.split("\n"):
        fixed = repair_mojibake(line)
        if fixed == line:
            out += list(line)
            out_where += where[at:at + len(line)]
        else:
            matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
            for _op, a0, a1, b0, b1 in matcher.get_opcodes():
                for k in range(b1 - b0):
                    source = a0 + k if a1 - a0 == b1 - b0 else min(a0, len(line) - 1)
                    out.append(fixed[b0 + k])
                    out_where.append(where[at + max(0, source)])
        at += len(line)
        if at < len(text):
            out.append("\n")
            out_where.append(where[at])
            at += 1
    return out, out_where


def repair_mojibake(text: str) -> str:
    """Undo one round of UTF-8-read-as-Windows-1252, line by line where it applies."""
    fixed_lines = []
    for line in text.split("\n"):
        if _MOJIBAKE.search(line):
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                line = _as_cp1252_bytes(line).decode("utf-8")
        fixed_lines.append(line)
    return "\n".join(fixed_lines)


def _as_cp1252_bytes(text: str) -> bytes:
    # Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; decoders that let them
    # through map them to the same code points, so those go back as single bytes.
    return b"".join(
        ch.encode("latin-1") if 0x80 <= ord(ch) < 0xA0 else ch.encode("cp1252") for ch in text
    )


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """Decode a plain-text file's bytes, saying what was assumed when it was not UTF-8."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), warnings
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), warnings
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a byte-order mark: every other byte of ASCII text is NUL.
        even_nuls = sample[0::2].count(b"\x00")
        odd_nuls = sample[1::2].count(b"\x00")
        if max(even_nuls, odd_nuls) > len(sample) // 3:
            codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
            return data.decode(codec, errors="replace"), warnings
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass
    warnings.append("the text is not UTF-8; it was read as Windows-1252 (Western European)")
    return data.decode("cp1252", errors="replace"), warnings


def looks_binary(data: bytes) -> bool:
    """True for bytes that are clearly not text in any encoding we read."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    nuls = sample.count(b"\x00")
    if nuls == len(sample):
        return True  # nothing but zeros
    if nuls > len(sample) // 4:
        # could be BOM-less UTF-16: decode_text handles it; binary has NULs scattered.
        even = sample[0::2].count(b"\x00")
        odd = sample[1::2].count(b"\x00")
        return max(even, odd) < len(sample) // 3
    return controls > len(sample) // 10
