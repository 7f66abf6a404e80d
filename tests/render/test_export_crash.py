"""Kill an exporting app process at random moments: the target is always a complete file.

A child (export_child.py) exports two decks of different lengths in turn to one PPTX
and one PDF path through export_deck, and is killed with SIGKILL at a random moment of
that cycle. After each kill each target must be the complete file of the last export
the child reported, or of the one it was in: a PPTX is a sound zip python-pptx opens
with that deck's slide count; a PDF ends in %%EOF, its startxref points at its xref
table, and pdfinfo (when installed) reads it without complaint and counts its pages.
A killed export leaves its temporary file behind; the next export of the same file
removes it, so at most one is ever left per target.

BRIEFING_EXPORT_CRASH_TRIALS sets the number of kills (default 20, under a minute on two
cores; the full run is 50), BRIEFING_EXPORT_CRASH_SEED replays a run (a failure
names its seed).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from child_processes import kill_after, start_child, wait_ready
from pptx import Presentation

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.render.atomic import atomic_write
from briefing_app.render.export import export_deck
from briefing_app.services import decks
from briefing_app.store.store import open_store

TRIALS = int(os.environ.get("BRIEFING_EXPORT_CRASH_TRIALS", "20"))
SEED = int(os.environ.get("BRIEFING_EXPORT_CRASH_SEED") or random.randrange(2**32))
CHILD = Path(__file__).with_name("export_child.py")
DECKS = ("Short deck", "Long deck")


def _make_decks(template: Path, path: Path) -> None:
    """Two decks whose exports differ in slide count, so a file says which it is."""
    shutil.copy2(template, path)
    store = open_store(path)
    try:
        build_from_outline(store, DEFAULT_OUTLINE, DECKS[0])
        decks.duplicate_deck(store, DECKS[0], DECKS[1])
        for n in range(30):
            slide = decks.add_slide(store, DECKS[1], "argument", title=f"Extra slide {n}")
            for k in range(4):
                text = f"Point {k} of extra slide {n}, long enough to wrap onto a second line."
                decks.add_item(store, slide.id, text=text)
    finally:
        store.close()


def _pptx_slides(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, "a member of the zip is damaged"
    return len(Presentation(str(path)).slides)


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.rstrip().endswith(b"%%EOF"), "the PDF does not end in %%EOF"
    offset = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
    assert data[offset : offset + 4] == b"xref", "startxref does not point at the xref table"
    root = re.search(rb"/Pages (\d+) 0 R", data)
    assert root, "no page tree"
    tree = re.search(rb"\n" + root.group(1) + rb" 0 obj\s*<<(.*?)>>", data, re.DOTALL)
    assert tree, "the page tree object is missing"
    pages = int(re.search(rb"/Count (\d+)", tree.group(1)).group(1))
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
        assert info.returncode == 0 and not info.stderr.strip(), info.stderr
        assert re.search(rf"^Pages:\s+{pages}$", info.stdout, re.MULTILINE), info.stdout
    return pages


COUNTERS = {"pptx": _pptx_slides, "pdf": _pdf_pages}


def _allowed(out: str, fmt: str, held: str) -> set[str]:
    """Decks the target may hold: the last one saved (else what it held) and one in flight."""
    allowed, saved = {held}, None
    for line in out.splitlines():
        tag, _, rest = line.partition(" ")
        line_fmt, _, deck = rest.partition(" ")
        if line_fmt != fmt or deck not in DECKS:
            continue
        if tag == "try":
            allowed = {saved or held, deck}
        elif tag == "saved":
            saved = deck
            allowed = {deck}
    return allowed


@pytest.mark.stress
def test_killed_export_leaves_the_old_or_the_new_file(
    essay_store_template: Path, tmp_path: Path
) -> None:
    store_path = tmp_path / "exports.sqlite"
    _make_decks(essay_store_template, store_path)
    folder = tmp_path / "out"
    targets = {fmt: folder / f"briefing.{fmt}" for fmt in COUNTERS}
    store = open_store(store_path)
    try:
        started = time.monotonic()
        for fmt, target in targets.items():
            export_deck(store, DECKS[0], fmt, out=target)
        slides = {d: export_deck(store, d, "pdf", out=tmp_path / "x.pdf").slides for d in DECKS}
        cycle = 1.5 * (time.monotonic() - started)  # about one pass over both decks
    finally:
        store.close()
    assert slides[DECKS[0]] != slides[DECKS[1]]
    held = dict.fromkeys(COUNTERS, DECKS[0])
    rng = random.Random(SEED)
    leftovers: Counter[int] = Counter()
    mid_write = 0  # kills that caught the export in flight with its file partly written
    started = time.monotonic()
    for trial in range(TRIALS):
        delay = rng.uniform(0, cycle)
        where = (
            f"trial {trial} (killed {delay * 1000:.0f} ms after ready; rerun with "
            f"BRIEFING_EXPORT_CRASH_SEED={SEED} BRIEFING_EXPORT_CRASH_TRIALS={trial + 1})"
        )
        paths = {fmt: str(path) for fmt, path in targets.items()}
        config = {"store": str(store_path), "decks": DECKS, "targets": paths}
        child = start_child(CHILD, config)
        wait_ready(child)
        out, err = kill_after(child, delay)
        assert child.returncode == -signal.SIGKILL, f"{where}: the child stopped itself: {err}"
        last = (out.strip().splitlines() or [""])[-1].split()
        in_flight = targets.get(last[1]) if last[:1] == ["try"] else None
        for fmt, target in targets.items():
            allowed = _allowed(out, fmt, held[fmt])
            try:
                count = COUNTERS[fmt](target)
            except Exception as exc:
                pytest.fail(f"{where}: {target.name} is not a complete {fmt}: {exc!r}")
            found = [deck for deck in allowed if slides[deck] == count]
            assert found, f"{where}: {target.name} has {count} slides, expected {allowed}"
            held[fmt] = found[0]
        temps = [p for p in folder.iterdir() if p not in targets.values()]
        leftovers[len(temps)] += 1
        if in_flight is not None:
            mine = [t for t in temps if t.name.startswith(f".{in_flight.name}.")]
            mid_write += any(t.stat().st_size for t in mine)
        for target in targets.values():
            mine = [t.name for t in temps if t.name.startswith(f".{target.name}.")]
            assert len(mine) <= 1, f"{where}: stale temporary files pile up: {temps}"
    elapsed = time.monotonic() - started
    store = open_store(store_path)
    try:
        for fmt, target in targets.items():
            export_deck(store, DECKS[0], fmt, out=target)
    finally:
        store.close()
    assert sorted(folder.iterdir()) == sorted(targets.values()), "an export left a temp file"
    print(
        f"\n{TRIALS} kills during export (seed {SEED}) in {elapsed:.0f} s; temporary files "
        f"left after a kill: {dict(sorted(leftovers.items()))} (count: trials); "
        f"{mid_write} kills came while the file in flight was partly written"
    )


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_death_just_before_the_rename_keeps_the_old_file(
    essay_store_template: Path, tmp_path: Path, step: str
) -> None:
    """The moments random kills rarely hit: the new file is complete but not in place."""
    store_path = tmp_path / "exports.sqlite"
    _make_decks(essay_store_template, store_path)
    target = tmp_path / "out" / "briefing.pptx"
    store = open_store(store_path)
    try:
        old = export_deck(store, DECKS[0], "pptx", out=target).slides
        config = {"store": str(store_path), "decks": DECKS[1:], "die_before": step}
        config["targets"] = {"pptx": str(target)}
        child = start_child(CHILD, config)
        wait_ready(child)
        out, err = child.communicate(timeout=120)
        assert child.returncode == -signal.SIGKILL, err
        assert out.splitlines() == [f"try pptx {DECKS[1]}"]
        assert _pptx_slides(target) == old
        (temp,) = (p for p in target.parent.iterdir() if p != target)
        assert _pptx_slides(temp) == export_deck(store, DECKS[1], "pptx", out=tmp_path).slides
        export_deck(store, DECKS[0], "pptx", out=target)
        assert list(target.parent.iterdir()) == [target]
    finally:
        store.close()


@pytest.mark.skipif(os.name != "posix", reason="the in-use test holds a POSIX file lock")
def test_next_export_removes_abandoned_temp_files_but_not_one_in_use(tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    abandoned = tmp_path / ".brief.pdf.abandoned.tmp"
    in_use = tmp_path / ".brief.pdf.in-use.tmp"
    other = tmp_path / ".other.pdf.abandoned.tmp"
    for path in (abandoned, in_use, other):
        path.write_bytes(b"%PDF-1.4 half written")
    code = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(120)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", code, str(in_use)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        atomic_write(target, lambda tmp: tmp.write_bytes(b"new"))
        assert sorted(p.name for p in tmp_path.iterdir()) == [in_use.name, other.name, target.name]
    finally:
        writer.kill()
        writer.wait()
    atomic_write(target, lambda tmp: tmp.write_bytes(b"newer"))  # its writer has gone
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, target.name]
    assert target.read_bytes() == b"newer"
