"""C++, Java, JavaScript and TypeScript: the judge's speed and its faithfulness, beside Python.

    .venv/bin/python bench/languages.py [--runs 9] [--sample 150] [--seed 15] [--skip-faithfulness]
        [--languages cpp,java,typescript] [--python-cache var/bench/python-verdicts.json]

Speed: a correct 20-test submission (two sum, the tests of bench/judge.py), judged
from source to verdict including compilation, as a judge worker runs it (a spare
sandbox per language started ahead); its median over `--runs`, beside the median
time of compiling alone (the sandbox, the compiler, no test) and Python's figure.
Targets (issue 15): C++ <= 1.5 s, Java <= 2.0 s, JavaScript and TypeScript <= 1.0 s.
The runs are interleaved across languages, so that load on a shared machine hits
them alike.

Faithfulness: doocs/leetcode's solutions (the first approach's C++, Java and
TypeScript code in ../shared/data/doocs) judged on the shared LeetCodeDataset
problems' own tests, for the problems whose Python reference is Accepted there.
Target: >= 97% Accepted per language, every rejection listed with its reason.
`--sample N` judges N random problems per language (seeded) where the full set is
too slow for the machine (`--sample 0`: all); the output says which. `--languages cpp`
judges one language; `--python-cache FILE` keeps the Python references' verdicts
between runs. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mockmate_site.settings.test")

from judge import LIMITS, SOLUTION, two_sum_tests  # noqa: E402 - bench/judge.py, beside this file

from mltools.callshape import CallShape  # noqa: E402
from mltools.contracts import ProblemRecord  # noqa: E402
from mltools.data import leetcodedataset  # noqa: E402
from mltools.data.doocs import CODE_LANGUAGES  # noqa: E402
from problems.judge.api import TestSpec, judge_code  # noqa: E402
from problems.judge.codec import STANDARD_PREAMBLE  # noqa: E402
from problems.judge.sandbox import Limits, execute, sandbox_problem  # noqa: E402

SHARED = Path(os.environ.get("MOCKMATE_SHARED_DATA", ROOT.parent / "shared" / "data"))
TARGETS = {"cpp": 1.5, "java": 2.0, "javascript": 1.0, "typescript": 1.0}
LANGUAGES = ("python3", "cpp", "java", "javascript", "typescript")
SHAPE = CallShape(
    entry_kind="method",
    entry_point="twoSum",
    signature="def twoSum(self, nums: List[int], target: int) -> List[int]:",
)
TWO_SUM = {
    "python3": SOLUTION,
    "cpp": (ROOT / "problems/tests/languages/two_sum.cpp").read_text(),
    "java": (ROOT / "problems/tests/languages/two_sum.java").read_text(),
    "javascript": (ROOT / "problems/tests/languages/two_sum.js").read_text(),
    "typescript": (ROOT / "problems/tests/languages/two_sum.ts").read_text(),
}
FAITHFUL_LIMITS = Limits(cpu_s=10.0, wall_s=30.0, mem_mb=512, out_kb=1024)
FAITHFUL_LANGUAGES = ("cpp", "java", "typescript")


def speed(runs: int) -> bool:
    tests = two_sum_tests()
    judged: dict[str, list[float]] = {k: [] for k in LANGUAGES}
    compiled: dict[str, list[float]] = {k: [] for k in LANGUAGES}
    for language in LANGUAGES:  # warm: the precompiled header, a spare sandbox each
        judge_code(language=language, code=TWO_SUM[language], preamble=STANDARD_PREAMBLE,
                   shape=SHAPE, tests=tests, limits=LIMITS)  # fmt: skip
    for _ in range(runs):
        for language in LANGUAGES:
            start = time.perf_counter()
            report = judge_code(language=language, code=TWO_SUM[language],
                                preamble=STANDARD_PREAMBLE, shape=SHAPE, tests=tests,
                                limits=LIMITS)  # fmt: skip
            judged[language].append(time.perf_counter() - start)
            assert report.verdict == "AC" and report.passed == 20, (language, report.message)
            start = time.perf_counter()
            result, _ = execute(language=language, code=TWO_SUM[language],
                                preamble=STANDARD_PREAMBLE, shape=SHAPE, calls=[],
                                limits=LIMITS)  # fmt: skip
            compiled[language].append(time.perf_counter() - start)
            assert result.ok, (language, result.message)
    print(f"Speed: a correct 20-test submission, median of {runs} runs (seconds)")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'language':12} {'judged':>8} {'compile alone':>14} {'target':>8}  verdict")
    ok = True
    for language in LANGUAGES:
        median = statistics.median(judged[language])
        target = TARGETS.get(language)
        met = target is None or median <= target
        ok &= met
        print(
            f"{language:12} {median:8.3f} {statistics.median(compiled[language]):14.3f} "
            f"{(f'{target:.1f}' if target else '-'):>8}  {'' if target is None else 'met' if met else 'MISSED'}"
        )
    return ok


def _records() -> dict[str, ProblemRecord]:
    records: dict[str, ProblemRecord] = {}
    for path in sorted(glob.glob(str(SHARED / "leetcodedataset" / "*.jsonl.gz"))):
        for record in leetcodedataset.parse(path):
            if isinstance(record, ProblemRecord):
                records[record.slug] = record
    return records


def _doocs_code() -> dict[str, dict[str, str]]:
    """slug -> {language: the first approach's code}, from the shared doocs index."""
    code: dict[str, dict[str, str]] = {}
    with gzip.open(SHARED / "doocs" / "doocs_leetcode_en.jsonl.gz", "rt") as handle:
        for line in handle:
            row = json.loads(line)
            found: dict[str, str] = {}
            for approach in row.get("approaches") or []:
                for tab, text in (approach.get("code") or {}).items():
                    key = CODE_LANGUAGES.get(tab)
                    if key and key not in found and text.strip():
                        found[key] = text
            code[row["slug"]] = found
    return code


def _judge(record: ProblemRecord, language: str, code: str):
    tests = [
        TestSpec(id=i, args=list(t.args), kwargs=dict(t.kwargs), expected=t.expected,
                 checker=t.checker, is_sample=True)
        for i, t in enumerate(record.tests)
    ]  # fmt: skip
    shape = CallShape(entry_kind=record.entry_kind, entry_point=record.entry_point,
                      signature=record.signature, returns_argument=record.returns_argument)  # fmt: skip
    return judge_code(
        language=language,
        code=code,
        preamble=record.preamble or STANDARD_PREAMBLE,
        shape=shape,
        tests=tests,
        limits=FAITHFUL_LIMITS,
        tolerance=record.tolerance,
        stop_on_first_failure=True,
    )


def _reason(report) -> str:
    if report.verdict == "CE":
        return "CE: " + (report.compile_error.splitlines() or [""])[0][:160]
    failing = next((t for t in report.tests if t.verdict != "AC"), None)
    if failing is None:
        return f"{report.verdict}: {report.message[:160]}"
    detail = failing.message.splitlines()[0][:120] if failing.message else ""
    if failing.verdict == "WA":
        detail = (
            f"expected {json.dumps(failing.expected)[:60]}, got {json.dumps(failing.actual)[:60]}"
        )
    return f"{failing.verdict} on test {failing.index + 1}: {detail}"


def _python_verdicts(path: Path | None) -> dict[str, bool]:
    """slug -> whether the Python reference is Accepted, as judged by an earlier run (keyed by
    the reference's and the tests' digest, so a changed record is judged again)."""
    if path is None or not path.exists():
        return {}
    return dict(json.loads(path.read_text()))


def _digest(record: ProblemRecord, reference: str) -> str:
    tests = json.dumps([[list(t.args), t.kwargs, t.expected] for t in record.tests], default=str)
    return record.slug + ":" + hashlib.sha256((reference + tests).encode()).hexdigest()[:16]


def faithfulness(sample: int, seed: int, languages: tuple[str, ...], cache: Path | None) -> bool:
    if not (SHARED / "leetcodedataset").is_dir() or not (SHARED / "doocs").is_dir():
        print(f"Faithfulness: skipped, the shared data is not at {SHARED}")
        return True
    records, code = _records(), _doocs_code()
    python_ok = _python_verdicts(cache)
    ok = True
    print()
    for language in languages:
        rng = random.Random(seed)  # each language's sample is the same whichever run it is in
        pool = sorted(slug for slug in records if language in code.get(slug, {}))
        chosen = pool if sample <= 0 or sample >= len(pool) else sorted(rng.sample(pool, sample))
        accepted, judged, retried, rejections, started = 0, 0, 0, [], time.perf_counter()
        for done, slug in enumerate(chosen, 1):
            record = records[slug]
            reference = next((s.code for s in record.solutions if s.kind == "optimal"), "")
            key = _digest(record, reference)
            if key not in python_ok:
                python_ok[key] = (
                    bool(reference) and _judge(record, "python3", reference).verdict == "AC"
                )
                if cache is not None:
                    cache.parent.mkdir(parents=True, exist_ok=True)
                    cache.write_text(json.dumps(python_ok))
            if python_ok[key]:
                judged += 1
                report = _judge(record, language, code[slug][language])
                if report.verdict == "IE":  # the machine's load (a worker's start-up timeout)
                    retried += 1
                    report = _judge(record, language, code[slug][language])
                if report.verdict == "AC":
                    accepted += 1
                else:
                    rejections.append(f"  {slug}: {_reason(report)}")
                    print(f"[{language}] rejected {rejections[-1].strip()}", file=sys.stderr)
            if done % 25 == 0 or done == len(chosen):
                spent = time.perf_counter() - started
                print(
                    f"[{language}] {done}/{len(chosen)} problems, {accepted}/{judged} Accepted, "
                    f"{spent:.0f} s, about {spent / done * (len(chosen) - done):.0f} s left",
                    file=sys.stderr,
                    flush=True,
                )
        share = accepted / judged if judged else 0.0
        met = share >= 0.97
        ok &= met
        scope = (
            "all" if len(chosen) == len(pool) else f"a random sample (seed {seed}) of {len(chosen)}"
        )
        print(
            f"Faithfulness {language}: {accepted}/{judged} Accepted ({share:.1%}; target 97%: "
            f"{'met' if met else 'MISSED'}) on {scope} of the {len(pool)} problems with doocs "
            f"{language} code, those whose Python reference passes; "
            f"{time.perf_counter() - started:.0f} s; {retried} judged again after an internal error"
        )
        for line in rejections:
            print(line)
        sys.stdout.flush()
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sample", type=int, default=150, help="problems per language (0: all)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--skip-faithfulness", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--languages", default=",".join(FAITHFUL_LANGUAGES), help="faithfulness: comma-separated"
    )
    parser.add_argument(
        "--python-cache",
        type=Path,
        default=None,
        help="a JSON file keeping the Python references' verdicts between runs",
    )
    options = parser.parse_args()
    for language in LANGUAGES:
        problem = sandbox_problem(language)
        if problem:
            print(f"the judge cannot run {language} here: {problem}")
            return 1
    ok = True
    if not options.skip_speed:
        ok &= speed(options.runs)
    if not options.skip_faithfulness:
        languages = tuple(k for k in options.languages.split(",") if k)
        ok &= faithfulness(options.sample, options.seed, languages, options.python_cache)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
