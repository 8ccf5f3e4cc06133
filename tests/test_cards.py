"""Share cards: fonts, missing glyphs, drawing, reproducibility and the cache."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import io
import multiprocessing
import struct
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image, ImageDraw, ImageFont

from generator.content import workers
from generator.content.model import Status
from generator.content.steps import run_through
from generator.outputs import cardcache, cards
from generator.outputs.cardcache import CardStats, cache_key, card_steps
from generator.outputs.cards import Card, draw, require_card_glyphs
from generator.text import glyphs
from generator.text.glyphs import DEFAULT_FONT, CardError, find_font, missing_chars
from generator.text.linebreak import NO_END, NO_START, wrap
from generator.views import palette

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = ROOT / "interviews" / "2020" / "shi-guangliang.md"
BRAND = "决胜攻坚·向人民报告"
SITE = "践诺 · jiannuo.example.org"


def front_matter() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(INTERVIEW.read_text(encoding="utf-8").split("---")[1])
    return data


def pledge(pledge_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in front_matter()["pledges"] if p["id"] == pledge_id)
    return found


def pledge_card(pledge_id: str, title: str | None = None) -> Card:
    """The card of a pledge of the seed interview, as the plugin would make it."""
    p = pledge(pledge_id)
    latest = p["progress"][-1] if p.get("progress") else None
    values = [u["value"] for u in p.get("progress", []) if "value" in u]
    target = p.get("target")
    return Card(
        path=f"pledges/{pledge_id}/card.png",
        brand=BRAND,
        kicker=f"承诺 · {p['category']}",
        title=title or p["text"],
        meta=("中共山东省委省直机关工作委员会", f"第10期 · 2020年6月30日专访 · 时限 {p['deadline']:%Y年%-m月%-d日}"),
        status=latest["status"] if latest else Status.NOT_STARTED.value,
        progress=(values[-1], target["value"], target["unit"]) if target and values else None,
        footer=f"{SITE}/pledges/{pledge_id}/",
    )


def interview_card() -> Card:
    fm = front_matter()
    return Card(
        path="interviews/shi-guangliang/card.png",
        brand=BRAND,
        kicker="专访",
        title=fm["title"],
        meta=(
            f"{fm['interviewee']['position']} {fm['interviewee']['name']}",
            f"{fm['outlet']} · 第{fm['issue']}期 · {fm['date']:%Y年%-m月%-d日}",
            f"{len(fm['pledges'])} 项承诺",
        ),
        footer=f"{SITE}/interviews/shi-guangliang/",
    )


def unit_card() -> Card:
    return Card(
        path="units/szjggw/card.png",
        brand=BRAND,
        kicker="单位",
        title="中共山东省委省直机关工作委员会",
        meta=("省直机关工委", f"1 篇专访 · {len(front_matter()['pledges'])} 项承诺"),
        footer=f"{SITE}/units/szjggw/",
    )


PROGRESS = "szjggw-2020-laodong-jingsai"


@pytest.fixture(scope="module")
def aileron(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A font without Chinese: Pillow's built-in Aileron, as a file."""
    font = ImageFont.load_default(20)
    assert isinstance(font, ImageFont.FreeTypeFont) and isinstance(font.font_bytes, bytes)
    path = tmp_path_factory.mktemp("fonts") / "aileron.ttf"
    path.write_bytes(font.font_bytes)
    return path


def as_collection(font: bytes) -> bytes:
    """``font`` as the only font of a TrueType collection (.ttc)."""
    header = b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16)
    tables = struct.unpack(">H", font[4:6])[0]
    data = bytearray(font)
    for i in range(tables):  # table offsets count from the start of the file
        at = 12 + 16 * i + 8
        data[at : at + 4] = struct.pack(">I", struct.unpack(">I", data[at : at + 4])[0] + 16)
    return header + bytes(data)


# --- Finding the font ----------------------------------------------------------


def test_the_shipped_font_is_found_without_configuration(tmp_path: Path) -> None:
    assert find_font(None, tmp_path) == DEFAULT_FONT
    assert DEFAULT_FONT == ROOT / "generator" / "text" / "fonts" / "NotoSansSC-Bold.ttf"


def test_a_configured_font_is_relative_to_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "card.ttf").symlink_to(DEFAULT_FONT)
    assert find_font("fonts/card.ttf", tmp_path) == tmp_path / "fonts" / "card.ttf"


def test_a_missing_configured_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CardError, match=r"找不到绘制分享图的字体文件.*nope\.ttf.*card_font"):
        find_font("nope.ttf", tmp_path)


def test_a_missing_shipped_font_says_how_to_fix_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glyphs, "DEFAULT_FONT", tmp_path / "NotoSansSC-Bold.ttf")
    with pytest.raises(CardError, match=r"找不到.*fonts/README\.md.*card_font"):
        find_font(None, tmp_path)


def test_a_file_that_is_no_font_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "font.ttf").write_text("not a font")
    with pytest.raises(CardError, match=r"无法读取字体.*font\.ttf.*card_font"):
        find_font("font.ttf", tmp_path)


