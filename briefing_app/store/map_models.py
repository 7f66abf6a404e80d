"""Maps in the store: a map, its ordered styled layers and the arguments it illustrates.

Portable SQL (JSON columns, no SQLite-only features); shares ``Base`` with the other models.
A map's geometry is not stored when it comes from the bundled Natural Earth subset (layers
hold feature ids); imported layers keep their GeoJSON geometries in ``features``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from briefing_app.store.models import Argument, Base, Document
from briefing_app.store.types import JSON, DateTime, Extent

MAP_ORIGINS = ("bundled", "user")
LAYER_SOURCES = ("countries", "admin1", "disputed", "inline")

map_argument = Table(
    "map_argument",
    Base.metadata,
    Column("map_id", ForeignKey("map.id", ondelete="CASCADE"), primary_key=True),
    Column("argument_id", ForeignKey("argument.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False, default=0),
)


class Map(Base):
    __tablename__ = "map"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    caption: Mapped[str] = mapped_column(Text, default="")
    extent: Mapped[list[float]] = mapped_column(Extent())  # lon_min, lat_min, lon_max, lat_max
    projection: Mapped[dict[str, Any]] = mapped_column(JSON(dict))
    # legend, scale bar, inset, notes
    options: Mapped[dict[str, Any]] = mapped_column(JSON(dict), default=dict)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), index=True
    )
    origin: Mapped[str] = mapped_column(String(20), default="user")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    document: Mapped[Document | None] = relationship()
    layers: Mapped[list[MapLayer]] = relationship(
        back_populates="map", cascade="all, delete-orphan", order_by="MapLayer.position"
    )
    arguments: Mapped[list[Argument]] = relationship(
        secondary=map_argument, order_by=map_argument.c.position
    )
    __table_args__ = (CheckConstraint(f"origin IN {MAP_ORIGINS!r}", name="origin"),)


class MapLayer(Base):
    __tablename__ = "map_layer"

    id: Mapped[int] = mapped_column(primary_key=True)
    map_id: Mapped[int] = mapped_column(ForeignKey("map.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # area | line
    source: Mapped[str] = mapped_column(String(20))
    # ids, exclude, merge, label_text
    selector: Mapped[dict[str, Any]] = mapped_column(JSON(dict), default=dict)
    # imported GeoJSON features
    features: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON(list))
    style: Mapped[dict[str, Any]] = mapped_column(JSON(dict), default=dict)
    legend: Mapped[str | None] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    # False for a layer imported before the geometry limits (migration 0013) until the map
    # service has validated it once; drawing reads only checked geometry
    geometry_checked: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    map: Mapped[Map] = relationship(back_populates="layers")
    __table_args__ = (
        UniqueConstraint("map_id", "name"),
        CheckConstraint(f"source IN {LAYER_SOURCES!r}", name="source"),
    )
