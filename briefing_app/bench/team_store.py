"""Team-store benchmark: search as you type at 100,000 arguments on PostgreSQL.

Needs a server: ``BRIEFING_BENCH_POSTGRES`` is a URL the benchmark may create and drop
databases with (e.g. ``postgresql://briefing:briefing@127.0.0.1/postgres``). Without
it the figures are reported as not measured.
"""

from __future__ import annotations

import os
import time
import uuid

from briefing_app.bench.library import percentiles, typed_prefixes
from briefing_app.bench.measures import BenchResult, Measure
from briefing_app.bench.synthetic import synthetic_store

ENV = "BRIEFING_BENCH_POSTGRES"
LABEL = "search service as you type at 100,000 arguments, PostgreSQL"


def main(arguments: int = 100_000) -> BenchResult:
    out = BenchResult("team-store")
    url = os.environ.get(ENV, "").strip()
    if not url:
        note = f"no server given ({ENV} unset)"
        out.say(f"PostgreSQL search: {note}")
        out.add(
            Measure("pg_search_p95_ms", f"{LABEL}, p95", None, "ms", 30.0, note=note, headline=True)
        )
        return out
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from briefing_app.services import search

    admin_url = make_url(url)
    if admin_url.drivername == "postgresql":
        admin_url = admin_url.set(drivername="postgresql+psycopg")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"briefing_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        start = time.perf_counter()
        store = synthetic_store(admin_url.set(database=name).render_as_string(False), arguments)
        out.say(f"Synthetic PostgreSQL store with {arguments:,} arguments ready in "
                f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        with store.engine.connect() as conn:  # as autovacuum would have done on a server
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        search.search(store, "warm", limit=50)
        samples = []
        for query in typed_prefixes():
            start = time.perf_counter()
            search.search(store, query, limit=50)
            samples.append((time.perf_counter() - start) * 1000)
        store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    p50, p95 = percentiles(samples)
    out.say(f"PostgreSQL search, {len(samples)} typed prefixes: p50 {p50:.1f} ms, "
            f"p95 {p95:.1f} ms, max {max(samples):.1f} ms")  # fmt: skip
    out.add(
        Measure("pg_search_p50_ms", f"{LABEL}, p50", p50, "ms", headline=True),
        Measure("pg_search_p95_ms", f"{LABEL}, p95", p95, "ms", 30.0, headline=True),
        Measure("pg_search_max_ms", f"{LABEL}, max", max(samples), "ms"),
    )
    return out
