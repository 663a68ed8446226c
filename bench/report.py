"""BENCHMARKS.md: every figure of one `python -m bench.run`, the machine, and how to
reproduce it."""

from __future__ import annotations

import importlib.metadata
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from spoken import CLEAN, Condition, SpokenResult
from vignettes import Vignette

from bench.accuracy import AccuracyRow
from bench.latency import LatencyRun, Partials, TurnTiming
from bench.resources import FIRST_START, LoadTime, SessionMemory
from bench.stats import Spread
from grammars.compile import STATES
from triage.levels import Level
from voice.audio import CHUNK_MS, END_SILENCE_MS
from voice.denoise import DEFAULT_MODE

TARGET_REPLY_S = 0.150
TARGET_AUDIO_S = 0.400
TARGET_RTF = 0.1
TARGET_LOAD_S = 1.0
TARGET_MEMORY_MB = 250.0
TARGET_RECALL_CLEAN = 1.0
TARGET_RECALL_10DB = 0.95
LATENCY_HEADER = ("| {first} | n | speech end → reply text, median | p95 | speech end → first "
                  "audio, median | p95 | detected → reply text, median | p95 | detected → first "
                  "audio, median | p95 |")


@dataclass(frozen=True)
class Report:
    """Everything one benchmark run measured."""

    started: datetime
    load_before: float
    """The machine's 1-minute load average when the run started (other work competes)."""
    load_after: float
    """And when it ended (includes the benchmark's own two workers)."""
    vignettes: list[Vignette]
    """The spoken suite."""
    loads: list[LoadTime]
    vosk_problem: str
    latency: list[LatencyRun]
    memory: SessionMemory
    accuracy: list[AccuracyRow]
    grammar_results: list[SpokenResult]
    parts: dict[str, float]
    image: Path


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:.0f} ms"


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _loads(load: LoadTime) -> int:
    return load.seconds.count if load.seconds else 0


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def _machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle
                     if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    memory = ""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages * size / 2**30:.1f} GiB"
    except (ValueError, OSError):
        pass
    versions = []
    for package in ("pocketsphinx", "vosk", "pyttsx3", "numpy"):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            pass
    return [
        "| CPU | cores | memory | system | Python | packages |",
        "|---|---|---|---|---|---|",
        f"| {cpu} | {os.cpu_count()} | {memory} | {platform.platform()} | "
        f"{platform.python_version()} | {', '.join(versions)} |",
    ]


def _spread_cells(values: Sequence[float]) -> str:
    spread = Spread.of(values)
    if spread.count == 0:
        return "– | –"
    return f"{_ms(spread.median)} | {_ms(spread.p95)}"


def _latency_rows(label: str, turns: Sequence[TurnTiming]) -> str:
    return (f"| {label} | {len(turns)} | {_spread_cells([t.to_reply for t in turns])} | "
            f"{_spread_cells([t.to_audio for t in turns])} | "
            f"{_spread_cells([t.detected_to_reply for t in turns])} | "
            f"{_spread_cells([t.detected_to_audio for t in turns])} |")


def _run(report: Report, clock: str, partials: Partials) -> LatencyRun:
    return next(r for r in report.latency if r.clock == clock and r.partials is partials)


def _row(report: Report, recognizer: str, voice: str, condition: Condition) -> AccuracyRow | None:
    for row in report.accuracy:
        if (row.recognizer, row.voice, row.condition) == (recognizer, voice, condition):
            return row
    return None


def _noise_voices(report: Report) -> set[str]:
    """Voices measured at every noise level (those of the spoken test suite)."""
    return {r.voice for r in report.accuracy if r.condition != CLEAN}


def _recall(report: Report, snr: float | None) -> float:
    """The worst emergency recall over the suite's voices (grammar recognizer)."""
    rows = [r for r in report.accuracy if r.recognizer == "grammar"
            and r.condition.snr_db == snr and r.voice in _noise_voices(report)]
    return min((r.emergency_recall for r in rows), default=float("nan"))


