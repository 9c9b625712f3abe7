"""A book's cover as SVG text, drawn from what its title page says: title, subtitle, editors, date.

Pure and deterministic: the same words give the same picture. Lines are broken at spaces from an
estimate of each word's width (no font is measured); a title too long for its lines is set smaller.
The EPUB's builder turns the picture into PNG (``rsvg-convert``), which reading systems show in their
libraries; the font is the PDF's serif, found by the converter through fontconfig.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH, HEIGHT = 1600, 2560
"""The cover's size in pixels: the 1:1.6 portrait that reading systems and shops expect."""
MARGIN = 180
"""The space between the cover's edge and its words."""
FONT = "FreeSerif, serif"
"""The cover's font: the PDF's serif (conf.py), so that the two books look alike."""
BACKGROUND, FRAME, INK, ACCENT = "#1d3547", "#c9a96a", "#f5f0e6", "#e2c98f"
"""A dark blue ground, a gold frame and rule, light words."""
EM = 0.62
"""The estimated width of an average letter, in ems: generous, so that words fit in whichever serif font the
converter finds (FreeSerif is narrower; DejaVu Serif Bold, a common stand-in, wider)."""


@dataclass(frozen=True)
class CoverText:
    """The words of a cover."""

    title: str
    subtitle: str
    editors: str
    date: str


def _filled(words: Sequence[str], most: int) -> list[str]:
    """Words into lines of at most ``most`` letters, each line as full as it can be (a longer word stands alone)."""
    found: list[str] = []
    for word in words:
        if found and len(found[-1]) + 1 + len(word) <= most:
            found[-1] += " " + word
        else:
            found.append(word)
    return found


def lines(text: str, size: float, width: float) -> list[str]:
    """``text`` broken at spaces into as few lines as fit ``width`` at font size ``size``, as even as they can be
    ("The editors of the / Kazakh Cinema Edition", not a last word alone)."""
    words = text.split()
    most = max(1, int(width / (EM * size)))
    count = len(_filled(words, most))
    return next(found for letters in range(1, most + 1) if len(found := _filled(words, letters)) <= count)


def fitted(text: str, size: float, width: float, most: int) -> tuple[list[str], float]:
    """The lines of ``text`` and the largest size down from ``size`` (in tenths) at which at most ``most`` fit."""
    while size > 10 and len(lines(text, size, width)) > most:
        size *= 0.9
    return lines(text, size, width), round(size, 1)


def _block(texts: Sequence[str], size: float, top: float, colour: str, weight: str = "normal") -> tuple[str, float]:
    """Centred lines from baseline ``top`` down; the SVG and the baseline after them."""
    out, y = [], top
    for text in texts:
        out.append(f'<text x="{WIDTH // 2}" y="{round(y, 1)}" font-size="{size}" font-weight="{weight}" '
                   f'fill="{colour}" text-anchor="middle">{escape(text)}</text>')  # fmt: skip
        y += size * 1.2
    return "\n".join(out), y


def cover_svg(words: CoverText) -> str:
    """The cover: the title large in the upper half, a rule, the subtitle; the editors and the date at the foot."""
    width = WIDTH - 2 * MARGIN
    title, title_size = fitted(words.title, 150.0, width, 4)
    subtitle, subtitle_size = fitted(words.subtitle, 66.0, width, 4)
    editors, editors_size = fitted(words.editors, 58.0, width, 3)
    title_svg, y = _block(title, title_size, HEIGHT * 0.3, INK, "bold")
    rule_y = round(y - title_size * 0.2 + 40, 1)
    subtitle_svg, _ = _block(subtitle, subtitle_size, rule_y + 40 + subtitle_size, ACCENT)
    foot = HEIGHT - MARGIN - 120 - editors_size * 1.2 * (len(editors) - 1)
    editors_svg, y = _block(editors, editors_size, foot, INK)
    date_svg, _ = _block([words.date], 52.0, y + 30, ACCENT)
    label = " ".join(part for part in (words.title, words.subtitle, words.editors, words.date) if part)
    return "\n".join([
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label={quoteattr(label)} font-family="{FONT}">',
        f"<title>{escape(label)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BACKGROUND}"/>',
        f'<rect x="70" y="70" width="{WIDTH - 140}" height="{HEIGHT - 140}" fill="none" stroke="{FRAME}" '
        'stroke-width="6"/>',
        f'<rect x="92" y="92" width="{WIDTH - 184}" height="{HEIGHT - 184}" fill="none" stroke="{FRAME}" '
        'stroke-width="2"/>',
        title_svg,
        f'<line x1="{WIDTH // 2 - 220}" y1="{rule_y}" x2="{WIDTH // 2 + 220}" y2="{rule_y}" stroke="{FRAME}" '
        'stroke-width="4"/>',
        subtitle_svg,
        editors_svg,
        date_svg,
        "</svg>",
        "",
    ])  # fmt: skip
