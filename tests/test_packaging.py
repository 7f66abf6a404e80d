"""The package installs as a wheel and runs from any folder, with its data inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
import setuptools

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = set(setuptools.find_packages(str(ROOT), include=["briefing_app*"]))
    assert found | {"briefing_app.resources"} == listed


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.stress
def test_wheel_runs_the_cli_and_the_app_from_another_folder(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(wheels)],
        tmp_path,
        dict(os.environ),
    )
    (wheel,) = wheels.glob("briefing_app-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "briefing_app/resources/maps/natural_earth_subset.json" in names
    # Checkout tools stay out: the map-data derivation script ships neither as code nor data.
    assert not [name for name in names if name.endswith("derive.py")], names
    env_dir = tmp_path / "venv"
    # The venv sees the installed dependencies (PySide6 …) but gets its own briefing_app.
    venv.create(env_dir, system_site_packages=True, with_pip=True)
    python = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BRIEFING_DB")}
    _run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], tmp_path, env)

    home = tmp_path / "home"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env |= {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_DOCUMENTS_DIR": str(home / "Documents"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    cli = str(env_dir / "bin" / "briefing-app")
    where = _run([str(python), "-c", "import briefing_app; print(briefing_app.__file__)"],
                 elsewhere, env)  # fmt: skip
    assert where.startswith(str(env_dir))

    version = _run([cli, "--version"], elsewhere, env)
    store = home / "data" / "briefing-app" / "briefing.sqlite"
    assert str(store) in version

    _run([cli, "init"], elsewhere, env)
    assert store.is_file()
    _run([cli, "deck", "create", "Brief", "--from", "default-briefing"], elsewhere, env)
    _run([cli, "export", "Brief", "--format", "pdf", "--out", "brief.pdf"], elsewhere, env)
    _run([cli, "export", "Brief", "--format", "pptx", "--out", "brief.pptx"], elsewhere, env)
    assert (elsewhere / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert (elsewhere / "brief.pptx").read_bytes().startswith(b"PK")

    shot = elsewhere / "window.png"
    gui = str(env_dir / "bin" / "briefing-app-gui")
    _run([gui, "--screenshot", str(shot), "--deck", "Brief"], elsewhere, env)
    assert shot.read_bytes().startswith(b"\x89PNG")
    assert not (elsewhere / "db").exists()
