"""Bundled data: the essay, its argument map, fonts, maps and briefings.

Installed, this folder is the package ``briefing_app.resources`` (see pyproject.toml).
"""
