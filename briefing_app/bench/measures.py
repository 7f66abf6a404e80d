"""Structured benchmark results: named measures with a unit and, where one exists, a target.

Every benchmark returns a ``BenchResult``; the runner prints its text as it goes and the
report writer turns the measures into Markdown and JSON. A measure whose value is None was
not taken (e.g. the tool is not installed); its ``note`` says why.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# unit → how a value in that unit is written (digits after the point)
_DIGITS = {"s": 2, "ms": 1, "MB": 0, "×": 2, "": 0}


def format_value(value: float, unit: str) -> str:
    """``0.49 s``, ``9.6 ms``, ``284 MB``, ``1.62×``; ms under 10 keep two digits."""
    digits = _DIGITS.get(unit, 2)
    if unit == "ms" and abs(value) < 1:
        digits = 2
    if unit == "×":
        return f"{value:.{digits}f}×"
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}" if unit else text


@dataclass(frozen=True)
class Measure:
    """One figure. ``target`` is an upper limit (``strict``: must be below it, else at most)."""

    key: str
    label: str
    value: float | None
    unit: str
    target: float | None = None
    strict: bool = True
    note: str = ""
    headline: bool = False  # shown in the summary table (the README's)

    @property
    def met(self) -> bool | None:
        """Whether the target is met; None when there is no target or no value."""
        if self.target is None or self.value is None:
            return None
        return self.value < self.target if self.strict else self.value <= self.target

    def result_text(self) -> str:
        if self.value is None:
            return self.note or "not measured"
        text = format_value(self.value, self.unit)
        return f"{text} ({self.note})" if self.note else text

    def target_text(self) -> str:
        if self.target is None:
            return ""
        gap = "" if self.unit in ("×", "") else " "
        return f"{'<' if self.strict else '≤'} {self.target:g}{gap}{self.unit}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "met": self.met}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Measure:
        fields = {k: v for k, v in data.items() if k != "met"}
        return cls(**fields)


@dataclass
class BenchResult:
    """What one benchmark measured, the lines it printed, and the memory it used.

    ``peak_rss_mb`` is the benchmark process's own peak resident set; ``children_rss_mb``
    the largest process it spawned (start-up runs, pandoc, LibreOffice), if any.
    """

    name: str
    measures: list[Measure] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    seconds: float | None = None
    peak_rss_mb: float | None = None
    children_rss_mb: float | None = None
    error: str = ""

    def say(self, line: str = "") -> None:
        """Print a line now and keep it for the report."""
        print(line, flush=True)
        self.text.append(line)

    def add(self, *measures: Measure) -> None:
        self.measures.extend(measures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seconds": self.seconds,
            "peak_rss_mb": self.peak_rss_mb,
            "children_rss_mb": self.children_rss_mb,
            "error": self.error,
            "measures": [m.to_dict() for m in self.measures],
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BenchResult:
        return cls(
            name=data["name"],
            measures=[Measure.from_dict(m) for m in data.get("measures", [])],
            text=list(data.get("text", [])),
            seconds=data.get("seconds"),
            peak_rss_mb=data.get("peak_rss_mb"),
            children_rss_mb=data.get("children_rss_mb"),
            error=data.get("error", ""),
        )
