"""Thousands of random and adversarial turns through the dialogue: it keeps working.

Turns are built from the phrase data itself (every group: symptoms, answers, commands, risk
factors, negation and severity words, numbers) plus absurd numbers and arbitrary Unicode. Whatever
is said, the session never raises, always says something, and its level never goes down. Any
utterance holding a plain emergency phrase (no negation in its clause) reaches "emergency" and
the reply opens with the call instruction. Memory does not keep growing over a long run.
"""

from __future__ import annotations

import gc
import random
import tracemalloc
from datetime import datetime, timedelta, timezone
from functools import cache

import pytest
from helpers import call_now, call_still
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from grammars import load_phrase_book
from triage.dialogue import Session
from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile
from triage.understand import default_understander
from triage.understand.normalise import YEAR, tokenize

BOOK = load_phrase_book()
KNOWLEDGE = default_knowledge()
EMERGENCY_IDS = sorted(KNOWLEDGE.emergency_symptoms())
EMERGENCY_PHRASES = sorted((sid, p.replace(YEAR, "1985")) for sid in EMERGENCY_IDS
                           for p in BOOK.symptoms[sid])
"""Each phrase as said: a phrase ending in <year> with a year in its place."""
TRIGGERS = default_understander().assertions.triggers
ALL_PHRASES = sorted({p for group in BOOK.phrase_groups().values() for p in group})
MODIFIER_PHRASES = sorted({*BOOK.negation_cues, *BOOK.negation_after_cues, *BOOK.clause_splitters,
                           *(p for group in BOOK.severity.values() for p in group),
                           *(p for group in BOOK.side.values() for p in group),
                           *(p for group in BOOK.statements.values() for p in group),
                           *(p for table in (BOOK.sites, BOOK.findings, BOOK.sudden)
                             for group in table.values() for p in group),
                           *(" ".join(t.words) for t in TRIGGERS)})
NUMBER_WORDS = sorted({*BOOK.number_units, *BOOK.number_tens, *BOOK.quantities})
ALL_WORDS = sorted({w for p in ALL_PHRASES + MODIFIER_PHRASES for w in p.split()}
                   | set(NUMBER_WORDS))
NUMBERS_ARE_SAID = ["{n}", "{n} out of 10", "{n} hours ago", "my temperature is {n}",
                    "my infusion ended {n} days ago", "at {n} pm", "{n} point {m}",
                    "for {n} weeks", "i am {n} years old", "about a {n}"]
EMERGENCY_NUMBERS = ["911", "112", "999", "000", "15"]
SPOKEN_SPLITS = [" ", ", ", ". ", "! ", "? ", " - ", "; "]

# -- words that can stand around an emergency phrase without changing its meaning -----------------
EVERYDAY = ("today tonight hello hmm well um uh okay please doctor nurse honey mom grandma darling "
            "jigsaw teacake marmalade "
            "kitchen sofa window garden kettle radio television cat dog bird yesterday's weather "
            "blue green purple orange sunday monday tuesday friday lunch dinner breakfast tea "
            "coffee toast soup newspaper book glasses phone keys upstairs downstairs outside "
            "inside quickly suddenly honestly actually literally basically oh wow gosh listen "
            "look hey sorry excuse pardon thanks this that these those here there we they you "
            "he she him her them our their something anything everything someone anyone ah "
            "hm er wow yo mum dad son nan pal cup mug pot pan jam bus car van sun sky tv "
            "umbrella pillow blanket cushion armchair bedroom bathroom hallway doorbell "
            "neighbour daughter husband grandson saturday thursday wednesday afternoon "
            "calendar biscuit carpet curtains lamp wardrobe postman crossword teapot "
            "slippers hedgehog allotment bungalow pigeon bicycle hammock").split()
VOCABULARY = frozenset(w for p in ALL_PHRASES + MODIFIER_PHRASES + NUMBER_WORDS
                       for w in tokenize(p))


@cache
def is_neutral(word: str) -> bool:
    """A word the assistant does not know and that is not close to any word it knows.

    Such a word cannot negate, split a clause, or join an emergency phrase into another phrase.
    Words of three letters or fewer are only ever matched exactly; longer ones must be more than
    two edits away from every longer known word (the matcher allows at most two).
    """
    if tokenize(word) != [word] or word.isdigit() or word in VOCABULARY:
        return False
    return len(word) < 4 or all(Levenshtein.distance(word, known, score_cutoff=2) > 2
                                for known in VOCABULARY if len(known) >= 4)


NEUTRAL = sorted({w for w in EVERYDAY if is_neutral(w)})


def test_there_are_enough_neutral_words_to_hide_an_emergency_in():
    assert len(NEUTRAL) >= 30, NEUTRAL


