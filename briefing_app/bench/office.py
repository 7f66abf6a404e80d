"""Our exports against office tools on the export benchmark's 100-slide synthetic deck.

pandoc converts the equivalent Markdown (a ``#`` heading per slide, its bullets, its
speaker notes in ``::: notes``) to PPTX; LibreOffice converts our PPTX to PDF. Each tool is
a whole command, so it is timed as a subprocess (wall time, median of a few runs after one
untimed warm-up); LibreOffice's first run, which creates its profile, is reported on its
own. Ours is timed both in-process (the export benchmark's figure, here as a median) and
as the whole ``python -m briefing_app export`` command, which also pays for starting
Python. A tool that is not installed gives "not installed" rows instead of figures.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.proc import app_env, find_program, run_child, tool_version
from briefing_app.bench.synthetic import synthetic_deck, synthetic_store
from briefing_app.layout.boxes import LaidDeck
from briefing_app.render.export import export_deck, laid_out

NOT_INSTALLED = "not installed"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$@^+-])")


def _escape(text: str) -> str:
    """Plain text as Markdown inline text (no emphasis, links, math or list markers)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def markdown_deck(deck: LaidDeck, bullets: Sequence[Sequence[str]]) -> str:
    """The deck as pandoc Markdown: one ``#`` slide per laid slide, bullets and notes."""
    lines: list[str] = []
    for slide, texts in zip(deck.slides, bullets, strict=True):
        lines += [f"# {_escape(slide.title)}", ""]
        lines += [f"- {_escape(text)}" for text in texts]
        if slide.notes:
            lines += ["", "::: notes"]
            lines += [_escape(part) + "\n" for part in slide.notes.split("\n\n") if part.strip()]
            lines += [":::"]
        lines.append("")
    return "\n".join(lines)