def write_report(report: Report, path: Path) -> None:
    """Write the markdown report."""
    path.write_text("\n".join(_lines(report)) + "\n", encoding="utf-8")


def _lines(report: Report) -> list[str]:
    main = _run(report, "simulated", Partials.AS_IS)
    every = main.turns
    detected_reply = Spread.of(t.detected_to_reply for t in every)
    detected_audio = Spread.of(t.detected_to_audio for t in every)
    grammar = [r for r in report.accuracy if r.recognizer == "grammar"]
    clean_rtf = [r.real_time_factor.median for r in grammar
                 if r.condition == CLEAN and r.voice in _noise_voices(report)]
    rtf = max(clean_rtf, default=float("nan"))
    pocketsphinx_load = next(x for x in report.loads if x.engine == "pocketsphinx")
    load = pocketsphinx_load.seconds.median if pocketsphinx_load.seconds else float("nan")
    recall_clean, recall_10 = _recall(report, None), _recall(report, 10.0)
    total_s = sum(report.parts.values())
    voices = ", ".join(sorted(_noise_voices(report)))

    lines = [
        "# Benchmarks",
        "",
        f"Measured on {report.started:%Y-%m-%d %H:%M %Z} by `bash scripts/bench.sh` (it runs "
        "`bash scripts/setup.sh` with `IVIG_EXTRAS=test,bench`, then "
        "`.venv/bin/python -m bench.run`), in "
        f"{total_s / 60:.1f} minutes. Every figure and the plot `{report.image}` come from "
        "that one run; nothing here is edited by hand. Timings are figures, never pass/fail "
        "tests; the pass/fail bar for spoken cases is `tests/test_spoken_vignettes.py`.",
        "",
        "## Machine",
        "",
        *_machine(),
        "",
        f"Load average (1 minute) {report.load_before:.2f} when the run started, "
        f"{report.load_after:.2f} when it ended; other programs running at the same time "
        "slow the timings down. No sound card: audio comes from synthesized clips "
        "(tests/spoken.py), and the reply's audio is handed to a stand-in output device.",
        "",
        "## Targets (PocketSphinx, the engine every machine has)",
        "",
        "| figure | target | measured | |",
        "|---|---|---|---|",
        f"| end of utterance detected → reply text ready, p95 | ≤ {_ms(TARGET_REPLY_S)} | "
        f"{_ms(detected_reply.p95)} (median {_ms(detected_reply.median)}) | "
        f"{_met(detected_reply.p95 <= TARGET_REPLY_S)} |",
        f"| end of utterance detected → first audio sample, p95 | ≤ {_ms(TARGET_AUDIO_S)} | "
        f"{_ms(detected_audio.p95)} (median {_ms(detected_audio.median)}) | "
        f"{_met(detected_audio.p95 <= TARGET_AUDIO_S)} |",
        f"| recognition real-time factor, clean speech (median, worst of {voices}) | "
        f"≤ {TARGET_RTF} | {rtf:.2f} | {_met(rtf <= TARGET_RTF)} |",
        f"| model load, compiled models cached (median of {_loads(pocketsphinx_load)} "
        f"fresh processes) | "
        f"≤ {TARGET_LOAD_S:.0f} s | {load:.2f} s | "
        f"{_met(load <= TARGET_LOAD_S)} |",
        f"| peak memory of a whole spoken session | ≤ {TARGET_MEMORY_MB:.0f} MB | "
        f"{report.memory.peak_mb:.0f} MB | {_met(report.memory.peak_mb <= TARGET_MEMORY_MB)} |",
        f"| emergency recall, clean speech (worst of {voices}) | {_pct(TARGET_RECALL_CLEAN)} | "
        f"{_pct(recall_clean)} | {_met(recall_clean >= TARGET_RECALL_CLEAN)} |",
        f"| emergency recall, 10 dB SNR (worst of {voices}) | ≥ {_pct(TARGET_RECALL_10DB)} | "
        f"{_pct(recall_10)} | {_met(recall_10 >= TARGET_RECALL_10DB)} |",
        "",
        "## Engines",
        "",
        "- **PocketSphinx**: measured (bundled en-us acoustic model; the assistant's "
        "grammar-restricted models from `grammars/`, and for comparison the general en-us "
        "language model: `bench/freeform.py`).",
    ]
    if report.vosk_problem:
        lines.append(f"- **Vosk**: skipped. No model is installed and none can be downloaded "
                     f"on this machine (no network); the recognizer said: "
                     f"“{report.vosk_problem}”")
    else:
        lines.append("- **Vosk**: a model is installed; only its load time is measured here.")
    lines += ["", *_speed(report, main), "", *_resources(report), "", *_accuracy(report),
              "", *_bounds(report, main, rtf, load), "", *_runtime(report)]
    return lines


