"""Full-text search: ranking, snippets, diacritics and hostile queries."""

from __future__ import annotations

import pytest

from briefing_app.services.search import search


def test_finds_paragraphs_with_highlighted_snippet(essay_store) -> None:
    hits = search(essay_store, "Duma Crimea")
    assert hits, "expected a hit for Duma Crimea"
    top = hits[0]
    assert any(h.kind == "paragraph" for h in hits)
    marked = top.marked_snippet("[", "]")
    assert "[Duma]" in marked or "[Crimea]" in marked
    for start, end in top.highlights:
        assert top.snippet[start:end].lower() in {"duma", "crimea"}


def test_results_are_ranked_best_first(essay_store) -> None:
    hits = search(essay_store, "Kosovo", limit=50)
    ranks = [h.rank for h in hits]
    assert ranks == sorted(ranks)
    assert len(hits) > 5


def test_diacritics_are_optional(essay_store) -> None:
    with_marks = {(h.kind, h.id) for h in search(essay_store, "Vučić")}
    without = {(h.kind, h.id) for h in search(essay_store, "Vucic")}
    assert with_marks and with_marks == without


def test_footnotes_are_searchable(essay_store) -> None:
    hits = search(essay_store, "Witkoff")
    assert any(h.kind == "footnote" for h in hits)


def test_prefix_match_while_typing(essay_store) -> None:
    assert search(essay_store, "Šekerin")


def test_limit_is_respected(essay_store) -> None:
    assert len(search(essay_store, "the", limit=3)) == 3
    assert search(essay_store, "the", limit=0) == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "NEAR(",
        "NEAR(Putin Kosovo",
        "*",
        "Kos*",
        "-Kosovo",
        "title:Kosovo",
        ":",
        "(",
        ")",
        "((Putin",
        "Putin AND",
        "OR",
        "NOT Putin",
        "^Putin",
        "{Putin}",
        "'; DROP TABLE argument; --",
        "\x00",
        "",
        "   ",
        'Vučić "Đukić',
        "a" * 5000,
        "🙂",
    ],
)
def test_hostile_queries_never_raise(essay_store, query: str) -> None:
    hits = search(essay_store, query)
    assert isinstance(hits, list)


def test_operators_are_plain_words(essay_store) -> None:
    plain = {(h.kind, h.id) for h in search(essay_store, "Putin Kosovo ")}
    with_noise = {(h.kind, h.id) for h in search(essay_store, 'NEAR("Putin" -Kosovo:) ')}
    # NEAR is searched as a word too, so the noisy query can only narrow the result.
    assert with_noise <= plain


def test_index_follows_edits(essay_store) -> None:
    from briefing_app.store.models import Argument, Tag

    with essay_store.transaction() as session:
        session.add(Tag(name="unused"))
        argument = session.query(Argument).first()
        assert argument is not None
        argument.label = "Zanzibarish label"
        argument_id = argument.id
    hits = search(essay_store, "zanzibarish")
    assert [(h.kind, h.id) for h in hits] == [("argument", argument_id)]
    with essay_store.transaction() as session:
        session.delete(session.get(Argument, argument_id))
    assert search(essay_store, "zanzibarish") == []


def test_actor_snippets_say_each_name_once(essay_store) -> None:
    """The index holds an actor's name, description and aliases together; the snippet the
    app and the CLI show says each once, with the query's words marked."""
    hits = [h for h in search(essay_store, "Vučić", limit=50) if h.kind == "actor"]
    assert hits
    for hit in hits:
        assert "Serbian President Serbian President" not in hit.snippet
        words = hit.snippet.split()
        assert all(words[i : i + 2] != words[i + 2 : i + 4] for i in range(len(words) - 3))
        for start, end in hit.highlights:
            assert hit.snippet[start:end].casefold() in {"vučić", "vucic"}
