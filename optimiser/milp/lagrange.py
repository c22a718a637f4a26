"""Large allocations solved exactly through a Lagrangian core: a bound proves which decisions cannot change.

At 100,000 candidates HiGHS spends minutes before its first node (presolve, then a root LP whose bound
is hundreds of points above the optimum: each company's cap couples its projects' minimum amounts).
The allocation model has a shape HiGHS does not see: a few *coupling* rows (the envelope, EPCI and
priority shares, totals, counts) over many small *blocks* (a candidate with its amount, or the projects
of one company under its caps). With multipliers y on the coupling rows (the LP relaxation's duals,
refined row by row), the problem splits into the blocks, each solved exactly by enumerating who is
funded (amounts by the greedy rule, exact on nested caps); their sum L(y) bounds every allocation.

For each candidate, its block's best value with its funded / not-funded decision flipped gives its
*penalty*: an allocation that flips it scores at most L(y) - penalty. The *core problem* fixes every
candidate whose penalty exceeds tau to its block's best decision, and HiGHS solves it to proven
optimality. Its optimum v is the optimum of the whole problem as soon as L(y) - v < tau: a better
allocation would flip a fixed candidate, and score at most L(y) - tau < v. Otherwise tau grows (and
the core with it), up to a share of the candidates past which the whole problem goes to HiGHS as it is.

Nothing here assumes what the rows mean: a row is a block's cap when it is an upper bound on the sum
of a few candidates' amounts (`base x + e`); every other row couples. What is proven is what HiGHS
proves on the core (gap 0 within its tolerances); the certificate's own arithmetic keeps a margin of
1e-9 relative.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .problem import INF, Amounts, Problem, Report, Settings, Solution, Status

MIN_COLUMNS = 5_000     # below (about 4,000 candidates) HiGHS alone takes well under a second: its path stays
BLOCK_MAX = 10          # candidates in one block (2^10 decisions enumerated); rows of larger blocks couple
CORE_SHARE = 0.5        # past this share of candidates in the core, the whole problem goes to HiGHS
FIRST_CORE = 50         # the first core: this many candidates, those with the least penalty (measured: 30 to
                        # 200 at 100,000 candidates all prove at once; the core MIP takes 9 s at 50, 19 s at 200)
MARGIN = 1e-9           # relative, on the certificate L(y) - v < tau


@dataclass
class _Blocks:
    """The split of a problem: coupling rows, and the candidates' blocks of cap rows."""

    coupling: np.ndarray                      # row indices
    members: list[list[int]]                  # blocks of two or more candidates
    caps: list[list[tuple[list[int], float]]]  # per block: (members of a cap row, room above their bases)
    single_room: np.ndarray                   # per candidate alone in its block: least cap above its base


def solve_large(problem: Problem, settings: Settings, report: Report,
                solve_core: Callable[[Problem, Settings, Report], Solution]) -> Solution | None:
    """The proven optimum through the Lagrangian core, or None when the problem has not the shape (or the
    core grows too large): the caller then solves it as it is. `solve_core(problem, settings, report)`
    solves a core problem exactly (HiGHS)."""
    amounts = problem.amounts
    if amounts is None or problem.n_cols < MIN_COLUMNS:
        return None
    began = time.perf_counter()
    blocks = split(problem, amounts)
    if blocks is None:
        return None
    y = lp_duals(problem, settings)
    if y is None:
        return None
    bound = Lagrangian(problem, amounts, blocks)
    y = bound.refine(y)
    L, best, penalty = bound.evaluate(y, penalties=True)
    if not math.isfinite(L):  # a candidate that can be neither funded nor not (a cap below a locked base)
        return None
    report(None, L)
    locked = ~np.isfinite(penalty)  # no allocation flips these: fixed in every core
    free = np.sort(penalty[~locked])
    size = FIRST_CORE
    while True:
        tau = float(free[size - 1]) if size < len(free) else INF  # the core: the `size` least penalties
        core = (penalty <= tau) & ~locked
        if tau < INF and core.sum() > CORE_SHARE * len(penalty):
            return None
        remaining = settings.time_limit_s - (time.perf_counter() - began)
        if remaining <= 0:
            return None
        solution = solve_core(fixed(problem, amounts, best, ~core), replace(settings, time_limit_s=remaining),
                              lambda values, _bound: report(values, None))  # a core's bound is not the whole's
        everything = tau == INF
        if solution.status is Status.OPTIMAL:
            v = float(solution.objective)
            fixed_least = float(np.min(penalty[~core & ~locked], initial=INF))
            if everything or L - v < fixed_least - MARGIN * (1.0 + abs(L)):
                # Every allocation better than v is in the core (a flip scores at most L - penalty < v): the
                # core's bound holds for the whole, and its gap is the whole's (0 when solved exactly).
                bound = v if solution.bound is None else max(float(solution.bound), v)
                return replace(solution, bound=bound, seconds=time.perf_counter() - began)
            size = max(2 * size, int(np.searchsorted(free, 1.5 * (L - v), side="right")) + 1)
        elif solution.status is Status.INFEASIBLE and everything:
            return replace(solution, seconds=time.perf_counter() - began)  # only impossible flips were fixed
        elif solution.status is Status.INFEASIBLE:  # the fixed decisions leave a coupling row unmet
            size *= 4
        else:
            return None


