"""The library side panel (search, argument tree, source tabs) and the detail view."""
