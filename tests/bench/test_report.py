"""The benchmark report writer: fake results in, valid Markdown tables and JSON out.

No benchmark runs here; the measures are made up so each rendering rule can be checked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_app.bench.measures import BenchResult, Measure, format_value
from briefing_app.bench.office import NOT_INSTALLED, CommandTimes, Tool, compare, markdown_deck
from briefing_app.bench.proc import find_program, run_child
from briefing_app.bench.report import (
    _cpu_model,
    machine_info,
    machine_line,
    render_markdown,
    report_stem,
    write_report,
)
from briefing_app.layout.boxes import LaidDeck, LaidSlide

MACHINE = {
    "date": "2026-11-29T12:00:00+00:00",
    "system": "Linux",
    "machine": "x86_64",
    "cpu_count": 2,
    "cpu_model": "Test CPU | 2 GHz",
    "ram_gib": 24.0,
    "python": "3.11.7",
    "packages": {"PySide6": "6.11.3", "python-pptx": "1.0.2", "reportlab": None},
    "tools": {"pandoc": None, "LibreOffice": None},
}


def fake_results() -> list[BenchResult]:
    exports = BenchResult("exports", seconds=12.5, peak_rss_mb=180.0)
    exports.add(
        Measure("pptx_s", "PPTX export, 100-slide deck", 0.512, "s", 2.0, note="best of 3",
                headline=True),
        Measure("pptx_ratio", "PPTX export ÷ plain python-pptx", 1.8, "×", 1.5, strict=False,
                headline=True),
        Measure("pdf_ratio", "PDF export ÷ plain reportlab", 2.0, "×", 2.0, strict=False,
                headline=True),
        Measure("baseline_pptx_s", "plain python-pptx baseline", 0.28, "s"),
    )  # fmt: skip
    office = BenchResult("office", seconds=3.0, peak_rss_mb=120.0, children_rss_mb=210.0)
    office.add(
        Measure("pandoc_s", "pandoc Markdown → PPTX", None, "s", note=NOT_INSTALLED),
        Measure("pandoc_ratio", "PPTX export ÷ pandoc Markdown → PPTX", None, "×",
                note=NOT_INSTALLED, headline=True),
    )  # fmt: skip
    broken = BenchResult("editor", seconds=1.0, error="RuntimeError: no display")
    return [exports, office, broken]


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The cells of the first table after ``heading``, checking every row has 4 columns."""
    lines = markdown.splitlines()
    start = lines.index(heading)
    table = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            table.append(line)
        elif table:
            break
    assert table[0] == "| measure | result | target | met? |"
    assert table[1] == "|---|---|---|---|"
    rows = []
    for line in table[2:]:
        assert line.endswith("|")
        cells = [c.strip() for c in line.strip("|").replace("\\|", "¦").split("|")]
        assert len(cells) == 4, line
        rows.append(cells)
    return rows


def test_summary_table_has_headlines_targets_and_verdicts() -> None:
    markdown = render_markdown(fake_results(), MACHINE, "python -m briefing_app.bench", 312.4)
    rows = table_rows(markdown, "## Summary")
    by_label = {row[0]: row[1:] for row in rows}
    assert by_label["PPTX export, 100-slide deck"] == ["0.51 s (best of 3)", "< 2 s", "yes"]
    assert by_label["PPTX export ÷ plain python-pptx"] == ["1.80×", "≤ 1.5×", "**no**"]
    assert by_label["PDF export ÷ plain reportlab"] == ["2.00×", "≤ 2×", "yes"]  # at the limit
    assert by_label["PPTX export ÷ pandoc Markdown → PPTX"] == [NOT_INSTALLED, "", ""]
    assert by_label["editor benchmark"] == ["RuntimeError: no display", "", ""]
    assert by_label["peak memory of the run (largest process)"] == ["312 MB", "", ""]
    assert "plain python-pptx baseline" not in by_label  # detail only, not a headline
    details = {row[0] for row in table_rows(markdown, "### exports")}
    assert "plain python-pptx baseline" in details
    assert "Failed: RuntimeError: no display" in markdown


def test_machine_line_and_pipes_are_escaped() -> None:
    markdown = render_markdown(fake_results(), MACHINE, "python -m briefing_app.bench")
    line = machine_line(MACHINE)
    assert line == (
        "Linux x86_64 with 2 cores (Test CPU | 2 GHz) and 24 GiB, Python 3.11.7, "
        "PySide6 6.11.3, python-pptx 1.0.2"
    )
    assert f"Machine: {line}." in markdown
    assert "| office | 3.00 s | 120 MB | 210 MB |" in markdown
    assert "peak memory of the run" not in markdown  # no figure given, no row


def test_written_json_holds_machine_and_every_measure(tmp_path: Path) -> None:
    folder = tmp_path / "bench" / "new"
    md_path, json_path = write_report(folder, fake_results(), MACHINE, "cmd", 300.0)
    assert (md_path.name, json_path.name) == ("bench-report.md", "bench-report.json")
    assert md_path.read_text(encoding="utf-8").startswith("# Benchmark report\n")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["machine"]["cpu_count"] == 2
    assert data["run_peak_rss_mb"] == 300.0
    assert [b["name"] for b in data["benchmarks"]] == ["exports", "office", "editor"]
    pandoc = data["benchmarks"][1]["measures"][0]
    assert pandoc["value"] is None and pandoc["note"] == NOT_INSTALLED and pandoc["met"] is None
    ratio = data["benchmarks"][0]["measures"][1]
    assert (ratio["value"], ratio["target"], ratio["met"]) == (1.8, 1.5, False)
    again = BenchResult.from_dict(data["benchmarks"][0])
    assert again.measures == fake_results()[0].measures
    assert sorted(p.name for p in folder.iterdir()) == [json_path.name, md_path.name]  # no temps


