"""What the layout engine asks of a figure drawn in a slide's frame (a map, today).

The layout layer defines this protocol and never imports what implements it: a map
(:class:`briefing_app.maps.spec.MapSpec`) draws itself into the frame it is given, so
``layout`` stays below ``maps`` in the layer order.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from briefing_app.layout.boxes import Box

FigureFrame = tuple[float, float, float, float]  # x, y, w, h in page points


@runtime_checkable
class Figure(Protocol):
    """A vector figure: every box it draws lies inside ``frame``."""

    def boxes(self, frame: FigureFrame, font: str) -> list[Box]:
        """The figure's boxes inside ``frame`` = (x, y, w, h) in page points, its text in
        the family ``font`` (a layout.fonts key: the slide theme's body font)."""
        ...