def _median_in_process(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: renderer imports, font loading
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class CommandTimes:
    """A command timed as a whole process: medians after one untimed first run."""

    seconds: float  # wall
    cpu_seconds: float  # user + system: under load from others, wall also counts waiting
    peak_rss_mb: float  # the largest of all runs
    first_seconds: float  # the untimed first run


def _median_command(
    cmd: Sequence[str], runs: int, env: dict[str, str] | None = None
) -> CommandTimes:
    first = run_child(cmd, env)
    timed = [run_child(cmd, env) for _ in range(runs)]
    return CommandTimes(
        statistics.median(run.seconds for run in timed),
        statistics.median(run.cpu_seconds for run in timed),
        max(run.peak_rss_mb for run in (first, *timed)),
        first.seconds,
    )


def _failure(exc: subprocess.CalledProcessError) -> str:
    lines = (exc.stderr or "").strip().splitlines()
    return f"failed (exit {exc.returncode}{': ' + lines[-1] if lines else ''})"


@dataclass(frozen=True)
class Tool:
    """One comparison: the tool's command (None when not installed) and what it writes."""

    key: str
    label: str  # what the tool does, e.g. "pandoc Markdown → PPTX"
    ours: str  # our export compared with it, e.g. "PPTX export"
    first: str  # what the untimed first run includes
    cmd: list[str] | None
    output: Path


def compare(
    out: BenchResult,
    tool: Tool,
    runs: int,
    ours: float,
    ours_cmd: CommandTimes,
    target: float | None = None,
) -> None:
    """Time ``tool`` and add its figures and our time as a ratio to it (in-process and as
    commands); a tool that is missing or fails gives rows that say so."""
    why, version = "", ""
    if tool.cmd is None:
        why = NOT_INSTALLED
    else:
        try:
            times = _median_command(tool.cmd, runs)
            seconds, rss, first = times.seconds, times.peak_rss_mb, times.first_seconds
        except subprocess.CalledProcessError as exc:
            why = _failure(exc)
        else:
            why = "" if tool.output.exists() else "failed (wrote no file)"
            version = tool_version(tool.cmd[0])
    ratio_label = f"{tool.ours} ÷ {tool.label}"
    if why:
        out.add(
            Measure(f"{tool.key}_s", tool.label, None, "s", note=why),
            Measure(f"{tool.key}_ratio", ratio_label, None, "×", note=why, headline=True),
            Measure(f"{tool.key}_ratio_command", f"{ratio_label} (both as commands)", None, "×",
                    target, strict=False, note=why, headline=True),
            Measure(f"{tool.key}_ratio_command_cpu",
                    f"{ratio_label} (both as commands, CPU time)", None, "×", target,
                    strict=False, note=why, headline=True),
        )  # fmt: skip
        out.say(f"{tool.label}: {why}")
        return
    name = tool.label.split()[0]
    cpu = times.cpu_seconds
    out.add(
        Measure(f"{tool.key}_s", tool.label, seconds, "s", note=version),
        Measure(f"{tool.key}_first_s", f"{tool.label}, first run ({tool.first})", first, "s"),
        Measure(f"{tool.key}_rss_mb", f"{tool.label}, peak RSS", rss, "MB"),
        Measure(f"{tool.key}_ratio", ratio_label, ours / seconds, "×", headline=True,
                note=f"ours {ours:.2f} s in-process, {name} {seconds:.2f} s"),
        Measure(f"{tool.key}_ratio_command", f"{ratio_label} (both as commands)",
                ours_cmd.seconds / seconds, "×", target, strict=False, headline=True,
                note=f"wall: ours {ours_cmd.seconds:.2f} s, {name} {seconds:.2f} s"),
        Measure(f"{tool.key}_ratio_command_cpu", f"{ratio_label} (both as commands, CPU time)",
                ours_cmd.cpu_seconds / cpu if cpu else None, "×", target, strict=False,
                headline=True, note=f"CPU: ours {ours_cmd.cpu_seconds:.2f} s, "
                f"{name} {times.cpu_seconds:.2f} s"),
    )  # fmt: skip
    out.say(
        f"{tool.label} ({version}): {seconds:.2f} s, first run {first:.2f} s, peak RSS "
        f"{rss:.0f} MB; ours ÷ it: {ours / seconds:.2f}× in-process, "
        f"{ours_cmd.seconds / seconds:.2f}× as commands "
        f"({ours_cmd.cpu_seconds / cpu if cpu else float('nan'):.2f}× in CPU time)"
    )


def run(slides: int = 100, runs: int = 3) -> BenchResult:
    out = BenchResult("office")
    out.say(f"Office tools on the same {slides}-slide deck (median of {runs} after a warm-up)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        store_path = work / "bench.sqlite"
        store = synthetic_store(store_path, arguments=slides * 5)
        bullets = synthetic_deck(store, "bench", slides)
        deck, _ = laid_out(store, "bench")
        ours_pptx = _median_in_process(
            lambda: export_deck(store, "bench", "pptx", work / "ours.pptx"), runs
        )
        ours_pdf = _median_in_process(
            lambda: export_deck(store, "bench", "pdf", work / "ours.pdf"), runs
        )
        store.close()
        command = [sys.executable, "-m", "briefing_app", "--db", str(store_path), "export"]
        env = app_env()
        pptx_cmd = _median_command([*command, "bench", "--out", str(work / "c.pptx")], runs, env)
        pdf_cmd = _median_command(
            [*command, "bench", "--format", "pdf", "--out", str(work / "c.pdf")], runs, env
        )
        # The first export in a template also has python-pptx take the template apart
        # (kept in the user's cache folder after that; XDG_CACHE_HOME moves it on Linux).
        uncached = run_child(
            [*command, "bench", "--out", str(work / "u.pptx")],
            {**env, "XDG_CACHE_HOME": str(work / "empty-cache")},
        )
        out.add(
            Measure("ours_pptx_s", "our PPTX export, in-process", ours_pptx, "s"),
            Measure(
                "ours_pptx_command_s",
                "our PPTX export as a command",
                pptx_cmd.seconds,
                "s",
                note=f"CPU {pptx_cmd.cpu_seconds:.2f} s",
            ),
            Measure(
                "ours_pptx_command_uncached_s",
                "our PPTX export as a command, its template's parts not yet cached (one run)",
                uncached.seconds,
                "s",
                note=f"CPU {uncached.cpu_seconds:.2f} s",
            ),
            Measure("ours_pdf_s", "our PDF export, in-process", ours_pdf, "s"),
            Measure(
                "ours_pdf_command_s",
                "our PDF export as a command",
                pdf_cmd.seconds,
                "s",
                note=f"CPU {pdf_cmd.cpu_seconds:.2f} s",
            ),
        )
        out.say(
            f"ours: PPTX {ours_pptx:.2f} s in-process, {pptx_cmd.seconds:.2f} s as a command "
            f"(CPU {pptx_cmd.cpu_seconds:.2f} s; {uncached.seconds:.2f} s, CPU "
            f"{uncached.cpu_seconds:.2f} s, with no cached template parts); PDF "
            f"{ours_pdf:.2f} s in-process, "
            f"{pdf_cmd.seconds:.2f} s as a command (CPU {pdf_cmd.cpu_seconds:.2f} s)"
        )
        source = work / "deck.md"
        source.write_text(markdown_deck(deck, bullets), encoding="utf-8")
        pandoc, soffice = find_program("pandoc"), find_program("soffice", "libreoffice")
        profile = (work / "lo-profile").as_uri()  # a fresh profile: no settings, no clashes
        converters = (
            Tool("pandoc", "pandoc Markdown → PPTX", "PPTX export", "warm-up",
                 [pandoc, str(source), "-o", str(work / "pandoc.pptx")] if pandoc else None,
                 work / "pandoc.pptx"),
            Tool("libreoffice", "LibreOffice PPTX → PDF", "PDF export", "creates its profile",
                 [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                  "pdf", "--outdir", str(work / "lo"), str(work / "ours.pptx")]
                 if soffice else None,
                 work / "lo" / "ours.pdf"),
        )  # fmt: skip
        # issue 10: the export command no slower than pandoc's on the same deck
        compare(out, converters[0], runs, ours_pptx, pptx_cmd, target=1.0)
        compare(out, converters[1], runs, ours_pdf, pdf_cmd)
    return out


def main(slides: int = 100, runs: int = 3) -> BenchResult:
    return run(slides, runs)


if __name__ == "__main__":
    main()
