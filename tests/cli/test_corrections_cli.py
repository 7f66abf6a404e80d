"""`briefing-app correct` and `corrections`: a reviewer's notes beside the source."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_app.cli import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_correct_an_event_by_key_and_see_the_timeline_reordered(capsys, essay_store_path) -> None:
    db = ("--db", str(essay_store_path))
    note = "Serbia declined to join on 24 February 2022."
    code, out, _ = _run(capsys, *db, "correct", "event", "serbia-refuses-sanctions-2022", note,
                        "--date", "2022-02-24")  # fmt: skip
    assert code == 0 and "Correction attached to event" in out
    code, out, _ = _run(capsys, *db, "events")
    lines = out.splitlines()
    refused = next(i for i, line in enumerate(lines) if "refuses to join EU sanctions" in line)
    assert lines[refused].startswith("24 Feb 2022 *")
    assert "invasion" in lines[refused + 1]  # Feb 2022 (month only) after 24 Feb 2022
    code, out, _ = _run(capsys, *db, "correct", "event", "serbia-refuses-sanctions-2022", "--json")
    assert json.loads(out)["date"] == "2022-02-24"
    code, out, _ = _run(capsys, *db, "correct", "event", "serbia-refuses-sanctions-2022",
                        "--remove")  # fmt: skip
    assert code == 0 and "Removed" in out


def test_shipped_corrections_are_listed(capsys, essay_store_path: Path) -> None:
    code, out, _ = _run(capsys, "--db", str(essay_store_path), "corrections", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 10
    meeting = next(r for r in rows if r["date"] == "2025-10-17")
    assert meeting["target_kind"] == "event" and "19 October" in meeting["text"]


def test_bad_corrections_are_one_sentence(capsys, essay_store_path: Path) -> None:
    db = ("--db", str(essay_store_path))
    code, _, err = _run(capsys, *db, "correct", "event", "no-such-event", "x")
    assert code == 2 and err.strip() == "briefing-app: There is no event 'no-such-event'."
    code, _, err = _run(capsys, *db, "correct", "actor", "nis", "x", "--date", "2025-10")
    assert code == 2 and "Only an event's correction can give a corrected date." in err
    code, _, err = _run(capsys, *db, "correct", "event", "alaska-summit-2025", "x",
                        "--date", "15 Aug 2025")  # fmt: skip
    assert code == 2 and "is not a date written YYYY" in err and err.count("\n") == 1