def test_render_with_a_missing_font_is_a_card_error(tmp_path: Path) -> None:
    with pytest.raises(CardError, match="无法读取字体"):
        render_cards([unit_card()], tmp_path / "gone.ttf", tmp_path / "cache", tmp_path / "out")


# --- Missing glyphs ------------------------------------------------------------


@pytest.mark.parametrize("char", ["\U0010ffff", "\ue000", "\uf8ff", "\U000f0000", "\ud800"])
def test_characters_without_a_glyph_are_found(char: str) -> None:
    assert missing_chars(f"承诺{char}兑现", [DEFAULT_FONT]) == [char]


def test_every_character_of_the_seed_interview_is_in_the_shipped_font() -> None:
    assert missing_chars(INTERVIEW.read_text(encoding="utf-8"), [DEFAULT_FONT]) == []


def test_invisible_format_characters_are_never_missing() -> None:
    assert missing_chars("承\u200b诺\u200e兑\ufeff现\ufe0f\u2060", [DEFAULT_FONT]) == []


def draws_as_notdef(font: ImageFont.FreeTypeFont, char: str) -> bool:
    """The other way to find a missing glyph: it draws like U+10FFFF."""

    def pixels(text: str) -> bytes:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((20, 20), text, font=font, fill=255)
        return image.tobytes()

    return pixels(char) == pixels("\U0010ffff")


@pytest.mark.parametrize("which", ["noto", "aileron", "aileron.ttc"])
def test_the_character_map_agrees_with_drawing(which: str, aileron: Path, tmp_path: Path) -> None:
    path = DEFAULT_FONT if which == "noto" else aileron
    if which.endswith(".ttc"):
        path = tmp_path / which
        path.write_bytes(as_collection(aileron.read_bytes()))
    font = ImageFont.truetype(str(path), 40)
    # Not spaces: a font may draw nothing for its missing glyph, like for a space.
    chars = {c for c in INTERVIEW.read_text(encoding="utf-8") + "\ue000\U0001f600é€" if not c.isspace()}
    missing = set(missing_chars("".join(sorted(chars)), [path]))
    assert missing == {c for c in chars if draws_as_notdef(font, c)}
    assert ("中" in missing) == (which != "noto")


def test_a_card_with_a_missing_character_names_the_card_and_the_character() -> None:
    card = dataclasses.replace(unit_card(), title="省直机关\U0010ffff工委\ue000")
    with pytest.raises(CardError, match=r"分享图 units/szjggw/card\.png 无法绘制.*U\+10FFFF.*U\+E000.*备用字体"):
        draw(card, DEFAULT_FONT)


def test_fallback_fonts_draw_what_the_main_font_lacks(aileron: Path) -> None:
    card = dataclasses.replace(unit_card(), brand="Jiannuo", footer="jiannuo.example.org")
    with pytest.raises(CardError, match=r"aileron\.ttf 中没有这些字符：「单」U\+5355、「位」U\+4F4D.* 等 21 个"):
        require_card_glyphs(card, aileron)
    png = draw(card, aileron, [DEFAULT_FONT])
    assert png != draw(card, DEFAULT_FONT)  # the Latin text is in Aileron
    assert Image.open(io.BytesIO(png)).size == (1200, 630)


def test_an_unknown_status_is_a_card_error() -> None:
    with pytest.raises(CardError, match="不是已知的承诺状态"):
        draw(dataclasses.replace(unit_card(), status="done"), DEFAULT_FONT)


# --- Drawing -------------------------------------------------------------------


def test_a_card_is_a_1200_by_630_png_without_metadata() -> None:
    image = Image.open(io.BytesIO(draw(pledge_card(PROGRESS), DEFAULT_FONT)))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
    assert isinstance(image, Image.Image) and not getattr(image, "text", {})


def test_the_pill_has_the_status_colour_of_the_css() -> None:
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "jiannuo.css").read_text(encoding="utf-8")
    for status, colour in palette.STATUS_COLOURS.items():
        assert f"--jn-{status.value}: {colour};" in css
    assert f"--jn-red: {palette.RED};" in css


def test_titles_of_the_seed_interview_fit_and_keep_the_rules() -> None:
    font = ImageFont.truetype(str(DEFAULT_FONT), 60)
    for p in front_matter()["pledges"]:
        lines = wrap(p["text"], cards.TEXT_WIDTH, font.getlength, max_lines=3, balance=True)
        assert "".join(lines) == p["text"]
        assert all(font.getlength(line) <= cards.TEXT_WIDTH for line in lines)
        assert not any(line[0] in NO_START or line[-1] in NO_END for line in lines)


def test_a_long_title_is_shortened_with_an_ellipsis() -> None:
    card = pledge_card(PROGRESS, title=front_matter()["summary"])
    title = cards._Painter(card, [DEFAULT_FONT]).title(300)
    assert len(title.lines) == 3 and title.lines[-1].endswith("…")
    assert title.face.size == min(cards.TITLE_SIZES)


def test_a_short_title_gets_the_largest_size() -> None:
    title = cards._Painter(unit_card(), [DEFAULT_FONT]).title(300)
    assert title.lines == ["中共山东省委省直机关工作委员会"]
    assert title.face.size == max(cards.TITLE_SIZES)


