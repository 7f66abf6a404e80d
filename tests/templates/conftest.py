"""Real templates nobody here made: LibreOffice's own Impress templates (converted to
.pptx by LibreOffice, once per test session) and pandoc's reference.pptx; and bad files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

# Five or more of LibreOffice's templates, 16:9 and 4:3 (Vintage), one with pictures.
LIBREOFFICE_TEMPLATES = ("Beehive", "Blue_Curve", "Focus", "Midnightblue", "Piano", "Vintage")
_TEMPLATE_DIRS = (
    Path("/usr/lib/libreoffice/share/template/common/presnt"),
    Path("/opt/libreoffice/share/template/common/presnt"),
    Path("/usr/share/libreoffice/share/template/common/presnt"),
)


def _presnt_dir() -> Path | None:
    soffice = shutil.which("soffice")
    dirs = list(_TEMPLATE_DIRS)
    if soffice:
        root = Path(soffice).resolve().parent.parent  # …/libreoffice/program/soffice
        dirs.insert(0, root / "share" / "template" / "common" / "presnt")
    return next((d for d in dirs if d.is_dir()), None)


@pytest.fixture(scope="session")
def libreoffice_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """LibreOffice's Impress templates as .pptx files, converted by LibreOffice itself."""
    source = _presnt_dir()
    if shutil.which("soffice") is None or source is None:
        pytest.skip("LibreOffice and its Impress templates are not installed")
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # One conversion for the whole run: the first worker to get here converts, into the
        # run's folder all workers share; the others wait for it and read its files.
        out = tmp_path_factory.getbasetemp().parent / "lo-templates"
        with FileLock(f"{out}.lock"):
            if not (out / "done").exists():
                _convert(source, out)
                (out / "done").touch()
    else:
        out = tmp_path_factory.mktemp("lo-templates")
        _convert(source, out)
    converted = {name: out / f"{name}.pptx" for name in LIBREOFFICE_TEMPLATES}
    missing = [n for n, p in converted.items() if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return converted


def _convert(source: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    files = [source / f"{name}.otp" for name in LIBREOFFICE_TEMPLATES]
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out / 'profile'}",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def pandoc_reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pandoc's default reference.pptx (English layout names, Calibri theme)."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    path = tmp_path_factory.mktemp("pandoc") / "reference.pptx"
    data = subprocess.run(
        ["pandoc", "--print-default-data-file", "reference.pptx"],
        check=True,
        capture_output=True,
        timeout=60,
    ).stdout
    path.write_bytes(data)
    return path
