"""Write a benchmark run as Markdown (``bench-report.md``) and JSON (``bench-report.json``).

The Markdown starts with the machine line and a summary table of the headline measures
(the README's table), then one table per benchmark with every measure. The JSON holds the
machine, the command, the run's peak memory and every benchmark's measures and text.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from briefing_app.bench.measures import BenchResult, Measure, format_value
from briefing_app.bench.proc import find_program, tool_version
from briefing_app.render.atomic import atomic_path

REPORT_STEM = "bench-report"  # a full run; a subset adds its names, e.g. bench-report-exports
PACKAGES = {
    "PySide6": ("PySide6-Essentials", "PySide6"),
    "python-pptx": ("python-pptx",),
    "reportlab": ("reportlab",),
    "SQLAlchemy": ("SQLAlchemy",),
}
RUN_PEAK_MEANING = (
    "largest peak resident set of any single process of the run (the runner, each "
    "benchmark process, and the processes they spawned: the app at start-up, pandoc, "
    "LibreOffice), from getrusage"
)


def _package_version(names: Sequence[str]) -> str | None:
    for name in names:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def _cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str | None:
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("model name", "Model", "Hardware") and value.strip():
            return value.strip()
    return None


def _ram_gib() -> float | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return None


def machine_info(with_tools: bool = True) -> dict[str, Any]:
    """What the figures depend on: hardware, OS, Python, libraries and (``with_tools``) the
    office tools' versions, which take a second or two to ask for."""
    tools = {}
    for name, programs in (("pandoc", ("pandoc",)), ("LibreOffice", ("soffice", "libreoffice"))):
        program = find_program(*programs) if with_tools else None
        tools[name] = tool_version(program) if program else None
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "system": platform.system(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "ram_gib": _ram_gib(),
        "python": platform.python_version(),
        "packages": {name: _package_version(dists) for name, dists in PACKAGES.items()},
        "tools": tools,
    }


def machine_line(info: dict[str, Any]) -> str:
    """One sentence for the README: 'Linux x86_64 with 2 cores (AMD EPYC) and 23 GiB, …'."""
    cpu = f"{info.get('cpu_count') or '?'} cores"
    if info.get("cpu_model"):
        cpu += f" ({info['cpu_model']})"
    ram = f" and {info['ram_gib']:.0f} GiB" if info.get("ram_gib") else ""
    packages = ", ".join(
        f"{name} {version}" for name, version in info.get("packages", {}).items() if version
    )
    return (
        f"{info.get('system', '?')} {info.get('machine', '')} with {cpu}{ram}, "
        f"Python {info.get('python', '?')}" + (f", {packages}" if packages else "")
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _met(measure: Measure) -> str:
    return {True: "yes", False: "**no**", None: ""}[measure.met]


def measure_row(measure: Measure) -> str:
    cells = (measure.label, measure.result_text(), measure.target_text(), _met(measure))
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


TABLE_HEAD = ("| measure | result | target | met? |", "|---|---|---|---|")


def summary_rows(results: Sequence[BenchResult]) -> list[str]:
    rows = []
    for result in results:
        if result.error:
            rows.append(f"| {_cell(result.name)} benchmark | {_cell(result.error)} | | |")
        rows += [measure_row(m) for m in result.measures if m.headline]
    return rows


def _mb(value: float | None) -> str:
    return format_value(value, "MB") if value is not None else ""


def render_markdown(
    results: Sequence[BenchResult],
    machine: dict[str, Any],
    command: str,
    run_peak_mb: float | None = None,
) -> str:
    """The whole report as Markdown."""
    lines = [
        "# Benchmark report",
        "",
        f"Run on {machine.get('date', '?')}: `{command}`.",
        "",
        f"Machine: {machine_line(machine)}.",
        "",
        "## Summary",
        "",
        *TABLE_HEAD,
        *summary_rows(results),
    ]
    if run_peak_mb is not None:
        label = "peak memory of the run (largest process)"
        lines.append(measure_row(Measure("run_peak_rss_mb", label, run_peak_mb, "MB")))
        lines += ["", f"Peak memory of the run: {RUN_PEAK_MEANING}."]
    lines += [
        "",
        "## Benchmarks",
        "",
        "Each benchmark ran in its own process; peak RSS is that process's, and the largest "
        "process it spawned is listed beside it.",
        "",
        "| benchmark | wall time | peak RSS | largest spawned process |",
        "|---|---|---|---|",
    ]
    for r in results:
        wall = format_value(r.seconds, "s") if r.seconds is not None else ""
        lines.append(f"| {r.name} | {wall} | {_mb(r.peak_rss_mb)} | {_mb(r.children_rss_mb)} |")
    for r in results:
        lines += ["", f"### {r.name}", ""]
        if r.error:
            lines += [f"Failed: {r.error}", ""]
        if r.measures:
            lines += [*TABLE_HEAD, *(measure_row(m) for m in r.measures)]
    return "\n".join(lines) + "\n"


def report_data(
    results: Sequence[BenchResult],
    machine: dict[str, Any],
    command: str,
    run_peak_mb: float | None = None,
) -> dict[str, Any]:
    """The whole report as JSON-ready data."""
    return {
        "command": command,
        "machine": machine,
        "machine_line": machine_line(machine),
        "run_peak_rss_mb": run_peak_mb,
        "run_peak_rss_meaning": RUN_PEAK_MEANING,
        "benchmarks": [r.to_dict() for r in results],
    }


def report_stem(names: Sequence[str], every: Sequence[str]) -> str:
    """``bench-report`` for a run of every benchmark, ``bench-report-exports-maps`` for a
    subset, so a quick subset run never overwrites the full report."""
    return REPORT_STEM if list(names) == list(every) else "-".join([REPORT_STEM, *names])


def write_report(
    folder: Path,
    results: Sequence[BenchResult],
    machine: dict[str, Any],
    command: str,
    run_peak_mb: float | None = None,
    stem: str = REPORT_STEM,
) -> tuple[Path, Path]:
    """Write ``stem``.md and ``stem``.json into ``folder`` (created if needed), each
    all-or-nothing."""
    markdown = render_markdown(results, machine, command, run_peak_mb)
    data = json.dumps(
        report_data(results, machine, command, run_peak_mb), indent=2, ensure_ascii=False
    )
    paths = (folder / f"{stem}.md", folder / f"{stem}.json")
    for path, text in zip(paths, (markdown, data + "\n"), strict=True):
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return paths
