"""How wide a line of text is, without a font file: Arial's advance widths, with a margin.

Material's system font stack (``theme.font: false``) ends in Helvetica/Arial, and Liberation Sans
on Linux has Arial's metrics. Other sans-serif fonts run up to about 10 % wider, hence MARGIN;
the browser test measures the real text against its box.
"""

from __future__ import annotations

MARGIN = 1.1
_WIDTHS = {  # per 1000 units of the em, ASCII printable characters
    **dict.fromkeys(" !,./:;I[\\]ft|", 278), **dict.fromkeys("ijl", 222),
    **dict.fromkeys("0123456789#$?_abdeghnopqu", 556), **dict.fromkeys("ckvxyzsJ", 500),
    **dict.fromkeys("ABEKPSVXY", 667), **dict.fromkeys("CDHNRUw", 722), **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("FTZ", 611), **dict.fromkeys("()-`r", 333), **dict.fromkeys("+<=>~", 584),
    '"': 355, "%": 889, "&": 667, "'": 191, "*": 389, "@": 1015, "L": 556, "M": 833, "W": 944,
    "^": 469, "m": 833, "{": 334, "}": 334,
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    units = sum(_WIDTHS.get(ch, 600) for ch in text)
    return units * size / 1000 * MARGIN * (1.08 if bold else 1.0)


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` pixels; never cuts a word short (a long word gets a line)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and text_width(candidate, size, bold) > width:
            out.append(line)
            line = word
        else:
            line = candidate
    return [*out, line] if line else out
