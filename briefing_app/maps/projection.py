"""Lambert azimuthal equal-area on the GRS80 ellipsoid (EPSG method 9820).

Formulas from IOGP Guidance Note 7-2 (section 1.3.11); with ``lat0=52, lon0=10`` and the
false origin 4321000 / 3210000 this is EPSG:3035 (ETRS89-LAEA Europe). Each bundled map
centres the projection on itself, so area is true everywhere and shapes are best in the
middle. Works on numpy arrays; metres in, degrees out (and back).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

A = 6378137.0
F = 1 / 298.257222101
E2 = F * (2 - F)
E = E2**0.5


def _q(sin_phi: np.ndarray | float) -> np.ndarray | float:
    es = E * sin_phi
    q: np.ndarray | float = (1 - E2) * (
        sin_phi / (1 - es * es) - np.log((1 - es) / (1 + es)) / (2 * E)
    )
    return q


@dataclass(frozen=True)
class LambertAzimuthalEqualArea:
    lat0: float = 52.0
    lon0: float = 10.0
    false_easting: float = 0.0
    false_northing: float = 0.0

    @property
    def name(self) -> str:
        return "Lambert azimuthal equal-area"

    @cached_property
    def _constants(self) -> tuple[float, float, float, float]:
        qp = _q(1.0)
        phi0 = np.radians(self.lat0)
        beta0 = np.arcsin(_q(np.sin(phi0)) / qp)
        rq = A * np.sqrt(qp / 2)
        d = A * (np.cos(phi0) / np.sqrt(1 - E2 * np.sin(phi0) ** 2)) / (rq * np.cos(beta0))
        return float(qp), float(beta0), float(rq), float(d)

    def forward(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Degrees to (easting, northing) in metres."""
        qp, beta0, rq, d = self._constants
        lam = np.radians(np.asarray(lon, dtype=float) - self.lon0)
        beta = np.arcsin(np.clip(_q(np.sin(np.radians(lat))) / qp, -1.0, 1.0))
        cos_b, sin_b, cos_l = np.cos(beta), np.sin(beta), np.cos(lam)
        denom = 1 + np.sin(beta0) * sin_b + np.cos(beta0) * cos_b * cos_l
        b = rq * np.sqrt(2 / np.maximum(denom, 1e-12))
        east = self.false_easting + b * d * cos_b * np.sin(lam)
        tilt = np.cos(beta0) * sin_b - np.sin(beta0) * cos_b * cos_l
        north = self.false_northing + (b / d) * tilt
        return east, north

    def inverse(self, east: np.ndarray, north: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(easting, northing) in metres back to degrees (lon, lat)."""
        _qp, beta0, rq, d = self._constants
        x = np.asarray(east, dtype=float) - self.false_easting
        y = np.asarray(north, dtype=float) - self.false_northing
        rho = np.hypot(x / d, d * y)
        c = 2 * np.arcsin(np.clip(rho / (2 * rq), -1.0, 1.0))
        safe = np.where(rho == 0, 1.0, rho)
        sin_c, cos_c = np.sin(c), np.cos(c)
        sin_beta = cos_c * np.sin(beta0) + d * y * sin_c * np.cos(beta0) / safe
        beta = np.arcsin(np.clip(sin_beta, -1, 1))
        beta = np.where(rho == 0, beta0, beta)
        lam = np.arctan2(
            x * sin_c, d * rho * np.cos(beta0) * cos_c - d * d * y * np.sin(beta0) * sin_c
        )
        e4, e6 = E2 * E2, E2 * E2 * E2
        phi = (
            beta
            + (E2 / 3 + 31 * e4 / 180 + 517 * e6 / 5040) * np.sin(2 * beta)
            + (23 * e4 / 360 + 251 * e6 / 3780) * np.sin(4 * beta)
            + (761 * e6 / 45360) * np.sin(6 * beta)
        )
        return self.lon0 + np.degrees(lam), np.degrees(phi)

    def forward_xy(self, coords: np.ndarray) -> np.ndarray:
        """(N, 2) lon/lat array to (N, 2) metres, for ``shapely.transform``."""
        east, north = self.forward(coords[:, 0], coords[:, 1])
        return np.column_stack([east, north])


def projection_from(params: dict[str, Any]) -> LambertAzimuthalEqualArea:
    """Build the projection a map spec names (only LAEA is offered)."""
    kind = str(params.get("name", "laea")).lower()
    if kind not in ("laea", "lambert-azimuthal-equal-area"):
        raise ValueError(f"Unknown map projection {kind!r}; use 'laea'.")
    return LambertAzimuthalEqualArea(
        lat0=float(params.get("lat0", 52.0)),
        lon0=float(params.get("lon0", 10.0)),
        false_easting=float(params.get("false_easting", 0.0)),
        false_northing=float(params.get("false_northing", 0.0)),
    )
