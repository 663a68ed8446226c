"""When a short pause may end what the patient says: after a complete short answer to what
the dialogue awaits ("yes", "not sure", "seven", "a hundred and two"), the full end pause
(voice.audio.END_SILENCE_MS, 800 ms) only keeps the patient waiting for the reply. Anything
else (a sentence, a symptom, a command, an answer that may go on: "it is ...", "a hundred
...") keeps the full pause, so a breath in the middle of a sentence is never taken for its
end.
"""

from __future__ import annotations

from functools import lru_cache

from grammars.book import load_phrase_book
from grammars.compile import recognizer_phrases
from triage.understand import understand

ALWAYS_COMPLETE = frozenset({"yes", "no"})
"""Answers complete by themselves even though phrases start with them ("no air", "no
urine"): those are said in one breath, not with a pause after the "no"."""

GOES_ON = frozenset({"is", "are", "am", "not", "do", "does", "did", "has", "have", "of", "bit",
                     "little", "a", "and", "point", "hundred", "out"})
"""Last words after which a sentence or a number usually goes on ("it is ...", "a little
...", "a hundred ..."): the full pause then."""

NUMBER_STATES = frozenset({"number"})
YES_NO_STATES = frozenset({"yes_no"})
TIME_STATES = frozenset({"time"})

TIME_MAX_WORDS = 5
"""Longest time answer ended early: "about two hours ago", "yesterday evening"."""

TIME_ENDINGS = frozenset({"ago", "yesterday", "today", "now", "morning", "afternoon", "evening",
                          "night", "tonight", "noon", "midnight", "o'clock", "am", "pm"})
"""Words a time answer ends on ("two hours ago", "this morning"); after any other word the
patient may be going on ("two hours ago my lips ...")."""


@lru_cache(maxsize=1)
def _yes_no_answers() -> frozenset[str]:
    """Answer phrases of the phrase book that no other phrase of the yes/no state goes on
    from (so "i have" is not complete: "i have a rash")."""
    book = load_phrase_book()
    answers = {phrase for phrases in book.answers.values() for phrase in phrases}
    others = [p for p in recognizer_phrases("yes_no") if p not in answers]
    complete = set()
    for answer in answers:
        if answer.split()[-1] in GOES_ON:
            continue
        if answer in ALWAYS_COMPLETE or not any(o.startswith(answer + " ") for o in others):
            complete.add(answer)
    return frozenset(complete)


@lru_cache(maxsize=1)
def _number_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every spoken-number word, the tens words: "thirty" may go on to "thirty eight")."""
    book = load_phrase_book()
    words = set(book.number_units) | set(book.number_tens) | {"hundred", "point", "and", "a"}
    return frozenset(words), frozenset(book.number_tens)


def _state(awaiting: object) -> str | None:
    value = getattr(awaiting, "value", awaiting)
    return None if value is None else str(value)


PEEK_MAX_S = 2.0
"""Longest utterance so far (pre-roll and pause included) whose final pass is peeked at in a
pause: a short answer fits, and peeking costs about a fifth of the utterance's length."""


def awaits_short_answer(awaiting: object) -> bool:
    """Whether a complete short answer may end a turn early in this dialogue state."""
    return _state(awaiting) in YES_NO_STATES | NUMBER_STATES | TIME_STATES


def complete_short_answer(text: str, awaiting: object) -> bool:
    """Is `text` (the recognizer's partial result) by itself a whole answer to what the
    dialogue awaits (Reply.awaiting): a yes, no or don't know to a yes/no question, a number
    to a number question, and nothing that may go on?"""
    words = text.lower().split()
    state = _state(awaiting)
    if not words:
        return False
    if state in YES_NO_STATES:
        return " ".join(words) in _yes_no_answers() or (
            len(set(words)) == 1 and words[0] in ALWAYS_COMPLETE)  # "no no no"
    number_words, tens = _number_words()
    last = words[-1]
    if state in NUMBER_STATES:
        return (all(word in number_words for word in words) and last not in GOES_ON
                and last not in tens)
    if state in TIME_STATES:
        if len(words) > TIME_MAX_WORDS or last not in TIME_ENDINGS:
            return False
        said = understand(" ".join(words))
        return (said.ago_hours is not None or said.clock is not None) and not (
            said.mentions or said.commands or said.question)
    return False
