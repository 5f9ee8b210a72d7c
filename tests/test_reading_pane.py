"""The reading pane widget, driven by Textual's Pilot."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult

from reader.paths import styles_dir
from reader.ui.reading_pane import SYNC_LIMIT, ReadingPane


class PaneApp(App[None]):
    # The pane alone, styled by the app's own stylesheet (its gutter and overflow are styles).
    CSS_PATH = [styles_dir() / "reading.tcss"]

    def __init__(self, text: str, max_width: int = 88) -> None:
        super().__init__()
        self.text = text
        self.max_width = max_width

    def compose(self) -> ComposeResult:
        yield ReadingPane(self.text, max_width=self.max_width)


def screen_text(pane: ReadingPane) -> list[str]:
    return [pane.render_line(y).text for y in range(pane.size.height)]


async def test_shows_the_seed_without_kinsoku_violations(seed_text: str) -> None:
    app = PaneApp(seed_text)
    async with app.run_test(size=(40, 30)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        layout = pane.text_layout
        assert layout is not None
        assert pane.virtual_size.height == len(layout)
        assert layout.width <= pane.scrollable_content_region.width
        rows = screen_text(pane)
        assert rows[0].strip() == "[区 域] 在“一带一路”播撒科创“种子”"
        for row in rows:
            body = row.strip()
            assert not body or body[0] not in "，。、；：！？）」』】》”"
            assert not body or body[-1] not in "（「『【《“"


async def test_reading_width_is_capped_and_centred(seed_text: str) -> None:
    app = PaneApp(seed_text, max_width=50)
    async with app.run_test(size=(120, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        assert pane.text_layout is not None and pane.text_layout.width == 50
        margin = (pane.scrollable_content_region.width - 50) // 2
        first = pane.render_line(0).text
        assert first[:margin].strip() == "" and first[margin] == "["
        pane.max_width = 70
        await pilot.pause()
        assert pane.text_layout.width == 70


async def test_resize_keeps_the_top_offset(seed_text: str) -> None:
    app = PaneApp(seed_text)
    async with app.run_test(size=(80, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        target = seed_text.index("探寻科技合作新模式")
        pane.scroll_to_offset(target)
        await pilot.pause()
        assert pane.top_offset == target
        assert pane.render_line(0).text.strip().startswith("探寻科技合作新模式")
        await pilot.resize_terminal(44, 20)
        await pilot.pause()
        assert pane.text_layout is not None and pane.text_layout.width < 80
        assert pane.top_offset == target
        assert pane.render_line(0).text.strip().startswith("探寻")


async def test_base_offset_is_added_and_removed(seed_text: str) -> None:
    app = PaneApp("")
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        front_matter = "---\ntitle: x\n---\n"
        target = seed_text.index("探寻科技合作新模式")
        pane.load(seed_text, base_offset=len(front_matter), offset=len(front_matter) + target)
        await pilot.pause()
        assert pane.top_offset == len(front_matter) + target
        assert (
            pane.offset_at_row(pane.row_of(len(front_matter) + target))
            == len(front_matter) + target
        )


async def test_highlights_and_current_highlight(seed_text: str) -> None:
    app = PaneApp(seed_text)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        first = seed_text.index("一带一路")
        second = seed_text.index("一带一路", first + 1)
        pane.set_highlights([(first, first + 4), (second, second + 4)], current=1)
        await pilot.pause()
        row = pane.row_of(first)
        strip = pane.render_line(row - round(pane.scroll_y))
        styled = {segment.text: segment.style for segment in strip if segment.text.strip()}
        plain_style = next(s for text, s in styled.items() if "区" in text)
        assert styled["一带一路"] != plain_style
        current_row = pane.row_of(second)
        current_strip = pane.render_line(current_row - round(pane.scroll_y))
        current = next(s.style for s in current_strip if s.text == "一带一路")
        assert current != styled["一带一路"]
        pane.clear_highlights()
        await pilot.pause()
        strip = pane.render_line(row - round(pane.scroll_y))
        assert all(segment.text != "一带一路" for segment in strip)


async def test_scroll_to_offset_moves_the_row_to_the_top(seed_text: str) -> None:
    app = PaneApp(seed_text)
    async with app.run_test(size=(80, 10)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        target = seed_text.index("打造科技交流大舞台")
        pane.scroll_to_offset(target)
        await pilot.pause()
        assert pane.render_line(0).text.strip().startswith("打造科技交流大舞台")
        await pilot.press("down")
        await pilot.pause()
        assert pane.top_offset > target


async def test_control_characters_never_reach_the_terminal() -> None:
    app = PaneApp("危险\x1b[2J\x1b]0;owned\x07文本\n\n```\n\x1b[31mred\n```")
    async with app.run_test(size=(60, 10)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        rows = screen_text(pane)
        joined = "".join(rows)
        assert "\x1b" not in joined and "\x07" not in joined
        assert "␛[2J␛]0;owned␇" in rows[0]
        segments: list[Segment] = list(pane.render_line(0))
        control = next(s for s in segments if s.text.startswith("␛"))
        plain = next(s for s in segments if s.text.startswith("危险"))
        assert control.style != plain.style


async def test_large_article_is_laid_out_in_a_worker() -> None:
    paragraph = "共建“一带一路”倡议提出10年来，北京充分发挥科技资源优势，积极主动融入建设。" * 20
    text = "\n\n".join([paragraph] * (SYNC_LIMIT // len(paragraph) * 3))
    assert len(text) > SYNC_LIMIT
    app = PaneApp("")
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(ReadingPane)
        pane.load(text, offset=len(text) // 2)
        assert pane.text_layout is None  # the UI thread did not lay out 300k characters
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert pane.text_layout is not None
        assert abs(pane.top_offset - len(text) // 2) < len(paragraph)


async def test_laid_out_message_reaches_the_app(seed_text: str) -> None:
    seen: list[int] = []

    class Listening(PaneApp):
        def on_reading_pane_laid_out(self, message: ReadingPane.LaidOut) -> None:
            seen.append(message.layout.width)

    app = Listening(seed_text)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert seen and seen[-1] == app.query_one(ReadingPane).text_layout.width  # type: ignore[union-attr]


async def test_ambiguous_width_setting_re_lays_out(seed_text: str) -> None:
    app = PaneApp(seed_text)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(ReadingPane)
        await pilot.pause()
        narrow_quotes = pane.text_layout
        pane.ambiguous_width = 2
        await pilot.pause()
        assert pane.text_layout is not narrow_quotes
        assert pane.text_layout is not None and pane.text_layout.ambiguous_width == 2
