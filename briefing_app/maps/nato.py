"""NATO's members from the list we keep (``resources/maps/nato_members.toml``).

Maps colour members from this list, never from codes in the boundary data (Natural Earth
gives France and Norway no ISO_A3 code). A layer selects them with the id ``@nato``, in
``ids`` or ``exclude``; member countries are labelled with NATO's names ("Türkiye").
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from briefing_app.maps.geodata import MAPS_DIR

MEMBERS_PATH = MAPS_DIR / "nato_members.toml"
GROUP = "@nato"


@dataclass(frozen=True)
class Member:
    name: str  # as NATO writes it
    joined: date
    features: tuple[str, ...]  # feature ids of its territory in the bundled subset


@cache
def members() -> tuple[Member, ...]:
    """Every member, in order of accession."""
    with MEMBERS_PATH.open("rb") as handle:
        data = tomllib.load(handle)
    rows = [
        Member(str(m["name"]), date.fromisoformat(str(m["joined"])), tuple(m["features"]))
        for m in data["member"]
    ]
    return tuple(sorted(rows, key=lambda m: (m.joined, m.name)))


def member_feature_ids() -> tuple[str, ...]:
    return tuple(fid for m in members() for fid in m.features)


def label_names() -> dict[str, str]:
    """A member's main feature id → its name as NATO writes it."""
    return {m.features[0]: m.name for m in members() if m.features}


def expand(ids: tuple[str, ...]) -> tuple[str, ...]:
    """``ids`` with ``@nato`` replaced by the members' feature ids."""
    out: list[str] = []
    for fid in ids:
        out += member_feature_ids() if fid == GROUP else [fid]
    return tuple(out)
