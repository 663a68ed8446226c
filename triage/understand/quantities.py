"""Numbers, temperatures, durations, clock times and ages in what the patient says.

"seven out of ten", "a hundred and two", "for a day and a half", "two hours ago", "at 2 pm",
"I'm 70": read from the tokens with the number words of grammars/phrases/numbers.toml.
"""

from __future__ import annotations

from grammars import PhraseBook
from triage.understand.normalise import MARKS, phrase_tokens
from triage.understand.numbers import NumberReader, NumberSpan
from triage.understand.result import Understanding

UNITS_IN_HOURS = {
    "minute": 1 / 60, "minutes": 1 / 60, "min": 1 / 60, "mins": 1 / 60,
    "hour": 1.0, "hours": 1.0, "hr": 1.0, "hrs": 1.0,
    "day": 24.0, "days": 24.0, "night": 24.0, "nights": 24.0,
    "week": 168.0, "weeks": 168.0,
}
WHOLE = frozenset({"full", "whole", "entire", "long", "solid", "straight"})
"""Between a number and its unit, words that only say all of it: "for one full week"."""
HALF_PHRASES = (("and", "a", "half"), ("and", "half"), ("a", "half"))
"""A half added to a number or a unit: "one and a half hours", "an hour and a half"."""
FILLERS = frozenset({"uh", "um", "er", "erm", "like"})
NOT_A_SCORE_AFTER = frozenset({"p", "pence", "pound", "pounds", "quid", "cm", "mm", "inches",
                               "inch", "centimetres", "centimeters", "coin", "coins", "penny",
                               "point", "scale", "cent", "cents", "euro", "euros", "dollar",
                               "dollars", "rand", "rupee", "rupees", "peso", "pesos", "ringgit",
                               "yen", "franc", "francs", "shilling", "shillings"})
"""Words after "a 5" that make it a thing, not a score: "a little circle, like a five p"; "on a
ten point scale" names the scale. The word next but one counts too: "a five rand coin"."""
"""Words a speaker puts inside a number pair without meaning anything."""
ORDINAL_DAYS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                "eighth": 8, "ninth": 9, "tenth": 10}
""" "the fifth day": how many days a symptom has been going on."""
ROUGHLY = frozenset({"about", "around", "maybe", "roughly", "probably", "prob"})
RATED_QUALIFIERS = frozenset({"solid", "easy", "easily", "straight", "flat", "proper",
                              "strong", "full", "firm", "high"})
"""Before a number from 1 to 10 that ends its clause, words that make it a rating too:
"myalgias are brutal, solid 9"."""
RATED_BEFORE = frozenset({"bad", "pain", "painful", "hurts", "hurting", "sore", "ache",
                          "aching", "headache", "severe", "score", "rating", "level"})
"""Words a bare number said on its own right after is a score of: "headache. bad. 9." """
"""Before a number from 1 to 10 that ends its clause, a rating ("about 8. the headache")."""
TIME_BEFORE = frozenset({"since", "at", "till", "until", "from", "by", "after", "before", "for",
                         "started", "start", "starts", "began", "begin", "on", "woke", "up",
                         "ago", "back", "taken", "took"})
"""Before ROUGHLY, the number is a time ("since about 8"), not a rating."""
SCALE_WORDS = frozenset({"level", "score", "rating", "scale"})
PAIN_WORDS = frozenset({"pain", "pains", "ache", "aches", "hurt", "hurts", "headache",
                        "discomfort", "soreness"})
"""A pain's scale named just before a number: "pain level nine", "pain score 8"."""
LAST_WEEK_HOURS = 7 * 24.0
""" "last week": about a week ago, well past the sources' three days."""
INTO_THE_DAY_HOURS = 12.0
"""On "day four" three whole days have passed and some of the fourth: more than three days,
which is what the sources' "lasting more than 3 days" asks about."""
WEEKDAYS = {name: index for index, names in enumerate((
    ("monday", "mon"), ("tuesday", "tues"), ("wednesday", "weds"), ("thursday", "thurs"),
    ("friday", "fri"), ("saturday", "sat"), ("sunday", "sun"))) for name in names}
