"""Deterministic lead images for demo statements: landscapes and flags drawn with Pillow.

There are ``IMAGE_COUNT`` distinct pictures; any index is reduced modulo that number, so a
demo archive reuses them the way a real office reuses its photo library. Each picture depends
only on its index (its own ``random.Random``), and is encoded once per process.
"""

from __future__ import annotations

import io
import random
from functools import lru_cache

from PIL import Image, ImageDraw

IMAGE_COUNT = 24
WIDTH = 960
HEIGHT = 540

# Sky and ground colour pairs: dawn, noon, dusk, winter, spring and night light.
_PALETTES: tuple[tuple[tuple[int, int, int], tuple[int, int, int]], ...] = (
    ((244, 196, 140), (92, 124, 180)),
    ((120, 178, 232), (222, 238, 250)),
    ((238, 140, 96), (70, 58, 120)),
    ((200, 214, 228), (120, 140, 168)),
    ((164, 214, 180), (240, 236, 200)),
    ((34, 48, 96), (120, 96, 160)),
)
# Red, white and green bands with a gold accent, as on the office's national colours.
_STRIPES = ((204, 0, 0), (255, 255, 255), (0, 128, 0))
_GOLD = (248, 196, 0)


def _gradient(top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    mask = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return Image.composite(
        Image.new("RGB", (WIDTH, HEIGHT), bottom), Image.new("RGB", (WIDTH, HEIGHT), top), mask
    )


def _mountains(draw: ImageDraw.ImageDraw, rng: random.Random, base: int, shade: int) -> None:
    for layer in range(3):
        top = base - 150 + layer * 50
        points = [(0, HEIGHT)]
        x = 0
        while x < WIDTH:
            points.append((x, top + rng.randrange(0, 120)))
            x += rng.randrange(60, 160)
        points += [(WIDTH, top + rng.randrange(0, 120)), (WIDTH, HEIGHT)]
        tone = shade + layer * 28
        draw.polygon(points, fill=(tone, tone + 12, tone + 30))
        if layer == 0:
            # Snow caps on the farthest ridge, like the Pamirs seen from Dushanbe.
            for px, py in points[1:-2]:
                if py < top + 40:
                    draw.polygon(
                        [(px - 18, py + 22), (px, py), (px + 18, py + 22)], fill=(250, 250, 252)
                    )


def _stripes(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    left = rng.randrange(40, 420)
    top = rng.randrange(40, 160)
    width = rng.randrange(300, 480)
    band = rng.randrange(40, 70)
    heights = (band, band * 3 // 2, band)
    y = top
    for colour, height in zip(_STRIPES, heights, strict=True):
        draw.rectangle((left, y, left + width, y + height), fill=colour)
        y += height
    cx = left + width // 2
    cy = top + band + heights[1] // 2
    draw.ellipse((cx - 14, cy - 14, cx + 14, cy + 14), fill=_GOLD)
    draw.rectangle((left - 8, top - 10, left - 2, HEIGHT), fill=(90, 90, 96))


def _columns(draw: ImageDraw.ImageDraw, rng: random.Random, ground: int) -> None:
    count = rng.randrange(5, 9)
    left = rng.randrange(80, 300)
    step = rng.randrange(50, 70)
    top = ground - rng.randrange(180, 260)
    stone = (236, 232, 222)
    draw.rectangle((left - 20, top - 30, left + step * count + 10, top), fill=stone)
    draw.polygon(
        [
            (left - 30, top - 30),
            (left + step * count // 2, top - 90),
            (left + step * count + 20, top - 30),
        ],
        fill=stone,
    )
    for i in range(count):
        x = left + i * step
        draw.rectangle((x, top, x + step // 3, ground), fill=stone)
    draw.rectangle((left - 40, ground, left + step * count + 30, ground + 16), fill=(210, 204, 190))


def _water(draw: ImageDraw.ImageDraw, rng: random.Random, top: int) -> None:
    draw.rectangle((0, top, WIDTH, HEIGHT), fill=(48, 110, 160))
    y = top + 10
    while y < HEIGHT:
        x = rng.randrange(-40, 40)
        while x < WIDTH:
            length = rng.randrange(30, 90)
            draw.line((x, y, x + length, y), fill=(160, 200, 228), width=2)
            x += length + rng.randrange(30, 90)
        y += rng.randrange(14, 26)


def _draw(index: int) -> Image.Image:
    rng = random.Random(index * 7919 + 17)
    top, bottom = _PALETTES[index % len(_PALETTES)]
    image = _gradient(top, bottom)
    draw = ImageDraw.Draw(image)
    sun_x = rng.randrange(80, WIDTH - 80)
    sun_y = rng.randrange(50, 200)
    radius = rng.randrange(30, 60)
    draw.ellipse(
        (sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=(255, 236, 170)
    )
    layout = (index // len(_PALETTES)) % 4
    horizon = rng.randrange(360, 440)
    _mountains(draw, rng, horizon, 60 + 10 * (index % 5))
    if layout == 1:
        _water(draw, rng, horizon + 20)
    elif layout == 2:
        _columns(draw, rng, horizon + 40)
    elif layout == 3:
        _stripes(draw, rng)
    return image


@lru_cache(maxsize=IMAGE_COUNT)
def _encoded(index: int) -> bytes:
    buffer = io.BytesIO()
    _draw(index).save(buffer, format="JPEG", quality=82, optimize=True, progressive=False)
    return buffer.getvalue()


def demo_image(index: int) -> bytes:
    """Return the JPEG bytes of demo image ``index % IMAGE_COUNT`` (960×540, same every run)."""
    return _encoded(index % IMAGE_COUNT)
