"""Options the unit sets out, numbered, marked as the unit's (no source needed)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.unit import UnitContent, UnitLayout


@dataclass(frozen=True)
class OptionsContent(UnitContent):
    pass


class OptionsLayout(UnitLayout[OptionsContent]):
    name = "options"
    label = "Policy unit: options"
    tag = "Policy unit: options"
    numbered = True
    content_type = OptionsContent


LAYOUT = OptionsLayout()
