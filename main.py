"""Start the Briefing desktop app on the bundled store (see README.md)."""

from __future__ import annotations

import sys

from briefing_app.gui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