# -- strategies -----------------------------------------------------------------------------------
plausible_numbers = st.one_of(
    st.integers(min_value=-5, max_value=200),
    st.floats(min_value=0, max_value=1000, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(NUMBER_WORDS),
)
absurd_numbers = st.one_of(
    st.integers(min_value=0, max_value=10**40),
    st.integers(min_value=300, max_value=2000).map(lambda n: "9" * n),
)


def turns_with(numbers: st.SearchStrategy) -> st.SearchStrategy[str | None]:
    """Any turn: phrases, words and numbers of the phrase data in any order, noise, nothing."""
    number_turn = st.builds(lambda form, n, m: form.format(n=n, m=m),
                            st.sampled_from(NUMBERS_ARE_SAID), numbers, numbers)
    piece = st.one_of(st.sampled_from(ALL_PHRASES), st.sampled_from(MODIFIER_PHRASES),
                      st.sampled_from(ALL_WORDS), number_turn, st.sampled_from(NEUTRAL))
    sentence = st.builds(
        lambda parts, splits: "".join(p + s for p, s in zip(parts, splits[:len(parts)],
                                                            strict=True)),
        st.lists(piece, min_size=1, max_size=14),
        st.lists(st.sampled_from(SPOKEN_SPLITS), min_size=14, max_size=14))
    emergency_in_noise = st.builds(
        lambda before, phrase, after: f"{' '.join(before)} {phrase} {' '.join(after)}",
        st.lists(piece, max_size=30), st.sampled_from(EMERGENCY_PHRASES).map(lambda e: e[1]),
        st.lists(piece, max_size=30))
    return st.one_of(
        st.none(),
        st.sampled_from(ALL_PHRASES),
        sentence,
        number_turn,
        emergency_in_noise,
        st.text(max_size=120),
        st.sampled_from(["", "   ", "\x00", "?!", "no no no no", "yes no", "not not not"]),
    )


turn = turns_with(plausible_numbers | absurd_numbers)
"""Everything, absurd numbers included ("my infusion ended 10^40 days ago")."""
plausible_turn = turns_with(plausible_numbers)


class Clock:
    """A clock the test moves forward between turns (reminders fall due as time passes)."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))

    def __call__(self) -> datetime:
        return self.now


def checked_turn(session: Session, text: str | None) -> None:
    """One turn, with the invariants every reply must keep."""
    before = session.level
    reply = session.handle(text)
    assert reply.say.strip(), f"silent reply to {text!r}"
    assert session.level.rank >= before.rank, f"level went down on {text!r}"
    assert reply.level is session.level
    if session.level is Level.EMERGENCY:
        assert reply.emergency, f"emergency reply not marked as such for {text!r}"
    if reply.awaiting is None:
        assert reply.ended


SOAK = settings(max_examples=250, deadline=None, derandomize=True, report_multiple_bugs=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SOAK
@given(turns=st.lists(turn, min_size=1, max_size=25), minutes=st.integers(0, 20),
       number=st.sampled_from(EMERGENCY_NUMBERS))
def test_random_conversations_never_crash_never_go_silent_and_never_lower_the_level(
        turns, minutes, number):
    clock = Clock()
    session = Session(Profile(emergency_number=number), clock=clock)
    assert session.opening().say
    for text in turns:
        checked_turn(session, text)
        clock.now += timedelta(minutes=minutes)
        reminder = session.due_reminder()
        if reminder is not None:
            assert reminder.say.startswith(call_still(number))


# -- a plain emergency phrase is never missed -----------------------------------------------------
def neutral_words(seed: int, count: int) -> str:
    return " ".join(random.Random(seed).choices(NEUTRAL, k=count))


def said_whole(phrase: str) -> str:
    """The phrase so that the words after it cannot join it: a last "me" before a noun is the
    dialect "my" ("left half of me daughter" is "... of my daughter"), so a pause follows it."""
    return f"{phrase}," if phrase.split()[-1] == "me" else phrase


plain_emergency = st.builds(
    lambda emergency, before, after, seed, end: (
        emergency[0],
        f"{neutral_words(seed, before)} {said_whole(emergency[1])} "
        f"{neutral_words(seed + 1, after)}{end}"),
    st.sampled_from(EMERGENCY_PHRASES),
    st.integers(0, 40) | st.integers(380, 600),  # also far past the part read in full
    st.integers(0, 40),
    st.integers(0, 2**32),
    st.sampled_from(["", ".", "!", "?", "..."]),
)


@settings(max_examples=500, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(earlier=st.lists(plausible_turn, max_size=6), utterance=plain_emergency,
       number=st.sampled_from(EMERGENCY_NUMBERS), shout=st.booleans())
def test_a_plain_emergency_phrase_in_any_sentence_reaches_emergency_and_the_call_comes_first(
        earlier, utterance, number, shout):
    symptom, text = utterance
    session = Session(Profile(emergency_number=number), clock=Clock())
    for said in earlier:
        checked_turn(session, said)
    already = session.level is Level.EMERGENCY
    reply = session.handle(text.upper() if shout else text)
    assert reply.level is Level.EMERGENCY, f"{symptom} missed in {text!r}: {reply.say}"
    opening = (call_now(number), call_still(number)) if already else call_now(number)
    assert reply.say.startswith(opening), f"{text!r}: {reply.say}"
    assert reply.emergency


RESOLVED = ["i passed out it went away", "my chest pain went away",
            "i fainted it has stopped now", "my throat was swelling it has gone"]
"""An emergency sign the patient says has passed, as a recognizer writes it (no punctuation)."""


def test_an_emergency_sign_that_has_passed_is_still_treated_as_an_emergency():
    # triage-levels.md: "Anything that might be an emergency is treated as one and confirmed
    # afterwards, not before." Fainting or chest pain that went away is not reassuring.
    missed = [(text, reply.say) for text in RESOLVED
              if (reply := Session().handle(text)).level is not Level.EMERGENCY]
    assert missed == []


def test_every_emergency_phrase_alone_reaches_emergency():
    # each emergency symptom of the knowledge data has phrases the patient can say
    assert {sid for sid, _ in EMERGENCY_PHRASES} == set(EMERGENCY_IDS)
    missed = []
    for symptom, phrase in EMERGENCY_PHRASES:
        reply = Session().handle(phrase)
        if reply.level is not Level.EMERGENCY or not reply.say.startswith(call_now()):
            missed.append((symptom, phrase, reply.say))
    assert missed == []


# -- a long run does not leak ---------------------------------------------------------------------
def long_run_turns(count: int, seed: int = 0) -> list[str | None]:
    """Realistic and adversarial turns from a fixed vocabulary (so caches stop growing)."""
    rng = random.Random(seed)
    small_numbers = [str(n) for n in range(0, 120)] + NUMBER_WORDS
    turns: list[str | None] = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.05:
            turns.append(None)
        elif kind < 0.45:
            turns.append(rng.choice(ALL_PHRASES))
        elif kind < 0.6:
            turns.append(rng.choice(NUMBERS_ARE_SAID).format(n=rng.choice(small_numbers),
                                                             m=rng.choice(small_numbers)))
        else:
            words = rng.choices(ALL_PHRASES + MODIFIER_PHRASES + NEUTRAL, k=rng.randint(1, 6))
            turns.append(" ".join(words))
    return turns


WINDOW = 300
"""Turns traced at a time: a leak shows as memory allocated in a window and never freed."""


def retained_per_window(turns: list[str | None], per_session: int | None,
                        windows: tuple[int, ...], leak: list | None = None) -> list[int]:
    """Bytes allocated during each traced window of turns and still alive at its end.

    Tracing every turn would take minutes, so the run is traced in windows (tracemalloc only
    counts what is allocated while it traces); `leak` lets the test check that it can see one.
    """
    clock = Clock()
    session = Session(clock=clock)
    retained: list[int] = []
    for i, text in enumerate(turns):
        if per_session and i % per_session == 0:
            session = Session(clock=clock)
        if i in windows:
            gc.collect()
            tracemalloc.start()
        reply = session.handle(text)
        if leak is not None:
            leak.append(reply)
        clock.now += timedelta(minutes=1)
        if i + 1 - WINDOW in windows:
            gc.collect()
            retained.append(tracemalloc.get_traced_memory()[0])
            tracemalloc.stop()
    return retained


LONG_RUN = 5000
WINDOWS = (600, 2400, LONG_RUN - WINDOW)
"""Early, middle and last windows: the caches have filled before the first one."""
NO_GROWTH = 64 * 1024
"""Bytes a window may keep (the last reply, a session's state) without counting as growth."""


@pytest.mark.parametrize("per_session", [None, 50], ids=["one session", "a session per 50"])
def test_five_thousand_turns_do_not_keep_growing_memory(per_session):
    turns = long_run_turns(LONG_RUN)
    early, middle, late = retained_per_window(turns, per_session, WINDOWS)
    assert late < max(NO_GROWTH, 2 * early), (early, middle, late)
    assert middle < max(NO_GROWTH, 2 * early), (early, middle, late)


def test_the_memory_check_would_see_a_leak():
    # keeping every reply, as a leak would, is far above the bound used above
    turns = long_run_turns(WINDOW + 10)
    (retained,) = retained_per_window(turns, None, (5,), leak=[])
    assert retained > 4 * NO_GROWTH, retained
