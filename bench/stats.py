"""Summaries of repeated measurements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Spread:
    """Median and 95th percentile of repeated measurements (linear interpolation)."""

    count: int
    """How many measurements."""
    median: float
    p95: float
    """95th percentile."""
    worst: float
    """Largest value."""

    @staticmethod
    def of(values: Iterable[float]) -> Spread:
        data = np.asarray(list(values), dtype=float)
        if data.size == 0:
            return Spread(0, float("nan"), float("nan"), float("nan"))
        return Spread(int(data.size), float(np.median(data)), float(np.percentile(data, 95)),
                      float(data.max()))
