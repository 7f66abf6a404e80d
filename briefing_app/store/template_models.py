"""House PowerPoint templates in the store, content-addressed.

A template's bytes live in the store (not a path on someone's drive), so a deck exports
the same on another machine, on a team store, and offline. The SHA-256 of the bytes
identifies it: adding the same file twice stores it once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Integer, LargeBinary, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from briefing_app.store.models import Base


class Template(Base):
    __tablename__ = "template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[float] = mapped_column(Float)  # slide size in points
    height: Mapped[float] = mapped_column(Float)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
