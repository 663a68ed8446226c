"""The assertion layer: is a mentioned symptom had now, by the patient?

ConText, as medspaCy holds it: trigger phrases (context.toml beside this file) with a
category, a direction and a scope that ends at punctuation, a terminator ("but") or a
maximum number of words. Pseudo-triggers ("not only", "can't stop") consume their words so
the trigger inside them does not fire. Two safety rules sit on top: a negation reaches an
emergency sign only from close by, and a hedge never hides anything (it is acted on, then
confirmed).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rapidfuzz.fuzz import ratio

from triage.understand.normalise import (
    AGE,
    CLAUSE_MARK,
    COMPARING,
    MARKS,
    PAUSE_MARK,
    QUESTION_MARK,
    YEAR,
    clause_end,
    clause_start,
    is_age,
    is_year,
    phrase_tokens,
    year_phrase_tokens,
)

_DATA_FILE = Path(__file__).with_name("context.toml")

PRESENT = "present"
UNCERTAIN = "uncertain"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
HISTORICAL = "historical"
OTHER = "other"
RETRACTED = "retracted"
CLAIM = "claim"
LONG_STANDING = "long_standing"
"""The patient says the sign asked about or told of is theirs ("mine feels like it")."""
LONG_STANDING_DENIALS = frozenset({"no", "not"})
"""First words of a phrase of the usual that deny the finding it holds ("no worse than usual")."""
AFTER_EVENT_REACH = 4
"""Words after a closer within which a word of afterwards undoes it."""
NOT_HAD = frozenset({NEGATED, HYPOTHETICAL, HISTORICAL, OTHER, RETRACTED})
"""Assertions that mean the patient does not have the symptom now."""
FIRST_PERSON = frozenset({"i", "my", "me", "mine", "myself"})
DENYING = frozenset({"no", "not", "never", "without", "nor"})
"""Words before a cause that rule it out ("no stairs or anything", "not even running")."""
"""After a clause mark these start the patient's own statement again."""
THIRD_PERSON = frozenset({"he", "his", "him", "she", "her", "they", "their", "them"})
"""A carer's words for the patient: after "his sister" they speak of him again."""
SPEAKS_AGAIN = frozenset({"it", "its", "this"})
"""After what was read and a clause mark, these start the patient's own statement again."""
PRECEDENCE = (NEGATED, OTHER, HISTORICAL, HYPOTHETICAL, RETRACTED, UNCERTAIN)
SUBJECTS = frozenset({"i", "he", "she", "we", "they", "you"})
"""Who a denial said after a sign is said of ("... he's okay"): the sign before them is not."""
PERSON = FIRST_PERSON | {"she", "he", "her", "his", "they", "their", "now"}
"""Words that start a new statement about the patient after "and" or "but"."""
NOW = frozenset({"is", "are", "am", "can", "have", "has", "keep", "keeps", "now", "still",
                 "feel", "feels", "getting", "going", "just"})
"""Just after that subject, words that say the statement is about now ("... and my lips are
swelling"); without one it still tells of the past ("... and my lips went blue")."""
ME_AS_OBJECT = frozenset({"with", "to", "for", "beside", "near", "by", "behind", "about", "of",
                          "in", "from",
                          "at", "after", "drove", "took", "brought", "sat", "stayed"})
"""Before "me", words that make it someone else's doing ("my friend who came with me has a
rash"), or a dialect's "my" ("the fella in the back of me cab"): the patient is only the
object there, not speaking of their own again."""
STATEMENT_JOINERS = frozenset({"and", "but"})
JOINED_THEN = frozenset({"then", "suddenly", "now", "just", "next", "after", "that"})
"""Words of time that may stand between "and" and the person it brings back ("watching a video
and then he collapsed")."""


PREDICATE_COPULAS = frozenset({"is", "was", "am", "are", "were"})
"""Before "a man", "a woman": the person is said to be one, no other person is named."""
PRESENTING = frozenset({"there", "here", "that", "this", "it"})
"""Before such a copula, a person is brought in ("there is a bloke on Casualty ...")."""


def _trigger_tokens(phrase: str) -> tuple[str, ...]:
    """A trigger phrase's words; a " | " in it is a break in speech, a comma or a full stop
    ("next door | he": "Dafydd next door, he has the chest pains")."""
    parts = [year_phrase_tokens(part) for part in phrase.split(" | ")]
    return tuple(word for i, part in enumerate(parts)
                 for word in ((CLAUSE_MARK,) if i else ()) + part)


def _phrases_of(trigger: dict[str, Any]) -> list[str]:
    """A trigger's phrases, and each of its `who` said before each of its `where` ("fella" and
    "in the film"): who is on a screen, written once for every way of naming the screen."""
    return [*trigger.get("phrases", []),
            *(f"{who} {where}" for who in trigger.get("who", [])
              for where in trigger.get("where", []))]


def _subject_after(tokens: list[str], joiner: int) -> str | None:
    """The word that starts what "and" or "but" at `joiner` joins on, a word or two of time
    skipped ("and then he collapsed")."""
    k = joiner + 1
    while k < len(tokens) and tokens[k] in JOINED_THEN and k - joiner <= 2:
        k += 1
    return tokens[k] if k < len(tokens) else None
PERFECT = frozenset({("have", "been"), ("has", "been"), ("have", "had"), ("has", "had"),
                     ("had", "been")})
"""After a question or a wish, a joiner, a person and one of these start a statement of what
has happened ("a pie I'm not supposed to have, and I've been sick twice"); "what if my throat
swells and I can't breathe" and "... while I'm asleep" go on asking."""
FRONTED_COUNT = 3
"""At most this many words before a time said first make its count ("a good few years ago")."""
COUNTED = frozenset({"ago", "back", "before"})
"""A time's last word after which a count before it belongs to it ("three years ago")."""
COUNT_WORDS = frozenset({
    "a", "an", "few", "couple", "of", "many", "some", "several", "about", "around", "almost",
    "nearly", "over", "good", "oh", "well", "so", "like", "um", "maybe", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "and", "half", "dozen"})