"""Day names, Monday 0: "I had the infusion on Monday, now is Friday"."""
WORD_DAYS = frozenset({"sat", "sun", "mon"})
"""Short day names that are words too ("I sat", "stay for market sun too long", Scots "the
mon"): a day only where a day is named ("on Sun", "since Sat", "Sun morning")."""
DAY_BEFORE = frozenset({"on", "since", "from", "till", "until", "til", "by", "last", "this",
                        "next", "every", "before", "after", "was", "is"})
DAY_AFTER = frozenset({"morning", "afternoon", "evening", "night", "am", "pm"})
DATED_KIND = frozenset({"today", "now", "is", "was", "it", "on", "since", "from", "be", "been",
                        "yesterday"})
"""Before "a" and a day name, these make it a date ("today a Tuesday", "the drip was a
Friday"); after other words it is a kind of day ("nothing more than a Monday morning")."""
NOW_BEFORE = frozenset({("now", "is"), ("today", "is"), ("it", "is"), ("we", "are"),
                        ("and", "now")})
NOW_AFTER = frozenset({"now", "today"})
"""Words that make a day name today: "it's Wednesday now", "today is Friday", "here we are
Monday", "Sunday, and now Monday"."""
PLANNED_BEFORE = frozenset({"next", "coming", "due", "booked", "will", "going", "gonna",
                            "upcoming", "is"})
"""Before a day name in a clause about the infusion, these make it one still to come
("infusion's Monday morning", "my next drip is on Friday"): no day of the last infusion."""
PLAN_BEFORE_DAY = frozenset({("can", "i"), ("can", "he"), ("can", "she"), ("could", "i"),
                             ("should", "i"), ("will", "i"), ("will", "he"), ("will", "she"),
                             ("may", "i"), ("next",), ("coming",), ("planning",)})
"""Before any other day name in its clause, these make it a day still to come ("can I still go
to my lectures on Monday?", "next Friday"), not the day a symptom began ("could barely eat on
Sunday")."""
TEMPERATURE_WORDS = frozenset(
    "temperature temp temps fever degrees degree celsius centigrade fahrenheit thermometer"
    .split())
HEART_RATE_WORDS = frozenset(
    "heart pulse bpm hr beats heartbeat heartrate resting watch fitbit minute garmin smartwatch"
    .split())
HEART_RATE_REACH = 4
"""Words between a heart word and its number: "heart going like 150", "pulse is 130"."""
DEVICE_READS = frozenset("showing shows showed show says said saying reads reading read".split())
"""What a device does with a number: said just before it, in a turn that names the pulse and
no other measure, the number is the pulse, however far back the pulse was named ("I check my
pulse with the app on my phone, it is showing 138")."""
DIGIT_WORDS = frozenset(
    "zero one two three four five six seven eight nine 0 1 2 3 4 5 6 7 8 9".split())
"""Words of one digit, for readings said digit by digit."""
WEIGHT_WORDS = frozenset(
    "scales scale weigh weighed weighing weight kg kgs kilo kilos kilograms lbs pounds stone"
    .split())
"""Words that make numbers weights ("scales: 71.2 yesterday, 74.0 today")."""
WEIGHT_RANGE = (30.0, 400.0)
"""Numbers that can be a body weight, in kilograms or pounds."""
EARLIER_WORDS = frozenset(
    "yesterday before previously last ago usually normally was were".split())
"""Words that date a weight before another ("yesterday, same scale, 71.9")."""
LATER_WORDS = frozenset("today now tonight morning currently".split())
"""Words that date a weight as the latest ("74.2 this morning")."""
DATED_AFTER = 2
"""How many words after a weight may date it ("71.2 yesterday")."""
DATED_BEFORE = 6
"""How many words before a weight may date it, with no other number between."""


