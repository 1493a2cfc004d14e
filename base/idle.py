"""How long a sign-in lasts without activity. Pure: times in, yes or no out.

Times are wall-clock seconds since the epoch (`time.time()`), never `time.monotonic()`, which
counts from the machine's boot: on a machine up for a minute, 0 would look like a minute ago.
"""

from __future__ import annotations

import math

CLOCK_SKEW = 60.0  # seconds a last-activity time may lie in the future (clock adjustments)


def idle_expired(last_seen: object, now: float, minutes: float) -> bool:
    """Whether a session last active at `last_seen` has ended by `now`: True when more than `minutes`
    have passed, and also when `last_seen` is missing, not a finite number, or in the future."""
    if isinstance(last_seen, bool) or not isinstance(last_seen, (int, float)) or not math.isfinite(last_seen):
        return True
    return not -CLOCK_SKEW <= now - last_seen <= minutes * 60
