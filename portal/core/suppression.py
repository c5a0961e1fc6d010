"""Small-number suppression: the one rule used by every table, chart and CSV export of council figures.

Primary suppression: a count from 1 to 4 is shown as "fewer than 5"; 0 is shown as 0. This
applies to totals too (a row total of 3 is "fewer than 5").

Secondary suppression stops anyone working a hidden count out from the numbers that are shown.
The rule, in words: *every hidden number must stay hidden even to someone who adds and subtracts
every number on the page.* In a table with row totals, column totals and a grand total that
means, at the least, that no row or column (the totals row and column included) may show its
total while hiding exactly one of its numbers. We go further than that line-by-line rule, because
hidden numbers in different rows can still be chained together through their columns.

How it works. Treat the table with its totals as a grid of (rows + 1) × (columns + 1) numbers in
which every row and every column adds up (a total counts as minus itself). Hidden numbers are the
unknowns. Picture each row and each column as a point, and each hidden number as a line joining
its row to its column. A hidden number can be worked out exactly when, and only when, its line is
a *bridge*: removing it would cut the picture in two. If it lies on a loop of hidden numbers, the
loop's numbers can all be moved up and down together (+t, −t, +t, −t ...) without changing any
total, so no sum reveals it. So we keep adding hidden numbers until no hidden number is a bridge:

1. Where a row or column hides exactly one number, hide one more number in the same row or column:
   the smallest other count that is not 0; if there is none, the row's or column's total. (Preferring
   cells keeps totals visible, so the same total looks the same in every view.) A 0 is shown as 0: it
   is hidden only if nothing else can protect a small number, which needs a table of almost only 0s.
2. Where a hidden number is still a bridge (the rare "two loops joined by one hidden number"), hide
   the smallest non-zero number that closes a loop around it; if only 0s could, hide a number in
   its row or column that leads somewhere new, and carry on (the loop closes in later steps).

Numbers hidden by this second step are shown as "hidden" rather than "fewer than 5": they are not
small, they are hidden to protect a small one. Totals a table does not publish at all (for example
the row totals of a one-column table, which would only repeat the cells) count as unknowns too.

What this does not do (see the threat model in portal/voice/__init__.py): it protects one table
against arithmetic on that table. Knowing that a "fewer than 5" is between 1 and 4 can sometimes
narrow a hidden number further (for example two hidden numbers in a row that must add up to 2 are
both 1), and two different views (months and quarters, all ages and one age band, two period
ranges) can be compared with each other. Those are the known limits of cell suppression.
"""

from collections.abc import Sequence
from dataclasses import dataclass

SMALLEST_SHOWN = 5

SHOWN = "shown"
SMALL = "small"  # 1 to 4: "fewer than 5"
HIDDEN = "hidden"  # hidden so that a small count cannot be worked out


@dataclass(frozen=True)
class Count:
    """A number as it may be published: its value when shown, None when suppressed."""

    value: int | None
    state: str = SHOWN

    @property
    def suppressed(self) -> bool:
        return self.state != SHOWN


@dataclass(frozen=True)
class Table:
    """A suppressed table: cells[row][column], and the totals it publishes (None when not published)."""

    cells: list[list[Count]]
    row_totals: list[Count] | None
    column_totals: list[Count] | None
    grand_total: Count | None


def is_small(value: int) -> bool:
    """A count that must never be shown: 1 to 4."""
    return 0 < value < SMALLEST_SHOWN


def count(value: int) -> Count:
    """A single count on its own (primary suppression only: nothing else is shown beside it)."""
    return Count(None, SMALL) if is_small(value) else Count(value)


def suppress(counts: Sequence[Sequence[int]], *, row_totals: bool = True, column_totals: bool = True) -> Table:
    """Suppress a table of counts (rows × columns), with row totals, column totals and grand total as asked."""
    rows = [list(row) for row in counts]
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 0
    if any(len(row) != n_cols for row in rows):
        raise ValueError("Every row needs the same number of columns.")
    if any(value < 0 for row in rows for value in row):
        raise ValueError("Counts cannot be negative.")

    grid = _with_totals(rows, n_rows, n_cols)
    unpublished = set()
    if not row_totals:
        unpublished |= {(i, n_cols) for i in range(n_rows)}
    if not column_totals:
        unpublished |= {(n_rows, j) for j in range(n_cols)}
    if not (row_totals or column_totals):
        unpublished.add((n_rows, n_cols))

    small = {(i, j) for i in range(n_rows + 1) for j in range(n_cols + 1)
             if (i, j) not in unpublished and is_small(grid[i][j])}
    hidden = _protect(grid, n_rows, n_cols, small, unpublished)

    def shown(i, j):
        if (i, j) in small:
            return Count(None, SMALL)
        if (i, j) in hidden:
            return Count(None, HIDDEN)
        return Count(grid[i][j])

    return Table(
        cells=[[shown(i, j) for j in range(n_cols)] for i in range(n_rows)],
        row_totals=[shown(i, n_cols) for i in range(n_rows)] if row_totals else None,
        column_totals=[shown(n_rows, j) for j in range(n_cols)] if column_totals else None,
        grand_total=shown(n_rows, n_cols) if (row_totals or column_totals) else None,
    )


