"""The curated argument map: coverage, anchoring, graph shape, and error handling."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from briefing_app.importing.argument_map import ArgumentMapError, load_argument_map
from briefing_app.paths import ARGUMENT_MAP_DIR
from briefing_app.services import library

MAP = ARGUMENT_MAP_DIR / "balkans-breakthrough-for-ukraine.toml"


def test_every_body_paragraph_is_covered(essay_store) -> None:
    arguments = library.arguments(essay_store)
    covered = {a.paragraph for a in arguments}
    indexes = {p.index for p in library.paragraphs(essay_store)}
    assert indexes - covered == set()
    assert len(arguments) >= 40


def test_every_quotation_is_found_verbatim(essay_store) -> None:
    texts = {p.index: p.text for p in library.paragraphs(essay_store)}
    for argument in library.arguments(essay_store):
        assert argument.paragraph is not None, argument.key
        assert argument.quote in texts[argument.paragraph], argument.key
        assert argument.label and argument.claim and argument.perspectives


def test_graph_has_one_root_thesis_reaching_everything(essay_store) -> None:
    arguments = library.arguments(essay_store)
    roots = [a for a in arguments if a.kind == "thesis"]
    assert len(roots) == 1
    root = roots[0]
    assert not root.supports and not root.elaborates
    edges = defaultdict(set)
    for a in arguments:
        for target in a.supports + a.opposes + a.elaborates + a.responds_to:
            edges[a.id].add(target)
    for a in arguments:
        seen, frontier = {a.id}, [a.id]
        while frontier:
            node = frontier.pop()
            for nxt in edges[node] - seen:
                seen.add(nxt)
                frontier.append(nxt)
        assert root.id in seen, f"{a.key} does not reach the thesis"
    kinds = {a.kind for a in arguments}
    assert {"proposal", "premise", "benefit", "risk", "objection", "precedent"} <= kinds
    assert len([a for a in arguments if a.kind == "proposal"]) >= 2
    perspectives = {p for a in arguments if a.kind == "benefit" for p in a.perspectives}
    assert {"ukraine", "russia", "us", "serbia", "kosovo", "nato-eu"} <= perspectives


def test_quotes_actors_and_events(essay_store) -> None:
    quotes = library.quotes(essay_store)
    assert len(quotes) >= 10
    assert all(q.paragraph is not None or q.footnote is not None for q in quotes)
    assert sum(1 for q in quotes if q.speaker and q.date) >= 5
    actors = {a.key: a for a in library.actors(essay_store)}
    assert len(actors) >= 20
    vucic = next(a for a in actors.values() if a.name == "Aleksandar Vučić")
    assert {"Vučić", "Serbian President"} <= set(vucic.aliases)
    names = {a.name for a in actors.values()}
    assert {"Srećko Đukić", "Radmila Šekerinska", "Dragan Šutanovac"} <= names
    events = library.events(essay_store)
    assert len(events) >= 20
    assert events[0].date.startswith("1999")
    assert events[-1].date >= "2025-10"
    assert all(e.paragraph is not None or e.footnote is not None for e in events)


def _broken_map(tmp_path: Path, old: str, new: str) -> Path:
    text = MAP.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('key = "thesis"', 'key = "thesis"\nkind = ', "not valid TOML"),
        ('quote = "', 'quote = "NOT IN THE ESSAY ', "not in the essay"),
        ('supports = ["thesis"]', 'supports = ["no-such-argument"]', "unknown argument"),
        ('kind = "person"', 'kind = "wizard"', "unknown kind"),
    ],
)
def test_bad_map_is_refused_and_store_unchanged(
    essay_store, tmp_path: Path, old: str, new: str, message: str
) -> None:
    before = library.arguments(essay_store), library.actors(essay_store)
    with pytest.raises(ArgumentMapError, match=message):
        load_argument_map(essay_store, _broken_map(tmp_path, old, new))
    assert (library.arguments(essay_store), library.actors(essay_store)) == before


def test_reloading_the_map_keeps_ids(essay_store) -> None:
    before = {a.key: a.id for a in library.arguments(essay_store)}
    load_argument_map(essay_store, MAP)
    assert {a.key: a.id for a in library.arguments(essay_store)} == before


def test_reloading_the_map_keeps_reviewers_tags(essay_store) -> None:
    from briefing_app.services.arguments import set_tags

    thesis = next(a for a in library.arguments(essay_store) if a.key == "thesis")
    set_tags(essay_store, thesis.id, [*thesis.tags, "check-with-legal"])
    load_argument_map(essay_store, MAP)
    after = next(a for a in library.arguments(essay_store) if a.key == "thesis")
    assert "check-with-legal" in after.tags and set(thesis.tags) <= set(after.tags)