def _dated(tokens: list[str], spans: list[NumberSpan], weight: NumberSpan) -> int:
    """-1 when the words beside this weight date it earlier, 1 later, 0 when they do not say:
    first the words just after it ("71.2 yesterday"), then those since the number before, less
    any that dated that number."""
    after = set(tokens[weight.end:weight.end + DATED_AFTER])
    for s in spans:
        if s.start > weight.start:
            after = set(tokens[weight.end:min(weight.end + DATED_AFTER, s.start)])
            break
    if after & EARLIER_WORDS:
        return -1
    if after & LATER_WORDS:
        return 1
    before = [s for s in spans if s.end <= weight.start]
    start = max(0, weight.start - DATED_BEFORE)
    if before:
        prev = before[-1]
        start = max(start, prev.end)
        if set(tokens[prev.end:prev.end + DATED_AFTER]) & (EARLIER_WORDS | LATER_WORDS):
            start = max(start, prev.end + DATED_AFTER)
    words = set(tokens[start:weight.start])
    return -1 if words & EARLIER_WORDS else (1 if words & LATER_WORDS else 0)


PRESSURE_WORDS = frozenset(
    "pressure bp cuff systolic diastolic sphygmomanometer machine monitor top bottom".split())
"""Words that make two numbers joined by "and" a blood pressure ("pressure show 80 and 45")."""
READING_JOINS = (["over"], ["by"], ["on"])
"""Words between the two numbers of a reading wherever it is said ("78 over 45")."""
PRESSURE_JOINS = (["and"], ["on", "top", "and"], ["top", "and"], ["slash"])
"""Words between them when the sentence is about blood pressure ("85 on top and 50")."""
LIKENED_TIME = frozenset({("like", "after"), ("as", "after"), ("like", "i"), ("as", "if")})
"""Words that liken a feeling to a time spent ("like after a week of gales", "like I ran
for a day", "as if I had not slept for a week"): no time the symptom has lasted."""
LASTING_WORDS = frozenset({"now", "since", "already", "so", "straight", "running"})
"""After a time, words that tell it is how long the symptom has lasted ("for 5 days now")."""
FAST_HEART_RATE_FROM = 100
"""A heart rate said at or above this is asked about ("Is your heart beating fast?"), never
judged: the sources name a fast heart rate, not a number."""




