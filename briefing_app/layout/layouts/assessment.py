"""The unit's own assessment: what the unit judges, in its words, marked as the unit's (no
source needed)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.layout.unit import UnitContent, UnitLayout


@dataclass(frozen=True)
class AssessmentContent(UnitContent):
    pass


class AssessmentLayout(UnitLayout[AssessmentContent]):
    name = "assessment"
    label = "Policy unit assessment"
    tag = "Policy unit assessment"
    numbered = False
    content_type = AssessmentContent


LAYOUT = AssessmentLayout()
