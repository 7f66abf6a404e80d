"""The third renderer: draw a laid-out slide with QPainter, exactly where layout put it.

Text runs are placed at layout's own measured advances (not Qt's), with hinting and
kerning off, so the canvas and thumbnails show the same lines as the PDF and PPTX.
"""

from __future__ import annotations

from functools import cache, lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGradient,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
)

from briefing_app.domain.text import safe_link
from briefing_app.layout.boxes import (
    Gradient,
    LaidSlide,
    PathBox,
    PictureBox,
    RectBox,
    RuleBox,
    TextBox,
    TextStyle,
)
from briefing_app.layout.fonts import FAMILIES
from briefing_app.layout.metrics import text_width


@cache
def register_fonts() -> dict[str, str]:
    """Load the bundled TrueType files into Qt once; family key → Qt family name."""
    names: dict[str, str] = {}
    for key, family in FAMILIES.items():
        for bold in (False, True):
            for italic in (False, True):
                font_id = QFontDatabase.addApplicationFont(str(family.file_for(bold, italic)))
                families = QFontDatabase.applicationFontFamilies(font_id)
                if families:
                    names[key] = families[0]
    return names


@lru_cache(maxsize=64)
def _image(path: str) -> QImage:
    """A picture decoded once: a template's background photo and logo are drawn on every
    slide and thumbnail (pictures are files named by their content, never rewritten)."""
    return QImage(path)


def _color(hex_color: str) -> QColor:
    return QColor(f"#{hex_color.lstrip('#')[:6]}")


def qfont(style: TextStyle, dpi: float) -> QFont:
    """A QFont whose em is ``style.size`` units in the painter's page coordinates."""
    family = register_fonts().get(style.font) or register_fonts().get("sans", "Liberation Sans")
    font = QFont(family)
    font.setPointSizeF(style.size * 72.0 / dpi)
    font.setBold(style.bold)
    font.setItalic(style.italic)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def paint_slide(painter: QPainter, slide: LaidSlide, target: QRectF) -> None:
    """Draw ``slide`` scaled into ``target`` (device coordinates of the painter)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.translate(target.x(), target.y())
    painter.scale(target.width() / slide.width, target.height() / slide.height)
    painter.fillRect(QRectF(0, 0, slide.width, slide.height), QColor("white"))
    dpi = float(painter.device().logicalDpiY() or 96)
    for box in slide.boxes:
        if isinstance(box, TextBox):
            _text(painter, box, dpi)
        elif isinstance(box, RectBox):
            _rect(painter, box)
        elif isinstance(box, RuleBox):
            painter.setPen(QPen(_color(box.color), box.width))
            painter.drawLine(QPointF(box.x1, box.y1), QPointF(box.x2, box.y2))
        elif isinstance(box, PathBox):
            _path(painter, box)
        elif isinstance(box, PictureBox):
            image = _image(box.path)
            if not image.isNull():
                if box.clip:  # a shape filled with the picture
                    painter.save()
                    painter.setClipPath(_outline(box.clip), Qt.ClipOperation.IntersectClip)
                painter.drawImage(QRectF(box.x, box.y, box.w, box.h), image)
                if box.clip:
                    painter.restore()
    painter.restore()


def render_image(slide: LaidSlide, width: int, device_pixel_ratio: float = 1.0) -> QImage:
    """The slide as an image ``width`` logical pixels wide (thumbnails, screenshots)."""
    height = round(width * slide.height / slide.width)
    image = QImage(
        round(width * device_pixel_ratio),
        round(height * device_pixel_ratio),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(device_pixel_ratio)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        paint_slide(painter, slide, QRectF(0, 0, width, height))
    finally:
        painter.end()
    return image


def _brush(fill: str | None, gradient: Gradient | None, opacity: float) -> QBrush:
    """The brush of a solid or gradient fill at ``opacity`` (as the PDF fills it)."""
    if gradient is not None:
        g = gradient
        qgradient: QGradient
        if g.radius > 0:
            qgradient = QRadialGradient(QPointF(g.x1, g.y1), g.radius)
        else:
            qgradient = QLinearGradient(QPointF(g.x1, g.y1), QPointF(g.x2, g.y2))
        each = g.opacities if len(g.opacities) == len(g.stops) else (1.0,) * len(g.stops)
        for (position, color), own in zip(g.stops, each, strict=True):
            qcolor = _color(color)
            qcolor.setAlphaF(opacity * own)  # a stop's own opacity (a glow fading out)
            qgradient.setColorAt(position, qcolor)
        qgradient.setSpread(QGradient.Spread.PadSpread)
        # colour and opacity each interpolated on their own (not premultiplied), as
        # LibreOffice draws a fill gradient under a transparency gradient, and the PDF too
        qgradient.setInterpolationMode(QGradient.InterpolationMode.ComponentInterpolation)
        return QBrush(qgradient)
    if not fill:
        return QBrush(Qt.BrushStyle.NoBrush)
    qcolor = _color(fill)
    qcolor.setAlphaF(opacity)
    return QBrush(qcolor)


def _rect(painter: QPainter, box: RectBox) -> None:
    pen = QPen(_color(box.stroke), box.stroke_width) if box.stroke else Qt.PenStyle.NoPen
    painter.setPen(pen)
    painter.setBrush(_brush(box.fill, box.gradient, box.opacity))
    painter.drawRect(QRectF(box.x, box.y, box.w, box.h))


def _outline(
    rings: tuple[tuple[tuple[float, float], ...], ...], closed: bool = True
) -> QPainterPath:
    """The polygons ``rings`` as one path, filled even-odd (holes cut out)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        if not ring:
            continue
        path.moveTo(*ring[0])
        for point in ring[1:]:
            path.lineTo(*point)
        if closed:
            path.closeSubpath()
    return path


def _path(painter: QPainter, box: PathBox) -> None:
    path = _outline(box.rings, box.closed)
    pen = QPen(_color(box.stroke), box.stroke_width) if box.stroke else Qt.PenStyle.NoPen
    painter.setPen(pen)
    if box.closed:
        painter.setBrush(_brush(box.fill, box.gradient, box.opacity))
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    if box.closed and box.hatch:
        painter.save()
        painter.setClipPath(path)
        painter.setPen(QPen(_color(box.hatch), 0.6))
        bounds = path.boundingRect()
        step, x = 4.0, bounds.left() - bounds.height()
        while x <= bounds.right():
            painter.drawLine(
                QPointF(x, bounds.bottom()), QPointF(x + bounds.height(), bounds.top())
            )
            x += step
        painter.restore()


def _text(painter: QPainter, box: TextBox, dpi: float) -> None:
    if box.fill:
        painter.fillRect(QRectF(box.x, box.y, box.w, box.h), _color(box.fill))
    for paragraph in box.paragraphs:
        if paragraph.bullet and paragraph.lines:
            first = paragraph.lines[0]
            style = paragraph.bullet_style or (first.runs[0].style if first.runs else None)
            if style is not None:
                painter.setFont(qfont(style, dpi))
                painter.setPen(_color(style.color))
                painter.drawText(QPointF(paragraph.bullet_x, first.baseline), paragraph.bullet)
        for line in paragraph.lines:
            x = line.x
            for run in line.runs:
                if not run.text:
                    continue
                font = qfont(run.style, dpi)
                if safe_link(run.link):
                    font.setUnderline(True)
                painter.setFont(font)
                painter.setPen(_color(run.style.color))
                painter.drawText(QPointF(x, line.baseline), run.text)
                x += text_width(run.text, run.style)