def fixed(problem: Problem, amounts: Amounts, best: np.ndarray, which: np.ndarray) -> Problem:
    """`problem` with the decision x of the candidates `which` fixed to `best` (and e to 0 where not funded)."""
    lower, upper = problem.col_lower.copy(), problem.col_upper.copy()
    cols = amounts.x_col[which]
    lower[cols] = upper[cols] = np.clip(best[which], lower[cols], upper[cols])
    off = which & (best == 0) & (amounts.e_col >= 0)
    upper[amounts.e_col[off]] = 0.0
    return replace(problem, col_lower=lower, col_upper=upper)


def split(problem: Problem, amounts: Amounts) -> _Blocks | None:
    """Coupling rows and blocks, or None when a column is not an amount's. The cap rows of a block too large
    to enumerate, or whose caps cross (greedy amounts are exact on nested caps only), couple."""
    k, n = len(amounts.x_col), problem.n_cols
    owner = np.full(n, -1, dtype=np.int64)
    owner[amounts.x_col] = np.arange(k)
    has_e = amounts.e_col >= 0
    owner[amounts.e_col[has_e]] = np.flatnonzero(has_e)
    is_e = np.zeros(n, dtype=bool)
    is_e[amounts.e_col[has_e]] = True
    if (owner < 0).any() or not _decisions_are_binary(problem, amounts):
        return None
    ext = amounts.cap - amounts.base
    nnz = np.diff(problem.start)
    coupling: list[int] = []
    parent = np.arange(k)
    cap_rows: list[tuple[int, list[int], float]] = []
    linked = np.zeros(k, dtype=bool)
    for r in range(problem.n_rows):
        lo, hi = problem.start[r], problem.start[r + 1]
        cols, vals = problem.index[lo:hi], problem.value[lo:hi]
        if nnz[r] == 2 and _is_link(cols, vals, owner, is_e, ext, problem.row_lower[r], problem.row_upper[r]):
            linked[owner[cols[0]]] = True
            continue
        members = _cap_members(cols, vals, owner, is_e, amounts, problem.row_lower[r], problem.row_upper[r])
        if members is None:
            coupling.append(r)
            continue
        room = float(problem.row_upper[r]) - float(amounts.base[members].sum())
        cap_rows.append((r, members, room))
        for j in members[1:]:
            a, b = _find(parent, j), _find(parent, members[0])
            parent[a] = b
    if not linked[has_e].all():  # the blocks take e = 0 when x = 0: each e must have its link row
        return None
    roots = np.array([_find(parent, j) for j in range(k)])
    by_root: dict[int, list[tuple[int, list[int], float]]] = {}
    for r, members, room in cap_rows:
        by_root.setdefault(int(roots[members[0]]), []).append((r, members, room))
    single_room = np.full(k, INF)
    blocks, caps = [], []
    for rows in by_root.values():
        members = sorted({j for _, m, _ in rows for j in m})
        if len(members) > BLOCK_MAX or not _nested([m for _, m, _ in rows]):
            coupling.extend(r for r, _, _ in rows)  # too large to enumerate, or crossing caps: priced instead
        elif len(members) == 1:
            single_room[members[0]] = min(room for _, _, room in rows)
        else:
            blocks.append(members)
            caps.append([(m, room) for _, m, room in rows])
    return _Blocks(np.sort(np.asarray(coupling, dtype=np.int64)), blocks, caps, single_room)


