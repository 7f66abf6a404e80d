"""PowerPoint templates: our own house template, reading any user's .pptx/.potx safely,
and choosing which of its slide layouts each of our layouts uses (Qt-free)."""
