"""Small-number suppression (portal.voice.suppression): the one rule behind every council table, chart and CSV.

The safety property is checked by an independent method: exact linear algebra over the whole
table with its totals. A hidden number is "worked out" when the shown numbers determine it.
"""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.core.suppression import HIDDEN, SHOWN, SMALL, count, suppress, suppress_column

# ---- An independent check: can a hidden number be worked out from what is shown? -------------------


def _extended(values):
    rows = [list(row) + [sum(row)] for row in values]
    columns = [sum(row[j] for row in values) for j in range(len(values[0]))]
    return rows + [columns + [sum(columns)]]


def _published(table, n_rows, n_cols):
    """{(i, j): shown value or None} over the extended grid; unpublished totals are simply absent."""
    shown = {}
    for i in range(n_rows):
        for j in range(n_cols):
            shown[(i, j)] = table.cells[i][j]
        if table.row_totals is not None:
            shown[(i, n_cols)] = table.row_totals[i]
    if table.column_totals is not None:
        for j in range(n_cols):
            shown[(n_rows, j)] = table.column_totals[j]
    if table.grand_total is not None:
        shown[(n_rows, n_cols)] = table.grand_total
    return shown


def _rank(matrix):
    rows = [[Fraction(v) for v in row] for row in matrix]
    rank, n_cols = 0, len(rows[0]) if rows else 0
    for column in range(n_cols):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column] != 0:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def worked_out(table, n_rows, n_cols):
    """The suppressed numbers (shown as "fewer than 5" or "hidden") that the shown numbers determine exactly."""
    shown = _published(table, n_rows, n_cols)
    everything = [(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1)]
    unknown = [e for e in everything if e not in shown or shown[e].suppressed]
    if not unknown:
        return set()
    # Every row and every column of the extended grid adds up: cells minus the total make 0.
    equations = []
    for i in range(n_rows + 1):
        equations.append({(i, j): (-1 if j == n_cols else 1) for j in range(n_cols + 1)})
    for j in range(n_cols + 1):
        equations.append({(i, j): (-1 if i == n_rows else 1) for i in range(n_rows + 1)})
    matrix = [[equation.get(e, 0) for e in unknown] for equation in equations]
    full = _rank(matrix)
    found = set()
    for index, entry in enumerate(unknown):
        if entry not in shown:
            continue  # an unpublished total may well be derivable: it is not a secret
        without = [row[:index] + row[index + 1:] for row in matrix]
        if _rank(without) == full - 1:
            found.add(entry)
    return found


def _states(table):
    return [[cell.state for cell in row] for row in table.cells]


# ---- Primary suppression -------------------------------------------------------------------------


@pytest.mark.parametrize("value,state,shown", [(0, SHOWN, 0), (1, SMALL, None), (4, SMALL, None), (5, SHOWN, 5),
                                               (123, SHOWN, 123)])
def test_a_count_of_1_to_4_reads_fewer_than_5_and_0_reads_0(value, state, shown):
    assert count(value).state == state
    assert count(value).value == shown


def test_a_table_without_small_numbers_shows_everything_with_its_totals():
    table = suppress([[0, 5, 12], [7, 0, 30]])
    assert _states(table) == [[SHOWN] * 3] * 2
    assert [c.value for c in table.row_totals] == [17, 37]
    assert [c.value for c in table.column_totals] == [7, 5, 42]
    assert table.grand_total.value == 54


def test_totals_from_1_to_4_are_small_too():
    table = suppress([[2, 0], [0, 0]])
    assert table.cells[0][0].state == SMALL
    assert table.row_totals[0].state == SMALL
    assert table.column_totals[0].state == SMALL
    assert table.grand_total.state == SMALL
    assert table.cells[1][1].value == 0


# ---- Secondary suppression: totals that would give a small number away ----------------------------


def test_a_row_total_never_gives_away_the_one_small_number_in_its_row():
    # Shown as is, 13 - 10 = 3 would give the "fewer than 5" away.
    table = suppress([[10, 3], [12, 20]])
    assert table.cells[0][1].state == SMALL
    assert table.row_totals[0].value == 13  # the total stays shown...
    assert table.cells[0][0].state == HIDDEN  # ...because the other number in its row is hidden
    assert worked_out(table, 2, 2) == set()


def test_the_smallest_other_number_is_hidden_rather_than_the_total():
    table = suppress([[40, 3, 9, 25], [50, 60, 70, 80]])
    assert _states(table)[0] == [SHOWN, SMALL, HIDDEN, SHOWN]  # 9 is the smallest other count
    assert table.row_totals[0].value == 77


def test_a_column_total_never_gives_away_a_small_number_either():
    table = suppress([[10], [3], [20]], row_totals=False)
    column = [row[0] for row in table.cells]
    assert [c.state for c in column] == [HIDDEN, SMALL, SHOWN]
    assert table.column_totals[0].value == 33
    assert worked_out(table, 3, 1) == set()


def test_two_small_numbers_in_a_row_do_not_need_a_third():
    table = suppress([[3, 2, 40], [3, 2, 40]])
    assert _states(table) == [[SMALL, SMALL, SHOWN], [SMALL, SMALL, SHOWN]]
    assert worked_out(table, 2, 3) == set()


