"""Write export files all-or-nothing, and make safe file names from deck titles."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in "0123456789¹²³"),
    *(f"LPT{i}" for i in "0123456789¹²³"),
}  # fmt: skip
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
MAX_STEM_BYTES = 150  # UTF-8 bytes; leaves room for an extension and a temp suffix


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync it and move it into place.

    On any exception (including :class:`briefing_app.progress.Cancelled`) the temporary
    file is removed and a previous file at ``path`` is left untouched.
    """
    target = Path(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:  # mkstemp makes 0600 files; exports should be readable like any saved document
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
    except OSError:
        pass
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


def atomic_write(path: str | os.PathLike[str], write_fn: Callable[[Path], object]) -> Path:
    """Call ``write_fn(tmp_path)`` to write the file, then atomically replace ``path``."""
    with atomic_path(path) as tmp:
        write_fn(tmp)
    return Path(path)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def safe_filename(title: str, ext: str, max_bytes: int = MAX_STEM_BYTES) -> str:
    """A portable file name made from ``title`` with extension ``ext`` ("pptx" or ".pptx").

    No path separators, traversal, control characters, Windows-reserved names or trailing
    dots/spaces; diacritics and other letters are kept; never empty (falls back to "deck").
    """
    ext = ext.lstrip(".")
    ext = _FORBIDDEN.sub("", ext).strip(". ")[:16]
    stem = unicodedata.normalize("NFC", title or "")
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = _FORBIDDEN.sub(" ", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .")
    stem = _truncate_utf8(stem, max_bytes).rstrip(" .")
    if stem.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        stem = f"{stem}_"
    if not stem:
        stem = "deck"
    return f"{stem}.{ext}" if ext else stem


def _truncate_utf8(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[:max_bytes].decode("utf-8", "ignore")