def _decisions_are_binary(problem: Problem, amounts: Amounts) -> bool:
    x = amounts.x_col
    e = amounts.e_col[amounts.e_col >= 0]
    return bool(problem.integer[x].all() and (problem.col_lower[x] >= 0).all() and (problem.col_upper[x] <= 1).all()
                and (problem.col_lower[e] == 0).all())


def _is_link(cols, vals, owner, is_e, ext, lower, upper) -> bool:
    """e - (cap - base) x <= 0 of one candidate."""
    if owner[cols[0]] != owner[cols[1]] or is_e[cols[0]] == is_e[cols[1]] or lower > -INF or upper != 0:
        return False
    e_at = 0 if is_e[cols[0]] else 1
    j = owner[cols[0]]
    return vals[e_at] == 1.0 and abs(vals[1 - e_at] + ext[j]) <= 1e-9 * (1.0 + ext[j])


def _cap_members(cols, vals, owner, is_e, amounts: Amounts, lower, upper) -> list[int] | None:
    """The candidates of a cap row (sum of their amounts, base x + e, at most a finite bound), else None."""
    if lower > -INF or not math.isfinite(upper) or not len(cols) or len(cols) > 2 * BLOCK_MAX:
        return None
    xs = {int(owner[c]): float(v) for c, v in zip(cols, vals, strict=True) if not is_e[c]}
    es = {int(owner[c]): float(v) for c, v in zip(cols, vals, strict=True) if is_e[c]}
    if len(xs) + len(es) != len(cols) or len(xs) > BLOCK_MAX or not set(es) <= set(xs):
        return None
    for j, coefficient in xs.items():
        if coefficient != amounts.base[j] or (amounts.e_col[j] >= 0) != (j in es) or es.get(j, 1.0) != 1.0:
            return None
    return sorted(xs)


def _nested(rows: list[list[int]]) -> bool:
    sets = [set(m) for m in rows]
    return all(not (a & b) or a <= b or b <= a for a, b in itertools.combinations(sets, 2))


def _find(parent: np.ndarray, j: int) -> int:
    while parent[j] != j:
        parent[j] = parent[parent[j]]
        j = parent[j]
    return int(j)


def lp_duals(problem: Problem, settings: Settings) -> np.ndarray | None:
    """Row duals of the LP relaxation by HiGHS's interior point method, without crossover: any multipliers
    give a valid bound, so approximate ones are enough (and several times faster on a large problem)."""
    import highspy

    from .highs import fresh_scheduler, loaded_highs

    h = loaded_highs(replace(problem, integer=np.zeros(problem.n_cols, dtype=bool), amounts=None), settings)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    fresh_scheduler()
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.array(h.getSolution().row_dual, dtype=float)


