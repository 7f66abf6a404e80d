"""A file's fingerprint: the sha256 of its bytes, to tell whether a curated file changed."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_fingerprint(path: Path) -> str:
    """The sha256 hex digest of ``path``'s bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
