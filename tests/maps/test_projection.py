"""Lambert azimuthal equal-area against the EPSG worked example and its own inverse."""

from __future__ import annotations

import numpy as np
import pytest

from briefing_app.maps.projection import LambertAzimuthalEqualArea, projection_from


def test_epsg_3035_worked_example() -> None:
    # IOGP Guidance Note 7-2, method 9820: ETRS89-LAEA, lat 50 N, lon 5 E.
    proj = LambertAzimuthalEqualArea(52.0, 10.0, 4321000.0, 3210000.0)
    east, north = proj.forward(np.array([5.0]), np.array([50.0]))
    assert east[0] == pytest.approx(3962799.45, abs=0.01)
    assert north[0] == pytest.approx(2999718.85, abs=0.01)


def test_centre_and_round_trip() -> None:
    proj = LambertAzimuthalEqualArea(48.5, 31.2)
    e, n = proj.forward(np.array([31.2]), np.array([48.5]))
    assert abs(e[0]) < 1e-6 and abs(n[0]) < 1e-6
    lon = np.array([-10.0, 20.5, 44.9, 60.0, 31.2])
    lat = np.array([35.0, 42.6, 70.0, 55.5, 48.5])
    back_lon, back_lat = proj.inverse(*proj.forward(lon, lat))
    assert np.allclose(back_lon, lon, atol=1e-7) and np.allclose(back_lat, lat, atol=1e-7)


def test_equal_area() -> None:
    # A 1 x 1 degree cell at 50 N has about 7,800 km^2 wherever it lies in the map.
    proj = LambertAzimuthalEqualArea(52.0, 10.0)
    areas = []
    for lon0 in (-5.0, 10.0, 35.0):
        lon = np.array([lon0, lon0 + 1, lon0 + 1, lon0])
        lat = np.array([50.0, 50.0, 51.0, 51.0])
        x, y = proj.forward(lon, lat)
        areas.append(0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    assert max(areas) / min(areas) < 1.002
    assert 7.7e9 < areas[0] < 7.9e9


def test_unknown_projection_is_refused() -> None:
    with pytest.raises(ValueError, match="laea"):
        projection_from({"name": "mercator"})
