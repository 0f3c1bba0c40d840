"""Benchmark: how the printed SOP's cost grows with the number of steps, measured in the same run.

    .venv/bin/python bench/bench_scaling.py [--sizes 20,100,200,500,1000] [--runs 5] [--actors 6]

For each size, the synthetic sample SOP of that many steps (``tests/samples.py``: the steps walk through
the actors, a decision every seven steps going back two) is rendered three ways, warm (a small SOP first,
so fonts are loaded), median of ``--runs`` (fewer for the largest sizes):

* ``svg``: ``render_svg(sop)``, the layout of the procedure sheet (rows, pagination, symbols, routing,
  labels) and its SVG, page by page;
* ``flow``: ``render_svg(sop, flowchart_only=True)``, the flowchart alone on one continuous page, as the
  web editor and the upload preview draw it: every step on one page, the router's hardest case;
* ``pdf``: ``render_pdf(sop)``, both sheets written as PDF.

Printed per size: the time (ms), the time per step (ms) and that per-step time as a multiple of the
smallest size's, measured in the same run (flat at 1.0 means the cost is linear in the number of steps);
then, per column, the growth exponent k of time ~ steps^k fitted over the sizes (1.0 is linear). Times are
the process's CPU time, which another process on a shared machine moves less than the wall clock.
``--no-gc`` measures with the cyclic garbage collector off, to tell its share from the code's. See
bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.samples import synthetic_sop  # noqa: E402

from sopap.core.model import SOP  # noqa: E402
from sopap.core.renderers.pdf import render_pdf  # noqa: E402
from sopap.core.renderers.svg import render_svg  # noqa: E402

COLUMNS: dict[str, Callable[[SOP], object]] = {
    "svg": render_svg,
    "flow": lambda sop: render_svg(sop, flowchart_only=True),
    "pdf": render_pdf,
}


def cpu_ms(fn: Callable[[], object], runs: int, collect: bool) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        if not collect:
            gc.disable()
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
        gc.enable()
    return statistics.median(times)


def exponent(sizes: list[int], times: list[float]) -> float:
    """The slope of log(time) against log(steps), least squares."""
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-9)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="20,100,200,500,1000", help="step counts, comma-separated")
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per size (median); sizes over 200 get fewer"
    )
    parser.add_argument("--actors", type=int, default=6)
    parser.add_argument("--columns", default=",".join(COLUMNS), help="of: " + ", ".join(COLUMNS))
    parser.add_argument("--no-gc", action="store_true", help="garbage collector off while timing")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    columns = [c for c in args.columns.split(",") if c]
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        parser.error(f"unknown column(s) {', '.join(sorted(unknown))}; use {', '.join(COLUMNS)}")

    warm = synthetic_sop(5, args.actors)
    for column in columns:
        COLUMNS[column](warm)

    times: dict[str, list[float]] = {c: [] for c in columns}
    head = f"{'steps':>6}" + "".join(f"  {c + ' ms':>10} {'ms/step':>8} {'x':>5}" for c in columns)
    print(f"synthetic SOP, {args.actors} actors; CPU time, median; x = ms/step over the {sizes[0]}-step run")
    print(head)
    for n in sizes:
        sop = synthetic_sop(n, args.actors)
        runs = max(1, args.runs if n <= 200 else args.runs // 2 if n <= 500 else 1)
        line = f"{n:>6}"
        for column in columns:
            render = COLUMNS[column]
            ms = cpu_ms(lambda render=render, sop=sop: render(sop), runs, not args.no_gc)
            times[column].append(ms)
            per_step = ms / n
            ratio = per_step / (times[column][0] / sizes[0])
            line += f"  {ms:>10.1f} {per_step:>8.3f} {ratio:>5.2f}"
        print(line, flush=True)
    if len(sizes) > 1:
        print(
            "growth exponent k (time ~ steps^k, 1.0 = linear): "
            + ", ".join(f"{c} {exponent(sizes, times[c]):.2f}" for c in columns)
        )


if __name__ == "__main__":
    main()