def test_the_grand_total_cannot_be_used_to_work_out_a_small_row_total():
    # Row totals 3 (small), 20 and 30: with the grand total 53 shown, 53 - 20 - 30 = 3.
    table = suppress([[3, 0], [10, 10], [15, 15]])
    assert table.row_totals[0].state == SMALL
    hidden_totals = [c for c in table.row_totals[1:] if c.suppressed]
    assert hidden_totals or table.grand_total.suppressed
    assert worked_out(table, 3, 2) == set()


def test_a_small_number_joining_two_loops_of_hidden_numbers_is_protected():
    # Every row and column below has at least two small numbers, yet (1, 2) is the only link between
    # the small numbers of rows 0-1 and those of rows 2-3: line-by-line checks pass, but subtracting
    # row and column totals still gives it away. The table-wide check finds it.
    big = 50
    values = [[big] * 4 for _row in range(4)]
    for i, j in [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)]:
        values[i][j] = 2
    table = suppress(values)
    assert worked_out(table, 4, 4) == set()
    assert sum(c.state == HIDDEN for row in table.cells for c in row) == 1  # one more number is enough


def test_the_checker_itself_catches_a_number_given_away_by_the_totals():
    """The independent check is not vacuous: primary suppression alone leaks here."""
    from portal.core.suppression import Count, Table

    values = [[10, 3], [12, 20]]
    only_primary = Table(cells=[[Count(10), Count(None, SMALL)], [Count(12), Count(20)]],
                         row_totals=[Count(13), Count(32)], column_totals=[Count(22), Count(23)], grand_total=Count(45))
    assert (0, 1) in worked_out(only_primary, 2, 2)
    assert worked_out(suppress(values), 2, 2) == set()


def test_one_column_of_answers_with_its_total():
    shown, total = suppress_column([10, 3, 7, 0])
    assert [c.state for c in shown] == [SHOWN, SMALL, HIDDEN, SHOWN]
    assert shown[3].value == 0
    assert total.value == 20


def test_one_column_without_a_total_needs_no_extra_hiding():
    shown, total = suppress_column([10, 3, 7], total=False)
    assert [c.state for c in shown] == [SHOWN, SMALL, SHOWN]
    assert total is None


def test_an_empty_table_is_fine():
    table = suppress([])
    assert table.cells == [] and table.grand_total.value == 0


def test_negative_or_ragged_counts_are_refused():
    with pytest.raises(ValueError):
        suppress([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress([[-1]])


# ---- Properties, over many tables ---------------------------------------------------------------

counts = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 60))


@st.composite
def tables(draw):
    n_rows = draw(st.integers(1, 5))
    n_cols = draw(st.integers(1, 5))
    values = draw(st.lists(st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    return values, draw(st.booleans()), draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_suppressed_number_can_be_worked_out_from_the_shown_numbers(case):
    values, row_totals, column_totals = case
    table = suppress(values, row_totals=row_totals, column_totals=column_totals)
    assert worked_out(table, len(values), len(values[0])) == set()


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_shown_total_is_the_sum_of_shown_numbers_and_one_hidden_one(case):
    """The rule in the brief's words: subtracting shown cells from a shown total never leaves one hidden cell."""
    values, row_totals, column_totals = case
    table = suppress(values, row_totals=row_totals, column_totals=column_totals)
    n_rows, n_cols = len(values), len(values[0])
    shown = _published(table, n_rows, n_cols)
    lines = [[(i, j) for j in range(n_cols + 1)] for i in range(n_rows + 1)]
    lines += [[(i, j) for i in range(n_rows + 1)] for j in range(n_cols + 1)]
    for line in lines:
        total, parts = line[-1], line[:-1]
        if total in shown and not shown[total].suppressed and all(p in shown for p in parts):
            assert sum(shown[p].suppressed for p in parts) != 1, line


@settings(max_examples=300, deadline=None)
@given(tables())
def test_every_shown_number_is_true_every_small_number_says_fewer_than_5_and_nothing_else_is_small(case):
    values, row_totals, column_totals = case
    table = suppress(values, row_totals=row_totals, column_totals=column_totals)
    n_rows, n_cols = len(values), len(values[0])
    truth = _extended(values)
    for (i, j), shown in _published(table, n_rows, n_cols).items():
        value = truth[i][j]
        if 1 <= value <= 4:
            assert shown.state == SMALL and shown.value is None
        elif shown.state == SHOWN:
            assert shown.value == value
        else:
            assert shown.state == HIDDEN and shown.value is None


@settings(max_examples=100, deadline=None)
@given(tables())
def test_the_same_table_is_always_suppressed_the_same_way(case):
    values, row_totals, column_totals = case
    assert suppress(values, row_totals=row_totals, column_totals=column_totals) == \
        suppress(values, row_totals=row_totals, column_totals=column_totals)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.just(0), st.integers(5, 60)), min_size=3, max_size=3), min_size=1, max_size=4))
def test_nothing_is_hidden_when_there_is_no_small_number(values):
    table = suppress(values)
    assert all(c.state == SHOWN for row in table.cells for c in row)
    assert all(c.state == SHOWN for c in table.row_totals + table.column_totals)
