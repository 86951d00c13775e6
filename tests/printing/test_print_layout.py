"""The sheet's geometry: cards inside the margins, never overlapping, cut marks outside every
card, and backs behind their fronts after a flip on the long edge."""

from __future__ import annotations

import itertools
import math

import pytest

from kletsborden.printing.layout import (
    GAP,
    GRIDS,
    MARGIN,
    MARK_OFFSET,
    PAGE,
    PAGE_WIDTH,
    PRINTABLE,
    TOUCHING_GRIDS,
    Grid,
    Rect,
    cut_marks,
    footer_box,
    guillotine_marks,
    header_box,
    inner,
    sheets,
    text_box,
)

GRID_IDS = [f"{g.columns}x{g.rows}" for g in GRIDS]


def test_the_page_is_a4_portrait() -> None:
    assert (PAGE.width, PAGE.height) == (210.0, 297.0)
    assert MARGIN >= 10, "room for the cut marks and the printer's unprintable edge"


@pytest.mark.parametrize("grid", GRIDS, ids=GRID_IDS)
def test_cards_fit_inside_the_margins_and_never_overlap(grid: Grid) -> None:
    fronts = [grid.front(slot) for slot in range(grid.per_sheet)]
    backs = [grid.back(slot) for slot in range(grid.per_sheet)]
    for card in fronts + backs:
        assert PRINTABLE.contains(card)
        assert card.width > 80 and card.height > 80, "large enough for large type"
    for side in (fronts, backs):
        for a, b in itertools.combinations(side, 2):
            assert not a.overlaps(b)
            apart = max(b.x - a.right, a.x - b.right, b.y - a.top, a.y - b.top)
            assert apart == pytest.approx(GAP) or apart > GAP


@pytest.mark.parametrize("grid", GRIDS, ids=GRID_IDS)
def test_the_cards_fill_the_space_inside_the_margins(grid: Grid) -> None:
    top_left, bottom_right = grid.front(0), grid.front(grid.per_sheet - 1)
    assert top_left.x == pytest.approx(PRINTABLE.x)
    assert top_left.top == pytest.approx(PRINTABLE.top)
    assert bottom_right.right == pytest.approx(PRINTABLE.right)
    assert bottom_right.y == pytest.approx(PRINTABLE.y)


def test_slots_run_along_the_rows_from_the_top_left() -> None:
    grid = Grid(2, 3)
    first, second, third = grid.front(0), grid.front(1), grid.front(2)
    assert first.x < second.x and first.y == second.y
    assert third.x == first.x and third.top < first.y


@pytest.mark.parametrize("grid", GRIDS, ids=GRID_IDS)
def test_each_back_lands_behind_its_front_on_a_long_edge_flip(grid: Grid) -> None:
    for slot in range(grid.per_sheet):
        front, back = grid.front(slot), grid.back(slot)
        # Turning the sheet over its long (vertical) edge maps x to PAGE_WIDTH - x.
        assert back.x == pytest.approx(PAGE_WIDTH - front.right)
        assert (back.y, back.width, back.height) == (front.y, front.width, front.height)
    if grid.columns > 1:
        assert grid.back(0) == grid.front(grid.columns - 1)


def test_a_slot_outside_the_grid_is_refused() -> None:
    with pytest.raises(IndexError):
        Grid(2, 3).front(6)


@pytest.mark.parametrize("grid", GRIDS, ids=GRID_IDS)
def test_cut_marks_are_at_the_corners_outside_every_card(grid: Grid) -> None:
    cards = [grid.front(slot) for slot in range(grid.per_sheet)]
    for card in cards:
        marks = cut_marks(card)
        assert len(marks) == 8
        for mark in marks:
            assert mark.x1 == mark.x2 or mark.y1 == mark.y2, "straight"
            # In line with an edge of this card ...
            assert {mark.x1, mark.x2} <= {card.x, card.right} or {mark.y1, mark.y2} <= {
                card.y,
                card.top,
            }
            # ... on the page, and touching no card at all (not even a neighbour).
            line = Rect(
                min(mark.x1, mark.x2),
                min(mark.y1, mark.y2),
                abs(mark.x2 - mark.x1),
                abs(mark.y2 - mark.y1),
            )
            assert PAGE.contains(line)
            for other in cards:
                assert _distance(line, other) >= MARK_OFFSET - 1e-9


def _distance(a: Rect, b: Rect) -> float:
    dx = max(b.x - a.right, a.x - b.right, 0.0)
    dy = max(b.y - a.top, a.y - b.top, 0.0)
    return math.hypot(dx, dy)


@pytest.mark.parametrize("grid", GRIDS, ids=GRID_IDS)
def test_the_parts_of_a_front_stay_inside_the_card_and_apart(grid: Grid) -> None:
    card = grid.front(0)
    header, text, footer = header_box(card), text_box(card), footer_box(card)
    for part in (header, text, footer):
        assert inner(card).contains(part)
        assert part.height > 0
    assert header.y >= text.top and text.y >= footer.top


def test_sheets_group_the_cards_per_page() -> None:
    grid = Grid(2, 3)
    groups = sheets(list(range(13)), grid)
    assert [len(g) for g in groups] == [6, 6, 1]
    assert [x for g in groups for x in g] == list(range(13))
    assert sheets([], grid) == []


@pytest.mark.parametrize("grid", TOUCHING_GRIDS, ids=GRID_IDS)
def test_touching_cards_share_their_edges_and_are_cut_from_the_margin(grid: Grid) -> None:
    cells = [grid.front(slot) for slot in range(grid.per_sheet)]
    for slot, cell in enumerate(cells):
        assert PRINTABLE.contains(cell)
        assert not any(cell.overlaps(other) for other in cells[slot + 1 :])
        row, column = divmod(slot, grid.columns)
        if column + 1 < grid.columns:
            assert cell.right == pytest.approx(cells[slot + 1].x), "one cut between neighbours"
        if row + 1 < grid.rows:
            assert cell.y == pytest.approx(cells[slot + grid.columns].top)
    marks = guillotine_marks(grid)
    assert len(marks) == 2 * (grid.columns + 1) + 2 * (grid.rows + 1)
    for mark in marks:
        segment = Rect(
            min(mark.x1, mark.x2),
            min(mark.y1, mark.y2),
            abs(mark.x2 - mark.x1),
            abs(mark.y2 - mark.y1),
        )
        assert PAGE.contains(segment) and not any(segment.overlaps(cell) for cell in cells)
