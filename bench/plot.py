"""bench/accuracy_vs_noise.png: accuracy against noise level, per voice and recognizer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bench.accuracy import AccuracyRow

PANELS = (
    ("emergency_recall", "Emergency recall (%)"),
    ("in_range", "Triage level in range (%)"),
    ("wer", "Word error rate (%)"),
)
"""What each panel plots, and its axis label."""


def _value(row: AccuracyRow, what: str) -> float:
    if what == "wer":
        return 100 * row.word_error.rate
    return 100 * float(getattr(row, what))


def _position(row: AccuracyRow) -> float:
    """x position: clean speech left of the highest SNR, then decreasing SNR."""
    return 30.0 if row.condition.snr_db is None else row.condition.snr_db


def plot_accuracy(rows: Sequence[AccuracyRow], path: Path) -> None:
    """Three panels; one line per voice (colour) and recognizer (solid, filled: grammar;
    dashed, hollow squares: free-form)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    voices = sorted({row.voice for row in rows})
    recognizers = sorted({row.recognizer for row in rows})
    colours = dict(zip(voices, plt.rcParams["axes.prop_cycle"].by_key()["color"], strict=False))
    figure, axes = plt.subplots(1, len(PANELS), figsize=(13, 4.2))
    for axis, (what, label) in zip(axes, PANELS, strict=True):
        for recognizer in recognizers:
            for voice in voices:
                mine = sorted((r for r in rows if r.voice == voice and r.recognizer == recognizer),
                              key=_position, reverse=True)
                if not mine:
                    continue
                grammar = recognizer == "grammar"
                axis.plot([_position(r) for r in mine], [_value(r, what) for r in mine],
                          marker="o" if grammar else "s", markersize=6 if grammar else 8,
                          fillstyle="full" if grammar else "none", color=colours[voice],
                          linestyle="-" if grammar else "--", label=f"{voice}, {recognizer}")
        ticks = sorted({_position(r) for r in rows}, reverse=True)
        axis.set_xticks(ticks, ["clean" if t == 30.0 else f"{t:g} dB" for t in ticks])
        axis.invert_xaxis()
        axis.set_xlabel("background noise (pink, SNR)")
        axis.set_ylabel(label)
        axis.set_ylim(0, 105 if what != "wer" else None)
        axis.grid(alpha=0.3)
    axes[0].legend(fontsize=8, loc="lower left")
    figure.suptitle("Spoken vignette suite: accuracy against noise (PocketSphinx)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
