"""The smallest honest solve of an all-or-nothing knapsack with highspy: the whole-process reference of
bench_allocation.py. Reads a CSV of `id,requested_eur,score`, maximises sum(score_i x_i) subject to
sum(requested_i x_i) <= envelope with x_i binary, to proven optimality (gap 0), and writes the funded ids.

    python benchmarks/minimal_highspy.py knapsack.csv ENVELOPE_EUR funded.txt

Nothing of optimiser is imported. Exit code 1 when HiGHS does not prove an optimum.
"""

import csv
import sys

import highspy
import numpy as np


def main(source: str, envelope: float, target: str) -> int:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    ids = [row["id"] for row in rows]
    requested = np.array([float(row["requested_eur"]) for row in rows])
    score = np.array([float(row["score"]) for row in rows])
    n = len(ids)
    columns = np.arange(n, dtype=np.int32)

    highs = highspy.Highs()
    for key, value in {"output_flag": False, "mip_rel_gap": 0.0, "mip_abs_gap": 0.0, "threads": 1,
                       "random_seed": 0}.items():
        highs.setOptionValue(key, value)
    highs.addVars(n, np.zeros(n), np.ones(n))
    highs.changeColsCost(n, columns, score)
    highs.changeColsIntegrality(n, columns, np.full(n, highspy.HighsVarType.kInteger))
    highs.addRow(-highspy.kHighsInf, envelope, n, columns, requested)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        print(f"not proven optimal: {highs.modelStatusToString(highs.getModelStatus())}")
        return 1
    funded = np.asarray(highs.getSolution().col_value) > 0.5
    with open(target, "w", encoding="utf-8") as handle:
        handle.writelines(f"{cid}\n" for cid, chosen in zip(ids, funded, strict=True) if chosen)
    print(f"objective {highs.getInfo().objective_function_value!r}, funded {int(funded.sum())} of {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), sys.argv[3]))