class Lagrangian:
    """L(y) over a problem's blocks: the coupling rows priced by y, each block at its best."""

    def __init__(self, problem: Problem, amounts: Amounts, blocks: _Blocks) -> None:
        self.p, self.a, self.b = problem, amounts, blocks
        c = blocks.coupling
        counts = np.diff(problem.start)[c]
        take = np.concatenate([np.arange(problem.start[r], problem.start[r + 1]) for r in c]) if len(c) else \
            np.zeros(0, dtype=np.int64)
        self.entry_row = np.repeat(np.arange(len(c)), counts)  # position in `coupling` of each entry
        self.entry_col = problem.index[take]
        self.entry_val = problem.value[take]
        self.lower, self.upper = problem.row_lower[c], problem.row_upper[c]
        x = amounts.x_col
        self.can_fund = problem.col_upper[x] >= 1
        self.must_fund = problem.col_lower[x] >= 1
        has_e = amounts.e_col >= 0
        room = np.zeros(len(x))
        room[has_e] = problem.col_upper[amounts.e_col[has_e]]
        self.room = np.minimum(np.minimum(room, amounts.cap - amounts.base), blocks.single_room)
        self.fits = blocks.single_room >= -1e-9  # the base fits under the candidate's own caps
        self.in_block = np.zeros(len(x), dtype=bool)
        for members in blocks.members:
            self.in_block[members] = True
        self.shapes = _shapes(blocks, amounts.base, self.can_fund, self.must_fund)

    def _signed(self, y: np.ndarray) -> np.ndarray:
        """y with the sign each row's finite bound allows (a valid multiplier), on the coupling rows."""
        return np.where(y > 0, np.where(np.isfinite(self.upper), y, 0.0), np.where(np.isfinite(self.lower), y, 0.0))

    def evaluate(self, y_all: np.ndarray, penalties: bool = False) -> tuple[float, np.ndarray, np.ndarray]:
        """(L(y), each candidate's decision in its block's best, each candidate's penalty for flipping it)."""
        p, a = self.p, self.a
        y = self._signed(y_all[self.b.coupling])
        reduced = p.cost.copy()
        np.subtract.at(reduced, self.entry_col, y[self.entry_row] * self.entry_val)
        dx = reduced[a.x_col]
        de = np.where(a.e_col >= 0, reduced[np.maximum(a.e_col, 0)], 0.0)
        total = p.offset + float(np.sum(np.where(y > 0, y * np.where(np.isfinite(self.upper), self.upper, 0.0),
                                                 y * np.where(np.isfinite(self.lower), self.lower, 0.0))))
        # Candidates alone in their block: fund or not, the amount at its best.
        funded = dx + np.maximum(de, 0.0) * np.maximum(self.room, 0.0)
        one_ok = self.can_fund & self.fits
        zero_ok = ~self.must_fund
        best = np.where(one_ok & (~zero_ok | (funded > 0.0)), 1.0, 0.0)
        value = np.where(best == 1.0, funded, 0.0)
        penalty = np.where(one_ok & zero_ok, np.abs(funded), INF)
        alone = ~self.in_block
        total += float(np.sum(value[alone & (one_ok | zero_ok)]))
        if (alone & ~one_ok & ~zero_ok).any():
            return INF, best, penalty  # a candidate that can be neither: no bound from here
        for shape in self.shapes:
            total += shape.add(dx, de, self.room, best, penalty, penalties)
        if not np.isfinite(total):
            return INF, best, penalty
        return total, best, penalty

    def refine(self, y: np.ndarray, iterations: int = 30) -> np.ndarray:
        """y improved row by row (golden-section search of L along each priced coupling row): L is convex
        in y, and the LP's duals, exact for the LP, are not the best multipliers for the blocks."""
        y = y.copy()
        best = self.evaluate(y)[0]
        ratio = (math.sqrt(5.0) - 1.0) / 2.0
        for r in self.b.coupling[np.argsort(-np.abs(y[self.b.coupling]), kind="stable")][:8]:
            if y[r] == 0.0:
                break
            low, high = 0.98 * y[r], 1.02 * y[r]

            def at(t: float, r: int = r) -> float:
                trial = y.copy()
                trial[r] = t
                return self.evaluate(trial)[0]

            c, d = high - ratio * (high - low), low + ratio * (high - low)
            fc, fd = at(c), at(d)
            for _ in range(iterations):
                if fc < fd:
                    high, d, fd = d, c, fc
                    c = high - ratio * (high - low)
                    fc = at(c)
                else:
                    low, c, fc = c, d, fd
                    d = low + ratio * (high - low)
                    fd = at(d)
            t, value = (c, fc) if fc < fd else (d, fd)
            if value < best:
                y[r], best = t, value
        return y