"""Words of a count before "years ago"."""
LABEL_WORDS = 3
"""At most this many words make a label a denial alone after it may speak of ("Rash: no.")."""
CONTINUES_REACH = 10
"""Words after a sign in which "it's still there" may tell that it goes on."""
SAYS_AGAIN = frozenset({"am", "have", "feel", "got", "keep"})
"""After "i", words that start the patient's own new statement in typing with no marks ("i cant
sleep im so anxious"): a denial before them does not reach past them."""
REPORTING = frozenset({"that", "if", "whether", "think", "thought", "say", "said", "saying",
                       "know", "knew", "sure", "mean", "because", "cause", "cos", "and", "or"})
"""Words after which "i am" goes on the same statement ("not that i have a rash")."""
NORMAL = frozenset({"normal", "supposed", "meant", "usual"})
"""In a hypothetical trigger ("is it normal for", "supposed to"), asking whether something seen
is as it should be."""
NOTICED = frozenset({"this", "that", "so"})
"""Degree words that point at what is there ("this swollen", "so tight")."""
OWN = frozenset({"my", "i"})
"""Words that make a sign the speaker's own ("for my tongue", "that i can't breathe")."""
"""When several triggers reach one mention, the first of these wins."""


TELLING = "tell"
ASIDE = frozenset({"apart", "aside"})
"""After "how would I tell ...", "apart from" is what one thing is told from, not an
exception: "how would I tell my normal tachycardia apart from the fast heart rate of an
allergic reaction?" asks about both."""
NO_WORDS = frozenset({"no", "nope", "nah"})
"""A bare no, after which "I said ..." insists on what was said."""
SUPERLATIVE_DENIALS = frozenset({"never", "not", "no"})
"""Words that open a phrase of the worst ever ("never had worse", "not once in all my years")."""


LIKENING = frozenset({"like", "such", "so", "worse", "this", "that"})
"""After a worst ever said with "never", these say what was never had is like this one ("never
in my life have I had a headache like this"); without them it is a denial ("I have never in my
life had chest pain")."""


def _likened_after(tokens: list[str], i: int) -> bool:
    """A likening word from token i (a trigger's own words included) to its clause's end."""
    while i < len(tokens) and tokens[i] not in MARKS:
        if tokens[i] in LIKENING:
            return True
        i += 1
    return False


def _after_denial(tokens: list[str], start: int, kept: list[tuple[int, int, Trigger]]) -> bool:
    """Whether tokens[start] comes just after a "no" or a clause holding a denial ("No chest
    pain. I said back pain.")."""
    j = start - 1
    while j >= 0 and tokens[j] in MARKS:
        j -= 1
    if j < 0:
        return False
    if tokens[j] in NO_WORDS:
        return True
    if j == start - 1:
        return False
    first = j
    while first > 0 and tokens[first - 1] not in MARKS:
        first -= 1
    return any(trigger.category == NEGATED and first <= at <= j for at, _, trigger in kept)


@dataclass(frozen=True)
class Trigger:
    category: str
    direction: str
    words: tuple[str, ...]
    weak: bool = False
    """A weak negation ("without") never hides an emergency sign."""
    one_clause: bool = False
    """Its scope ends at a clause mark before the patient speaks of their own again ("it's
    just the shivers"), whatever its category."""
    reach: int | None = None
    """How many words its scope may span at most, when less than the category's own: "the
    headache can come on later" speaks of the words just before it only."""
    not_to_someone: bool = False
    """Void when someone is named next: "how do I tell my wife ..." tells, it does not ask."""
    after_label: bool = False
    """Counts only alone in its clause, just after a clause of a few words (a label): "Rash:
    no." denies the rash, as a form filled in does; its scope is that clause."""
    quoting: bool = False
    """What follows is someone else's words, "my" and "me" included, to the clause's end:
    "that weren't me sayin' me chest hurts"."""
    thing: bool = False
    """It names a programme or a screen, not a person: "and" or "but" then a person starts the
    patient's own statement again ("we were watching the show and she went blue")."""
    screen: bool = False
    """A screen or someone on it: with a word of speaking in it or just after ("someone on it
    said"), it quotes (see `quoting`)."""
    past: bool = False
    """It tells of something over ("I had a nightmare"): a break or "and", then the patient
    speaking in the present ("... and I can't breathe", ", my chest is tight"), is now."""
    clause_end: bool = False
    """Counts only at the end of its clause: "the 'I can't breathe' was the telly, she's
    fine" says whose the words were; "that was the radio talking about chest pain" goes on to
    quote it (a screen trigger's)."""


@dataclass(frozen=True)
class Found:
    """A trigger found in the input, with the span its scope covers."""

    trigger: Trigger
    start: int
    end: int
    scope_start: int
    scope_end: int


