"""The deck editor: slide strip, slide canvas, speaker notes, deck picker and undo commands."""
