"""Formulas whose results a workbook does not carry, worked out when they are simple.

Excel saves each formula's last result beside it, and that result is what the import shows.
Workbooks written by programs (finance systems' exports, scripts) often carry the formula
alone: its cell was read as empty, so a "Total" row showed no total. The common formulas of
such sheets are arithmetic on cells and SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, ROUND and
ABS over cells and ranges; those are worked out here from the cells' values (a formula that
needs another such formula works that out first). Anything else is shown as its formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

Lookup = Callable[[str, str], object]  # (sheet, "B4") -> the cell's value

_TOKEN = re.compile(r"""\s*(?:
    (?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<ref>(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?
        \$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)
  | (?P<func>[A-Za-z][A-Za-z0-9.]*)\s*\(
  | (?P<op>[-+*/^(),%])
)""", re.VERBOSE)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_MAX_CELLS = 100_000  # in one range
_MAX_DEPTH = 50  # formulas needing formulas


class NotSimple(Exception):
    """The formula is not one worked out here."""


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def evaluate(formula: str, sheet: str, lookup: Lookup) -> float:
    """The value of `formula` ("=SUM(B2:B5)*2") on `sheet`; raises NotSimple otherwise."""
    tokens = _tokens(formula.lstrip("="))
    parser = _Parser(tokens, sheet, lookup)
    value = parser.expression()
    if parser.at < len(tokens):
        raise NotSimple("text after the formula")
    number = _number(value)
    if math.isnan(number) or math.isinf(number):
        raise NotSimple("no finite value")
    return number


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise NotSimple(f"cannot read {text[pos:pos + 10]!r}")
        kind = next(k for k in ("num", "ref", "func", "op") if m.group(k) is not None)
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], sheet: str, lookup: Lookup) -> None:
        self.tokens, self.at, self.sheet, self.lookup = tokens, 0, sheet, lookup

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, value: str) -> None:
        if self.peek() != ("op", value):
            raise NotSimple(f"expected {value!r}")
        self.at += 1

    def expression(self) -> object:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.tokens[self.at][1]
            self.at += 1
            right = self.term()
            value = _number(value) + _number(right) if op == "+" else \
                _number(value) - _number(right)
        return value

    def term(self) -> object:
        value = self.power()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.tokens[self.at][1]
            self.at += 1
            right = _number(self.power())
            if op == "/" and right == 0:
                raise NotSimple("division by zero")
            value = _number(value) * right if op == "*" else _number(value) / right
        return value

    def power(self) -> object:
        value = self.unary()
        if self.peek() == ("op", "^"):
            self.at += 1
            value = _number(value) ** _number(self.power())
        return value

    def unary(self) -> object:
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = -1 if self.tokens[self.at][1] == "-" else 1
            self.at += 1
            return sign * _number(self.unary())
        value = self.primary()
        if self.peek() == ("op", "%"):
            self.at += 1
            value = _number(value) / 100
        return value

    def primary(self) -> object:
        kind, text = self.peek()
        self.at += 1
        if kind == "num":
            return float(text)
        if kind == "ref":
            return self.reference(text)
        if kind == "func":
            return self.function(text.upper())
        if (kind, text) == ("op", "("):
            value = self.expression()
            self.take(")")
            return value
        raise NotSimple(f"unexpected {text!r}")

    def reference(self, text: str) -> object:
        sheet = self.sheet
        if "!" in text:
            name, text = text.rsplit("!", 1)
            sheet = name[1:-1].replace("''", "'") if name.startswith("'") else name
        cells = [m.groups() for m in _CELL.finditer(text)]
        if len(cells) == 1:
            return self.lookup(sheet, f"{cells[0][0].upper()}{cells[0][1]}")
        (c1, r1), (c2, r2) = cells
        cols = sorted((column_number(c1), column_number(c2)))
        rows = sorted((int(r1), int(r2)))
        if (cols[1] - cols[0] + 1) * (rows[1] - rows[0] + 1) > _MAX_CELLS:
            raise NotSimple("a range too large")
        return [self.lookup(sheet, f"{column_letters(c)}{r}")
                for r in range(rows[0], rows[1] + 1) for c in range(cols[0], cols[1] + 1)]

    def function(self, name: str) -> object:
        args: list[object] = []
        if self.peek() != ("op", ")"):
            args.append(self.expression())
            while self.peek() == ("op", ","):
                self.at += 1
                args.append(self.expression())
        self.take(")")
        flat: list[object] = []
        for arg in args:
            flat.extend(arg if isinstance(arg, list) else [arg])
        numbers = [float(v) for v in flat if isinstance(v, (int, float))
                   and not isinstance(v, bool)]
        if name == "SUM":
            return sum(numbers)
        if name in ("MIN", "MAX"):
            return (min if name == "MIN" else max)(numbers) if numbers else 0.0
        if name == "AVERAGE":
            if not numbers:
                raise NotSimple("an average of nothing")
            return sum(numbers) / len(numbers)
        if name == "COUNT":
            return float(len(numbers))
        if name == "COUNTA":
            return float(sum(1 for v in flat if v not in (None, "")))
        if name == "ABS" and len(args) == 1:
            return abs(_number(args[0]))
        if name == "ROUND" and len(args) == 2:
            digits = int(_number(args[1]))
            return _round_half_up(_number(args[0]), digits)
        raise NotSimple(f"the function {name}")


def _number(value: object) -> float:
    if isinstance(value, list):
        raise NotSimple("a range where a number is wanted")
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    raise NotSimple("text where a number is wanted")


def _round_half_up(value: float, digits: int) -> float:
    # Excel rounds halves away from zero; Python's round() rounds them to even
    factor = 10.0 ** digits
    return math.copysign(math.floor(abs(value) * factor + 0.5) / factor, value)
