"""One registry of the app's actions, with standard shortcuts (Picard style).

Widgets never create menu actions of their own: the main window builds every QAction from
this table and connects it to the panel that handles it, so menus, toolbar, shortcuts and
accessibility names stay consistent.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    tip: str
    shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = ()


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new_deck", "&New Deck…", "Create a new, empty deck", (Std.New,)),
    ActionSpec("new_default_deck", "New Deck from &Default Briefing…",
               "Create a deck from the generated default briefing of the essay"),
    ActionSpec("rename_deck", "&Rename Deck…", "Rename the current deck", ("F2",)),
    ActionSpec("duplicate_deck", "D&uplicate Deck…", "Copy the current deck"),
    ActionSpec("delete_deck", "Delete Deck…", "Delete the current deck (asks first)"),
    ActionSpec("deck_properties", "Deck &Properties…",
               "Title, subtitle, author or unit, date, distribution and marking of the deck"),
    ActionSpec("save", "&Save", "Write everything to the store now (edits save themselves)",
               (Std.Save,)),
    ActionSpec("export_pptx", "&Export to PowerPoint…", "Export the deck as an editable .pptx",
               ("Ctrl+E",)),
    ActionSpec("export_pdf", "Export to &PDF…", "Export the deck as a PDF", ("Ctrl+Shift+E",)),
    ActionSpec("export_handout", "Export &Handout…",
               "Export a read-ahead PDF: each slide with its speaker notes"),
    ActionSpec("export_review", "Export &Review Report…",
               "Export every argument with its review status and comments (PDF)"),
    ActionSpec("print_deck", "&Print Slides…", "Print the deck's slides, one to a page",
               ("Ctrl+P",)),
    ActionSpec("print_handout", "Print Han&dout…", "Print each slide with its speaker notes"),
    ActionSpec("print_review", "Print Re&view Report…",
               "Print every argument with its review status and comments"),
    ActionSpec("quit", "&Quit", "Quit the app", ("Ctrl+Q",)),
    ActionSpec("delete", "&Delete", "Delete the selected slide or point", (Std.Delete,)),
    ActionSpec("add_to_slide", "&Add to Slide", "Add the selected library items to the slide",
               ("Ctrl+Return",)),
    ActionSpec("reset_to_source", "Reset to &Source",
               "Put the source's wording back into the selected point", ("Ctrl+Shift+R",)),
    ActionSpec("new_slide", "New &Slide", "Add a slide after the current one", ("Ctrl+M",)),
    ActionSpec("slide_part", "Slide Pa&rt…",
               "Put the current slide in a part of the briefing: the agenda tracker on each "
               "slide of a part lists the parts and highlights its own"),
    ActionSpec("rename_part", "Rena&me Part…",
               "Rename a part of the briefing on every slide in it (one undo step)"),
    ActionSpec("find", "&Find", "Search the essay, arguments, quotes and actors", (Std.Find,)),
    ActionSpec("show_details", "&Details Pane", "Show or hide the Details pane on the right",
               ("Ctrl+3",)),
    ActionSpec("present", "&Present from Beginning", "Show the deck full screen (Esc ends it)",
               ("F5",)),
    ActionSpec("present_current", "Present from &Current Slide",
               "Show the deck full screen from the slide being edited", ("Shift+F5",)),
    ActionSpec("show_slides", "&Slides", "Assemble and edit slides", ("Ctrl+1",)),
    ActionSpec("show_review", "&Review", "Read the essay and review its arguments",
               ("Ctrl+2",)),
    ActionSpec("guide", "User &Guide", "How to find an argument, add it to a slide, review and "
               "export", ("F1",)),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "Every shortcut on one sheet", ("?",)),
    ActionSpec("about", "&About", "Version, the store's location and the bundled essay"),
)  # fmt: skip

SPECS = {spec.id: spec for spec in ACTIONS}


def build_actions(parent: QWidget) -> dict[str, QAction]:
    """A QAction per spec, owned by ``parent`` (undo/redo come from the QUndoStack)."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.id}")
        action.setToolTip(spec.tip)
        action.setStatusTip(spec.tip)
        keys: list[QKeySequence] = []
        for shortcut in spec.shortcuts:
            if isinstance(shortcut, QKeySequence.StandardKey):
                keys += QKeySequence.keyBindings(shortcut)
            else:
                keys.append(QKeySequence(shortcut))
        action.setShortcuts(keys)
        actions[spec.id] = action
    return actions