class QuantityReader:
    """Sorts the numbers of one input into what they measure."""

    def __init__(self, book: PhraseBook) -> None:
        self.book = book
        self.numbers = NumberReader(book)
        self.infusion_words = [phrase_tokens(p) for p in book.statements["infusion_ended"]]

    def read(self, tokens: list[str], result: Understanding) -> tuple[list[NumberSpan],
                                                                   list[NumberSpan]]:
        """Fill the result's times and quantities; return (scores out of ten, other numbers)."""
        return self._classify_numbers(tokens, self.numbers.read_all(tokens), result)

    @staticmethod
    def _blood_pressure(tokens: list[str], spans: list[NumberSpan],
                        result: Understanding) -> list[NumberSpan]:
        """ "78 over 45", "eighty over uh forty five": a reading, taken out of the numbers."""
        for first, second in zip(spans, spans[1:], strict=False):
            between = [t for t in tokens[first.end:second.start]
                       if t not in FILLERS and t not in MARKS]  # "82... over... 45"
            about_pressure = bool(PRESSURE_WORDS & set(tokens))
            if (between in READING_JOINS or about_pressure and between in PRESSURE_JOINS) \
                    and 50 <= first.value <= 250 \
                    and 20 <= second.value < first.value:
                result.blood_pressure = (int(first.value), int(second.value))
                return [s for s in spans if s not in (first, second)]
        return spans

    def _weekdays(self, tokens: list[str], result: Understanding) -> None:
        """Day names by role: when the infusion was ("had the infusion on Monday"), which day it
        is ("it's Friday now"), and since when a symptom has lasted (any other: "since Monday",
        "then Monday I woke up with this headache"; of several, the one after "since", else,
        when it is still there, the first: "I had it Monday, Tuesday, Wednesday, now it's
        Friday, it's still here"; "... Tuesday, that went off by Wednesday" keeps the last)."""
        since_said = False
        goes_on = "still" in tokens
        for i, token in enumerate(tokens):
            day = WEEKDAYS.get(token)
            if day is None or token in WORD_DAYS and len(tokens) > 1 and not (
                    i > 0 and tokens[i - 1] in DAY_BEFORE
                    or tokens[i + 1:i + 2] and tokens[i + 1] in DAY_AFTER):
                continue  # "I sat", "the sun"
            if any(tokens[k:k + 2] in (["like", "a"], ["like", "an"])
                   for k in range(max(0, i - 3), i - 1)):
                continue  # a day in a likening is no time: "feel like a wet Tuesday"
            article = i - 1 if i > 0 and tokens[i - 1] in ("a", "an") else i - 2 \
                if i > 1 and tokens[i - 2] in ("a", "an") and tokens[i - 1] not in DAY_BEFORE \
                else -1
            if article >= 0 and (article == 0 or tokens[article - 1] not in DATED_KIND):
                continue  # a kind of day, no date: "nothing more than a Monday morning"
            start, end = i, i
            while start > 0 and tokens[start - 1] not in ("|", "?"):
                start -= 1
            while end < len(tokens) and tokens[end] not in ("|", "?"):
                end += 1
            before = tuple(tokens[max(0, i - 2):i])
            if tokens[i + 1:i + 2] and tokens[i + 1] in NOW_AFTER or before[-2:] in NOW_BEFORE:
                result.weekdays["now"] = day
            elif any(self._occurs(tokens, w, start, end) for w in self.infusion_words) \
                    and "since" not in tokens[start:i]:
                if not PLANNED_BEFORE & set(tokens[start:i]):
                    result.weekdays["infusion"] = day
            elif "since" in tokens[start:i] or not any(
                    tuple(tokens[k:k + len(plan)]) == plan
                    for k in range(start, i) for plan in PLAN_BEFORE_DAY):
                after_since = "since" in tokens[start:i]
                if "since" not in result.weekdays or after_since and not since_said \
                        or not goes_on and not since_said:
                    result.weekdays["since"] = day
                    since_said = after_since

    @staticmethod
    def _heart_rate(tokens: list[str], spans: list[NumberSpan],
                    result: Understanding) -> list[NumberSpan]:
        """ "pulse 130", "heart going like 150 on my watch": a reading, taken out of the
        numbers."""
        reach_until = -1
        only_pulse = not set(tokens) & (TEMPERATURE_WORDS | PRESSURE_WORDS | WEIGHT_WORDS)
        for span in spans:
            near = tokens[max(0, span.start - HEART_RATE_REACH):span.start] \
                + tokens[span.end:span.end + 2]
            if only_pulse and DEVICE_READS & set(tokens[max(0, span.start - 2):span.start]) \
                    and HEART_RATE_WORDS & set(tokens[:span.start]):
                near = near + ["pulse"]
            if HEART_RATE_WORDS & set(near) and 30 <= span.value <= 300:
                # "pulse normally 64, currently 138": the next reading is the pulse too
                reach_until = span.end + HEART_RATE_REACH
            if (HEART_RATE_WORDS & set(near) or span.start <= reach_until) \
                    and FAST_HEART_RATE_FROM <= span.value <= 300:
                result.heart_rate = int(span.value)
                return [s for s in spans if s is not span]
        return spans

    @staticmethod
    def _weights(tokens: list[str], spans: list[NumberSpan],
                 result: Understanding) -> list[NumberSpan]:
        """Two body weights, the later higher: a rise to ask about, taken out of the numbers."""
        if not WEIGHT_WORDS & set(tokens):
            return spans
        weights = [s for s in spans if WEIGHT_RANGE[0] <= s.value <= WEIGHT_RANGE[1]]
        if len(weights) < 2:
            return spans
        first, last = weights[0], weights[-1]
        if _dated(tokens, spans, first) > _dated(tokens, spans, last):
            first, last = last, first  # "74.2 this morning; yesterday, 71.9"
        if last.value > first.value:
            result.weight_rose = True
            return [s for s in spans if s not in weights]
        return spans

    @staticmethod
    def _occurs(tokens: list[str], pattern: tuple[str, ...], start: int, end: int) -> list[int]:
        size = len(pattern)
        return [k for k in range(start, end - size + 1) if tuple(tokens[k:k + size]) == pattern]

    def _classify_numbers(self, tokens: list[str], spans: list[NumberSpan],
                          result: Understanding) -> tuple[list[NumberSpan], list[NumberSpan]]:
        """Sort numbers into scores, temperatures, durations, clock times, ages and the rest."""
        scores: list[NumberSpan] = []
        standalone: list[NumberSpan] = []
        words = set(tokens)
        temperature_context = bool(words & TEMPERATURE_WORDS)
        infusion_said = any(self._occurs(tokens, w, 0, len(tokens)) for w in self.infusion_words)
        skip_until = 0
        if words & (PRESSURE_WORDS | HEART_RATE_WORDS | TEMPERATURE_WORDS):
            spans = _digit_by_digit(tokens, spans)
        spans = _spoken_decimals(spans, temperature_context)
        spans = self._blood_pressure(tokens, spans, result)
        spans = self._heart_rate(tokens, spans, result)
        spans = self._weights(tokens, spans, result)
        for span in spans:
            after = tokens[span.end:span.end + 3]
            before = tokens[max(0, span.start - 2):span.start]
            if before[-1:] == ["day"] and 2 <= span.value <= 60:
                # "it's day five now": on the fifth day, so it has lasted more than four days
                result.duration_hours = max(result.duration_hours or 0.0,
                                            (span.value - 1) * 24 + INTO_THE_DAY_HOURS)
                continue
            if before[-1:] in (["a"], ["an"]) and 0 <= span.value <= 10 \
                    and span.value == int(span.value) \
                    and not (after[:1] and after[0] in UNITS_IN_HOURS) \
                    and not set(after[:2]) & NOT_A_SCORE_AFTER:
                scores.append(span)  # "like a 3", "maybe a 5 or 6"
                continue
            if before[-1:] and before[-1] in ROUGHLY | RATED_QUALIFIERS \
                    and before[-2:-1] != ["since"] \
                    and not set(before[-2:-1]) & TIME_BEFORE and 1 <= span.value <= 10 \
                    and span.value == int(span.value) and (not after or after[0] in MARKS):
                scores.append(span)  # "about 8. the headache, yeah"
                continue
            if len(before) == 2 and before[-1] in SCALE_WORDS and before[0] in PAIN_WORDS \
                    and 1 <= span.value <= 10 and span.value == int(span.value):
                scores.append(span)  # "pain level nine. muscles."
                continue
            if before[-1:] and before[-1] in MARKS and before[-2:-1] \
                    and before[-2] in RATED_BEFORE and 1 <= span.value <= 10 \
                    and span.value == int(span.value) and (not after or after[0] in MARKS):
                scores.append(span)  # telegraphic: "headache. bad. 9. since last night"
                continue
            rated = tokens[span.end + 1:span.end + 4] if after[:1] and after[0] in MARKS \
                else after  # "nine, on a ten point scale"
            if after[:2] == ["out", "of"] or (after[:1] in (["of"], ["from"], ["over"], ["on"])
                                               and after[1:2] in (["10"], ["ten"])) or (
                    rated[:2] == ["on", "a"] and rated[2:3] in (["10"], ["ten"])):
                if 0 <= span.value <= 10:
                    scores.append(span)
                skip_until = span.end + (3 if after[:1] == ["out"] or after[1:2] == ["a"] else 2) \
                    + (1 if rated is not after else 0)
                continue
            if span.start < skip_until:
                continue  # the "10" of "out of 10"
            half = _half_length(tokens, span.end)
            whole = int(span.end + half + 1 < len(tokens) and tokens[span.end + half] in WHOLE
                        and tokens[span.end + half + 1] in UNITS_IN_HOURS)
            # "for one full week", "two whole days"
            unit = tokens[span.end + half + whole] if span.end + half + whole < len(tokens) \
                else ""
            if unit in UNITS_IN_HOURS:
                unit_end = span.end + half + whole + 1
                half_after = _half_length(tokens, unit_end)
                amount = span.value + (0.5 if half or half_after else 0.0)
                hours = amount * UNITS_IN_HOURS[unit]
                tail = tokens[unit_end + half_after:unit_end + half_after + 2]
                if "ago" in tail or "earlier" in tail:
                    result.ago_hours = hours
                elif not _likened_time(tokens, span.start):
                    result.duration_hours = max(result.duration_hours or 0.0, hours)
                continue
            if unit in ("years", "year") or (before[-2:] in (["my", "age"], ["age", "is"])):
                told_age = before[-2:] in (["my", "age"], ["age", "is"]) or before[-1:] == [
                    "aged"] or tokens[span.end + half + 1:span.end + half + 2] == ["old"] \
                    or tokens[span.end + half + 1:span.end + half + 3] == ["of", "age"]
                if told_age and 1 <= span.value <= 125:  # not "two years back"
                    result.age = int(span.value)
                continue
            clock_word = bool({"am", "pm", "oclock", "o"} & set(after[:2]))
            if (before[-1:] in (["at"], ["around"], ["about"]) and infusion_said or clock_word) \
                    and span.value <= 24:
                minute = 0
                rest = after
                follow = self.numbers.read_at(tokens, span.end)
                if follow is not None and follow.value < 60:
                    minute = int(follow.value)
                    rest = tokens[follow.end:follow.end + 3]
                    skip_until = follow.end  # the "40" of "21:40" is no temperature
                meridiem = next((m for m in ("am", "pm") if m in rest), None)
                if "afternoon" in rest or "evening" in rest or "night" in rest:
                    meridiem = "pm"
                if "morning" in rest:
                    meridiem = "am"
                result.clock = (int(span.value), minute, meridiem)
                continue
            if after[:1] == ["percent"] or after[:2] == ["per", "cent"]:
                standalone.append(span)  # "100% fine", "energy 60 percent": a share, no reading
                continue
            if 34.0 <= span.value <= 43.5 or 93.0 <= span.value <= 110.0:
                value = span.value + (0.5 if half else 0.0)  # "39 and a half"
                celsius = value if value <= 43.5 else (value - 32) * 5 / 9
                decimal = value != int(value)
                if temperature_context or decimal:
                    if not THRESHOLD_BEFORE & set(tokens[max(0, span.start - 5):span.start]):
                        # the highest reading said counts ("39.6 now, was 38 this morning"),
                        # never a limit someone set ("call if it went over thirty-nine")
                        result.temperature_c = max(result.temperature_c or 0.0,
                                                   round(celsius, 1))
                    continue
            standalone.append(span)
        self._quantity_durations(tokens, result)
        for i, token in enumerate(tokens[:-1]):
            if token in ORDINAL_DAYS and tokens[i + 1] == "day":
                result.duration_hours = max(result.duration_hours or 0.0,
                                            (ORDINAL_DAYS[token] - 1) * 24.0
                                            + INTO_THE_DAY_HOURS)
        result.about_infusion = infusion_said
        self._weekdays(tokens, result)
        if result.ago_hours is None and result.clock is None:
            self._words_of_time(tokens, result)
        return scores, standalone

    def _quantity_durations(self, tokens: list[str], result: Understanding) -> None:
        """ "a couple of hours", "a few days", "an hour": durations said without digits."""
        for i, token in enumerate(tokens):
            if token not in UNITS_IN_HOURS or i == 0:
                continue
            before = tokens[max(0, i - 4):i]
            if before[-1:] == ["of"]:
                before = before[:-1]
            if before[-1:] in (["full"], ["whole"], ["good"], ["entire"]):
                before = before[:-1]  # "a full week", "a whole day", "a good three days"
            amount = None
            if before[-2:] in (["half", "an"], ["half", "a"], ["a", "half"]):
                amount = 0.5
            for size in (2, 1):
                words = " ".join(before[-size:])
                if amount is None and words in self.book.quantities:
                    amount = self.book.quantities[words]
            if amount is None:
                continue
            if _likened_time(tokens, i):
                continue  # "aching all over, like after a week of gales": a likeness
            half_after = _half_length(tokens, i + 1)
            if half_after:
                amount += 0.5
            hours = amount * UNITS_IN_HOURS[token]
            tail = tokens[i + 1 + half_after:i + 3 + half_after]
            if "ago" in tail or "earlier" in tail:
                result.ago_hours = result.ago_hours if result.ago_hours is not None else hours
            elif result.duration_hours is None:
                result.duration_hours = hours

    def _words_of_time(self, tokens: list[str], result: Understanding) -> None:
        """ "yesterday", "this morning", "an hour ago", "just now" """
        text = " ".join(tokens)
        for name, hour in self.book.times_of_day.items():
            if name.replace("_", " ") in text:
                result.clock = (hour, 0, None)
                return
        if "yesterday" in tokens:
            result.ago_hours = 24.0
        elif "since last week" in text or "all week" in text:
            result.duration_hours = max(result.duration_hours or 0.0, LAST_WEEK_HOURS)
        elif "last week" in text:
            result.ago_hours = LAST_WEEK_HOURS
        elif "just now" in text or "just finished" in text or "just ended" in text:
            result.ago_hours = 0.0


