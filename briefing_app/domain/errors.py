"""One error model: an error a user can cause is a :class:`BriefingError` with a sentence.

Every such error, whatever part of the product raises it (the store, importers, maps,
templates, decks), derives from :class:`BriefingError`, so the CLI and the GUI show
``error.sentence`` and nothing else. Anything else is unexpected: it is logged with its
traceback (:mod:`briefing_app.errorlog`) and shown as what it is, never relabelled.
"""

from __future__ import annotations


class BriefingError(Exception):
    """An error the user can cause or fix; ``str(error)`` is one sentence for them."""

    @property
    def sentence(self) -> str:
        """The message as one sentence: whitespace collapsed, ending in punctuation."""
        text = " ".join(str(self).split()) or "The request could not be carried out"
        return text if text.endswith((".", "?", "!")) else f"{text}."
