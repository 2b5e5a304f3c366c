"""OCR benchmark: casegraph's ingest OCR against the tesseract command, page by page.

Renders N page images deterministically from known English text (clean and lightly
degraded: blur, noise, 1-2 degree skew), then runs, each in a fresh subprocess:

- cli: Debian's ``tesseract page.png stdout -l LANG``, one page at a time, sequentially,
  default settings and environment, as a user would script it (the target's baseline),
  and again with OMP_THREAD_LIMIT=1 for reference;
- casegraph: ``ingest(case, [pages], progress=False)`` into a new case with workers=1 and
  workers=2, reading each page's text back from the case.

Prints a markdown report (and writes it to --out): pages/s, CPU seconds per page, mean
character error rate against the known text, peak RSS of the process tree, and the targets
casegraph(2 workers)/CLI >= 1.7x and the same CER within 0.5 points.

    .venv/bin/python bench/ocr.py [--pages 100] [--work .bench] [--out .bench/ocr.md]
                                  [--lang eng] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from troves import DEFAULT_WORK, Writer, facts_markdown, log, machine_facts, positive_int

PAGES_VERSION = 2
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TESSERACT = "tesseract"
WIDTH, HEIGHT, DPI = 1700, 2200, 300
MARGIN = 120
LINES_PER_PAGE = 25
TARGET_SPEED = 1.7
TARGET_CER_POINTS = 0.5
RESULT_TAG = "BENCH-RESULT "
SAMPLE_S = 0.05
MB = 1024 * 1024
PROFILE_PAGES = 10
REQUIRED = ["casegraph", "PIL", "tesserocr", "rapidfuzz", "psutil"]

# -- the pages ----------------------------------------------------------------------


STYLES = ["clean", "blur", "skew+noise", "skew+blur+noise"]


def page_lines(index: int, font: Any, width: int, count: int) -> list[str]:
    """The known text of one page as lines: a title, then paragraphs wrapped to width pixels."""
    writer = Writer(random.Random(f"casegraph-bench-ocr-{index}"))
    lines = [writer.title(), ""]
    while len(lines) < count:
        for paragraph in writer.paragraphs(1, 2, latin_only=True):
            lines += [*wrap(paragraph, font, width), ""]
    return lines[:count]


def wrap(text: str, font: Any, width: int) -> list[str]:
    """Greedy word wrap to a width in pixels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def scans_module() -> Any | None:
    """casegraph.demo.scans when it has render_page, else None (then pages are drawn here)."""
    try:
        from casegraph.demo import scans
    except ImportError:
        return None
    return scans if hasattr(scans, "render_page") else None


def drawer() -> str:
    """Which renderer draws the pages."""
    if scans_module():
        return "casegraph.demo.scans.render_page (DejaVu Serif 44 px, 76 px lines)"
    return "bench/ocr.py's own Pillow renderer (DejaVu Sans 40-48 px)"


def damage(index: int) -> dict[str, Any]:
    """How page index is degraded: none, blur, or a 1-2 degree skew with noise (and blur)."""
    rng = random.Random(f"casegraph-bench-ocr-style-{index}")
    style = STYLES[index % len(STYLES)]
    return {
        "style": style,
        "skew": rng.choice([-1, 1]) * rng.uniform(1.0, 2.0) if "skew" in style else 0.0,
        "blur": rng.uniform(0.8, 1.3) if "blur" in style else 0.0,
        "noise": rng.uniform(0.0003, 0.001) if "noise" in style else 0.0,
    }


