"""Next steps the unit proposes, marked as the unit's (no source needed)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.unit import UnitContent, UnitLayout


@dataclass(frozen=True)
class NextStepsContent(UnitContent):
    pass


class NextStepsLayout(UnitLayout[NextStepsContent]):
    name = "next_steps"
    label = "Policy unit: next steps"
    tag = "Policy unit: next steps"
    numbered = False
    content_type = NextStepsContent


LAYOUT = NextStepsLayout()
