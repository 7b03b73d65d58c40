"""Demo photos drawn with Pillow: real JPEGs, different enough to tell apart at a glance.

Nothing here comes from the published article (its photos are not ours to copy). Each scene is
drawn from a fixed seed, so a rerun produces the same picture; images are stored once and
found again by title.
"""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800


def _font(size):
    return ImageFont.load_default(size=size)


def _gradient(size, top, bottom):
    """A vertical gradient from `top` to `bottom` (RGB tuples)."""
    width, height = size
    column = PILImage.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def _person(draw, x, y, scale, shirt, skin=(236, 200, 170), hair=(40, 30, 25)):
    """A head-and-shoulders figure seen from the front, centred on x, with its head top at y."""
    head = 22 * scale
    draw.ellipse([x - head, y, x + head, y + 2 * head], fill=skin)
    draw.chord([x - head, y - 2, x + head, y + 2 * head * 0.9], 180, 360, fill=hair)
    draw.rounded_rectangle(
        [x - 2.2 * head, y + 2.1 * head, x + 2.2 * head, y + 5 * head], radius=int(head), fill=shirt
    )


def _back_of_head(draw, x, y, r, hair):
    draw.ellipse([x - r, y - r, x + r, y + r], fill=hair)
    draw.rounded_rectangle([x - 2 * r, y + r * 0.8, x + 2 * r, y + 3.5 * r], radius=int(r), fill=(60, 70, 90))


def online_class_screen():
    """A video call on a monitor: the teacher's large tile and a grid of students' tiles."""
    img = _gradient((WIDTH, HEIGHT), (224, 232, 240), (180, 190, 205))
    draw = ImageDraw.Draw(img)
    # Desk and monitor
    draw.rectangle([0, 640, WIDTH, HEIGHT], fill=(120, 90, 60))
    draw.rounded_rectangle([110, 60, 1090, 600], radius=18, fill=(30, 32, 38))
    draw.rectangle([520, 600, 680, 660], fill=(50, 52, 58))
    screen = [140, 90, 1060, 570]
    draw.rectangle(screen, fill=(20, 24, 30))
    # Teacher tile with slides behind
    draw.rectangle([150, 100, 700, 470], fill=(245, 240, 225))
    draw.rectangle([170, 120, 680, 190], fill=(170, 40, 40))
    draw.text((190, 135), "Ouyue Culture in China", fill="white", font=_font(34))
    for row in range(4):
        draw.rectangle([190, 220 + row * 45, 480 - row * 30, 240 + row * 45], fill=(120, 110, 100))
    _person(draw, 590, 290, 2.2, shirt=(40, 60, 110))
    # Student tiles
    rng = random.Random(18)
    for i in range(8):
        col, row = i % 2, i // 2
        x0, y0 = 715 + col * 172, 100 + row * 92
        draw.rectangle(
            [x0, y0, x0 + 162, y0 + 84], fill=rng.choice([(70, 90, 120), (90, 110, 90), (110, 80, 90)])
        )
        _person(
            draw,
            x0 + 81,
            y0 + 18,
            0.7,
            shirt=rng.choice([(200, 200, 210), (220, 120, 60), (60, 130, 170)]),
            skin=rng.choice([(236, 200, 170), (222, 184, 150), (240, 210, 185)]),
        )
    draw.rectangle([150, 480, 1050, 560], fill=(38, 42, 50))
    for i, colour in enumerate([(200, 60, 60), (90, 90, 100), (90, 90, 100), (60, 170, 90)]):
        draw.ellipse([520 + i * 50, 500, 560 + i * 50, 540], fill=colour)
    return img


def lecture_hall():
    """Students seen from behind, watching the lecture projected on a wall."""
    img = _gradient((WIDTH, HEIGHT), (60, 64, 80), (30, 30, 40))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, WIDTH, 90], fill=(45, 48, 60))
    draw.rectangle([260, 80, 940, 440], fill=(250, 248, 240))
    draw.rectangle([280, 100, 920, 160], fill=(170, 40, 40))
    draw.text((300, 112), "China-Kazakhstan Silk Road Online Course", fill="white", font=_font(30))
    # A river and hills: Wenzhou on the slide
    draw.polygon([(280, 420), (420, 250), (540, 420)], fill=(90, 140, 100))
    draw.polygon([(460, 420), (640, 220), (820, 420)], fill=(70, 120, 90))
    draw.rectangle([280, 380, 920, 420], fill=(80, 140, 190))
    draw.ellipse([780, 180, 860, 260], fill=(240, 190, 80))
    rng = random.Random(60)
    hair_colours = [(30, 25, 20), (70, 50, 35), (120, 90, 60), (20, 20, 20), (150, 110, 70)]
    for row, (y, r) in enumerate([(520, 30), (610, 36), (710, 44)]):
        step = 120 + row * 25
        offset = (row % 2) * step // 2
        for x in range(-40 + offset, WIDTH + 60, step):
            _back_of_head(draw, x + rng.randint(-10, 10), y, r, rng.choice(hair_colours))
    return img