def test_a_subset_run_does_not_overwrite_the_full_report() -> None:
    every = ["exports", "startup", "maps"]
    assert report_stem(every, every) == "bench-report"
    assert report_stem(["exports"], every) == "bench-report-exports"
    assert report_stem(["maps", "exports"], every) == "bench-report-maps-exports"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(0.4912, "s", "0.49 s"), (9.61, "ms", "9.6 ms"), (0.31, "ms", "0.31 ms"),
     (284.4, "MB", "284 MB"), (1.625, "×", "1.62×"), (100000, "", "100,000")],
)  # fmt: skip
def test_values_are_written_in_their_unit(value: float, unit: str, text: str) -> None:
    assert format_value(value, unit) == text


def test_a_missing_tool_gives_not_installed_rows(tmp_path: Path) -> None:
    result = BenchResult("office")
    tool = Tool("pandoc", "pandoc Markdown → PPTX", "PPTX export", "warm-up", None, tmp_path)
    compare(result, tool, runs=1, ours=0.5, ours_cmd=CommandTimes(2.0, 1.0, 50.0, 2.0))
    assert [m.key for m in result.measures] == [
        "pandoc_s", "pandoc_ratio", "pandoc_ratio_command", "pandoc_ratio_command_cpu"
    ]  # fmt: skip
    assert all(m.value is None and m.note == NOT_INSTALLED for m in result.measures)
    assert result.text == [f"pandoc Markdown → PPTX: {NOT_INSTALLED}"]


def test_a_failing_tool_is_reported_not_raised(tmp_path: Path) -> None:
    result = BenchResult("office")
    script = tmp_path / "fails"
    script.write_text("#!/bin/sh\necho 'cannot open input' >&2\nexit 3\n")
    script.chmod(0o755)
    tool = Tool("x", "x converts", "PDF export", "warm-up", [str(script)], tmp_path / "out")
    compare(result, tool, runs=1, ours=0.5, ours_cmd=CommandTimes(2.0, 1.0, 50.0, 2.0))
    assert result.measures[0].note == "failed (exit 3: cannot open input)"
    assert result.measures[0].result_text() == "failed (exit 3: cannot open input)"


def test_a_working_tool_gives_its_time_and_our_ratios(tmp_path: Path) -> None:
    result = BenchResult("office")
    script, output = tmp_path / "converts", tmp_path / "out.pdf"
    script.write_text('#!/bin/sh\necho converting\ntouch "$1"\n')
    script.chmod(0o755)
    tool = Tool("x", "X converts", "PDF export", "warm-up", [str(script), str(output)], output)
    compare(result, tool, runs=2, ours=0.5, ours_cmd=CommandTimes(2.0, 1.0, 50.0, 2.0))
    got = {m.key: m for m in result.measures}
    seconds = got["x_s"].value
    assert seconds is not None and seconds > 0
    assert got["x_ratio"].value == pytest.approx(0.5 / seconds)
    assert got["x_ratio_command"].value == pytest.approx(2.0 / seconds)
    assert "CPU: ours 1.00 s" in got["x_ratio_command_cpu"].note
    assert got["x_ratio"].note == f"ours 0.50 s in-process, X {seconds:.2f} s"
    assert got["x_ratio"].headline and not got["x_s"].headline
    assert 1 < (got["x_rss_mb"].value or 0) < 100  # the script's own memory, not ours


def test_markdown_deck_has_a_slide_heading_bullets_and_notes() -> None:
    deck = LaidDeck("T", "A", "S", (
        LaidSlide(1, "Slide 1", (), notes="First note *here*.\n\nSecond."),
        LaidSlide(2, "Slide 2 #2", ()),
    ))  # fmt: skip
    text = markdown_deck(deck, [["a [b]", "1. c"], ["d"]])
    assert text.splitlines() == [
        "# Slide 1", "", "- a \\[b\\]", "- 1\\. c", "", "::: notes",
        "First note \\*here\\*.", "", "Second.", "", ":::", "",
        "# Slide 2 \\#2", "", "- d",
    ]  # fmt: skip


@pytest.mark.skipif(find_program("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_markdown_as_one_slide_each_with_notes(tmp_path: Path) -> None:
    from pptx import Presentation

    deck = LaidDeck("T", "A", "S", (
        LaidSlide(1, "Slide 1", (), notes="Note one."), LaidSlide(2, "Slide 2", (), notes="Two."),
    ))  # fmt: skip
    source = tmp_path / "deck.md"
    source.write_text(markdown_deck(deck, [["a", "b"], ["c"]]), encoding="utf-8")
    run_child([str(find_program("pandoc")), str(source), "-o", str(tmp_path / "d.pptx")])
    slides = list(Presentation(str(tmp_path / "d.pptx")).slides)
    assert [s.shapes.title.text for s in slides] == ["Slide 1", "Slide 2"]
    assert [s.notes_slide.notes_text_frame.text for s in slides] == ["Note one.", "Two."]


def test_machine_info_describes_this_machine(tmp_path: Path) -> None:
    info = machine_info(with_tools=False)
    assert info["python"].count(".") == 2 and info["cpu_count"] >= 1
    assert set(info["packages"]) == {"PySide6", "python-pptx", "reportlab", "SQLAlchemy"}
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nmodel name\t: Example CPU @ 3 GHz\n")
    assert _cpu_model(cpuinfo) == "Example CPU @ 3 GHz"
    assert _cpu_model(tmp_path / "missing") is None
