"""At the service boundary a database failing becomes one sentence; a bug stays a bug."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from briefing_app.domain.errors import BriefingError
from briefing_app.services import library
from briefing_app.store.errors import StoreFailedError
from briefing_app.store.store import open_store

PAGE = 4096


def test_a_damaged_page_read_mid_session_is_one_sentence(essay_store_path: Path) -> None:
    store = open_store(essay_store_path)
    try:
        assert library.arguments(store)
        store.engine.dispose()  # let go of the file, as if another program wrote it now
        data = bytearray(essay_store_path.read_bytes())
        for offset in range(2 * PAGE, len(data), PAGE):  # page 1 (the header) stays
            data[offset : offset + PAGE] = b"\xa5" * PAGE
        essay_store_path.write_bytes(bytes(data))
        with pytest.raises(StoreFailedError) as caught:
            library.arguments(store)
    finally:
        store.close()
    assert isinstance(caught.value, BriefingError)
    sentence = caught.value.sentence
    assert sentence.startswith(f"The store {essay_store_path} could not carry out the request")
    assert sentence.endswith("nothing was changed.") and "\n" not in sentence


def test_a_bug_in_sql_is_not_relabelled(essay_store) -> None:
    with pytest.raises(DBAPIError) as caught, essay_store.read() as session:
        session.execute(text("SELECT no_such_column FROM argument"))
    assert not isinstance(caught.value, BriefingError)  # logged as unexpected, as it is