def cover_banner():
    """A banner in the colours of the two flags, joined by a road of dashes."""
    img = _gradient((WIDTH, HEIGHT), (0, 160, 200), (240, 200, 60))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 560, WIDTH, HEIGHT], fill=(230, 210, 160))
    for i in range(14):
        x = 40 + i * 85
        draw.rectangle([x, 660, x + 50, 676], fill=(250, 250, 245))
    draw.rectangle([90, 150, 450, 390], fill=(222, 41, 16))
    draw.regular_polygon((160, 220, 40), 5, rotation=-18, fill=(255, 222, 0))
    draw.rectangle([750, 150, 1110, 390], fill=(0, 175, 202))
    draw.ellipse([880, 210, 980, 310], fill=(254, 197, 4))
    draw.line([(450, 270), (750, 270)], fill=(255, 255, 255), width=10)
    draw.text((370, 440), "ZJCST  x  AITU", fill=(30, 40, 70), font=_font(64))
    return img


def meeting_room():
    """A meeting: a banner over a stage, a speaker at a lectern and rows of chairs."""
    img = _gradient((WIDTH, HEIGHT), (240, 235, 225), (210, 200, 185))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, WIDTH, 120], fill=(160, 30, 30))
    draw.text((250, 35), "Pre-departure meeting: exchange group to Kazakhstan", fill="white", font=_font(34))
    draw.rectangle([0, 430, WIDTH, 470], fill=(130, 60, 40))
    draw.rectangle([540, 280, 660, 440], fill=(110, 70, 40))
    _person(draw, 600, 170, 1.6, shirt=(30, 40, 70))
    draw.rectangle([540, 280, 660, 440], fill=(110, 70, 40))
    rng = random.Random(10)
    for row, y in enumerate((520, 610, 700)):
        for x in range(70 + row * 20, WIDTH, 140):
            _back_of_head(draw, x, y, 26 + row * 4, rng.choice([(25, 20, 20), (60, 45, 30), (40, 30, 25)]))
    return img


def logo(short_name, colour):
    """A round badge with the institution's short name: a stand-in for the real logo."""
    size = 600
    img = PILImage.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(img)
    draw.ellipse([30, 30, size - 30, size - 30], fill=colour)
    draw.ellipse([70, 70, size - 70, size - 70], outline="white", width=8)
    font = _font(130)
    left, top, right, bottom = draw.textbbox((0, 0), short_name, font=font)
    draw.text(((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top), short_name, font=font)
    return img


PALETTES = [
    ((250, 205, 160), (120, 70, 90)),
    ((170, 210, 240), (40, 70, 120)),
    ((200, 235, 200), (50, 100, 70)),
    ((240, 220, 240), (110, 60, 120)),
    ((255, 240, 200), (190, 110, 40)),
    ((210, 220, 230), (60, 60, 80)),
    ((230, 250, 250), (20, 120, 140)),
    ((250, 230, 220), (150, 40, 40)),
]


def synthetic_scene(index):
    """One of a small pool of pictures for synthetic articles: a landscape with buildings and people."""
    rng = random.Random(1000 + index)
    top, bottom = PALETTES[index % len(PALETTES)]
    img = _gradient((WIDTH, HEIGHT), top, bottom)
    draw = ImageDraw.Draw(img)
    horizon = rng.randint(420, 520)
    for _ in range(3):
        x = rng.randint(-200, WIDTH)
        draw.polygon(
            [(x - 300, horizon), (x, horizon - rng.randint(120, 260)), (x + 300, horizon)],
            fill=tuple(max(c - rng.randint(30, 70), 0) for c in bottom),
        )
    draw.rectangle([0, horizon, WIDTH, HEIGHT], fill=tuple(min(c + 40, 255) for c in bottom))
    for _ in range(rng.randint(3, 6)):
        w, h = rng.randint(90, 200), rng.randint(120, 300)
        x = rng.randint(0, WIDTH - w)
        shade = rng.randint(150, 235)
        draw.rectangle([x, horizon - h, x + w, horizon], fill=(shade, shade - 10, shade - 25))
        for wy in range(horizon - h + 20, horizon - 20, 40):
            for wx in range(x + 15, x + w - 25, 35):
                draw.rectangle([wx, wy, wx + 18, wy + 22], fill=(90, 120, 160))
    for _ in range(rng.randint(4, 9)):
        _person(
            draw,
            rng.randint(60, WIDTH - 60),
            rng.randint(horizon + 40, HEIGHT - 200),
            rng.uniform(1.0, 1.8),
            shirt=(rng.randint(30, 220), rng.randint(30, 220), rng.randint(30, 220)),
        )
    draw.ellipse([WIDTH - 200, 60, WIDTH - 110, 150], fill=(255, 235, 150))
    return img


def jpeg_bytes(img, quality=85):
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def get_or_create_image(title, draw, *, filename, collection=None):
    """The image titled `title`, drawn by `draw()` and stored the first time it is asked for."""
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing, False
    image = image_model(
        title=title,
        file=ImageFile(io.BytesIO(jpeg_bytes(draw())), name=filename),
        collection=collection or Collection.get_first_root_node(),
    )
    image.save()
    return image, True
