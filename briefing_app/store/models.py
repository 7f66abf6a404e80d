"""The store's tables as SQLAlchemy 2.x typed ORM models.

Portable SQL only: anything specific to SQLite (pragmas, FTS5) lives in
``briefing_app.store.sqlite``. Spans are character offsets into the clean text of a
paragraph or a footnote (exactly one of the two is set).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from briefing_app.domain.dates import PRECISIONS
from briefing_app.domain.vocabulary import (
    ACTOR_KINDS,
    ARGUMENT_KINDS,
    CORRECTABLE_KINDS,
    CORRECTION_KINDS,
    RELATION_KINDS,
    REVIEW_STATUSES,
    SOURCE_KINDS,
)
from briefing_app.store.types import JSON, Date, DateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# How precisely an event's date is known: "approximate" is the essay's "around …".


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Document(Base):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    affiliation: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date)
    revised: Mapped[date | None] = mapped_column(Date)
    category: Mapped[str | None] = mapped_column(String(200))
    image_caption: Mapped[str | None] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    source_name: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    # sha256 of the curated argument-map file last applied (None: none yet, or a store made
    # before migration 0014); a bundled map that differs is applied again when the store opens.
    argument_map_hash: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    sections: Mapped[list[Section]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Section.position"
    )
    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Paragraph.position"
    )
    footnotes: Mapped[list[Footnote]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Footnote.number"
    )


class Section(Base):
    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="sections")
    __table_args__ = (UniqueConstraint("document_id", "position"),)


class Paragraph(Base):
    __tablename__ = "paragraph"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)  # index within the document, from 0
    text: Mapped[str] = mapped_column(Text)
    source_line: Mapped[int | None] = mapped_column(Integer)

    document: Mapped[Document] = relationship(back_populates="paragraphs")
    section: Mapped[Section] = relationship()
    __table_args__ = (UniqueConstraint("document_id", "position"),)


class Footnote(Base):
    __tablename__ = "footnote"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph.id", ondelete="SET NULL")
    )
    offset: Mapped[int | None] = mapped_column(Integer)  # marker position in paragraph text

    document: Mapped[Document] = relationship(back_populates="footnotes")
    paragraph: Mapped[Paragraph | None] = relationship()
    __table_args__ = (UniqueConstraint("document_id", "number"),)


class _Spanned:
    """Columns shared by everything anchored to a stretch of clean text."""

    paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraph.id", ondelete="SET NULL"), index=True
    )
    footnote_id: Mapped[int | None] = mapped_column(
        ForeignKey("footnote.id", ondelete="SET NULL"), index=True
    )
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)


class Link(_Spanned, Base):
    __tablename__ = "link"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    anchor_text: Mapped[str] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)


class TextStyleSpan(_Spanned, Base):
    """Emphasis or strong text inside a paragraph or footnote."""

    __tablename__ = "text_style_span"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))


argument_footnote = Table(
    "argument_footnote",
    Base.metadata,
    Column("argument_id", ForeignKey("argument.id", ondelete="CASCADE"), primary_key=True),
    Column("footnote_id", ForeignKey("footnote.id", ondelete="CASCADE"), primary_key=True),
)

argument_tag = Table(
    "argument_tag",
    Base.metadata,
    Column("argument_id", ForeignKey("argument.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True),
)


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Argument(_Spanned, Base):
    __tablename__ = "argument"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(300))
    claim: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    perspectives: Mapped[list[str]] = mapped_column(JSON(list), default=list)
    quote: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20), default="curated")  # curated | user

    footnotes: Mapped[list[Footnote]] = relationship(
        secondary=argument_footnote, order_by="Footnote.number"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=argument_tag, order_by="Tag.name")
    reviews: Mapped[list[ReviewAnnotation]] = relationship(
        back_populates="argument",
        cascade="all, delete-orphan",
        order_by="ReviewAnnotation.created_at",
    )
    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        CheckConstraint(f"kind IN {ARGUMENT_KINDS!r}", name="kind"),
    )


class ArgumentRelation(Base):
    __tablename__ = "argument_relation"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("argument.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("argument.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))

    source: Mapped[Argument] = relationship(foreign_keys=[source_id])
    target: Mapped[Argument] = relationship(foreign_keys=[target_id])
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "kind"),
        CheckConstraint(f"kind IN {RELATION_KINDS!r}", name="kind"),
    )


class ReviewAnnotation(Base):
    __tablename__ = "review_annotation"

    id: Mapped[int] = mapped_column(primary_key=True)
    argument_id: Mapped[int] = mapped_column(
        ForeignKey("argument.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="unreviewed")
    comment: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    argument: Mapped[Argument] = relationship(back_populates="reviews")
    __table_args__ = (CheckConstraint(f"status IN {REVIEW_STATUSES!r}", name="status"),)


class DocumentPerspective(Base):
    """A party whose view an argument can take, as the document's argument map declares it
    (``[[perspective]]``: a key arguments use, and the name shown for it)."""

    __tablename__ = "perspective"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("document_id", "key"),)


class Actor(Base):
    __tablename__ = "actor"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")

    aliases: Mapped[list[ActorAlias]] = relationship(
        back_populates="actor", cascade="all, delete-orphan", order_by="ActorAlias.alias"
    )
    __table_args__ = (
        UniqueConstraint("document_id", "key"),
        CheckConstraint(f"kind IN {ACTOR_KINDS!r}", name="kind"),
    )


class ActorAlias(Base):
    __tablename__ = "actor_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actor.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(300))

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class Quote(_Spanned, Base):
    __tablename__ = "quote"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("actor.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(String(10))  # YYYY, YYYY-MM or YYYY-MM-DD
    context: Mapped[str] = mapped_column(Text, default="")
    # Words that no one spoke but a text holds (a bill, a statement): the text, named as a
    # reader should see it; the speaker is then empty.
    source: Mapped[str | None] = mapped_column(Text)

    speaker: Mapped[Actor | None] = relationship()
    __table_args__ = (UniqueConstraint("document_id", "key"),)


class Event(_Spanned, Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(200))
    date_text: Mapped[str] = mapped_column(String(10))  # YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: Mapped[str] = mapped_column(String(12), default="day")
    description: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text, default="")
    # One of domain.dates.PRECISIONS; checked by the importer and the services (an existing
    # table's CHECK cannot be changed on SQLite without rebuilding it).
    __table_args__ = (UniqueConstraint("document_id", "key"),)


# Portable (PostgreSQL cannot add booleans): exactly one target column is set.
ONE_TARGET = (
    " + ".join(f"(CASE WHEN {kind}_id IS NULL THEN 0 ELSE 1 END)" for kind in CORRECTABLE_KINDS)
    + " = 1"
)


class Correction(Base):
    """A reviewer's correction or caveat beside one argument, quote, event or actor.

    The essay stays verbatim; this is what a fact-checker adds. For an event,
    ``date_text``/``date_precision`` give the corrected date, which timelines sort by.
    Exactly one of the four target columns is set; deleting the target deletes it.
    ``origin`` is "curated" (shipped with the argument map, replaced on reload) or
    "user" (made or edited in the app, never touched by a reload).
    """

    __tablename__ = "correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    argument_id: Mapped[int | None] = mapped_column(
        ForeignKey("argument.id", ondelete="CASCADE"), unique=True
    )
    quote_id: Mapped[int | None] = mapped_column(
        ForeignKey("quote.id", ondelete="CASCADE"), unique=True
    )
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), unique=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actor.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="correction")
    text: Mapped[str] = mapped_column(Text)
    date_text: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(12))
    origin: Mapped[str] = mapped_column(String(20), default="user")  # curated | user
    author: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    __table_args__ = (
        CheckConstraint(f"kind IN {CORRECTION_KINDS!r}", name="kind"),
        CheckConstraint("origin IN ('curated', 'user')", name="origin"),
        CheckConstraint(ONE_TARGET, name="one_target"),
        CheckConstraint(
            f"date_precision IS NULL OR date_precision IN {PRECISIONS!r}",
            name="date_precision",
        ),
    )


# --- decks ------------------------------------------------------------------------------


class Deck(Base):
    __tablename__ = "deck"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(300), default="")
    date_label: Mapped[str] = mapped_column(String(100), default="")
    marking: Mapped[str | None] = mapped_column(String(100))
    # Who the deck is for, printed on its cover ("Distribution: …"); "" for none.
    distribution: Mapped[str] = mapped_column(Text, default="", server_default="")
    theme: Mapped[str] = mapped_column(String(50), default="ministry")
    # The house PowerPoint template the deck exports in (None: our own template).
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("template.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())

    slides: Mapped[list[Slide]] = relationship(
        back_populates="deck", cascade="all, delete-orphan", order_by="Slide.position"
    )


class Slide(Base):
    __tablename__ = "slide"

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int] = mapped_column(ForeignKey("deck.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    layout: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(Text, default="")
    subtitle: Mapped[str] = mapped_column(Text, default="")
    left_heading: Mapped[str] = mapped_column(Text, default="")
    right_heading: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The part of the briefing the slide belongs to ("" for none), named as the agenda
    # tracker shows it; a deck's parts are its slides' parts in slide order.
    part: Mapped[str] = mapped_column(String(100), default="", server_default="")

    deck: Mapped[Deck] = relationship(back_populates="slides")
    items: Mapped[list[SlideItem]] = relationship(
        back_populates="slide",
        cascade="all, delete-orphan",
        order_by="(SlideItem.column, SlideItem.position)",
    )


class SlideItem(Base):
    """A point on a slide: the briefer's wording plus the stored piece it came from.

    ``text`` always holds the wording shown; it differs from the source when the briefer
    edited it, and "reset to source" copies the source's current text back.
    """

    __tablename__ = "slide_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    slide_id: Mapped[int] = mapped_column(ForeignKey("slide.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    column: Mapped[int] = mapped_column(Integer, default=0)  # 0 main/left, 1 right
    level: Mapped[int] = mapped_column(Integer, default=0)
    source_kind: Mapped[str | None] = mapped_column(String(20))
    source_id: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")

    slide: Mapped[Slide] = relationship(back_populates="items")
    __table_args__ = (
        CheckConstraint(
            f"source_kind IS NULL OR source_kind IN {SOURCE_KINDS!r}", name="source_kind"
        ),
    )


class UndoStep(Base):
    """One undoable edit in a deck's history (or the library's, when ``deck_id`` is None).

    The history lives in the store, not in a window, so ``briefing-app undo`` (a process
    of its own each time) can undo the last edit made in the app or on the command line.
    ``command`` is the edit's JSON form (:mod:`briefing_app.services.commands`); rows of
    a deck go with it.
    """

    __tablename__ = "undo_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    deck_id: Mapped[int | None] = mapped_column(
        ForeignKey("deck.id", ondelete="CASCADE"), index=True
    )
    label: Mapped[str] = mapped_column(Text, default="")
    command: Mapped[str] = mapped_column(Text)
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.now())
