"""What each of our slide layouts wants from a template layout, as the layouts declare it.

Each layout says which placeholder kind each part of its slides goes into and where that
part sits (:meth:`~briefing_app.layout.slide_layout.SlideLayout.template_slots`). Our own
template is built from these declarations and a user's template layouts are scored
against them, so both directions use one description, and a new layout brings its own.
"""

from __future__ import annotations

from briefing_app.layout import registry
from briefing_app.layout.slide_layout import TemplateSlots
from briefing_app.layout.theme import MINISTRY, Theme


def layout_slots(t: Theme = MINISTRY, marked: bool = True) -> dict[str, TemplateSlots]:
    """Our layouts' wishes by layout name, in the order our template lists them (the
    general one first: it serves any layout name no module knows); the frames are those
    of a marked deck unless ``marked`` is False."""
    order = (registry.FALLBACK, *(lay for lay in registry.LAYOUTS if lay is not registry.FALLBACK))
    return {layout.name: layout.template_slots(t, marked) for layout in order}


LAYOUT_SLOTS: dict[str, TemplateSlots] = layout_slots()
