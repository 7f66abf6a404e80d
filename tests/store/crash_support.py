"""Parent side of the crash and two-process tests: start crash_child.py, read its log, and
check the store holds everything the child reported as saved."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from child_processes import start_child
from sqlalchemy import select

from briefing_app.deck.outline import DEFAULT_OUTLINE, build_from_outline
from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.models import Argument, Paragraph
from briefing_app.store.store import open_store

CHILD = Path(__file__).with_name("crash_child.py")


def start_editor(config: dict[str, Any]) -> subprocess.Popen[str]:
    """crash_child.py editing the store in ``config``; see Editor there for the keys."""
    return start_child(CHILD, config)


def prepare_store(template: Path, target: Path, decks: list[str]) -> dict[str, Any]:
    """Copy the essay store, add ``decks`` from the default outline; the child's base config."""
    shutil.copy2(template, target)
    store = open_store(target)
    try:
        for name in decks:
            build_from_outline(store, DEFAULT_OUTLINE, name)
        with store.read() as session:
            arguments = list(session.scalars(select(Argument.id).order_by(Argument.id)))
            paragraphs = [
                [p.id, len(p.text)]
                for p in session.scalars(select(Paragraph).order_by(Paragraph.id).limit(20))
                if len(p.text) >= 20
            ]
    finally:
        store.close()
    return {"store": str(target), "arguments": arguments[:12], "paragraphs": paragraphs}


@dataclass
class ChildLog:
    """What a child reported: the confirmed state by key, and the step it was in."""

    confirmed: dict[str, list[Any]] = field(default_factory=dict)
    pending: dict[str, Any] | None = None
    saved: int = 0
    last_lines: list[str] = field(default_factory=list)


def parse_log(text: str) -> ChildLog:
    lines = text.split("\n")[:-1]  # a last line the kill cut short was never said
    log = ChildLog(last_lines=[line[:300] for line in lines[-4:]])
    for line in lines:
        tag, _, payload = line.partition(" ")
        if tag == "try":
            log.pending = json.loads(payload)
        elif tag == "saved":
            for expectation in json.loads(payload)["expect"]:
                log.confirmed[expectation[0]] = expectation
            log.saved += 1
            log.pending = None
    return log


def _rows(conn: Any, expectation: list[Any]) -> list[list[Any]]:
    _, sql, params, _ = expectation
    return [list(row) for row in conn.exec_driver_sql(sql, tuple(params)).all()]


def check_store(path: Path, logs: list[ChildLog]) -> list[str]:
    """Problems found: integrity, the app opening the store, and every saved edit present.

    A step the child had begun but not reported must have happened wholly or not at all.
    """
    problems: list[str] = []
    store = open_prepared(str(path))  # first, so it meets the store as the crash left it
    try:
        with store.engine.connect() as conn:
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").all()
            if integrity != [("ok",)]:
                return [f"integrity_check says {integrity[:5]}"]
            for log in logs:
                pending = log.pending or {"before": [], "after": []}
                skip = {e[0] for e in pending["after"]}
                for key, expectation in log.confirmed.items():
                    if key not in skip and _rows(conn, expectation) != expectation[3]:
                        got = _rows(conn, expectation)
                        problems.append(f"saved {key}: want {expectation[3]}, found {got}")
                after = all(_rows(conn, e) == e[3] for e in pending["after"])
                before = all(_rows(conn, e) == e[3] for e in pending["before"])
                if not (after or before):
                    problems.append(f"step {pending.get('op')} half done: {pending}")
            problems += _position_gaps(conn)
    finally:
        store.close()
    return problems


def _position_gaps(conn: Any) -> list[str]:
    """Slides of a deck, and points of a slide column, must be numbered 0..n-1."""
    problems = []
    for what, sql in (
        ("deck", "SELECT deck_id, position FROM slide"),
        ("slide column", "SELECT slide_id || '/' || \"column\", position FROM slide_item"),
    ):
        groups: dict[Any, list[int]] = {}
        for owner, position in conn.exec_driver_sql(sql).all():
            groups.setdefault(owner, []).append(position)
        for owner, positions in groups.items():
            if sorted(positions) != list(range(len(positions))):
                problems.append(f"{what} {owner} has positions {sorted(positions)}")
    return problems