def _speed(report: Report, main: LatencyRun) -> list[str]:
    emergencies = [t for t in main.turns if t.emergency]
    others = [t for t in main.turns if not t.emergency]
    off = _run(report, "simulated", Partials.OFF).turns
    text = _run(report, "simulated", Partials.PARTIAL_TEXT).turns
    real = _run(report, "real", Partials.AS_IS).turns
    same = _run(report, "simulated (same sample)", Partials.AS_IS).turns
    voices = sorted({t.voice for t in main.turns})
    return [
        "## Speed: end of speech → reply",
        "",
        f"The assistant's own listen loop (`voice.listen.LiveLoop`) runs over a stand-in "
        f"microphone that delivers each spoken turn in {CHUNK_MS} ms chunks at the pace of "
        f"real time, through the front end the microphone feeds (noise suppression "
        f"{DEFAULT_MODE}, then the `UtteranceDetector`); the recognizer, the "
        f"dialogue, the journal (SQLite, written before each reply) and speech synthesis "
        f"(pyttsx3/espeak-ng) are the real ones. The end of speech is known from the clip. "
        f"“Detected” is the moment the loop decides the utterance is over: after "
        f"{END_SILENCE_MS} ms of silence, or when a partial result holds emergency words. "
        f"“First audio” is when the synthesized reply is handed to the output device, plus "
        f"the lead-in silence `AudioOutput` plays first; a real device adds its own buffer "
        f"(typically 10 to 50 ms). Clean speech, voices {', '.join(voices)}; first sentences "
        f"and spoken follow-up answers.",
        "",
        LATENCY_HEADER.format(first="turns"),
        "|---|---|---|---|---|---|---|---|---|---|",
        _latency_rows("all (loop as it is)", main.turns),
        _latency_rows("emergency replies", emergencies),
        _latency_rows("other replies", others),
        _latency_rows("emergencies, partial results off", off),
        _latency_rows("emergencies, partial text used (proposed)", text),
        "",
        f"Emergency turns acted on from a partial result before the end of the utterance: "
        f"{sum(t.early for t in emergencies)} of {len(emergencies)}. A negative figure means "
        f"the reply was ready before the patient finished the sentence.",
        "",
        "**Clock check.** Waiting for the next chunk is skipped rather than slept (the loop is "
        "one thread that only waits in the microphone's `read()`, so each chunk is processed "
        "at the later of its arrival and the moment the loop is free either way); the same "
        "sessions timed with real sleeping:",
        "",
        LATENCY_HEADER.format(first="clock"),
        "|---|---|---|---|---|---|---|---|---|---|",
        _latency_rows("real (sleeps)", real),
        _latency_rows("simulated", same),
    ]


