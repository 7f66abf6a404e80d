"""The curated argument map: coverage, anchoring, graph shape, and error handling."""

from __future__ import annotations

import tomllib
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


def test_every_quote_names_who_the_essay_gives_the_words_to() -> None:
    """Each quote carries the essay's attributing words; the loader checks them against the
    speaker (the bad-map cases below show a wrong speaker is refused)."""
    data = tomllib.loads(MAP.read_text(encoding="utf-8"))
    for quote in data["quote"]:
        assert quote.get("attribution"), quote["key"]
        assert bool(quote.get("speaker")) != bool(quote.get("source")), quote["key"]
    by_key = {q["key"]: q for q in data["quote"]}
    assert "trump-win-back" not in by_key  # a paraphrase in quotation marks, not his words
    assert not by_key["mast-support-kosovo"].get("speaker")
    assert "Mast" in by_key["mast-support-kosovo"]["source"]


def test_fact_checked_records(essay_store) -> None:
    actors = {a.key: a for a in library.actors(essay_store)}
    assert actors["nis"].name == "NIS (Naftna industrija Srbije)"
    assert "CSIS" in actors["seth-jones"].description
    assert "three other" not in actors["contact-group"].description
    arguments = {a.key: a for a in library.arguments(essay_store)}
    assert "before security" not in arguments["benefit-sequence"].label
    assert "expands the prospects" in arguments["premise-western-donbas-inclusion"].claim
    assert "veto" not in arguments["evidence-russo-serbian-kosovo"].label.lower()
    for key in ("proposal-kosovo-1244", "proposal-nato-serbia-kosovo"):
        assert arguments[key].claim.startswith("The essay proposes"), key
    # A perspective is a party the argument speaks for: Russia is not one where it loses.
    for key in ("benefit-blow-to-putin", "premise-kosovo-grievance", "evidence-nis-sanctions"):
        assert "russia" not in arguments[key].perspectives, key
    events = [e.key for e in library.events(essay_store)]
    assert "putin-crimea-address-2014" in events and "crimea-annexation-proposal-2014" not in events
    assert {"russian-oil-sanctions-2025", "hungary-exemption-2025"} <= set(events)


def test_shipped_corrections_set_the_timeline(essay_store) -> None:
    events = {e.key: e for e in library.events(essay_store)}
    meeting = events["zelensky-trump-meeting-2025"]
    assert (meeting.date, meeting.date_label) == ("2025-10-17", "17 Oct 2025")
    assert meeting.essay_date == "2025-10-19" and "19 October" in meeting.correction
    assert events["ceasefire-push-2025"].date == "2025-03-11"
    assert events["nis-sanctions-enforced-2025"].date == "2025-10-09"
    assert events["russian-oil-sanctions-2025"].date == "2025-10-22"
    assert events["hungary-exemption-2025"].date == "2025-11-07"
    order = list(events)
    assert order.index("serbia-refuses-sanctions-2022") > order.index("donbas-referendums-2022")
    assert order.index("ceasefire-push-2025") < order.index("alaska-summit-2025")


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
        # The bill's words given to the member who introduced it.
        (
            'source = "Legislation introduced by House Foreign Affairs '
            'Committee Chair Brian Mast"\ntext = "support',
            'speaker = "mast"\ntext = "support',
            "does not name the speaker 'mast' first",
        ),
        (
            'attribution = "legislation directing the State Department to"',
            'attribution = "Brian Mast, the conservative Chair of the House Foreign Affairs '
            'Committee, has introduced legislation directing the State Department to"',
            "gives the words to",
        ),
        # Putin's words given to the man he said them to.
        (
            'speaker = "putin"\ntext = "the Kosovo precedent"',
            'speaker = "guterres"\ntext = "the Kosovo precedent"',
            "does not name the speaker 'guterres' first",
        ),
        (
            'attribution = "observed Srećko Đukić"',
            'attribution = "Srećko Đukić"',
            "does not stand right before or after",
        ),
        ('date = "2025-10-17"', 'date = "2025-02-30"', "not a real date"),
        (
            'date = "2025-05"\nprecision = "approximate"',
            'date = "2025-05"\nprecision = "weekly"',
            "not a date precision",
        ),
        ('event = "zelensky-trump-meeting-2025"', 'event = "no-such-event"', "unknown event"),
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


def test_reloading_the_map_keeps_a_reviewers_correction(essay_store) -> None:
    from briefing_app.services import corrections

    events = {e.key: e for e in library.events(essay_store)}
    meeting = events["zelensky-trump-meeting-2025"].id
    nis = events["nis-sanctions-enforced-2025"].id
    corrections.set_correction(essay_store, "event", meeting, "Checked: 17 October.",
                               date="2025-10-17", author="fact-checker")  # fmt: skip
    corrections.remove_correction(essay_store, "event", nis)
    load_argument_map(essay_store, MAP)
    kept = corrections.correction_for(essay_store, "event", meeting)
    assert kept is not None and kept.text == "Checked: 17 October." and kept.origin == "user"
    restored = corrections.correction_for(essay_store, "event", nis)
    assert restored is not None and restored.origin == "curated"


def test_reloading_the_map_keeps_reviewers_tags(essay_store) -> None:
    from briefing_app.services.arguments import set_tags

    thesis = next(a for a in library.arguments(essay_store) if a.key == "thesis")
    set_tags(essay_store, thesis.id, [*thesis.tags, "check-with-legal"])
    load_argument_map(essay_store, MAP)
    after = next(a for a in library.arguments(essay_store) if a.key == "thesis")
    assert "check-with-legal" in after.tags and set(thesis.tags) <= set(after.tags)
