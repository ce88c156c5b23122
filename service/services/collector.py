"""Long-lived objects kept out of the cyclic garbage collector's sight.

A full collection walks every object the collector tracks. What a server process builds once
and keeps (imported modules, the app and its handlers, the extractor's knowledge base: several
hundred thousand objects) was walked again by every full collection, 50-200 ms in which no
request moved: most of the read and ingest p99. `gc.freeze()` moves what lives now into a
generation the collector never scans; collecting first means no garbage is frozen.
"""

from __future__ import annotations

import gc

_spared: set[str] = set()


def spare_long_lived(stage: str) -> None:
    """Freeze what lives now, once per process and `stage` (start-up, first knowledge base)."""
    if stage in _spared:
        return
    _spared.add(stage)
    gc.collect()
    gc.freeze()