def _resources(report: Report) -> list[str]:
    lines = [
        "## Recognition cost",
        "",
        "Real-time factor: time spent in the recognizer (streaming decode and final result) "
        "over the duration of the audio it was given, per distinct clip of the accuracy runs "
        "below (two worker processes on the two cores).",
        "",
        "| recognizer | voice | condition | clips | RTF median | RTF p95 | streaming decode "
        "only, median | p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in report.accuracy:
        rtf = row.real_time_factor
        streaming = row.streaming_factor
        lines.append(f"| {row.recognizer} | {row.voice} | {row.condition.name} | {rtf.count} | "
                     f"{rtf.median:.3f} | {rtf.p95:.3f} | {streaming.median:.3f} | "
                     f"{streaming.p95:.3f} |")
    lines += [
        "",
        "Model load: importing the engine and loading its models in a fresh process (Python's "
        "start-up excluded).",
        "",
        "| engine | loads | median | p95 |",
        "|---|---|---|---|",
    ]
    for load in report.loads:
        if load.seconds is None:
            lines.append(f"| {load.engine} | 0 | skipped: {load.problem} | |")
        else:
            lines.append(f"| {load.engine} | {load.seconds.count} | {load.seconds.median:.2f} s"
                         f" | {load.seconds.p95:.2f} s |")
    memory = report.memory
    lines += [
        "",
        f"Peak memory: `python -m voice.cli audio --engine pocketsphinx --tts-out DIR` over "
        f"one whole spoken session ({memory.turns} turns, every reply synthesized to speech; "
        f"levels {' → '.join(memory.levels)}), each run reporting its own `VmHWM` as it exits, in "
        f"{len(memory.runs_mb)} fresh processes: the largest **{memory.peak_mb:.0f} MB** "
        f"(each run: {', '.join(f'{peak:.0f}' for peak in memory.runs_mb)} MB; "
        f"{memory.seconds:.1f} s for the first whole process).",
    ]
    return lines


def _accuracy(report: Report) -> list[str]:
    lines = [
        "## Accuracy on the spoken vignette suite",
        "",
        f"{len(report.vignettes)} vignettes of `tests/vignettes.toml` ({_levels(report)}; "
        "chosen by `tests/spoken.py:spoken_selection`), played as in "
        "`tests/test_spoken_vignettes.py`: the "
        "first sentence and every follow-up answer are spoken, each turn is recognized in the "
        "state the dialogue awaits, understood and triaged, every clip through the "
        f"assistant's front end as it listens by default (noise suppression {DEFAULT_MODE}; "
        "the Front end section below sets it off and on side by side). Noise: sox pink "
        "noise throughout "
        "the clip (0.5 s of room sound before and 1.5 s after the sentence) at the given "
        "signal-to-noise ratio, measured against the sentence; every utterance takes its "
        "own stretch of one 60 s recording (the same on every machine), and “noise "
        "recording N” rows take other stretches of it. Word error rate over the "
        "distinct clips heard (first sentences and answers). Voices: flite slt (US female) "
        "and rms (US male); espeak-us is espeak-ng's formant voice. A patient who is asked "
        "to say it again, hears a read-back of something not said, or hears an outcome that "
        "leaves out the complaint says it again, at most twice, each time a new recording "
        "with another stretch of noise "
        "(`tests/spoken.py`: RETAKES); \"said again\" counts those cases. \"grammar, first "
        "try\" is the same recognizer with patients who never say it again.",
        "",
        f"![accuracy against noise]({report.image.name})",
        "",
        "| recognizer | voice | condition | cases | WER | emergency recall | urgent at or "
        "above urgent | level in range | said again | under-triaged emergency and urgent "
        "cases |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report.accuracy:
        missed = ", ".join(row.missed[:8]) + (" …" if len(row.missed) > 8 else "")
        lines.append(f"| {row.recognizer} | {row.voice} | {row.condition.name} | {row.cases} | "
                     f"{_pct(row.word_error.rate)} | {_pct(row.emergency_recall)} "
                     f"({row.emergency_cases}) | {_pct(row.urgent_recall)} | "
                     f"{_pct(row.in_range)} | {row.said_again} | {missed or '–'} |")
    voices = sorted({r.voice for r in report.accuracy if r.recognizer == "grammar"
                     and r.condition != CLEAN})
    conditions = sorted({r.condition for r in report.accuracy},
                        key=lambda c: (-(c.snr_db if c.snr_db is not None else 99.0),
                                       c.recording))
    lines += [
        "",
        "**Emergency recall** (grammar recognizer; emergency cases that ended at emergency "
        "level):",
        "",
        "| voice | " + " | ".join(c.name for c in conditions) + " |",
        "|---|" + "---|" * len(conditions),
    ]
    for voice in voices:
        cells = []
        for condition in conditions:
            row = _row(report, "grammar", voice, condition)
            cells.append(_pct(row.emergency_recall) if row else "–")
        lines.append(f"| {voice} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "**The grammars' value** (same clips, the general en-us language model instead of "
        "`grammars/`; clean speech only, see bench/run.py: FREE_FORM_CONDITIONS):",
        "",
        "| voice | condition | WER grammar | WER free-form | emergency recall grammar | "
        "free-form | in range grammar | free-form |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in report.accuracy:
        if row.recognizer != "free-form":
            continue
        mine = _row(report, "grammar", row.voice, row.condition)
        if mine is None:
            continue
        lines.append(f"| {row.voice} | {row.condition.name} | {_pct(mine.word_error.rate)} | "
                     f"{_pct(row.word_error.rate)} | {_pct(mine.emergency_recall)} | "
                     f"{_pct(row.emergency_recall)} | {_pct(mine.in_range)} | "
                     f"{_pct(row.in_range)} |")
    lines += ["", "Examples of what was heard (grammar recognizer, first sentence):", ""]
    lines += _examples(report.grammar_results)
    return lines


def _levels(report: Report) -> str:
    """How many vignettes of each expected lowest level, highest first."""
    counts: dict[str, int] = {}
    for vignette in report.vignettes:
        counts[vignette.lowest.value] = counts.get(vignette.lowest.value, 0) + 1
    return ", ".join(f"{count} {level}" for level, count in
                     sorted(counts.items(), key=lambda item: -Level(item[0]).rank))


def _examples(results: Sequence[SpokenResult], limit: int = 12) -> list[str]:
    """Under-triaged emergency and urgent cases, said → heard, a few per condition."""
    lines = []
    by_condition: dict[str, int] = {}
    for result in results:
        if not (result.under_triaged and result.vignette.lowest.value in ("emergency",
                                                                          "urgent")):
            continue
        name = result.condition.name
        if by_condition.get(name, 0) >= 3 or len(lines) >= limit:
            continue
        by_condition[name] = by_condition.get(name, 0) + 1
        first = result.turns[0]
        lines.append(f"- {result.voice}, {name}: “{first.said}” → “{first.heard.text}” "
                     f"({result.vignette.lowest.value} case ended {result.level.value})")
    return lines or ["- none"]


def _bounds(report: Report, main: LatencyRun, rtf: float, load: float) -> list[str]:
    streaming = max((r.streaming_factor.median for r in report.accuracy
                     if r.recognizer == "grammar" and r.condition == CLEAN
                     and r.voice in _noise_voices(report)), default=float("nan"))
    others = [t for t in main.turns if not t.emergency]
    compiling = next((x.seconds for x in report.loads if x.engine == "compile"), None)
    compile_s = compiling.median if compiling else float("nan")
    cold = next((x.seconds for x in report.loads if x.engine == FIRST_START), None)
    first_start = cold.median if cold else float("nan")
    detected = Spread.of(t.detected_to_reply for t in others)
    synthesis = Spread.of(t.detected_to_audio - t.detected_to_reply for t in main.turns)
    off = Spread.of(t.to_reply for t in _run(report, "simulated", Partials.OFF).turns)
    as_is = Spread.of(t.to_reply for t in main.turns if t.emergency)
    text = Spread.of(t.to_reply for t in _run(report, "simulated",
                                              Partials.PARTIAL_TEXT).turns)
    first = Spread.of(t.to_reply for t in others)
    lines = [
        "## What bounds the figures",
        "",
        f"- **Reply after the end of speech** ({_ms(first.median)} median for non-emergency "
        f"turns) is the {END_SILENCE_MS} ms pause the detector waits for, plus the "
        f"recognizer's final result: {_ms(detected.median)} median, {_ms(detected.p95)} p95 "
        f"from detection to reply text. Nearly all of that is PocketSphinx's end of "
        f"utterance: its second (flat-lexicon) search and best-path pass over the streaming "
        f"decode, then the whole utterance decoded again with an adapted cepstral mean "
        f"(`FINAL_FULL_PASS`, `ADAPT_PASSES` in voice/asr/pocketsphinx_engine.py), which "
        f"grows with the length of the sentence. Understanding, dialogue and the journal "
        f"write take a few milliseconds.",
        f"- **First audio** adds speech synthesis of the whole reply before playing starts "
        f"({_ms(synthesis.median)} median, {_ms(synthesis.p95)} p95, including the "
        f"{_ms(0.05)} lead-in silence); emergency replies are the longest.",
        f"- **Emergencies from partial results**: end of speech → reply text "
        f"{_ms(off.median)} median with partial results off, {_ms(as_is.median)} with the loop "
        f"as it is, {_ms(text.median)} if the partial text itself is the turn. As it is, the "
        f"loop asks the recognizer for its final result once a partial result holds "
        f"emergency words, which runs PocketSphinx's final passes over the utterance so far; "
        f"taking the partial text (proposed) leaves only understanding, dialogue and journal.",
        f"- **Real-time factor** {rtf:.2f}: the streaming decode alone is "
        f"{streaming:.2f}; the final passes (second search, best path, adapt pass, full "
        f"second decode) make up the rest.",
        f"- **Model load** {load:.2f} s with the compiled language models in the cache "
        f"(voice/asr/pocketsphinx_engine.py keeps them, keyed by the phrase files, the "
        f"compiler and the PocketSphinx version); most of it is importing PocketSphinx and "
        f"loading its acoustic model. The first start, and the first after the phrase book "
        f"changes, takes {first_start:.2f} s: {compile_s:.2f} s of it compiles the phrase "
        f"book into the dictionary and the {len(STATES)} per-state language models "
        f"(grammars.compile).",
        "- **Noise**: in pink noise PocketSphinx's output fills with short words that match "
        "the noise (“five”, “feet”, “fine”, see the examples above) and hides the phrases; "
        "its bundled acoustic model was trained on clean read speech. The final pass "
        "therefore decodes only the speech and a little room sound around it "
        "(`voice.audio.speech_span`): with the whole utterance, the detector's pre-roll and "
        "end pause were heard as words, and the female voice's “no” as “feel up”. (Trials "
        "outside this command with `remove_noise` and a higher filler-word probability "
        "changed nothing; other decoder settings, a larger weight on emergency phrases, "
        "keyword spotting and spectral-gating noise reduction moved the 20 dB figures by a "
        "case or two either way.) When nothing is understood, the dialogue asks the "
        "emergency signs as yes/no questions; at 20 dB “yes” is understood far more often "
        "than a sentence, “no” from the female voice about two times in three. The rows "
        "with other noise recordings show how much the figures depend on the particular "
        "noise. Vosk's models are far more robust to noise, but none can be downloaded here.",
    ]
    return lines


def _runtime(report: Report) -> list[str]:
    rows = [f"| {name} | {seconds:.0f} s |" for name, seconds in report.parts.items()]
    return [
        "## Runtime of this benchmark",
        "",
        "| part | wall time |",
        "|---|---|",
        *rows,
        "",
        "## Reproduce",
        "",
        "```sh",
        "bash scripts/bench.sh                 # set-up, then every figure above",
        ".venv/bin/python -m bench.run         # the same, without the set-up",
        ".venv/bin/pytest tests/test_spoken_vignettes.py   # the pass/fail bar",
        "```",
        "",
        "Clips are synthesized once into tests/fixtures/audio/ (gitignored) by "
        "tests/audio_fixtures.py; a first run takes longer.",
    ]

