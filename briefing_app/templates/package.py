"""Read a user's .pptx/.potx safely: every way a file can be bad is one sentence.

A template comes from outside (an email, a shared drive), so nothing in it is trusted:
the file size, the ZIP's declared and actual uncompressed sizes, the content types, the
relationships and the XML (no DTDs, no entities, no network) are checked before any part
is used. Macro-enabled files are refused: macros are never carried into a deck.
A .potx (or .ppsx) differs from a .pptx only in its main part's content type; callers
that hand the package to python-pptx get it rewritten as a presentation, in memory.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from lxml import etree

from briefing_app.store.errors import StoreError
from briefing_app.templates import ooxml as ox

MAX_FILE_BYTES = 64 * 1024 * 1024  # a house template with photographs stays far below
MAX_UNPACKED_BYTES = 256 * 1024 * 1024  # declared and actual, all parts together
MAX_PARTS = 5000
MAX_RATIO = 200  # a part this many times smaller packed than unpacked is a bomb
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACRO_SUFFIXES = (".pptm", ".potm", ".ppsm", ".ppam")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a ZIP member can carry
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


class TemplateError(StoreError):
    """A file that cannot be used as a template; ``str()`` says why in one sentence."""


@dataclass(frozen=True)
class TemplatePackage:
    """The checked parts of a template file (member name -> bytes) and what it is."""

    filename: str
    parts: dict[str, bytes]
    content_types: dict[str, str]  # part name ("ppt/presentation.xml") -> content type
    main_part: str  # usually "ppt/presentation.xml"

    def xml(self, name: str) -> etree._Element:
        return parse_xml(self.parts[name], self.filename, name)

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        """rId -> (type, target part name or URL, external) of ``part``'s relationships."""
        name = rels_name(part)
        if name not in self.parts:
            return {}
        out = {}
        for rel in self.xml(name):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            out[rel.get("Id", "")] = (
                rel.get("Type", ""),
                target if external else resolve_target(part, target),
                external,
            )
        return out

    def as_presentation(self) -> bytes:
        """The package as .pptx bytes (a .potx's main content type rewritten); the same
        bytes every time, so what is derived from them (the export's taken-apart template,
        kept on disk too) is found again instead of made again."""
        return self._presentation

    @cached_property
    def _presentation(self) -> bytes:
        buffer = io.BytesIO()
        types = self.parts["[Content_Types].xml"]
        main_type = self.content_types.get(self.main_part)
        if main_type != ox.CT_PRESENTATION and main_type is not None:
            types = types.replace(main_type.encode(), ox.CT_PRESENTATION.encode())
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self.parts.items():
                # a fixed date, not the time of writing: equal parts give equal bytes
                member = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, types if name == "[Content_Types].xml" else data)
        return buffer.getvalue()


