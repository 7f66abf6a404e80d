"""One error model: every error a user can cause is a BriefingError with a sentence."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import briefing_app
from briefing_app.domain.errors import BriefingError

# Exceptions that never reach a user: control flow caught where it is raised (a cancel, a
# repair over budget, which import_layers turns into a MapImportError) and the benchmark
# harness. Private (``_Name``) exceptions are internal signals too.
NOT_USER_ERRORS = {
    "briefing_app.progress.Cancelled",
    "briefing_app.maps.repair.RepairBudgetExceeded",
    "briefing_app.bench.proc.ChildFailed",
}


def _product_exceptions() -> dict[str, type[BaseException]]:
    found = {}
    for info in pkgutil.walk_packages(briefing_app.__path__, "briefing_app."):
        if ".gui" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == info.name:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_user_error_is_a_briefing_error() -> None:
    exceptions = _product_exceptions()
    assert "briefing_app.store.errors.StoreError" in exceptions
    assert "briefing_app.importing.parsed.ImportFormatError" in exceptions
    assert "briefing_app.importing.argument_map.ArgumentMapError" in exceptions
    unrelated = sorted(
        name
        for name, cls in exceptions.items()
        if not issubclass(cls, BriefingError)
        and name not in NOT_USER_ERRORS
        and not cls.__name__.startswith("_")
    )
    assert unrelated == []


def test_sentence_is_one_sentence() -> None:
    assert BriefingError("The deck  has\n no slides").sentence == "The deck has no slides."
    assert BriefingError("Is it there?").sentence == "Is it there?"
    assert BriefingError().sentence.endswith(".")
