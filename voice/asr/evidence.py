"""How sure the recognizer is that the patient said these words to the assistant.

A recognizer restricted to the domain's phrases forces any speech onto them, so a television
across the room can "say" "my heart ... cold sweat". What the recognizer knows besides the
words tells the two apart: how sure it is of each word (PocketSphinx's word posteriors from
its lattice, Vosk's word confidences), how much of the utterance fell on background words
(grammars/phrases/background.txt: speech about other things) rather than the domain, and
how long the speech ran without a pause. A patient's statement is short; a presenter talks
on without stopping. The grade is handed to the dialogue as a plain flag (triage.reply.Evidence).

Long unbroken speech is another voice's (BACKGROUND) only when its words agree (heard
unsurely, mostly about other things, or very many of them): a slow patient describing
symptoms for ten seconds is still heard, weakly. Speech already under way when listening
began is graded in voice.listen. A weakly heard emergency is acted on, then confirmed ("Was
that you?"); one heard as another voice's is asked about by name.
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
MANY_WORDS = 16
"""An utterance of this many words or more talks on as a presenter does. Of the spoken
suite's statements one has more (20 words, "well I had my infusion this morning ... can't
breathe properly"), said in 6 s; the television programme's false alarms
(tests/tv_programmes.toml) were heard as 18 to 32 words. Alone it is no sign (a patient may
ramble); with long speech it makes the speech another voice's."""


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
    """The evidence that `words` are the patient's statement: WEAK for words heard unsurely
    or mostly background, and for long unbroken speech; BACKGROUND when the speech is long
    and its words are weak or very many too; else STRONG. `posteriors`: one per word, 0 to 1,
    or None when the engine gives none."""
    weak = _words_weak(words, posteriors)
    if speech_seconds >= LONG_SPEECH_S:
        # a patient describing symptoms slowly is still heard (weakly); a presenter is not
        return Evidence.BACKGROUND if weak or talks_on(words) else Evidence.WEAK
    return Evidence.WEAK if weak else Evidence.STRONG


def talks_on(words: Sequence[str]) -> bool:
    """Very many words: a presenter's sentence rather than a statement to the assistant."""
    return len(words) >= MANY_WORDS


def _words_weak(words: Sequence[str], posteriors: Sequence[float] | None) -> bool:
    """The words' own sign: heard unsurely, or mostly about something else."""
    if not words:
        return False
    if posteriors and sum(posteriors) / len(posteriors) < WEAK_POSTERIOR:
        return True
    return background_share(words) >= WEAK_BACKGROUND_SHARE
