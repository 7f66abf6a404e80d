"""Write export files all-or-nothing, and make safe file names from deck titles."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from briefing_app.store.errors import DiskFullError, StoreError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

_WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in "0123456789¹²³"),
    *(f"LPT{i}" for i in "0123456789¹²³"),
}  # fmt: skip
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
MAX_STEM_BYTES = 150  # UTF-8 bytes; leaves room for an extension and a temp suffix
STALE_AFTER = 3600  # seconds; without file locks (Windows) an older temp file is abandoned


class ExportTargetError(StoreError):
    """The chosen export target is not a file the app may replace; nothing was written."""


_SPECIAL_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
)


def _writable(mode: int, path: Path) -> bool:
    """Mode bits as well as os.access: root may write anything, but a file made
    read-only (chmod 0444) was made so on purpose and is not silently replaced."""
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def check_target(target: Path) -> None:
    """Refuse, before anything is written, a target that is not a regular file (or not
    there yet) in a folder the user can write; read-only files are not replaced."""
    if not str(target).strip():
        raise ExportTargetError("An empty path is not an export target; give a file or a folder.")
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or "the path cannot be used"
        raise ExportTargetError(f"Cannot export to {target}: {reason}.") from exc
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            kind = next((k for test, k in _SPECIAL_KINDS if test(info.st_mode)), "not a file")
            raise ExportTargetError(
                f"{target} is {kind}, not a regular file; choose a file name to export to."
            )
        if not _writable(info.st_mode, target):
            raise ExportTargetError(
                f"{target} is read-only, so it was not replaced; choose another name or make "
                "it writable."
            )
    folder = target.parent
    try:
        folder_info = folder.stat()
    except FileNotFoundError:
        return  # made on export, inside a folder that is checked then
    except OSError as exc:
        raise ExportTargetError(f"Cannot export into {folder}: {exc.strerror}.") from exc
    if not stat.S_ISDIR(folder_info.st_mode):
        raise ExportTargetError(f"{folder} is not a folder, so nothing can be exported into it.")
    if not _writable(folder_info.st_mode, folder):
        raise ExportTargetError(
            f"The folder {folder} is read-only; export to a folder where you can save."
        )


def disk_full(folder: Path, target: Path) -> DiskFullError:
    return DiskFullError(
        f"The disk holding {folder} is full; nothing was lost, but {target.name} was not "
        "written: free some space and export again."
    )


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync it and move it into place.

    On any exception (including :class:`briefing_app.progress.Cancelled`) the temporary
    file is removed and a previous file at ``path`` is left untouched. A process killed
    mid-export cannot remove its temporary file; the next export to ``path`` does. A
    target that is not a regular file in a writable folder is refused first; a full disk
    is one sentence (DiskFullError).
    """
    target = Path(path)
    check_target(target)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        check_target(target)  # the folders just made
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise disk_full(folder, target) from exc
        raise
    prefix = f".{target.name[:40]}."
    remove_abandoned_temps(folder, prefix)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise disk_full(folder, target) from exc
        raise
    if fcntl is not None:  # held while this process lives, so others see the file in use
        fcntl.flock(fd, fcntl.LOCK_EX)
    else:
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
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise disk_full(folder, target) from exc
        raise
    finally:
        if fcntl is not None:
            os.close(fd)
    _fsync_dir(folder)


def remove_abandoned_temps(folder: Path, prefix: str) -> None:
    """Delete temporary files named ``prefix*.tmp`` in ``folder`` that no export is writing.

    A writer holds an exclusive lock on its temporary file, which the system drops when
    the process ends however it ends; a file whose lock can be taken is abandoned.
    """
    for candidate in folder.glob(f"{glob.escape(prefix)}*.tmp"):
        with contextlib.suppress(OSError):
            if _abandoned(candidate):
                candidate.unlink()


def _abandoned(path: Path) -> bool:
    if fcntl is None:
        return time.time() - path.stat().st_mtime > STALE_AFTER
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live export is writing it
    finally:
        os.close(fd)
    return True


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


def safe_filename(title: str, ext: str, max_bytes: int = MAX_STEM_BYTES, *, tail: str = "") -> str:
    """A portable file name made from ``title`` with extension ``ext`` ("pptx" or ".pptx").

    No path separators, traversal, control characters, Windows-reserved names or trailing
    dots/spaces; diacritics and other letters are kept; never empty (falls back to "deck").
    ``tail`` (e.g. " handout") is kept whole after a title cut to fit, so names that
    differ only in their tail stay distinct however long the title.
    """
    if tail:
        room = max(1, max_bytes - len(tail.encode("utf-8")))
        stem = safe_filename(title, "", room)
        return safe_filename(f"{stem}{tail}", ext, max_bytes)
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