def parse_xml(data: bytes, filename: str, part: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        raise TemplateError(
            f"{filename} is damaged: its part {part} is not readable XML."
        ) from None


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve_target(source: str, target: str) -> str:
    """The member name a relationship target of ``source`` points at."""
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def read_template_file(path: str | Path) -> TemplatePackage:
    """Check and read the template at ``path`` (its size before reading any of it)."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise TemplateError(f"There is no file {path}.") from None
    if path.is_dir():
        raise TemplateError(f"{path} is a folder, not a PowerPoint template.")
    if size > MAX_FILE_BYTES:
        raise TemplateError(_too_big(name, size))
    return read_template_bytes(path.read_bytes(), name)


def _too_big(name: str, size: int) -> str:
    return (
        f"{name} is {size / 1048576:.0f} MB; a template may be at most "
        f"{MAX_FILE_BYTES // 1048576} MB (compress its pictures in PowerPoint)."
    )


def read_template_bytes(data: bytes, filename: str = "The template") -> TemplatePackage:
    """Check ``data`` as a PowerPoint template; raise :class:`TemplateError` if it is not one."""
    if len(data) > MAX_FILE_BYTES:
        raise TemplateError(_too_big(filename, len(data)))
    if data[:8] == OLE_MAGIC:
        raise TemplateError(
            f"{filename} is password-protected or an old binary PowerPoint file (.ppt/.pot); "
            "save it as .pptx or .potx without a password."
        )
    if filename.lower().endswith(MACRO_SUFFIXES):
        raise TemplateError(_macro(filename))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TemplateError(f"{filename} is not a PowerPoint file (.pptx or .potx).") from None
    with archive:
        parts = _unpack(archive, filename)
    return _check(parts, filename)


def _macro(filename: str) -> str:
    return (
        f"{filename} contains macros, which are never carried into a deck; "
        "save it as a .potx or .pptx without macros."
    )


def _unpack(archive: zipfile.ZipFile, filename: str) -> dict[str, bytes]:
    infos = archive.infolist()
    bomb = f"{filename} unpacks to far more data than a template holds, so it was not opened."
    if len(infos) > MAX_PARTS:
        raise TemplateError(f"{filename} has {len(infos)} parts, more than a template holds.")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNPACKED_BYTES:
        raise TemplateError(bomb)
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(bomb)
    parts: dict[str, bytes] = {}
    total = 0
    try:
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise TemplateError(f"{filename} is encrypted; save it without a password.")
            # Read no more than declared: a lying header cannot make us unpack more.
            with archive.open(info) as member:
                chunk = member.read(info.file_size + 1)
            if len(chunk) > info.file_size:
                raise TemplateError(bomb)
            total += len(chunk)
            if total > MAX_UNPACKED_BYTES:
                raise TemplateError(bomb)
            parts[info.filename.lstrip("/")] = chunk
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError):
        raise TemplateError(f"{filename} is damaged: its ZIP data cannot be read.") from None
    except RuntimeError:  # zipfile: "File is encrypted, password required"
        raise TemplateError(f"{filename} is encrypted; save it without a password.") from None
    return parts


def _content_types(parts: dict[str, bytes], filename: str) -> dict[str, str]:
    if "[Content_Types].xml" not in parts:
        raise TemplateError(f"{filename} is a ZIP file but not a PowerPoint presentation.")
    root = parse_xml(parts["[Content_Types].xml"], filename, "[Content_Types].xml")
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for node in root:
        tag = etree.QName(node).localname
        if tag == "Default":
            defaults[node.get("Extension", "").lower()] = node.get("ContentType", "")
        elif tag == "Override":
            overrides[node.get("PartName", "").lstrip("/")] = node.get("ContentType", "")
    types = {}
    for name in parts:
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        types[name] = overrides.get(name, defaults.get(ext, ""))
    return types


def _check(parts: dict[str, bytes], filename: str) -> TemplatePackage:
    types = _content_types(parts, filename)
    if any(t in ox.MACRO_CONTENT_TYPES for t in types.values()) or any(
        posixpath.basename(n).lower() == "vbaproject.bin" for n in parts
    ):
        raise TemplateError(_macro(filename))
    package = TemplatePackage(filename, parts, types, "")
    main = next(
        (
            t
            for typ, t, ext in package.rels("").values()
            if typ == ox.RT_OFFICE_DOCUMENT and not ext
        ),
        None,
    )
    if main is None or types.get(main) not in ox.MAIN_CONTENT_TYPES:
        raise TemplateError(f"{filename} is a ZIP file but not a PowerPoint presentation.")
    package = TemplatePackage(filename, parts, types, main)
    for name in parts:
        if posixpath.basename(posixpath.dirname(name)) == "_rels" and name.endswith(".rels"):
            source = posixpath.join(
                posixpath.dirname(posixpath.dirname(name)), name[:-5].rsplit("/", 1)[-1]
            )
            for typ, target, external in package.rels(source).values():
                if not external and target not in parts and not typ.endswith("/hyperlink"):
                    raise TemplateError(
                        f"{filename} is damaged: {source or 'the package'} refers to a missing "
                        f"part ({target})."
                    )
    masters = [t for typ, t, _ in package.rels(main).values() if typ == ox.RT_SLIDE_MASTER]
    layouts = [
        t for m in masters for typ, t, _ in package.rels(m).values() if typ == ox.RT_SLIDE_LAYOUT
    ]
    if not layouts:
        raise TemplateError(f"{filename} has no slide layouts, so no slide could be made from it.")
    for name in (main, *masters, *layouts):
        package.xml(name)  # every part we read later is well-formed, or the file is refused
    numbered = {name: _with_indexes(package.xml(name)) for name in layouts}
    if any(data is not None for data in numbered.values()):
        fixed = {name: data for name, data in numbered.items() if data is not None}
        package = TemplatePackage(filename, {**parts, **fixed}, types, main)
    return package


_NO_INDEX_NEEDED = frozenset({"title", "ctrTitle"})  # one of each a layout, found by type


def _with_indexes(layout: etree._Element) -> bytes | None:
    """The layout with an ``idx`` on each placeholder but its title that has none (None
    when all have one). A slide's placeholder is matched to its layout's by idx, so two
    content placeholders without one (LibreOffice writes ``<p:ph/>``) would both be idx 0
    and a slide could not fill them both; PowerPoint numbers them the same way."""
    phs = list(layout.iter(f"{{{ox.NS_P}}}ph"))
    missing = [
        ph for ph in phs if ph.get("idx") is None and ph.get("type", "obj") not in _NO_INDEX_NEEDED
    ]
    if not missing:
        return None
    used = {int(ph.get("idx", "0") or 0) for ph in phs if (ph.get("idx") or "").isdigit()}
    next_idx = max(used, default=0) + 1
    for ph in missing:
        ph.set("idx", str(next_idx))
        next_idx += 1
    return bytes(etree.tostring(layout, xml_declaration=True, encoding="UTF-8", standalone=True))
