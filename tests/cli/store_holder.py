"""A child holding a store open the app's way, writing what its parent asks (one line each):
``commit TITLE`` sets the deck's title and commits, ``begin TITLE`` sets it in a
transaction left open; each answers ``ok``. It prints ``ready`` once the store is open."""

from __future__ import annotations

import sys

from sqlalchemy import update

from briefing_app.services.bootstrap import open_prepared
from briefing_app.store.models import Deck

store = open_prepared(sys.argv[1])
pending = []
print("ready", flush=True)
for line in sys.stdin:
    verb, _, title = line.strip().partition(" ")
    if verb == "commit":
        with store.transaction() as session:
            session.execute(update(Deck).values(title=title))
    elif verb == "begin":
        connection = store.engine.connect()
        connection.execute(update(Deck).values(title=title))
        pending.append(connection)  # never committed
    print("ok", flush=True)