def _digit_by_digit(tokens: list[str], spans: list[NumberSpan]) -> list[NumberSpan]:
    """A reading said one digit at a time ("seven nine on top and four one on the bottom",
    "one oh three"): two or three single digits in a row, "oh" or "o" as 0, are one number."""
    merged: list[NumberSpan] = []
    for span in spans:
        # one digit, or one digit and its decimals ("three point five")
        single = tokens[span.start] in DIGIT_WORDS and 0 <= span.value < 10
        last = merged[-1] if merged else None
        gap = tokens[last.end:span.start] if last is not None else []
        zeros = len(gap) if all(t in ("oh", "o") for t in gap) else -1
        if last is not None and single and zeros in (0, 1) and last.value < 100 \
                and last.value == int(last.value) and _digits_of(tokens, last):
            whole = int(last.value) * 10 ** (zeros + 1)
            if whole < 1000:
                merged[-1] = NumberSpan(whole + span.value, last.start, span.end)
                continue
        merged.append(span)
    return merged


def _digits_of(tokens: list[str], span: NumberSpan) -> bool:
    """Whether the span is only single digits said one by one (with "oh" for 0)."""
    return all(t in DIGIT_WORDS or t in ("oh", "o") for t in tokens[span.start:span.end])


THRESHOLD_BEFORE = frozenset({"if", "unless"})
"""Before a temperature, these make it a limit to act on, not a reading ("when I checked it
was 39.6" is a reading)."""


