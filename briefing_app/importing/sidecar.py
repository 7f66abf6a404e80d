"""The optional ``NAME.meta.toml`` beside an imported file, read once and confined to its folder.

A sidecar may give the document's ``slug``, ``publisher`` and ``attribution``, and name an
``argument_map`` file. Every path it names, and the sidecar itself, must resolve inside the
imported file's folder: a file handed to the importer can never make it read, or write
under a name, anything elsewhere.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from briefing_app.importing.parsed import ImportFormatError

MAX_SIDECAR_BYTES = 1024 * 1024
MAX_SLUG_CHARS = 120
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TEXT_KEYS = ("slug", "publisher", "attribution", "argument_map")


@dataclass(frozen=True)
class Sidecar:
    slug: str | None = None
    publisher: str | None = None
    attribution: str | None = None
    argument_map: Path | None = None  # resolved, inside the imported file's folder


def slugify(name: str) -> str:
    """A slug from a file name: ASCII letters and digits joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:MAX_SLUG_CHARS].strip("-") or "document"


def check_slug(slug: str, where: str) -> str:
    """``slug`` if it is lower-case letters, digits and single hyphens; else one sentence."""
    if len(slug) > MAX_SLUG_CHARS or not SLUG.fullmatch(slug):
        raise ImportFormatError(
            f"the slug {slug[:60]!r} may hold only lower-case letters, digits and single "
            f"hyphens (at most {MAX_SLUG_CHARS} characters)",
            source=where,
        )
    return slug


def sidecar_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.meta.toml")


def inside_folder(folder: Path, name: str | Path, where: str, what: str) -> Path:
    """``folder / name`` resolved (symbolic links followed) if it stays inside ``folder``."""
    try:
        root = folder.resolve()
        target = (folder / name).resolve()
    except (RuntimeError, OSError):  # a loop of symbolic links (RuntimeError before 3.13)
        raise ImportFormatError(
            f"{what} {str(name)[:80]!r} is a symbolic link that cannot be followed (it loops "
            "or is unreadable)",
            source=where,
        ) from None
    if not target.is_relative_to(root):
        raise ImportFormatError(
            f"{what} {str(name)[:80]!r} lies outside the imported file's folder; "
            "files an import names must sit beside it",
            source=where,
        )
    return target


def read_sidecar(path: Path) -> Sidecar:
    """The sidecar of ``path``, or an empty one when there is none."""
    meta = sidecar_path(path)
    if not meta.exists() and not meta.is_symlink():
        return Sidecar()
    where = meta.name
    resolved = inside_folder(path.parent, meta.name, where, "the metadata file")
    if not resolved.is_file():
        raise ImportFormatError("the metadata file is not a regular file", source=where)
    try:
        if resolved.stat().st_size > MAX_SIDECAR_BYTES:
            raise ImportFormatError("the metadata file is larger than 1 MB", source=where)
        data = tomllib.loads(resolved.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ImportFormatError(f"the metadata file cannot be read ({exc})", source=where) from None
    except RecursionError:
        raise ImportFormatError("the metadata file is nested too deeply", source=where) from None
    for key in _TEXT_KEYS:
        if key in data and not isinstance(data[key], str):
            raise ImportFormatError(f"{key!r} in its metadata file {where} must be text")
    slug = data.get("slug", "").strip() or None
    if slug is not None:
        check_slug(slug, where)
    map_name = data.get("argument_map", "").strip()
    argument_map = None
    if map_name:
        argument_map = inside_folder(path.parent, map_name, where, "the argument map")
        if not argument_map.is_file():
            raise ImportFormatError(
                f"the argument map {map_name[:80]!r} it names is not a file beside it", source=where
            )
    return Sidecar(
        slug=slug,
        publisher=data.get("publisher", "").strip() or None,
        attribution=data.get("attribution"),
        argument_map=argument_map,
    )