def test_the_progress_text() -> None:
    assert cards.progress_text(13, 15, "个省级竞赛项目") == "13 / 15 个省级竞赛项目"
    assert cards.progress_text(2.5, 10000, "万元") == "2.5 / 10,000 万元"
    # Like the charts' numbers, never "-0" (a progress just below zero).
    assert cards.progress_text(-0.001, 10, "个") == "0 / 10 个"


def test_sample_cards_for_people_to_look_at(artifacts: Path) -> None:
    samples = {
        "card-pledge-progress": pledge_card(PROGRESS),
        "card-pledge-fulfilled": pledge_card("szjggw-2020-houjin-zhibu"),
        "card-pledge-long": pledge_card("szjggw-2020-shifan-yangban", title=front_matter()["summary"]),
        "card-interview": interview_card(),
        "card-unit": unit_card(),
    }
    for name, card in samples.items():
        (artifacts / f"{name}.png").write_bytes(draw(card, DEFAULT_FONT))
        with Image.open(artifacts / f"{name}.png") as image:
            assert image.size == (1200, 630)


# --- Reproducibility -----------------------------------------------------------


def test_the_same_card_gives_the_same_bytes() -> None:
    card = pledge_card(PROGRESS)
    assert draw(card, DEFAULT_FONT) == draw(card, DEFAULT_FONT)


def test_another_process_draws_the_same_bytes() -> None:
    card = pledge_card(PROGRESS)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(draw, card, DEFAULT_FONT).result() == draw(card, DEFAULT_FONT)


# --- The cache -----------------------------------------------------------------


def render_cards(*args: Any, **kwargs: Any) -> CardStats:
    """Every step of :func:`card_steps`: what the build does."""
    return run_through(card_steps(*args, **kwargs))


def many_cards() -> list[Card]:
    """One card per pledge of the seed interview: enough for the worker pool."""
    return [pledge_card(p["id"]) for p in front_matter()["pledges"]]


def test_the_cache_draws_only_what_changed(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache" / "cards", tmp_path / "site"
    batch = many_cards()
    assert len(batch) >= workers.POOL_THRESHOLD  # so that the pool draws them

    first = render_cards(batch, DEFAULT_FONT, cache, out, workers=2)
    assert (first.drawn, first.cached) == (len(batch), 0)
    assert (out / batch[0].path).read_bytes() == draw(batch[0], DEFAULT_FONT)  # pool == in-process

    again = render_cards(batch, DEFAULT_FONT, cache, out, workers=2)
    assert (again.drawn, again.cached) == (0, len(batch))

    before = {c.path: (out / c.path).read_bytes() for c in batch}
    batch[3] = dataclasses.replace(batch[3], title="年底前全部完成")
    changed = render_cards(batch, DEFAULT_FONT, cache, out, workers=2)
    assert (changed.drawn, changed.cached) == (1, len(batch) - 1)
    assert [c.path for c in batch if (out / c.path).read_bytes() != before[c.path]] == [batch[3].path]
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_cards_stopped_halfway_keep_what_was_drawn_and_drop_the_rest(tmp_path: Path) -> None:
    """The preview stops the drawing on a new save: the cards drawn are in
    the cache, the workers' cards not begun are not drawn, and the next
    drawing draws only those missing."""
    cache, out = tmp_path / "cache" / "cards", tmp_path / "site"
    batch = many_cards()
    steps = card_steps(batch, DEFAULT_FONT, cache, out, workers=2)
    next(steps)
    steps.close()
    kept = len(list(cache.glob("*.png")))
    assert 1 <= kept < len(batch)
    rest = render_cards(batch, DEFAULT_FONT, cache, out, workers=2)
    assert (rest.drawn, rest.cached) == (len(batch) - kept, kept)


def test_a_bad_card_stops_the_render_before_anything_is_drawn(tmp_path: Path) -> None:
    good, bad = unit_card(), dataclasses.replace(interview_card(), title="\ue000")
    with pytest.raises(CardError, match=r"interviews/shi-guangliang/card\.png"):
        render_cards([good, bad], DEFAULT_FONT, tmp_path / "cache", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_cache_key_covers_every_input(monkeypatch: pytest.MonkeyPatch) -> None:
    card = pledge_card(PROGRESS)
    key = cache_key(card, ["font"])
    changes: dict[str, Any] = {
        "path": "x.png",
        "brand": "x",
        "title": "x",
        "meta": ("x",),
        "status": "fulfilled",
        "progress": (14, 15, "个省级竞赛项目"),
        "footer": "x",
        "kicker": "x",
        "notice": "演示数据",
    }
    assert set(changes) == {f.name for f in dataclasses.fields(Card)}
    for name, value in changes.items():
        assert cache_key(dataclasses.replace(card, **{name: value}), ["font"]) != key, name
    assert cache_key(card, ["other font"]) != key
    assert cache_key(card, ["font", "fallback"]) != key
    monkeypatch.setattr(cardcache, "fingerprint", lambda module: "the drawing code changed")
    assert cache_key(card, ["font"]) != key