class _Shape:
    """Blocks of one shape (as many candidates, the same cap rows over the same places), evaluated at once:
    every decision of every block, amounts by the greedy rule, in a few array operations."""

    def __init__(self, members: np.ndarray, rows: np.ndarray, rooms: np.ndarray, base: np.ndarray,
                 can_fund: np.ndarray, must_fund: np.ndarray) -> None:
        self.members = members                      # (blocks, m) candidate of each place
        self.rows = rows                            # (caps, m) which places each cap row holds
        m = members.shape[1]
        self.decisions = np.array(list(itertools.product((0, 1), repeat=m)), dtype=float)  # (d, m)
        on = self.decisions.astype(bool)
        # Room above the funded bases, per block, decision and cap row.
        unfunded_base = base[members][:, None, :] * (1.0 - self.decisions)[None, :, :]      # (b, d, m)
        self.rooms = rooms[:, None, :] + unfunded_base @ rows.T.astype(float)              # (b, d, caps)
        allowed = ((~on[None] | can_fund[members][:, None, :]) & (on[None] | ~must_fund[members][:, None, :])).all(2)
        self.feasible = allowed & (self.rooms >= -1e-9).all(2)                              # (b, d)

    def add(self, dx: np.ndarray, de: np.ndarray, room_e: np.ndarray, best: np.ndarray, penalty: np.ndarray,
            penalties: bool) -> float:
        """The blocks' best values summed; each candidate's best decision and penalty written in place."""
        members, decisions = self.members, self.decisions
        value = dx[members] @ decisions.T                                                  # (b, d)
        rooms = self.rooms.copy()
        per_euro, own_room = de[members], room_e[members]
        order = np.argsort(-per_euro, axis=1, kind="stable")
        blocks = np.arange(len(members))
        for t in range(members.shape[1]):  # greedy: the best reduced value per euro first
            place = order[:, t]
            rate = per_euro[blocks, place]
            inside = self.rows[:, place].T                                                 # (b, caps)
            room = np.where(inside[:, None, :], rooms, INF).min(axis=2)                    # (b, d)
            add = np.clip(np.minimum(own_room[blocks, place][:, None], room), 0.0, None)
            add *= decisions[:, place].T * (rate > 0.0)[:, None]
            value += rate[:, None] * add
            rooms -= add[:, :, None] * inside[:, None, :]
        value = np.where(self.feasible, value, -INF)
        choice = np.argmax(value, axis=1)
        top = value[blocks, choice]
        if not np.isfinite(top).all():
            return -INF
        chosen = decisions[choice]                                                         # (b, m)
        best[members] = chosen
        if penalties:
            for place in range(members.shape[1]):
                other = decisions[:, place][None, :] != chosen[:, place][:, None]
                flipped = np.where(other, value, -INF).max(axis=1)
                penalty[members[:, place]] = np.where(np.isfinite(flipped), top - flipped, INF)
        return float(top.sum())


def _shapes(blocks: _Blocks, base: np.ndarray, can_fund: np.ndarray, must_fund: np.ndarray) -> list[_Shape]:
    """The blocks grouped by shape: size and which places each cap row holds."""
    grouped: dict[tuple, tuple[list, list]] = {}
    for members, caps in zip(blocks.members, blocks.caps, strict=True):
        place = {j: i for i, j in enumerate(members)}
        rows = sorted(tuple(sorted(place[j] for j in row)) for row, _ in caps)
        order = sorted(range(len(caps)), key=lambda i: tuple(sorted(place[j] for j in caps[i][0])))
        key = (len(members), tuple(rows))
        into = grouped.setdefault(key, ([], []))
        into[0].append(members)
        into[1].append([caps[i][1] for i in order])
    shapes = []
    for (m, rows), (members, rooms) in grouped.items():
        holds = np.zeros((len(rows), m), dtype=bool)
        for i, row in enumerate(rows):
            holds[i, list(row)] = True
        shapes.append(_Shape(np.array(members, dtype=np.int64), holds, np.array(rooms, dtype=float), base,
                             can_fund, must_fund))
    return shapes
