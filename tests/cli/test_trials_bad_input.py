"""Trials: every CLI command fed the classes of bad input (issue 14, part 6).

The commands are read from the parser itself, so a command added later is tried too.
Each run must end with exit 0 or 2 (never 1, which is kept for the unexpected), at most
one line on stderr, no traceback, and, when refused, the store's full dump unchanged.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing_app.cli import build_parser, main
from briefing_app.cli.common import EXIT_UNEXPECTED, EXIT_USER_ERROR

NOT_UTF8 = os.fsdecode(b"Vu\xc4\x8di\xff\xfe")  # what the shell hands over for such bytes
HUGE = str(2**70)
PATH_DESTS = {"file", "out", "db"}


def _leaves(parser: argparse.ArgumentParser, prefix: list[str]) -> Iterator[tuple]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _leaves(sub, [*prefix, name])
            return
    yield prefix, [a for a in parser._actions if a.dest != "help"]


COMMANDS = list(_leaves(build_parser(), []))


def _value(action: argparse.Action, good_file: Path) -> str:
    if action.choices:
        return sorted(action.choices)[0]
    if action.type is int:
        return "1"
    if action.dest in PATH_DESTS:
        return str(good_file)
    return "no-such-thing"


def _argv(words: list[str], actions: list[argparse.Action], good_file: Path,
          replace: dict[str, str] | None = None) -> list[str]:  # fmt: skip
    """The command with every positional filled and ``replace``'d options given."""
    replace = replace or {}
    argv = list(words)
    for action in actions:
        takes_value = action.nargs != 0
        if not action.option_strings:
            argv.append(replace.get(action.dest, _value(action, good_file)))
        elif (action.dest in replace or action.required) and takes_value:
            value = replace[action.dest] if action.dest in replace else _value(action, good_file)
            argv += [action.option_strings[0], value]
    return argv


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exit:  # argparse's own refusal: usage and one error line
        err = capsys.readouterr().err
        assert exit.code == EXIT_USER_ERROR and "error: " in err, (argv, err)
        return EXIT_USER_ERROR, err.strip().splitlines()[-1] + "\n"
    captured = capsys.readouterr()
    return code, captured.err


def _check(code: int, err: str, argv: list[str]) -> None:
    assert code != EXIT_UNEXPECTED, (argv, err)
    assert code in (0, EXIT_USER_ERROR), (argv, code, err)
    assert "Traceback" not in err and err.count("\n") <= 1, (argv, err)
    if code:
        assert err.startswith("briefing-app"), (argv, err)
        if err.startswith("briefing-app: "):  # ours, not argparse's "prog: error: …"
            assert err.rstrip().endswith("."), (argv, err)


@pytest.fixture
def quiet_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The log goes to a temp folder, and so does anything written to the current one."""
    monkeypatch.chdir(tmp_path)
    log = tmp_path / "log" / "briefing.log"
    monkeypatch.setenv("BRIEFING_LOG", str(log))
    return log


def _variants(kind: str, words, actions, good_file: Path) -> Iterator[list[str]]:
    if kind == "not-utf8":
        for action in actions:
            if action.type is None and action.nargs != 0 and not action.choices \
                    and action.dest not in PATH_DESTS:  # fmt: skip
                yield _argv(words, actions, good_file, {action.dest: NOT_UTF8})
    elif kind == "huge-number":
        for action in actions:
            if action.type is int:
                yield _argv(words, actions, good_file, {action.dest: HUGE})
                yield _argv(words, actions, good_file, {action.dest: "-" + HUGE})
    elif kind == "empty-text":
        for action in actions:
            if action.nargs != 0 and not action.choices and action.type is not int:
                yield _argv(words, actions, good_file, {action.dest: ""})
    elif kind == "unknown-names":
        yield _argv(words, actions, good_file)


@pytest.mark.stress  # hundreds of runs: every command × every kind
@pytest.mark.parametrize("kind", ["not-utf8", "huge-number", "empty-text", "unknown-names"])
def test_every_command_refuses_bad_input_in_one_sentence(
    kind: str, essay_store_path: Path, tmp_path: Path, capsys, quiet_log: Path
) -> None:
    good_file = tmp_path / "input.md"
    good_file.write_text("# A title\n\nOne paragraph.\n", encoding="utf-8")
    before = _dump(essay_store_path)
    tried = 0
    for words, actions in COMMANDS:
        for argv in _variants(kind, words, actions, good_file):
            if kind == "unknown-names" and words in (["import"], ["init"], ["deck", "create"]):
                continue  # these make something from a valid name: not a refusal
            code, err = _run(["--db", str(essay_store_path), *argv], capsys)
            _check(code, err, argv)
            tried += 1
            if code == EXIT_USER_ERROR:
                assert _dump(essay_store_path) == before, argv
            else:
                before = _dump(essay_store_path)
    assert tried >= 4
    assert not quiet_log.exists(), quiet_log.read_text() if quiet_log.exists() else ""


BAD_LOCATIONS = {
    "port-not-a-number": "postgresql://someone:secret@127.0.0.1:notaport/briefing",
    "port-out-of-range": "postgresql://someone:secret@127.0.0.1:99999/briefing",
    "port-negative": "postgresql+psycopg://someone:secret@127.0.0.1:-1/briefing",
    "unknown-scheme": "oracle://someone:secret@host/briefing",
    "no-host": "postgresql://",
    "bad-sqlite-url": "sqlite:////nonexistent-folder-\x00/x.sqlite",
    "empty": "",
    "folder": ".",
    "device": "/dev/null",
}


@pytest.mark.stress  # hundreds of runs: every command × every kind
@pytest.mark.parametrize("case", sorted(BAD_LOCATIONS))
def test_every_command_refuses_a_bad_store_location(
    case: str, tmp_path: Path, capsys, quiet_log: Path
) -> None:
    good_file = tmp_path / "input.md"
    good_file.write_text("# A title\n", encoding="utf-8")
    location = BAD_LOCATIONS[case]
    for words, actions in COMMANDS:
        argv = _argv(words, actions, good_file)
        if location == "":  # an empty --db means the default store; use the variable
            continue
        code, err = _run(["--db", location, *argv], capsys)
        _check(code, err, argv)  # 0 only for a command that had nothing to do
        assert "secret" not in err
    assert not quiet_log.exists()


def test_real_bytes_on_a_real_command_line(essay_store_path: Path, tmp_path: Path) -> None:
    """Through a real process: the bytes come from the system's argv, not from us."""
    env = {**os.environ, "BRIEFING_LOG": str(tmp_path / "log"), "PYTHONPATH": os.getcwd()}
    for words in ([b"deck", b"create"], [b"deck", b"show"], [b"export"]):
        done = subprocess.run(
            [sys.executable.encode(), b"-m", b"briefing_app", b"--db",
             os.fsencode(essay_store_path), *words, b"Vu\xc4\x8di\xff"],
            capture_output=True, env=env, timeout=60,
        )  # fmt: skip
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == EXIT_USER_ERROR, err
        assert "not valid UTF-8" in err and err.count("\n") == 1 and "Traceback" not in err


def test_an_unexpected_error_is_one_sentence_a_log_path_and_exit_1(
    essay_store_path: Path, capsys, quiet_log: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing_app.services import library

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("something nobody foresaw")

    monkeypatch.setattr(library, "documents", broken)
    code = main(["--db", str(essay_store_path), "init"])
    err = capsys.readouterr().err
    assert code == EXIT_UNEXPECTED
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "ZeroDivisionError: something nobody foresaw" in err and str(quiet_log) in err
    logged = quiet_log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "something nobody foresaw" in logged
