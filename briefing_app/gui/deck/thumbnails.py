"""Slide thumbnails drawn by the shared painter, cached per stored slide and its content."""

from __future__ import annotations

from PySide6.QtGui import QImage

from briefing_app.gui import painter
from briefing_app.layout.boxes import Box, LaidSlide

THUMB_WIDTH = 192


class ThumbnailCache:
    """One image per stored slide, redrawn only when its laid boxes change.

    A slide that moved gets a new number in its footer, so it is redrawn; notes-only edits
    leave the boxes alone and reuse the image. ``renders`` counts actual draws.
    """

    def __init__(self, width: int = THUMB_WIDTH) -> None:
        self.width = width
        self.renders = 0
        # slide id → (the boxes drawn, device pixel ratio, image)
        self._images: dict[int, tuple[tuple[Box, ...], float, QImage]] = {}

    def image(self, slide_id: int, laid: LaidSlide, dpr: float = 1.0) -> QImage:
        cached = self._images.get(slide_id)
        if cached is not None:
            boxes, ratio, image = cached
            if ratio == dpr and (boxes is laid.boxes or boxes == laid.boxes):
                if boxes is not laid.boxes:  # equal content: remember the new tuple
                    self._images[slide_id] = (laid.boxes, ratio, image)
                return image
        image = painter.render_image(laid, self.width, dpr)
        self.renders += 1
        self._images[slide_id] = (laid.boxes, dpr, image)
        return image

    def retain(self, slide_ids: set[int]) -> None:
        """Forget slides that are gone."""
        for slide_id in set(self._images) - slide_ids:
            del self._images[slide_id]

    def clear(self) -> None:
        self._images.clear()