class AssertionReader:
    def __init__(self, splitters: frozenset[str], superlatives: Iterable[str] = ()) -> None:
        """`superlatives`: phrases that call a symptom the worst or most severe ever (the
        phrase book's modifiers); those said with a denial ("never in my seventy-eight years
        have I had such a pain") deny nothing."""
        with open(_DATA_FILE, "rb") as handle:
            data = tomllib.load(handle)
        s = data["settings"]
        self.max_scope = int(s["max_scope"])
        self.max_scope_other = int(s["max_scope_other"])
        self.emergency_window = int(s["emergency_window"])
        self.transparent = frozenset(s["emergency_transparent"])
        self.retraction_reach = int(s["retraction_reach"])
        self.after_event = frozenset(s["after_event"])
        self.corrections = [phrase_tokens(p) for p in s["corrections"]]
        self.long_standing_refers = frozenset(s["long_standing_refers"])
        self.long_standing_links = frozenset(s["long_standing_links"])
        self.long_standing_signs = frozenset(s["long_standing_signs"])
        self.terminators = [phrase_tokens(p) for p in s["terminators"]]
        self.well_now = [phrase_tokens(p) for p in s["well_now"]]
        self.not_well_before = frozenset(s["not_well_before"])
        self.not_well_after = [phrase_tokens(p) for p in s["not_well_after"]]
        self.question_openers = frozenset(s["question_openers"])
        self.reassurances = [phrase_tokens(p) for p in s["reassurances"]]
        self.well_hedges = frozenset(s["well_hedges"])
        self.well_undone = [phrase_tokens(p) for p in s["well_undone"]]
        self.persons = {name: frozenset(s[f"person_{name}"]) for name in ("self", "she", "he")}
        self.someone = frozenset(s["person_other"]).union(*self.persons.values())
        self.addressees = self.someone | frozenset(s["addressees"])
        self.addressee_determiners = frozenset(s["addressee_determiners"])
        self.cause_doubts = [phrase_tokens(p) for p in s["cause_doubts"]]
        self.cause_not = [phrase_tokens(p) for p in s["cause_not"]]
        self.allergens = frozenset(s["allergens"])
        self.recurring = [phrase_tokens(p) for p in s["recurring"]]
        self.told_once = [phrase_tokens(p) for p in s["told_once"]]
        self.well_doubted = [phrase_tokens(p) for p in s["well_doubted"]]
        self.story_reach = int(s["story_reach"])
        self.explained_signs = frozenset(s["explained_signs"])
        self.cause_lead_ins = [phrase_tokens(p) for p in s["cause_lead_ins"]]
        self.passing_causes = [phrase_tokens(p) for p in s["passing_causes"]]
        self.resolved = [phrase_tokens(p) for p in s["resolved"]]
        self.cause_reach = int(s["cause_reach"])
        self.cause_within = int(s["cause_within"])
        self.cause_colours = frozenset(s["cause_colours"])
        self.called_off = [phrase_tokens(p) for p in s["called_off"]]
        self.continuing = [phrase_tokens(p) for p in s["continuing"]]
        self.observer_verbs = frozenset(s["observer_verbs"])
        self.thing_subjects = frozenset(s["thing_subjects"])
        self.speaker_places = frozenset(s["speaker_places"])
        self.story_past = [year_phrase_tokens(p) for p in s["story_past"]]
        self.story_recent = [phrase_tokens(p) for p in s["story_recent"]]
        self.story_recent_before = [phrase_tokens(p) for p in s["story_recent_before"]]
        self.story_own = [phrase_tokens(p) for p in s["story_own"]]
        self.had_words = frozenset(s["had_words"])
        self.had_between = frozenset(s["had_between"])
        self.fears = frozenset(phrase_tokens(p) for p in s["fears"])
        self.continues = [phrase_tokens(p) for p in s["continues"]]
        self.presupposing_before = [phrase_tokens(p) for p in s["presupposing_before"]]
        self.presupposing_after = [phrase_tokens(p) for p in s["presupposing_after"]]
        self.presupposing_not = frozenset(s["presupposing_not"])
        self.presupposing_asks = frozenset(s["presupposing_asks"])
        self.presupposing_definite = frozenset(s["presupposing_definite"])
        self.presupposing_denied_after = frozenset(s["presupposing_denied_after"])
        self.asked_if = frozenset(s["asked_if"])
        self.insisting = frozenset(phrase_tokens(p) for p in s["insisting"])
        self.splitters = splitters
        self.triggers = [Trigger(t["category"], t["direction"], _trigger_tokens(p),
                                 bool(t.get("weak", False)), bool(t.get("one_clause", False)),
                                 t.get("reach"), bool(t.get("not_to_someone", False)),
                                 bool(t.get("after_label", False)),
                                 bool(t.get("quoting", False)), bool(t.get("thing", False)),
                                 bool(t.get("screen", False)), bool(t.get("past", False)),
                                 bool(t.get("clause_end", False)))
                         for t in data["trigger"] for p in _phrases_of(t)]
        self.speech_verbs = [phrase_tokens(p) for p in s["speech_verbs"]]
        self.superlatives = frozenset(
            words for words in (phrase_tokens(p) for p in superlatives)
            if words and words[0] in SUPERLATIVE_DENIALS)
        self.triggers += [Trigger("pseudo", "forward", words) for words in sorted(
            self.superlatives)]
        # triggers by their first two words, so that a common first word ("the") is checked
        # only against the triggers that go on like the input; a second word that stands for
        # any year, any age or a break is filed under None, checked always
        self.by_first: dict[str, dict[str | None, list[Trigger]]] = {}
        for trigger in self.triggers:
            second = trigger.words[1] if len(trigger.words) > 1 else None
            if second in (YEAR, AGE, CLAUSE_MARK):
                second = None
            self.by_first.setdefault(trigger.words[0], {}).setdefault(second, []).append(
                trigger)

    def _continues(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether, from a historical trigger at `start` to a little past the mention ending
        at `end`, the sign is told as started then and going on."""
        words = tokens[start:end + CONTINUES_REACH]
        return any(tuple(words[i:i + len(c)]) == c for i in range(len(words))
                   for c in self.continues)

    def _had_before(self, tokens: list[str], start: int) -> bool:
        """A word saying someone has it stands just before the mention, with only a few
        small words between ("I have the headache ...")."""
        i = start - 1
        while i >= 0 and tokens[i] in self.had_between:
            i -= 1
        return i >= 0 and tokens[i] in self.had_words

    def _label_before(self, tokens: list[str], start: int, end: int) -> int | None:
        """Where the label clause before a trigger alone in its clause starts, or None when
        the trigger is not alone or the clause before is no short label."""
        if start == 0 or tokens[start - 1] not in MARKS or (
                end < len(tokens) and tokens[end] not in MARKS):
            return None
        k = start - 1
        while k > 0 and tokens[k - 1] not in MARKS:
            k -= 1
        return k if 0 < start - 1 - k <= LABEL_WORDS else None

    def _speaks(self, tokens: list[str], start: int, end: int) -> bool:
        """A word of speaking ends the trigger at tokens[start:end] or comes just after it,
        past a pause ("man on TV ... said")."""
        after = end + 1 if end < len(tokens) and tokens[end] == PAUSE_MARK else end
        return any(tuple(tokens[end - len(v):end]) == v or tuple(tokens[after:after + len(v)]) == v
                   for v in self.speech_verbs)

    def _addressed(self, tokens: list[str], at: int) -> bool:
        """Whether a person is named at `at`, past a determiner ("my wife", "the nurse")."""
        if at < len(tokens) and tokens[at] in self.addressee_determiners:
            at += 1
        return at < len(tokens) and tokens[at] in self.addressees

    def find(self, tokens: list[str]) -> list[Found]:
        """Triggers in the input, longest first where they overlap; pseudo-triggers dropped."""
        raw: list[tuple[int, int, Trigger]] = []
        for i, token in enumerate(tokens):
            by_second = self.by_first.get(token, {})
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            for trigger in (*by_second.get(None, ()),
                            *(by_second.get(following, ()) if following is not None else ())):
                size = len(trigger.words)
                if _same(tokens[i:i + size], trigger.words) and not (
                        trigger.not_to_someone and self._addressed(tokens, i + size)) and not (
                        trigger.after_label and self._label_before(tokens, i, i + size) is None
                ) and not (trigger.category == "pseudo" and trigger.words in self.superlatives
                           and not _likened_after(tokens, i)) and not (
                        trigger.clause_end and i + size < len(tokens)
                        and tokens[i + size] not in MARKS):
                    raw.append((i, i + size, trigger))
        raw.sort(key=lambda r: (-(r[1] - r[0]), r[2].category == "pseudo",
                                not r[2].after_label, r[0]))
        taken: set[int] = set()
        kept: list[tuple[int, int, Trigger]] = []
        for start, end, trigger in raw:
            span = set(range(start, end))
            if span & taken:
                continue
            if trigger.category == NEGATED and (_corrects(tokens, start, end)
                                                or _concord(tokens, start, end)):
                continue
            if trigger.category == OTHER and trigger.words[0] in ("a", "an") and start > 0 \
                    and tokens[start - 1] in PREDICATE_COPULAS \
                    and (start < 2 or tokens[start - 2] not in PRESENTING):
                continue  # "my husband is a man of 80 and his lips are swelling": he, no other
            if trigger.category == OTHER and CLAUSE_MARK in trigger.words and start > 0 \
                    and tokens[start - 1] in self.speaker_places:
                continue  # "I live next door, she can't breathe": the speaker's place
            taken |= span
            kept.append((start, end, trigger))
        kept = [k for k in kept if not (k[2].category == "opener" and k[2].words in self.insisting
                                        and _after_denial(tokens, k[0], kept))]
        found = []
        for start, end, trigger in sorted(kept, key=lambda r: r[0]):
            if trigger.category == "pseudo":
                continue
            if trigger.screen and self._speaks(tokens, start, end):
                trigger = replace(trigger, quoting=True)  # "someone on it said 'I can't ...'"
            scope_start, scope_end = self._scope(tokens, start, end, trigger)
            found.append(Found(trigger, start, end, scope_start, scope_end))
        return found

    @staticmethod
    def _fronted_time(trigger: Trigger, tokens: list[str], start: int, end: int) -> bool:
        """A past time said as a clause of its own before what happened then ("Back in 2009,
        my throat swelled up"; "The first time, last year, my lips got puffy"): it reaches
        over its comma into the next clause, unless that clause speaks of now ("Last year,
        fine. My lips are swelling")."""
        before = tokens[clause_start(tokens, start):start]
        if trigger.category != HISTORICAL or trigger.direction != "both" or before and not (
                trigger.words[-1] in COUNTED and len(before) <= FRONTED_COUNT
                and all(t in COUNT_WORDS or t.isdigit() for t in before)) \
                or end >= len(tokens) or tokens[end] != CLAUSE_MARK:
            return False  # its clause holds the time and at most its count ("three years ago")
        following = end + 1
        while following < len(tokens) and tokens[following] not in MARKS:
            following += 1
        return following > end + 1 and not NOW & set(tokens[end + 1:following])

    @staticmethod
    def time_alone_after(tokens: list[str], end: int, found: Found) -> bool:
        """The time of `found` is said alone in the clause after the clause mark at `end`,
        with at most its count before it ("had hives, couple years back.")."""
        if end >= len(tokens) or tokens[end] != CLAUSE_MARK or found.start <= end \
                or found.end < len(tokens) and tokens[found.end] not in MARKS:
            return False
        count = tokens[end + 1:found.start]
        return not count or found.trigger.words[-1] in COUNTED and len(count) <= FRONTED_COUNT \
            and all(t in COUNT_WORDS or t.isdigit() for t in count)

    def _long_ago_after(self, tokens: list[str], found: Found, end: int) -> bool:
        """A long-past time said alone in the clause just after a sign's clause told of the
        past, nothing of now in it ("Had hives after me first go, couple years back")."""
        last = clause_end(tokens, end)
        first = clause_start(tokens, end - 1)
        return found.trigger.words in self.story_past and \
            self.time_alone_after(tokens, last, found) and not NOW & set(tokens[first:last])

    def _long_ago_first(self, trigger: Trigger, tokens: list[str], start: int,
                        end: int) -> bool:
        """A long-past time said first, as a clause of its own ("Three years ago, with another
        medicine, I had hives"): the story after it is told of then, an urgent sign too, for
        as long as it is told in the past (_past_told_on). An emergency sign is told of then
        only in the clause after the time, or when the patient says they are fine now."""
        return trigger.words in self.story_past and self._fronted_time(trigger, tokens, start,
                                                                        end)

    def _past_told_on(self, tokens: list[str], end: int) -> int:
        """Where a story told of long ago ends, from the clause mark at `end`: at the first
        clause that speaks of now ("... I had hives. My throat is swelling"), of a recent time
        ("and today ...", "this time ..."), or turns ("but ...")."""
        while end < len(tokens) and tokens[end] == CLAUSE_MARK:
            following = clause_end(tokens, end + 1)
            clause = tokens[end + 1:following]
            if not clause or NOW & set(clause) or clause[0] in ("but", "now", "today") \
                    or tuple(clause[:2]) == ("this", "time") or self.tells_recent(clause):
                break
            end = following
        return end

    def _is_terminator(self, tokens: list[str], i: int, negation: bool) -> bool:
        if tokens[i] in MARKS:
            # negation stops at punctuation; who and when reach past a comma, unless the
            # patient starts speaking of themselves ("my friend had that, my throat is ...")
            return negation or tokens[i] == QUESTION_MARK or i + 1 >= len(tokens) \
                or tokens[i + 1] in FIRST_PERSON \
                or tokens[i + 1] in MARKS
        if negation and tokens[i] in self.splitters:
            return True
        return any(tuple(tokens[i:i + len(t)]) == t for t in self.terminators)

    def long_past(self, found: Found) -> bool:
        """Whether a historical trigger tells of long ago ("years ago", "in 2016")."""
        return found.trigger.category == HISTORICAL and found.trigger.words in self.story_past

    def tells_recent(self, words: list[str], before_sign: bool = True) -> bool:
        """Whether the words tell of a recent time ("this morning", "then"); "after the ..."
        only when they stand between the story's time and the sign (`before_sign`)."""
        recent = self.story_recent + (self.story_recent_before if before_sign else [])
        return any(tuple(words[i:i + len(t)]) == t for i in range(len(words)) for t in recent
                   if not (before_sign and t in self.story_recent_before and any(
                       tuple(words[i:i + len(o)]) == o for o in self.story_own)))

    def cause_at(self, tokens: list[str], start: int) -> bool:
        """Whether a harmless cause of the list begins at `start` ("snow cones")."""
        return any(tuple(tokens[start:start + len(c)]) == c for c in self.passing_causes)

    def passing_cause(self, tokens: list[str], start: int, end: int
                      ) -> tuple[int, int] | None:
        """Where a harmless cause led in by a reason ("cos I just ran up", "it was the
        slushie") is among tokens[start:end]: from its lead-in to its end, or None."""
        for i in range(start, end):
            for lead in self.cause_lead_ins:
                if tuple(tokens[i:i + len(lead)]) != lead or self._cause_doubted(tokens, i):
                    continue
                after = i + len(lead)
                for k in range(after, min(after + self.cause_within, end)):
                    if DENYING & set(tokens[max(after, k - 2):k]):
                        continue  # "no stairs or anything", "not even running": ruled out
                    if any(tuple(tokens[k:k + len(n)]) == n for n in self.cause_not):
                        continue  # "running out of my inhaler"
                    for cause in self.passing_causes:
                        if tuple(tokens[k:k + len(cause)]) == cause:
                            return i, k + len(cause)
        return None

    def _cause_doubted(self, tokens: list[str], lead: int) -> bool:
        """A cause asked about or doubted: its clause asks ("is it from the stairs?"), or a
        word of doubt comes just before it ("I doubt it's the blueberries")."""
        end = clause_end(tokens, lead)
        if end < len(tokens) and tokens[end] == QUESTION_MARK:
            return True
        before = tokens[max(0, lead - 4):lead + 2]
        return any(tuple(before[k:k + len(d)]) == d for k in range(len(before))
                   for d in self.cause_doubts)

    def resolved_at(self, tokens: list[str], start: int, sign: tuple[int, int]) -> bool:
        """Whether words of being well again come at or after `start`, said as so now of the
        one who has the sign at tokens[sign[0]:sign[1]]."""
        return any(tuple(tokens[i:i + len(w)]) == w
                   and self.well_said_of(tokens, sign, i, i + len(w))
                   for i in range(start, len(tokens)) for w in self.resolved + self.well_now)

    def well_said_of(self, tokens: list[str], sign: tuple[int, int], start: int,
                     end: int, same_person: bool = True) -> bool:
        """Whether the words of being well at tokens[start:end] say, of now and plainly, that
        the one with the sign at tokens[sign[0]:sign[1]] is well: not denied, doubted, past,
        asked (well_now_at), hedged or limited in their clause, undone after, or (with
        `same_person`) said of someone else."""
        if not self.well_now_at(tokens, start, end) or any(
                tuple(tokens[k:k + len(d)]) == d for k in range(len(tokens))
                for d in self.well_doubted):
            return False
        first, last = clause_start(tokens, start), clause_end(tokens, end)
        if self.well_hedges & set(tokens[first:last]) or any(
                tuple(tokens[k:k + len(u)]) == u for k in range(end, len(tokens))
                for u in self.well_undone):
            return False
        if not same_person:
            return True
        mine = self._who(tokens[clause_start(tokens, sign[0]):clause_end(tokens, sign[1])])
        said_of = self._who(tokens[first:last])
        return not (mine and said_of and not mine & said_of)

    def _who(self, words: list[str]) -> frozenset[str]:
        """Who the words speak of: "self", "she", "he", and each person named by a noun."""
        found: set[str] = set()
        for k, word in enumerate(words):
            for name, said in self.persons.items():
                if word not in said:
                    continue
                owner = name == "self" and k + 1 < len(words) and any(
                    words[k + 1] in self.persons[other] for other in ("she", "he"))
                if not owner:  # "my husband" speaks of him, not of me
                    found.add(name)
        return frozenset(found)

    def speaker_or_named(self, words: list[str]) -> bool:
        """Whether the words speak of the speaker ("my", "we") or name a person by a noun
        ("mum", "grandad"); "she" and "his" may be anyone's."""
        pronouns = {"she", "her", "herself", "he", "him", "his", "himself"}
        named = (self.persons["she"] | self.persons["he"]) - pronouns
        return bool((self.persons["self"] | FIRST_PERSON | named) & set(words))

    def names_someone(self, tokens: list[str]) -> bool:
        """Whether a person is named ("I", "my", "she", "mum", "the patient")."""
        return bool(self.someone & set(tokens))

    def names_allergen(self, tokens: list[str]) -> bool:
        """Whether the turn names something one may react to ("peanuts", "the dye")."""
        return bool(self.allergens & set(tokens))

    def well_now_at(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether words of being well at tokens[start:end] say so of now: not denied, doubted,
        past, habitual or asked ("she's not fine now", "he was fine an hour ago", "is it okay
        to wait?")."""
        words = list(tokens)
        for phrase in self.reassurances:  # "don't worry, breathing fine": no denial
            for i in range(max(0, start - 4), start):
                if tuple(words[i:i + len(phrase)]) == phrase:
                    words[i:i + len(phrase)] = [""] * len(phrase)
        before = words[max(0, start - 3):start]
        if CLAUSE_MARK in before:
            before = before[len(before) - before[::-1].index(CLAUSE_MARK):]
        if self.not_well_before & set(before + words[start + 1:end - 1]):
            return False  # "he was fine" is one phrase of the book: its inner words count too
        if any(tuple(tokens[end:end + len(w)]) == w for w in self.not_well_after):
            return False
        first, last = clause_start(tokens, start), clause_end(tokens, end)
        return not (last < len(tokens) and tokens[last] == QUESTION_MARK
                    or tokens[first] in self.question_openers)

    def called_off_at_start(self, tokens: list[str]) -> bool:
        """Whether the turn opens by calling off a worry ("nvm", "false alarm")."""
        return any(tuple(tokens[i:i + len(w)]) == w for i in range(min(6, len(tokens)))
                   for w in self.called_off)

    def goes_on(self, tokens: list[str], start: int) -> bool:
        """Whether words of a sign going on come at or after `start` ("still", "worse")."""
        return any(tuple(tokens[i:i + len(w)]) == w for i in range(start, len(tokens))
                   for w in self.continuing)

    def has_terminator(self, words: list[str]) -> bool:
        """Whether a terminator ("but", "now", "today") is among the words."""
        return any(tuple(words[i:i + len(t)]) == t for i in range(len(words))
                   for t in self.terminators)

    def _scope(self, tokens: list[str], start: int, end: int,
               trigger: Trigger) -> tuple[int, int]:
        negation = trigger.category == NEGATED
        reach = self.retraction_reach if trigger.category == "opener" else \
            self.max_scope if negation or trigger.category == UNCERTAIN else self.max_scope_other
        if trigger.reach is not None:
            reach = min(reach, trigger.reach)
        scope_start, scope_end = start, end
        if trigger.after_label:
            label = self._label_before(tokens, start, end)
            return (start if label is None else label), end
        if trigger.category == CLAIM:
            # "how do you know if your throat is closing? mine feels like it": the claim points
            # back past the question mark at what was asked about
            return max(0, start - self.retraction_reach), end
        if trigger.direction in ("forward", "both"):
            j = end
            if negation and j < len(tokens) and tokens[j] == PAUSE_MARK \
                    and (start == 0 or tokens[start - 1] in MARKS):
                j += 1  # "Not... spin.": a denial said alone, then a breath, then what it denies
            if self._fronted_time(trigger, tokens, start, end):
                j += 1  # "Last year, my lips swelled up": the time said first, then what it was
            while j < len(tokens) and j - end < reach and (
                    trigger.category == "opener" and tokens[j] not in MARKS or
                    not self._is_terminator(tokens, j, negation)
                    or TELLING in trigger.words and tokens[j] in ASIDE):
                if trigger.category == OTHER and tokens[j] in self.observer_verbs:
                    break  # "the lady next door noticed his face drooping": she only saw it
                if trigger.category == HYPOTHETICAL and j + 1 < len(tokens) \
                        and tokens[j + 1] in PERSON and (
                            tokens[j] in MARKS and NOW & set(tokens[j + 2:j + 4])
                            or tokens[j] in STATEMENT_JOINERS and j > end
                            and tuple(tokens[j + 2:j + 4]) in PERFECT):
                    # "asking if she can take paracetamol, she has a bad headache"; "a pie
                    # I'm not supposed to have, and I've been sick twice"
                    break
                if trigger.category == OTHER and not trigger.quoting and (
                        tokens[j] in FIRST_PERSON and not (
                        tokens[j] == "me" and tokens[j - 1] in ME_AS_OBJECT) or (
                        tokens[start] in THIRD_PERSON and tokens[j] in THIRD_PERSON)):
                    # "my friend said my lips look blue": the patient's own lips; so too
                    # "his sister says his lips are swelling", a carer's "his" being the patient
                    break
                if trigger.thing and tokens[j] in STATEMENT_JOINERS \
                        and _subject_after(tokens, j) not in self.thing_subjects:
                    # "the film was on and (then) he collapsed": no film collapses; nor does
                    # "I was watching the news and collapsed", said of the watcher
                    break
                if negation and j > end and tokens[j] == "i" and j + 1 < len(tokens) \
                        and tokens[j + 1] in SAYS_AGAIN and tokens[j - 1] not in REPORTING:
                    break  # "i can not sleep i am so anxious": a new statement, unmarked
                if trigger.past and self._now_again(tokens, j):
                    break  # "I had a nightmare and I can't breathe": the dream is over
                if trigger.one_clause and tokens[j] in MARKS and j + 1 < len(tokens) \
                        and tokens[j + 1] in SPEAKS_AGAIN:
                    break  # "I checked the leaflet. It's just the shivers"
                if trigger.category == HISTORICAL and trigger.direction == "both" \
                        and tokens[j] in MARKS:
                    break  # "like the flu I had years ago: headache, and I've vomited"
                j += 1
            scope_end = j
            if self._long_ago_first(trigger, tokens, start, end):
                scope_end = self._past_told_on(tokens, scope_end)
        if trigger.direction in ("backward", "both"):
            j = start
            while j > 0 and start - j < reach and not self._is_terminator(
                    tokens, j - 1, negation):
                if tokens[j - 1] in MARKS and FIRST_PERSON & set(tokens[j:start]):
                    break  # "few chills. I fainted at my first cannulation back in 2015"
                if trigger.category == HISTORICAL and tokens[j - 1] in COMPARING:
                    break  # "my chest hurts like it did years ago": now, like then
                if negation and j == start and tokens[j - 1] in SUBJECTS:
                    break  # "my husband is gasping ... he's okay": only he is said okay
                j -= 1
            scope_start = j
        return scope_start, scope_end

    @staticmethod
    def _now_again(tokens: list[str], j: int) -> bool:
        """A break or "and"/"but" at j, then the patient again, speaking of now: "now", or a
        person and a present verb within a few words ("and my chest is tight"); or, with no
        break, as dictation writes it, "i am", "i feel" ("... in the dream I'm okay just
        sleepy")."""
        if j + 1 >= len(tokens):
            return False
        if tokens[j] == "i" and tokens[j + 1] in SAYS_AGAIN:
            return True
        if not (tokens[j] in MARKS or tokens[j] in STATEMENT_JOINERS):
            return False
        return tokens[j + 1] == "now" or tokens[j + 1] in PERSON and bool(
            NOW & set(tokens[j + 2:j + 5]))

    def speaks_of(self, tokens: list[str], found: Found, end: int) -> bool:
        """Whether a long-standing trigger speaks of the sign that ends at `end` before it."""
        between = tokens[end:found.start]
        return bool(self.long_standing_refers & set(between + list(found.trigger.words))) or all(
            t in MARKS or t in self.long_standing_links for t in between)

    def _new_subject(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether a clause word ("and", "but") followed by a person starts a new statement
        between tokens[start:end]."""
        return any(tokens[i] in self.splitters and tokens[i + 1] in PERSON
                   and NOW & set(tokens[i + 1:i + 5])
                   for i in range(start, min(end, len(tokens) - 1)))

    def _presupposed(self, tokens: list[str], start: int, end: int) -> bool:
        """Whether a question takes the sign at tokens[start:end] as there ("is it normal that
        her lips are swelling", "if the blue lips are from the cold")."""
        before = any(tuple(tokens[max(0, start - len(p)):start]) == p
                     for p in self.presupposing_before)
        after = any(tuple(tokens[end:end + len(p)]) == p for p in self.presupposing_after)
        if not before and not (start > 0 and tokens[start - 1] in self.presupposing_definite) \
                or any(t in self.presupposing_denied_after and tokens[k + 1:k + 2] != ["want"]
                       for k, t in enumerate(tokens[end:], start=end)):
            # "... I told her I have none"; "she does not want to make a fuss" denies nothing
            return False
        window = tokens[max(0, start - 3):end + 2]
        near = {t for i, t in enumerate(window)
                if not (i + 1 < len(window) and window[i + 1] == "not")}
        asks = bool(self.presupposing_asks & set(tokens[clause_start(tokens, start):start]))
        return (before or after) and asks and not near & self.presupposing_not

    def _told_once(self, tokens: list[str], end: int) -> bool:
        """Whether the clause goes on, after a sign ending at `end`, to tell it as a story
        ("... had a seizure once", "... had fits as a kid")."""
        last = clause_end(tokens, end)
        return any(tuple(tokens[k:k + len(p)]) == p for p in self.told_once
                   for k in range(end, last - len(p) + 1))

    def _asked_in_clause(self, tokens: list[str], start: int) -> bool:
        """Whether the clause of tokens[start] asks "if" or "whether" before it."""
        return bool(self.asked_if & set(tokens[clause_start(tokens, start):start]))

    def _close(self, tokens: list[str], end: int, start: int) -> bool:
        """Whether a negation ending at `end` sits close enough before `start` to hide an
        emergency sign."""
        between = tokens[end:start]
        return len(between) <= self.emergency_window and all(
            t in self.transparent for t in between)

    def classify(self, tokens: list[str], found: list[Found], start: int, end: int,
                 own: frozenset[int], emergency: bool, urgent: bool = False) -> str:
        """The assertion of a mention covering tokens[start:end], whose own words are `own`."""
        categories: set[str] = set()
        for f in found:
            span = set(range(f.start, f.end))
            if f.trigger.category == NEGATED and (span <= own or f.start in own and not (
                    f.trigger.direction == "backward" and f.start > start) and not (
                    f.start < start and own <= span
                    or f.trigger.direction == "forward" and f.end > end)):
                # the negation is a word of the mention itself ("can't breathe"), unless it
                # runs on past the mention, denying more than its words ("she is not breathing
                # hard": a way of breathing denied)
                continue
            inside = start <= f.start and f.end <= end or (
                f.trigger.category == NEGATED and start < f.start < end) or (
                # "my legs, (they) do not hurt": a denial that ends on the finding's own word
                f.trigger.category == NEGATED and f.start < start < f.end
                and f.start not in own) or (
                f.trigger.category in (HYPOTHETICAL, OTHER, HISTORICAL)
                and f.start <= start and end <= f.end)  # "water hurts the kidneys": all of it
            # a denial that begins among the mention's words and runs past them is said of it
            # too ("light doesn't bother me": the concept ends at "bother")
            if f.trigger.category == LONG_STANDING and own & span \
                    and tokens[f.start] in LONG_STANDING_DENIALS:
                # "breathing no worse than usual": the usual, said with a denial over the
                # finding's own words, denies it
                categories.add(NEGATED)
                continue
            if inside:
                if f.trigger.category == NEGATED:
                    categories.add(NEGATED)
                elif f.trigger.category != "closer":
                    categories.add(f.trigger.category)
                continue
            forward = f.trigger.direction in ("forward", "both") and f.start < start < f.scope_end
            backward = f.trigger.direction in ("backward", "both") and f.scope_start <= start \
                and end <= f.start
            reaches = forward or backward
            if not reaches:
                continue
            if emergency and f.trigger.weak and not (
                    f.trigger.category == OTHER and self._told_once(tokens, end)) \
                    or f.trigger.category == NEGATED and emergency and (
                    f.trigger.direction == "forward" and not self._close(tokens, f.end, start)):
                continue  # a weak trigger never hides an emergency sign, unless it is a story
            if f.trigger.category in ("closer", CLAIM):
                continue
            if f.trigger.category == NEGATED and backward and emergency \
                    and self._asked_in_clause(tokens, start):
                continue  # "I want to know if this chest pain is normal": asked, not denied
            if f.trigger.category == HYPOTHETICAL and backward and self._had_before(tokens,
                                                                                   start):
                continue  # "I've got the headache they warned about": had, as said
            if f.trigger.category == OTHER and not f.trigger.quoting \
                    and FIRST_PERSON & set(tokens[start:end]):
                continue  # "my colleague said the left side of my face was sliding": mine
            if (emergency and f.trigger.category in (OTHER, HISTORICAL, HYPOTHETICAL)
                    or urgent and f.trigger.category == HISTORICAL) and any(
                    t in MARKS and not (f.trigger.quoting and t == PAUSE_MARK)
                    for t in tokens[min(f.end, start):max(f.start, end)]) and not (
                    forward and not emergency
                    and self._long_ago_first(f.trigger, tokens, f.start, f.end)) and not (
                    backward and not emergency and self._long_ago_after(tokens, f, end)):
                # for an emergency sign, who, when and whether reach one clause only; for an
                # urgent one, when ("the dent stays. They weren't like that before the drip")
                continue
            if emergency and f.trigger.category == HISTORICAL and (self._new_subject(
                    tokens, min(f.end, start), max(f.start, end))
                    or f.start >= end and NOW & set(tokens[max(0, start - 2):end])):
                # "this is my first infusion and my lips are swelling", "my throat is closing
                # like at my last infusion": said of now
                continue
            if f.trigger.category == HISTORICAL and (_like_now(tokens, end) or any(
                    tuple(tokens[k:k + len(r)]) == r for k in range(end, len(tokens))
                    for r in self.recurring)):
                # "years ago my throat swelled up like it is doing right now", "... and his
                # face drooping on one side again", "..., it's doing it again"
                continue
            if f.trigger.category == HISTORICAL and self._continues(tokens, f.start, end):
                continue  # "a month ago I started getting chest pain, it's still there"
            if emergency and f.trigger.category == HYPOTHETICAL and f.end <= start \
                    and f.trigger.words in self.fears and self._new_subject(tokens, f.end, start):
                continue  # "I'm at risk of anaphylaxis and my throat is swelling"
            if emergency and f.trigger.category == HYPOTHETICAL and _like_now(tokens, end):
                # "what if his face droops like it is doing now?": feared, and also there now;
                # when in doubt, present, and confirmed after the call
                categories.add(UNCERTAIN)
                continue
            around = set(tokens[max(0, start - 1):end])
            if emergency and f.trigger.category == HYPOTHETICAL and (
                    NORMAL & set(f.trigger.words) and around & OWN or around & NOTICED):
                # asking whether one's own emergency sign is normal ("is it normal for my
                # tongue to be this big", "if my lips should be this swollen") says it is
                # there: when in doubt, present, and confirmed after the call. "Is it normal
                # to have chest pain?" stays a question, asked about by name.
                categories.add(UNCERTAIN)
                continue
            categories.add(f.trigger.category)
        if "opener" in categories:
            categories.discard("opener")
            closer = any(f.trigger.category == "closer" and f.start >= end
                         and f.start - end <= self.retraction_reach
                         and not self.after_event & set(tokens[f.end:f.end + AFTER_EVENT_REACH])
                         for f in found)
            categories.add(RETRACTED if closer else UNCERTAIN)
        claimed = any(f.trigger.category == CLAIM and f.scope_start <= start and end <= f.start
                      for f in found)
        if claimed and NEGATED not in categories and categories & {HYPOTHETICAL, OTHER,
                                                                     HISTORICAL}:
            categories -= {HYPOTHETICAL, OTHER, HISTORICAL}
            categories.add(UNCERTAIN)
        if emergency and HYPOTHETICAL in categories and NEGATED not in categories \
                and self._presupposed(tokens, start, end):
            # "she's asking if it's normal that her lips are swelling": had, then confirmed
            categories.discard(HYPOTHETICAL)
            categories.add(UNCERTAIN)
        if emergency and NEGATED in categories and categories & {UNCERTAIN}:
            categories.discard(UNCERTAIN)
        for category in PRECEDENCE:
            if category in categories:
                return category
        return PRESENT


def _same(tokens: list[str], words: tuple[str, ...]) -> bool:
    return len(tokens) == len(words) and all(
        token == word or word == YEAR and is_year(token) or word == AGE and is_age(token)
        or word == CLAUSE_MARK and token == PAUSE_MARK
        for token, word in zip(tokens, words, strict=False))


CORRECTED_LIKENESS = 75.0
"""How alike (rapidfuzz ratio, 0-100) a misheard word and the word said after "no" must be
for the "no" to correct it ("clothing up no closing")."""
CORRECTED_REACH = 2
"""How many words before the "no" the misheard word may be ("clothing up no closing")."""


CONCORD_WORDS = frozenset({"nothing", "nothin", "nobody", "nowhere", "none"})
"""Words that repeat a denial already made in dialect ("can't grip nothin'")."""
CONCORD_REACH = 3


def _concord(tokens: list[str], start: int, end: int) -> bool:
    """A second negative word that only repeats the "not" just before it, as many Englishes
    do ("can't grip nothin' with that hand", "I don't feel nothing in my left leg"): the
    denial is the one "not", said of doing, not of the sign."""
    if end - start != 1 or tokens[start] not in CONCORD_WORDS:
        return False
    before = tokens[max(0, start - CONCORD_REACH):start]
    return "not" in before and not MARKS & set(before[before.index("not"):])


def _corrects(tokens: list[str], start: int, end: int) -> bool:
    """A "no" that corrects what dictation wrote rather than denying: the word after it is
    said twice ("no CLOSING closing up") or re-spells, with another stem, a word just before
    it ("it's clothing up no closing"). A word of the same stem is denied ("a chesty cough no
    chest pain", "I can breathe no breathing problems")."""
    if tokens[start:end] != ["no"] or end >= len(tokens) or tokens[end] in MARKS:
        return False
    after = tokens[end]
    if end + 1 < len(tokens) and tokens[end + 1] == after:
        return True
    for before in reversed(tokens[max(0, start - CORRECTED_REACH):start]):
        if before in MARKS:
            return False
        if before != after and len(after) > 3 and ratio(before, after) >= CORRECTED_LIKENESS \
                and not _same_stem(before, after):
            return True
    return False


SAME_STEM_LETTERS = 4
"""Words that begin with this many letters in common are one word's forms ("faint",
"fainted"; "breathe", "breathing"), not a word and its mishearing ("clothing", "closing")."""


def _same_stem(one: str, other: str) -> bool:
    return one[:SAME_STEM_LETTERS] == other[:SAME_STEM_LETTERS]


LIKE_NOW = frozenset({"now", "today", "tonight", "currently", "again"})
"""After a comparison with a sign told of the past, words that say it is so now as well."""


def _like_now(tokens: list[str], end: int) -> bool:
    """After the sign ending at `end`, in its clause, a comparison with now: "... like it is
    doing right now", "... same as today"."""
    clause = tokens[end:clause_end(tokens, end)]
    compared = next((k for k, t in enumerate(clause) if t in COMPARING), None)
    return compared is not None and bool(LIKE_NOW & set(clause[compared + 1:]))
