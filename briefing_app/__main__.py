"""``python -m briefing_app``: the command line."""

from __future__ import annotations

import sys

from briefing_app.cli import main

sys.exit(main())
