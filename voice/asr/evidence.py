"""How sure the recognizer is that the patient said these words to the assistant.

A recognizer restricted to the domain's phrases forces any speech onto them, so a television
across the room can "say" "my heart ... cold sweat". What the recognizer knows besides the
words tells the two apart: how sure it is of each word (PocketSphinx's word posteriors from
its lattice, Vosk's word confidences), how much of the utterance fell on background words
(grammars/phrases/background.txt: speech about other things) rather than the domain, and
how long the speech ran without a pause. A patient's statement is short; a presenter talks
on without stopping. The grade is handed to the dialogue as a plain flag (triage.reply.Evidence).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from triage.reply import Evidence

LONG_SPEECH_S = 9.0
"""Speech running this long without an 800 ms pause is another voice (a television, a radio,
people talking), not a statement to the assistant: the spoken suite's emergency statements
last at most 6.2 s (flite slt and piper joe, clean and 20 dB noise); a broadcast runs on to
the utterance limit (voice.audio.MAX_UTTERANCE_SECONDS, 12 s)."""
WEAK_POSTERIOR = 0.3
"""Mean word posterior below which the words are only weakly heard. The spoken suite's
emergency statements: 0.26 to 0.99 (lowest in 20 dB noise); so a weakly heard emergency is
still acted on, then confirmed ("Was that you?")."""
WEAK_BACKGROUND_SHARE = 0.34
"""When this share of the words or more are background words (general English the domain
does not use), the speech was mostly about something else: weak evidence for the rest."""


@lru_cache(maxsize=1)
def _background_only() -> frozenset[str]:
    """Background words that no domain phrase uses."""
    from grammars.compile import background_words, recognizer_phrases, vocabulary

    return frozenset(background_words()) - frozenset(vocabulary(recognizer_phrases(None)))


def background_share(words: Sequence[str]) -> float:
    """The share of `words` that are background words only, 0 to 1."""
    if not words:
        return 0.0
    other = _background_only()
    return sum(1 for word in words if word in other) / len(words)


def grade(words: Sequence[str], posteriors: Sequence[float] | None,
          speech_seconds: float) -> Evidence:
    """The evidence that `words` are the patient's statement: BACKGROUND for long unbroken
    speech, WEAK for words heard unsurely or mostly background, else STRONG. `posteriors`:
    one per word, 0 to 1, or None when the engine gives none."""
    if speech_seconds >= LONG_SPEECH_S:
        return Evidence.BACKGROUND
    if not words:
        return Evidence.STRONG
    if posteriors:
        mean = sum(posteriors) / len(posteriors)
        if mean < WEAK_POSTERIOR:
            return Evidence.WEAK
    if background_share(words) >= WEAK_BACKGROUND_SHARE:
        return Evidence.WEAK
    return Evidence.STRONG
