"""The decision the unit asks for, with its options numbered, marked as the unit's (no
source needed)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.unit import UnitContent, UnitLayout


@dataclass(frozen=True)
class DecisionSoughtContent(UnitContent):
    pass


class DecisionSoughtLayout(UnitLayout[DecisionSoughtContent]):
    name = "decision"
    label = "Decision sought"
    tag = "Policy unit: decision sought"
    numbered = True
    content_type = DecisionSoughtContent


LAYOUT = DecisionSoughtLayout()