def suppress_column(counts: Sequence[int], *, total: bool = True) -> tuple[list[Count], Count | None]:
    """A one-column table (say, answers to one question): the counts, and their total if asked."""
    table = suppress([[value] for value in counts], row_totals=False, column_totals=total)
    return [row[0] for row in table.cells], (table.grand_total if total else None)


def _with_totals(rows, n_rows, n_cols):
    grid = [row + [sum(row)] for row in rows]
    column_sums = [sum(rows[i][j] for i in range(n_rows)) for j in range(n_cols)]
    grid.append(column_sums + [sum(column_sums)])
    return grid


def _protect(grid, n_rows, n_cols, small, unpublished):
    """The extra numbers to hide so that no suppressed number is a bridge among the unknowns."""
    hidden = set()
    while True:
        unknown = small | hidden | unpublished
        bridges = _bridges(unknown, n_rows, n_cols)
        exposed = [entry for entry in sorted(small | hidden) if entry in bridges]
        if not exposed:
            return hidden
        hidden.add(_complement(exposed, grid, n_rows, n_cols, unknown))


def _preference(entry, grid, n_rows, n_cols):
    """Which number to hide first: a cell, then a total, then the grand total, the smallest first; a 0 only last."""
    i, j = entry
    value = grid[i][j]
    is_total = i == n_rows or j == n_cols
    return (value == 0, is_total, i == n_rows and j == n_cols, value, i, j)


def _lines(entry, n_rows, n_cols):
    i, j = entry
    return [(i, c) for c in range(n_cols + 1)], [(r, j) for r in range(n_rows + 1)]


def _complement(exposed, grid, n_rows, n_cols, unknown):
    """The next number to hide, for the first exposed number that needs one."""
    def best(candidates):
        return min(candidates, key=lambda e: _preference(e, grid, n_rows, n_cols))

    # 1. A row or column that hides exactly one number: hide another of its non-zero numbers.
    for entry in exposed:
        for line in _lines(entry, n_rows, n_cols):
            if sum(1 for other in line if other in unknown) == 1:
                known = [other for other in line if other not in unknown and grid[other[0]][other[1]] != 0]
                # Its other cells before its own total (line[-1]).
                cells = [other for other in known if other != line[-1]]
                if cells or known:
                    return best(cells or known)
    # 2. A bridge between two loops: hide a non-zero number joining the two sides.
    entry = exposed[0]
    i, j = entry
    rows_a, cols_a = _side(("r", i), unknown - {entry}, n_rows, n_cols)
    rows_b, cols_b = _side(("c", j), unknown - {entry}, n_rows, n_cols)
    joining = [(r, c) for r in rows_a for c in cols_b if (r, c) not in unknown]
    joining += [(r, c) for r in rows_b for c in cols_a if (r, c) not in unknown]
    non_zero = [e for e in joining if grid[e[0]][e[1]] != 0]
    if non_zero:
        return best(non_zero)
    # 3. Only 0s join them: reach out from the bridge to a row or column not yet involved (the loop closes later).
    fresh = [(i, c) for c in range(n_cols + 1) if c not in cols_a and c not in cols_b]
    fresh += [(r, j) for r in range(n_rows + 1) if r not in rows_a and r not in rows_b]
    fresh = [e for e in fresh if e not in unknown and grid[e[0]][e[1]] != 0]
    if fresh:
        return best(fresh)
    # 4. Nothing but 0s is left to hide.
    return best(joining)


def _side(start, edges, n_rows, n_cols):
    """The rows and columns reachable from a row or column through these unknown entries."""
    adjacency = _adjacency(edges)
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        for neighbour, _entry in adjacency.get(node, ()):
            if neighbour not in seen:
                seen.add(neighbour)
                stack.append(neighbour)
    return sorted(n for kind, n in seen if kind == "r"), sorted(n for kind, n in seen if kind == "c")


def _adjacency(edges):
    adjacency = {}
    for i, j in edges:
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    return adjacency


def _bridges(edges, n_rows, n_cols):
    """The entries that are bridges of the row–column graph they form (Tarjan's algorithm, iterative)."""
    adjacency = _adjacency(edges)
    order, low, bridges = {}, {}, set()
    counter = 0
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack = [(root, None, iter(adjacency[root]))]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for neighbour, entry in neighbours:
                if entry == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, entry, iter(adjacency[neighbour])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.add(via)
    return bridges