def _spoken_decimals(spans: list[NumberSpan], temperature: bool) -> list[NumberSpan]:
    """ "thirty-nine eight" said of a temperature is 39.8: a whole number in the temperature
    range followed at once by a single digit."""
    if not temperature:
        return spans
    merged: list[NumberSpan] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and last.end == span.start and 34 <= last.value <= 43 \
                and last.value == int(last.value) and span.value < 10 \
                and span.value == int(span.value):
            merged[-1] = NumberSpan(last.value + span.value / 10, last.start, span.end)
            continue
        merged.append(span)
    return merged


def _half_length(tokens: list[str], i: int) -> int:
    """Tokens of "and a half", "and half" or "a half" starting at i ("one and a half hours",
    "an hour and a half"); 0 when there is none."""
    for phrase in HALF_PHRASES:
        if tokens[i:i + len(phrase)] == list(phrase):
            return len(phrase)
    return 0


def _likened_time(tokens: list[str], at: int) -> bool:
    """Whether a time said at `at` is inside a likeness ("like after a week of gales"), in
    its clause; not when the time is told as lasting till now ("aching like after leg day
    for 5 days now")."""
    if LASTING_WORDS & set(tokens[at:at + 4]):
        return False
    return any(tuple(tokens[k:k + 2]) in LIKENED_TIME and not MARKS & set(tokens[k:at])
               for k in range(max(0, at - 8), at))