def render(index: int) -> tuple[Any, str, str]:
    """One page image, its known text, and its degradation style."""
    from PIL import ImageFont

    how = damage(index)
    scans = scans_module()
    if scans is None:
        font = ImageFont.truetype(str(FONT), 40 + index % 9)
        lines = page_lines(index, font, WIDTH - 2 * MARGIN, LINES_PER_PAGE)
        image = draw_page(lines, font, how, random.Random(index))
    else:
        font = ImageFont.truetype(str(scans.font_path("en")), scans.FONT_PX)
        width = scans.PAGE_SIZE[0] - 2 * scans.MARGIN - 20  # slack for raqm's kerning
        count = min(LINES_PER_PAGE, (scans.PAGE_SIZE[1] - 2 * scans.MARGIN) // scans.LINE_PX)
        lines = page_lines(index, font, width, count)
        kwargs = {key: how[key] for key in ("blur", "noise")}
        image = scans.render_page(lines, skew_degrees=how["skew"], seed=index, **kwargs)
    return image, "\n".join(lines).strip(), how["style"]


def draw_page(lines: list[str], font: Any, how: dict[str, Any], rng: random.Random) -> Any:
    """The fallback renderer: lines typed with Pillow, then skewed, blurred and noised."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    clean = how["style"] == "clean"
    paper, ink = (255, 0) if clean else (rng.randint(235, 250), rng.randint(15, 50))
    image = Image.new("L", (WIDTH, HEIGHT), paper)
    pen = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        pen.text((MARGIN, MARGIN + row * round(font.size * 1.5)), line, font=font, fill=ink)
    if how["skew"]:
        image = image.rotate(how["skew"], resample=Image.Resampling.BICUBIC, fillcolor=paper)
    if how["blur"]:
        image = image.filter(ImageFilter.GaussianBlur(how["blur"]))
    if how["noise"]:
        amplitude = round(how["noise"] * 40000)  # uniform noise of +-12 to +-40 grey levels
        raw = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
        noise = raw.point(lambda v: 128 + (v - 128) * amplitude // 128)
        image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    return image


def cached_pages(work: Path, n: int) -> Path:
    """WORK/ocr/n<N>-v<version>-<renderer>/ with pages/*.png and truth.json (written last)."""
    drawn = "scans" if scans_module() else "own"
    root = work / "ocr" / f"n{n}-v{PAGES_VERSION}-{drawn}"
    if (root / "truth.json").is_file():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "pages").mkdir(parents=True)
    start = time.perf_counter()
    truth: dict[str, dict[str, str]] = {}
    for index in range(n):
        image, text, style = render(index)
        name = f"page-{index + 1:04d}.png"
        image.save(root / "pages" / name, dpi=(DPI, DPI))
        truth[name] = {"text": text, "style": style}
    (root / "truth.json").write_text(json.dumps(truth, indent=1))
    log(f"rendered {n} pages in {time.perf_counter() - start:.1f} s -> {root}")
    return root


def read_truth(root: Path) -> dict[str, dict[str, str]]:
    """Page file name -> known text and style."""
    return json.loads((root / "truth.json").read_text())


# -- the configurations, each run in a child process --------------------------------


def cer(reference: str, hypothesis: str) -> float:
    """casegraph's character error rate."""
    from casegraph.ocr.quality import character_error_rate

    return character_error_rate(reference, hypothesis)


def run_cli(root: Path, lang: str, one_thread: bool) -> dict[str, Any]:
    """tesseract CLI, one page at a time, sequentially; timed from the first to the last page."""
    truth = read_truth(root)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"} if one_thread else None
    texts: dict[str, str] = {}
    failures = 0
    start = time.perf_counter()
    for done_pages, name in enumerate(sorted(truth)):
        if done_pages and done_pages % 25 == 0:
            log(f"    {done_pages}/{len(truth)} pages, {time.perf_counter() - start:.0f} s")
        done = subprocess.run(
            [TESSERACT, str(root / "pages" / name), "stdout", "-l", lang],
            capture_output=True,
            text=True,
            env=env,
        )
        failures += done.returncode != 0
        texts[name] = done.stdout
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "failures": failures, **score(truth, texts)}


def run_casegraph(root: Path, lang: str, workers: int, case_dir: Path) -> dict[str, Any]:
    """casegraph ingest of the pages folder into a new case; timed around ingest() only."""
    from casegraph.case.store import Case
    from casegraph.ingest.pipeline import ingest
    from casegraph.settings import Settings

    shutil.rmtree(case_dir, ignore_errors=True)
    case = Case.create(case_dir, Settings(workers=workers, ocr_languages=lang))
    start = time.perf_counter()
    report = ingest(case, [root / "pages"], progress=False)
    seconds = time.perf_counter() - start
    texts, review = case_texts(case)
    case.close()
    shutil.rmtree(case_dir, ignore_errors=True)
    failures = report.failures + report.ocr_failures
    result = {"seconds": seconds, "failures": failures, **score(read_truth(root), texts)}
    result.update(pages_ocred=report.pages_ocred, review=review)
    return result


def case_texts(case: Any) -> tuple[dict[str, str], dict[str, int]]:
    """Each page file's OCR text read back from the case, and review reasons counted."""
    texts: dict[str, str] = {}
    review: dict[str, int] = {}
    for doc in case.documents.select():
        page = case.documents.get(doc["doc_id"])["pages"][0]
        for path in doc["paths"]:
            texts[Path(path).name] = page["text"] or ""
        if page["review"]:
            review[page["review"]] = review.get(page["review"], 0) + 1
    return texts, review


def score(truth: dict[str, dict[str, str]], texts: dict[str, str]) -> dict[str, Any]:
    """Mean and worst per-page CER, and the mean per degradation style."""
    rates = {name: cer(page["text"], texts.get(name, "")) for name, page in truth.items()}
    by_style: dict[str, list[float]] = {}
    for name, rate in rates.items():
        by_style.setdefault(truth[name]["style"], []).append(rate)
    return {
        "pages": len(truth),
        "read": sum(1 for name in truth if texts.get(name, "").strip()),
        "cer": statistics.mean(rates.values()),
        "cer_max": max(rates.values()),
        "cer_by_style": {style: statistics.mean(v) for style, v in by_style.items()},
    }


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_main(args: argparse.Namespace) -> None:
    """Run one configuration in this fresh process and print its result as JSON."""
    cpu = cpu_seconds()
    if args.child in ("cli", "cli1"):
        result = run_cli(args.root, args.lang, one_thread=args.child == "cli1")
    elif args.child == "profile":
        result = run_profile(args.root, args.lang)
    else:
        result = run_casegraph(args.root, args.lang, args.workers, args.case)
    result["cpu_seconds"] = cpu_seconds() - cpu
    print(RESULT_TAG + json.dumps(result), flush=True)


# -- where casegraph's time goes (--profile) -----------------------------------------


def timed(totals: dict[str, float], key: str, work: Callable[[], Any]) -> Any:
    """Run work, adding its wall time to totals[key]."""
    start = time.perf_counter()
    value = work()
    totals[key] = totals.get(key, 0.0) + time.perf_counter() - start
    return value


STEPS = [
    "load page (page_image)",
    "orientation (OSD)",
    "skew (AnalyseLayout)",
    "deskew (rotate)",
    "recognise + words (_read)",
    "review_reason (ink share)",
]


def run_profile(root: Path, lang: str) -> dict[str, Any]:
    """Single-threaded seconds per page of each step of recognise(), and of plain Tesseract."""
    from casegraph.ocr import engine
    from casegraph.ocr.geometry import rotate
    from casegraph.ocr.images import page_image

    names = sorted(read_truth(root))[:PROFILE_PAGES]
    engine.warm_up_ocr(lang)
    steps = dict.fromkeys(STEPS, 0.0)
    for name in names:
        path = root / "pages" / name
        image, dpi = timed(
            steps, "load page (page_image)", lambda p=path: page_image(p, "", 1, DPI)
        )
        turn = timed(steps, "orientation (OSD)", lambda i=image, d=dpi: engine._orientation(i, d))
        if turn:
            image = rotate(image, turn)[0]
        skew = timed(steps, "skew (AnalyseLayout)", lambda i=image, d=dpi: engine._skew(i, lang, d))
        if abs(skew) >= engine.MIN_SKEW_DEGREES:
            image = timed(steps, "deskew (rotate)", lambda i=image, s=skew: rotate(i, s)[0])
        timed(
            steps, "recognise + words (_read)", lambda i=image, d=dpi: engine._read(i, lang, d, [])
        )
        timed(steps, "review_reason (ink share)", lambda i=image: engine._ink_share(i))
    plain = plain_tesserocr(root, names, lang)
    per_page = {key: value / len(names) for key, value in steps.items()}
    return {"pages": len(names), "steps": per_page, "plain": plain}


def plain_tesserocr(root: Path, names: list[str], lang: str) -> float:
    """Seconds per page of tesserocr's own library reading the PNG as the CLI does (psm 3)."""
    from tesserocr import OEM, PSM, PyTessBaseAPI

    from casegraph.ocr.engine import tessdata_dir

    with PyTessBaseAPI(path=tessdata_dir(), lang=lang, psm=PSM.AUTO, oem=OEM.DEFAULT) as api:
        start = time.perf_counter()
        for name in names:
            api.SetImageFile(str(root / "pages" / name))
            api.GetUTF8Text()
        return (time.perf_counter() - start) / len(names)


# -- measuring from the parent --------------------------------------------------------


class TreeSampler:
    """Samples the summed RSS of a process and all its descendants in a thread."""

    def __init__(self, pid: int) -> None:
        import threading

        import psutil

        self.psutil = psutil
        self.root = psutil.Process(pid)
        self.peak_rss = 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        """Sample until stopped or the process is gone."""
        while not self.done.is_set():
            self.peak_rss = max(self.peak_rss, self._sample())
            self.done.wait(SAMPLE_S)

    def _sample(self) -> int:
        """One sample: the tree's summed RSS in bytes."""
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except self.psutil.Error:
            return 0
        total = 0
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except self.psutil.Error:  # exited between listing and reading
                continue
        return total

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self.done.set()
        self.thread.join()
        return self.peak_rss / MB


def run_child(argv: list[str]) -> dict[str, Any]:
    """Run this script as a child for one configuration; its result plus peak tree RSS."""
    command = [sys.executable, str(Path(__file__).resolve()), *argv]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    out, _ = proc.communicate()
    peak = sampler.stop()
    lines = [line for line in out.splitlines() if line.startswith(RESULT_TAG)]
    if proc.returncode != 0 or not lines:
        sys.exit(f"error: benchmark child {' '.join(argv)} failed (exit {proc.returncode})")
    return {**json.loads(lines[-1][len(RESULT_TAG) :]), "peak_rss_mb": peak}


def measure(name: str, argv: list[str]) -> dict[str, Any]:
    """One configuration in a fresh child, logged."""
    log(f"  {name} ...")
    result = run_child(argv)
    if "seconds" in result:
        log(f"    {result['seconds']:.1f} s, CER {100 * result['cer']:.2f} %")
    return {**result, "name": name}


def configurations(root: Path, work: Path, lang: str) -> Iterator[tuple[str, list[str]]]:
    """(name, child arguments) of each configuration, in the order they run."""
    base = ["--root", str(root), "--lang", lang]
    yield "tesseract CLI (sequential, default environment)", ["--child", "cli", *base]
    yield "tesseract CLI (sequential, OMP_THREAD_LIMIT=1)", ["--child", "cli1", *base]
    for workers in (1, 2):
        case = str(work / "cases" / f"ocr-w{workers}")
        argv = ["--child", "casegraph", "--workers", str(workers), "--case", case, *base]
        yield f"casegraph workers={workers}", argv


# -- checks and facts -----------------------------------------------------------------


def check_ready(lang: str) -> None:
    """Exit with one line when a module, the tesseract command, a language or the font is absent."""
    import importlib

    for module in REQUIRED:
        try:
            importlib.import_module(module)
        except ImportError:
            sys.exit(f"error: {sys.executable} cannot import {module}; use .venv/bin/python")
    if not shutil.which(TESSERACT):
        sys.exit("error: the tesseract command is missing (Debian: apt-get install tesseract-ocr)")
    if not FONT.is_file():
        sys.exit(f"error: {FONT} is missing (Debian: apt-get install fonts-dejavu-core)")
    listed = subprocess.run([TESSERACT, "--list-langs"], capture_output=True, text=True).stdout
    for part in lang.split("+"):
        if part not in listed.split():
            sys.exit(f"error: the tesseract command has no {part!r} language data")
    from casegraph.errors import BadSetting
    from casegraph.ocr.engine import check_languages

    try:
        check_languages(lang)
    except BadSetting as error:
        sys.exit(f"error: {error}")


def ocr_facts() -> dict[str, str]:
    """The machine's facts plus the two Tesseracts' versions and the OpenMP setting."""
    import tesserocr

    first = subprocess.run([TESSERACT, "--version"], capture_output=True, text=True)
    words = (first.stdout or first.stderr).split()
    cli = " ".join(words[:2]) if words else "unknown"
    openmp = "with OpenMP" if "OpenMP" in first.stdout + first.stderr else "without OpenMP"
    library = " ".join(tesserocr.tesseract_version().split()[:2])
    return {
        **machine_facts(),
        "tesseract CLI": f"{cli} ({shutil.which(TESSERACT)}, {openmp})",
        "tesserocr": f"{tesserocr.__version__}, bundled lib{library}",
        "OMP_THREAD_LIMIT in this environment": os.environ.get("OMP_THREAD_LIMIT", "unset"),
    }


# -- the report ------------------------------------------------------------------------


def _pct(value: float) -> str:
    """A rate as a percentage."""
    return f"{100 * value:.2f}"


def result_row(r: dict[str, Any]) -> str:
    """One markdown table row."""
    cells = [
        r["name"],
        f"{r['pages']}",
        f"{r['seconds']:.1f}",
        f"{r['pages'] / r['seconds']:.3f}",
        f"{r['cpu_seconds'] / r['pages']:.2f}",
        _pct(r["cer"]),
        _pct(r["cer_max"]),
        f"{r['peak_rss_mb']:.0f}",
        f"{r['failures']}",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| configuration | pages | seconds | pages/s | CPU s/page | mean CER % | worst CER % "
    "| peak RSS MB (tree) | failures |\n" + "|---" * 9 + "|"
)


def style_table(runs: list[dict[str, Any]]) -> str:
    """Mean CER per degradation style and configuration."""
    styles = list(runs[0]["cer_by_style"])
    lines = ["| configuration | " + " | ".join(styles) + " |", "|---" * (len(styles) + 1) + "|"]
    for r in runs:
        cells = [_pct(r["cer_by_style"].get(s, 0.0)) for s in styles]
        lines.append(f"| {r['name']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def targets(
    cli: dict[str, Any], cli1: dict[str, Any], w1: dict[str, Any], w2: dict[str, Any]
) -> str:
    """Speed ratio and CER difference against the targets."""
    speed = cli["seconds"] / w2["seconds"]
    points = 100 * (w2["cer"] - cli["cer"])
    ok_speed = "met" if speed >= TARGET_SPEED else "NOT met"
    ok_cer = "met" if abs(points) <= TARGET_CER_POINTS else "NOT met"
    return "\n".join(
        [
            f"- speed casegraph(2 workers) / CLI: **{speed:.2f}x** "
            f"(target >= {TARGET_SPEED}x: {ok_speed})",
            f"- mean CER casegraph(2 workers) - CLI: **{points:+.2f} points** "
            f"({_pct(w2['cer'])} % vs {_pct(cli['cer'])} %; target within "
            f"±{TARGET_CER_POINTS}: {ok_cer})",
            f"- for reference: casegraph(2 workers) / CLI with OMP_THREAD_LIMIT=1: "
            f"{cli1['seconds'] / w2['seconds']:.2f}x; casegraph(1 worker) / CLI: "
            f"{cli['seconds'] / w1['seconds']:.2f}x, / CLI with OMP_THREAD_LIMIT=1: "
            f"{cli1['seconds'] / w1['seconds']:.2f}x; 2 workers / 1 worker: "
            f"{w1['seconds'] / w2['seconds']:.2f}x",
        ]
    )


def profile_section(p: dict[str, Any], runs: list[dict[str, Any]]) -> str:
    """Where a casegraph worker's time goes on one page, against plain Tesseract."""
    total = sum(p["steps"].values())
    lines = [
        f"Single process, OMP_THREAD_LIMIT=1, first {p['pages']} pages, seconds per page:",
        "",
        "| step | s/page | share |",
        "|---|---|---|",
    ]
    for key, value in p["steps"].items():
        lines.append(f"| casegraph: {key} | {value:.3f} | {100 * value / total:.0f} % |")
    lines += [
        f"| **casegraph recognise() total** | **{total:.3f}** | 100 % |",
        f"| plain tesserocr, same library, psm 3, GetUTF8Text | {p['plain']:.3f} | |",
    ]
    for r in runs:
        lines.append(
            f"| {r['name']}, whole run (from the table) | {r['seconds'] / r['pages']:.3f} | |"
        )
    return "\n".join(lines)


def note_line(r: dict[str, Any]) -> str:
    """Pages read, and for casegraph pages OCRed and flagged for review."""
    line = f"- {r['name']}: {r['read']}/{r['pages']} pages with text"
    if "review" in r:
        line += f", {r['pages_ocred']} pages OCRed, review flags {r['review'] or 'none'}"
    return line


def render_report(
    facts: dict[str, str], runs: list[dict[str, Any]], profile: dict[str, Any] | None
) -> str:
    """The whole markdown report."""
    cli, cli1, w1, w2 = runs
    parts = [
        "# casegraph OCR benchmark",
        facts_markdown(facts),
        "\n".join([HEADER, *[result_row(r) for r in runs]]),
        "Seconds: CLI from the first page to the last (a process per page, model loaded each "
        "time); casegraph around `ingest()` (copying files, type detection, model warm-up, "
        "pool start, OCR, the database). CPU s/page: user + system CPU of the child and all "
        "its processes per page. CER: edit distance / reference characters, white space "
        "runs as one space (`casegraph.ocr.quality.character_error_rate`), mean over pages. "
        f"Peak RSS: summed over the process tree, sampled every {SAMPLE_S * 1000:.0f} ms.",
        "## Targets",
        targets(cli, cli1, w1, w2),
        "## Mean CER % by degradation",
        style_table(runs),
        "## Notes",
        "\n".join(note_line(r) for r in runs),
    ]
    if profile:
        parts += ["## Where a casegraph worker's time goes", profile_section(profile, runs)]
    return "\n\n".join(parts)


# -- main ---------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    """Command-line options (the --child ones are internal)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=positive_int, default=100, help="pages to render")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="pages and cases")
    parser.add_argument("--out", type=Path, help="markdown report (default WORK/ocr.md)")
    parser.add_argument("--lang", default="eng", help="Tesseract language(s), e.g. eng")
    parser.add_argument(
        "--profile", action="store_true", help=f"time recognise()'s steps on {PROFILE_PAGES} pages"
    )
    parser.add_argument(
        "--child", choices=["cli", "cli1", "casegraph", "profile"], help=argparse.SUPPRESS
    )
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    """Render (or reuse) the pages, run every configuration, print and write the report."""
    args = parse_args()
    if args.child:
        if args.child == "profile":
            os.environ["OMP_THREAD_LIMIT"] = "1"
        child_main(args)
        return
    check_ready(args.lang)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    facts = ocr_facts()
    root = cached_pages(work, args.pages)
    facts["pages"] = f"{args.pages}, drawn by {drawer()}, in {root}"
    for page in (root / "pages").iterdir():  # page cache warm for every configuration
        page.read_bytes()
    runs = [measure(name, argv) for name, argv in configurations(root, work, args.lang)]
    profile = None
    if args.profile:
        profile = measure(
            "profile", ["--child", "profile", "--root", str(root), "--lang", args.lang]
        )
    facts["load average (1/5/15 min) at end"] = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    report = render_report(facts, runs, profile)
    out = args.out or work / "ocr.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report + "\n")
    print(report)
    log(f"written to {out}")


if __name__ == "__main__":
    main()
