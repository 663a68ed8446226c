"""The conversation: state + what was understood -> the next reply.

Every turn is screened for emergency signs first, whatever question is pending: findings
are gathered from the whole input (answer, symptoms, numbers), the rules are applied, and an
emergency puts the call instruction before anything else. The session level never goes down.
Red-flag follow-ups are asked one at a time, and only while their answer could raise the level;
reassurance comes only after them.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from triage.knowledge import Knowledge, default_knowledge
from triage.levels import Level
from triage.profile import Profile
from triage.reply import Awaiting, Evidence, Reply, SpeechChange
from triage.rules import Assessment, Facts, Finding, assess
from triage.understand import Understander, Understanding, default_understander

UNCLEAR_BEFORE_DOCTOR_WORDING = 2
"""Unclear turns in a row after which the reply uses doctor wording (triage-levels.md)."""
MAX_HEARD_CHARS = 300
"""Longer inputs are shortened in `heard`, so a reply stays short."""
MAX_READBACK = 8
"""At most this many findings are read back in one reply."""
NOT_HAD_PREFIX = "no "
"""How the label of a denied finding starts ("no stiff neck")."""
MAX_AGO_HOURS = 24 * 365
"""Times further back are not taken as the infusion's end."""
WEAK_TURN_WORDS = 3
"""A turn this short, in place of a yes or no, is weak evidence of a new symptom."""
MAX_REPLY_WORDS = 50
"""A reply longer than this is hard to hold by ear: the rest waits for "more"."""
MAX_CARE_TIPS = 2
MAX_WATCH = 2
RISK_LABELS = {
    "kidney_disease": "kidney disease", "age_over_65": "age over 65",
    "heart_disease": "heart disease", "high_blood_pressure": "high blood pressure",
    "clotting_disorder": "a clotting disorder",
}
NOT_A_DENIAL = frozenset({"hypothetical", "historical", "other"})
"""Assertions that say nothing about the patient now: not recorded as present or absent, so
the red-flag questions about them are still asked."""
SPEECH_COMMANDS = {"slower": SpeechChange.SLOWER, "faster": SpeechChange.FASTER,
                   "louder": SpeechChange.LOUDER, "softer": SpeechChange.SOFTER}


@dataclass(frozen=True)
class Question:
    """A follow-up waiting for its answer."""

    key: str
    """"stiff_neck", "severity:headache", "temperature", "side:leg_swelling", "infusion_time"."""
    awaiting: Awaiting
    text: str


@dataclass
class EmergencyGuide:
    """Step-by-step emergency guidance in progress."""

    kind: str
    """"anaphylaxis" or "general" (steps in say.toml)."""
    step: int = 0
    shown_at: datetime | None = None
    """When the current step was last said: hands-free, silence after it moves on."""
    holding: bool = False
    """The patient said "wait": the steps move only on "next"."""
    has_pen: bool | None = None
    """False once the patient says there is no pen: then no second-pen reminder."""
    pen_time: datetime | None = None
    """When the pen step was done (the patient moved on from it): the reminders count from
    here."""
    reminders_done: set[int] = field(default_factory=set)
    since_call: int = 0
    """Emergency replies since the call sentence was last said."""


@dataclass(frozen=True)
class Doubt:
    """What the session was before an emergency heard with weak evidence: restored when the
    patient says it was not them ("that wasn't me", "that was the TV")."""

    level: Level
    findings: dict[str, Finding]
    asked: set[str]
    pending: Question | None
    last_assessment: Assessment
    heard: str | None


class Session:
    """One conversation with one patient. Pure: no audio, no printing, no files."""

    def __init__(
        self,
        profile: Profile | None = None,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
        knowledge: Knowledge | None = None,
        understander: Understander | None = None,
    ) -> None:
        self.profile = profile or Profile()
        self.profile_changed = False
        self.clock = clock
        self.k = knowledge or default_knowledge()
        self.understander = understander or default_understander()
        self.level = Level.NONE
        self.findings: dict[str, Finding] = {}
        self.temperature_c: float | None = None
        self.duration_hours: float | None = None
        self.asked: set[str] = set()
        self.pending: Question | None = None
        self.guide: EmergencyGuide | None = None
        self.ended = False
        self.unclear_count = 0
        self.checking = False
        """The red-flag check of unclear turns (settings.unclear_check) is under way."""
        self.last_reply: Reply | None = None
        self.said_advice: set[str] = set()
        self.outcome_pending = False
        """Something was reported since the last outcome."""
        self.last_assessment = Assessment(Level.NONE, ())
        self.more: list[str] = []
        """What a reply left out to stay short, said when the patient asks for more."""
        self.last_understanding: Understanding | None = None
        """What the last turn was understood as (None when nothing was heard): the journal
        tells a command ("repeat") from something reported."""
        self.doubt: Doubt | None = None
        """Set while an emergency heard with weak evidence is not yet confirmed or denied."""
        self.evidence = Evidence.STRONG
        """How sure the ears were of the turn being handled."""
        self.heard_unsurely = False
        """A complaint was heard with weak evidence and understood as no emergency: a
        recognizer may have turned an emergency sign into a milder one ("my lips look blue"
        heard as "my lids up too", drowsiness). Before the outcome, the red-flag check of
        unclear turns is asked, once."""

    # -- public ------------------------------------------------------------------------------
    def opening(self) -> Reply:
        return self._reply(None, [self.k.say("ui.opening")], Awaiting.SYMPTOM)

    def handle(self, text: str | None, evidence: Evidence = Evidence.STRONG) -> Reply:
        """One patient turn; `text` is None when nothing usable was heard. `evidence`: how
        sure the ears are that the patient said it (typed text: STRONG)."""
        self.evidence = evidence
        if self.ended:
            self.ended = False  # speaking again re-opens the conversation
        heard = _shorten(text.strip()) if text is not None and text.strip() else None
        self.last_understanding = None
        if text is None or not text.strip():
            return self._unclear(heard, self.k.say("ui.nothing_heard"))
        understanding = self.last_understanding = self.understander.understand(text)
        return self._turn(heard, understanding)

    def due_reminder(self, hands_free: bool = False) -> Reply | None:
        """What is due to be said without the patient speaking, or None: a second-pen
        reminder; hands-free, also the next emergency step after a pause long enough to act
        on the current one, and the last step again after a longer silence."""
        guide = self.guide
        if guide is None or self.ended:
            return None
        text = self._due_reminder_text()
        if text is not None:
            return self._reply(None, [self._call_still(), text], Awaiting.STEP, emergency=True,
                               keep=2)
        if not hands_free or guide.holding or guide.shown_at is None:
            return None
        silent = (self.clock() - guide.shown_at).total_seconds()
        last = guide.step + 1 >= len(self.k.steps[guide.kind])
        if not last and silent >= self.k.settings.step_pause_s:
            self._advance()
            return self._reply(None, [*self._call_due(), self._step_text()], Awaiting.STEP,
                               emergency=True)
        if last and silent >= self.k.settings.reoffer_s:
            return self._reply(None, [self._call_still(), self._step_text()], Awaiting.STEP,
                               emergency=True)
        return None

    def reply_said(self) -> None:
        """The last reply has been said to its end: the pause after an emergency step, which
        lets the patient act on it, counts from here."""
        if self.guide is not None and self.guide.shown_at is not None:
            self.guide.shown_at = self.clock()

    def fallback(self, heard: str | None) -> Reply:
        """A safe reply when something unexpected went wrong: never silence, never reassurance."""
        if self.guide is not None or self.level is Level.EMERGENCY:
            number = self.profile.emergency_number
            return self._reply(heard, [self.k.say("level.emergency", number=number)],
                               Awaiting.STEP, emergency=True)
        return self._reply(heard, [self.k.say("ui.unclear_twice")],
                           self.pending.awaiting if self.pending else Awaiting.SYMPTOM)

    def with_notice(self, reply: Reply, key: str) -> Reply:
        """The same reply with a notice (e.g. the journal failed) added at the end."""
        notice = self.k.say(f"ui.{key}")
        updated = replace(reply, say=f"{reply.say} {notice}")
        self.last_reply = updated
        return updated

    # -- one turn ----------------------------------------------------------------------------
    def _turn(self, heard: str | None, u: Understanding) -> Reply:
        if "not_me" in u.commands and not u.symptoms_present and self.doubt is not None:
            # only after a weakly heard emergency; "she doesn't know me", "he won't let me":
            # a symptom said is never a denial
            return self._not_me(heard, self.doubt)
        if self.evidence is Evidence.BACKGROUND or self.evidence is Evidence.WEAK and (
                self._only_alike(u) or self._jumble(u)):
            # other voices (a television), not the patient's statement: a serious sign it
            # names, an emergency too, is asked about by name, no more. So are signs in words
            # heard unsurely with a second doubt (_only_alike, _jumble). Words that name a
            # part of the body ("my lips are", the rest lost under a reply) are the patient's:
            # acted on, then "Was that you?"
            return self._background(heard, u)
        if self.doubt is not None and self.evidence is Evidence.STRONG:
            self.doubt = None  # the patient speaks up clearly: what was heard stands
        before = self._snapshot(heard) if self.evidence is Evidence.WEAK \
            and self.level is not Level.EMERGENCY else None
        unsure = self._heard_in_place_of_yes_no(u)
        if unsure is not None:
            # "yellow eyes" for a "yes": asked about before it changes anything
            if self.pending is not None:
                self.asked.discard(self.pending.key)
            return self._confirm(heard, unsure)
        readback: list[str] = []
        new_info = self._apply(u, readback)
        if self.evidence is Evidence.WEAK and any(m.present for m in u.mentions):
            self.heard_unsurely = True
        answer, ask = self._answer_question(u)
        if u.asks_guessed and (self.guide is not None or self.level is Level.EMERGENCY):
            # "I'm going to drive myself to the hospital" during the emergency steps: a topic
            # only guessed from likeness must not come between the patient and the steps
            answer, ask = [], None
        assessment = self._assess()
        self.last_assessment = assessment
        previous = self.level
        self.level = Level.highest(self.level, assessment.level)

        if self.level is Level.EMERGENCY:
            if before is not None:
                self.doubt = before  # acted on at once; "Was that you?" follows the call
            return self._emergency_turn(heard, u, readback, assessment, previous, answer)

        if not new_info and answer and not set(u.commands) & {"stop", "repeat"}:
            if u.asks_guessed and self.pending is None:
                return self._answered_then_checked(heard, answer, u.confirm)
            # "the machine says 80 over 45, is that low?": answered, and the reading asked about
            return self._answered(heard, answer, self._confirm_question(u.confirm) or ask)
        if not new_info:
            if u.confirm and u.confirm not in self.findings and self.pending is None \
                    and not set(u.commands) - {"next", "back", "advice"}:
                # "Done his BP, 78 over 45": the reading is asked about; "done" is no command.
                # A guess from likeness with nothing else understood goes on, after a "no",
                # to the red-flag check
                return self._confirm(heard, u.confirm, then_check=not u.mentions and not any(
                    f.present for f in self.findings.values()) and u.blood_pressure is None
                    and u.heart_rate is None and not u.weight_rose)
            if u.commands:
                return self._command(heard, u.commands)
            if u.not_english:
                return self._unclear(heard, self.k.say("ui.not_english"))
            if u.truncated:
                return self._unclear(heard, self.k.say("ui.too_long"))
            if u.answer and self.pending is None:
                if u.answer == "no" and self.last_reply and self.last_reply.awaiting \
                        is Awaiting.SYMPTOM:
                    return self._reply(heard, [self.k.say("ui.nothing_else")], Awaiting.SYMPTOM)
            if u.confirm and u.confirm not in self.findings and (
                    self.pending is None or self.checking):
                # nothing else understood: a "no" leads on to the check for red flags
                return self._confirm(heard, u.confirm, then_check=True)
            if u.mentions and all(m.assertion in NOT_A_DENIAL for m in u.mentions):
                # "my friend once had hives": understood, and not about the patient now
                self.unclear_count = 0
                serious = [m.symptom for m in u.mentions if m.assertion == "hypothetical"
                           and m.symptom in self.k.symptoms
                           and self.k.symptoms[m.symptom].level.at_least(Level.URGENT)]
                if serious:
                    # "if I get short of breath tonight I'll sleep it off": what to do if it
                    # happens, said whether or not it was asked
                    return self._answered(heard, self._if_it_happens(serious[0]), None)
                then = self.pending.text if self.pending else self.k.say("ui.prompt")
                return self._reply(heard, [self.k.say("ui.not_about_you"), then],
                                   self.pending.awaiting if self.pending else Awaiting.SYMPTOM)
            return self._unclear(heard, self.k.say("ui.reask"))

        self.unclear_count = 0
        speech = next((SPEECH_COMMANDS[c] for c in u.commands if c in SPEECH_COMMANDS), None)
        parts: list[str] = []
        if readback:
            parts.append(self._heard(readback))
        parts.extend(answer)
        if u.truncated:
            parts.append(self.k.say("ui.too_long"))
        if "stop" in u.commands or "finished" in u.commands:
            return self._goodbye(heard, parts)
        rose = self.level.rank > previous.rank
        question = self._confirm_question(u.confirm) or ask or self._next_question()
        if question is None and self.checking:
            # the check after an unclear turn found no red flag: still ask what is wrong
            self.checking = False
            if not any(f.present for f in self.findings.values()):
                parts.append(self.k.say("ui.check_done"))
                return self._reply(heard, parts, Awaiting.SYMPTOM, speech=speech)
        if not self.findings and self.pending is None and (
                question is None or question.key != u.confirm):
            # only about the patient ("I have kidney disease"): noted, now ask how they feel;
            # a reading said with it ("pulse is 132, not moved in an hour") is still asked about
            parts.append(self.k.say("ui.prompt"))
            return self._reply(heard, parts, Awaiting.SYMPTOM, speech=speech)
        if question is not None:
            if rose and self.level.at_least(Level.DOCTOR):
                parts.extend(self._level_words(assessment))
            self.pending = question
            self.asked.add(question.key)
            parts.append(question.text)
            return self._reply(heard, parts, question.awaiting, speech=speech)
        self.pending = None
        parts.extend(self._outcome(assessment))
        if self.level is not Level.NONE:
            parts.append(self.k.say("ui.anything_else"))
        return self._reply(heard, parts, Awaiting.SYMPTOM, speech=speech)

    def _apply(self, u: Understanding, readback: list[str]) -> bool:
        """Fold the understanding into the session; True when it brought anything new."""
        new = False
        pending = self.pending
        mentioned = {m.symptom for m in u.mentions}
        # the answer to a pending question
        if pending is not None:
            new |= self._answer(pending, u, mentioned, readback)
        if self.checking and self.pending is pending and pending is not None and mentioned:
            # understood now: the check of an unclear turn gives way to what was said
            self.pending = None
            self.checking = False
            self.asked.discard(pending.key)
        # symptoms said outright
        said_now: set[str] = set()
        for m in u.mentions:
            if m.symptom in ("well", "unknown_pain") and not m.present:
                continue  # "not fine" and "no pain" say nothing to act on
            if m.assertion in NOT_A_DENIAL:
                continue  # asked about, long ago, or someone else's: neither had nor denied
            finding = Finding(m.symptom, m.present, m.severity, m.persistent, m.side, m.exact,
                              m.sudden)
            previous = self.findings.get(m.symptom)
            merged = previous.merged(finding) if previous else finding
            if previous is not None and m.symptom in said_now and previous.present \
                    and previous.severity is not None and finding.present:
                # one turn, two scores for one symptom ("10 out of 10 now; the ones before
                # were 3 out of 10"): the worse one counts, as the level only goes up
                merged = replace(merged, severity=max(previous.severity,
                                                      finding.severity or 0))
            self.findings[m.symptom] = merged
            said_now.add(m.symptom)
            readback.append(self._label(self.findings[m.symptom]))
            new = True
        if u.severity is not None and pending is None and not u.mentions and u.numbers == []:
            pass
        if u.temperature_c is not None and not (pending and pending.key == "temperature"):
            new |= self._set_temperature(u.temperature_c, readback)
        if u.duration_hours is not None:
            self.duration_hours = max(self.duration_hours or 0.0, u.duration_hours)
            new = True
        if u.about_infusion or (pending and pending.key == "infusion_time"):
            new |= self._set_infusion_time(u, readback)
        if u.weekdays:
            new |= self._set_days(u.weekdays, u, readback)
        for risk in sorted(u.risk_factors - self.profile.risk_factors):
            self.profile = self.profile.with_risk(risk)
            self.profile_changed = True
            readback.append(RISK_LABELS.get(risk, risk))
            new = True
        if u.age is not None and u.age != self.profile.age:
            self.profile = replace(self.profile, age=u.age)
            self.profile_changed = True
            readback.append(f"age {u.age}")
            new = True
        if new:
            self.outcome_pending = True
        return new

    def _answer(self, q: Question, u: Understanding, mentioned: set[str],
                readback: list[str]) -> bool:
        """Apply the answer to the pending question; True when it was answered."""
        kind, _, target = q.key.partition(":")
        if u.answer == "dont_know":
            self.pending = None
            return True
        if q.awaiting is Awaiting.YES_NO and kind == "side":
            side = self._side_from(u)
            if side is None:
                return False
            current = self.findings.get(target)
            if current is not None:
                self.findings[target] = replace(current, side=side)
                readback.append(self._label(self.findings[target]))
            self.pending = None
            return True
        if q.awaiting is Awaiting.YES_NO:
            if q.key in mentioned or u.answer not in ("yes", "no"):
                return False
            present = u.answer == "yes"
            severity = u.severity if present else None
            info = self.k.symptoms.get(q.key)
            # "Have you put on weight suddenly?" - yes: a symptom that counts only when sudden
            sudden = present and info is not None and info.level is Level.NONE \
                and info.sudden_level is not None
            self.findings[q.key] = Finding(q.key, present, severity, sudden=sudden)
            readback.append(self._label(self.findings[q.key]))
            self.pending = None
            return True
        if kind == "severity":
            value = self._severity_from(u, target)
            if value is None:
                if u.answer == "no":
                    self.pending = None
                    return True
                return False
            current = self.findings.get(target) or Finding(target, True)
            self.findings[target] = replace(current, severity=value)
            readback.append(f"{value} out of 10")
            self.pending = None
            return True
        if kind == "temperature":
            value = u.temperature_c
            if value is None:
                value = next((_to_celsius(n) for n in u.numbers if _to_celsius(n)), None)
            if value is None:
                if u.answer == "no":
                    self.pending = None
                    return True
                return False
            self.pending = None
            return self._set_temperature(value, readback)
        if kind == "infusion_time":
            if u.answer == "no":
                self.pending = None
                return True
            return False  # handled by _set_infusion_time
        return False

    def _side_from(self, u: Understanding) -> str | None:
        sides = [m.side for m in u.mentions if m.side]
        if sides:
            return sides[0]
        tokens = set(u.text.split())
        if "both" in tokens or "legs" in tokens:
            return "both"
        if "one" in tokens or "left" in tokens or "right" in tokens and u.answer is None:
            return "one"
        if u.answer == "yes":
            return "one"
        if u.answer == "no":
            return "both"
        return None

    def _severity_from(self, u: Understanding, target: str) -> int | None:
        for m in u.mentions:
            if m.symptom == target and m.severity is not None:
                return m.severity
        for n in u.numbers:
            if 0 <= n <= 10:
                return int(n)
        return u.severity

    def _set_temperature(self, celsius: float, readback: list[str]) -> bool:
        self.temperature_c = celsius
        readback.append(f"temperature {celsius:g} degrees")
        if celsius >= self.k.settings.fever_from_c and "fever" not in self.findings:
            self.findings["fever"] = Finding("fever", True)
        self.asked.add("temperature")
        return True

    def _set_infusion_time(self, u: Understanding, readback: list[str]) -> bool:
        now = self.clock()
        ended: datetime | None = None
        if u.ago_hours is not None and 0 <= u.ago_hours <= MAX_AGO_HOURS:
            ended = now - timedelta(hours=u.ago_hours)
        elif u.clock is not None:
            ended = _most_recent(now, *u.clock)
        elif self.pending and self.pending.key == "infusion_time":
            hour = next((int(n) for n in u.numbers if 0 <= n <= 24), None)
            if hour is not None:
                ended = _most_recent(now, hour, 0, None)
        if ended is None:
            return False
        self.profile = replace(self.profile, infusion_ended=ended)
        self.profile_changed = True
        self.asked.add("infusion_time")
        if self.pending and self.pending.key == "infusion_time":
            self.pending = None
        hours = (now - ended).total_seconds() / 3600
        readback.append(f"infusion ended {_describe_hours(hours)}")
        return True

    def _set_days(self, weekdays: dict[str, int], u: Understanding,
                  readback: list[str]) -> bool:
        """Day names to hours: the infusion's day sets when it ended (unless a time was said),
        and "since Monday" how long a symptom has lasted, counted to the day said to be today
        or else to the clock's day."""
        now = self.clock()
        today = weekdays.get("now", now.weekday())
        changed = False
        if "infusion" in weekdays and u.ago_hours is None and u.clock is None:
            days = (today - weekdays["infusion"]) % 7
            ended = now - timedelta(days=days)
            self.profile = replace(self.profile, infusion_ended=ended)
            self.profile_changed = True
            self.asked.add("infusion_time")
            if self.pending and self.pending.key == "infusion_time":
                self.pending = None
            readback.append(f"infusion ended {_describe_hours(days * 24.0)}")
            changed = True
        if "since" in weekdays:
            hours = ((today - weekdays["since"]) % 7) * 24.0
            if hours > (self.duration_hours or 0.0):
                self.duration_hours = hours
                changed = True
        return changed

    def _facts(self, findings: dict[str, Finding] | None = None,
               temperature: float | None = None, hours: float | None = None) -> Facts:
        return Facts(
            findings=findings if findings is not None else self.findings,
            risks=self.profile.effective_risks(),
            temperature_c=temperature if temperature is not None else self.temperature_c,
            duration_hours=self.duration_hours,
            hours_since_infusion=hours if hours is not None
            else self.profile.hours_since_infusion(self.clock()),
        )

    def _assess(self) -> Assessment:
        return assess(self._facts(), self.k)

    # -- follow-up questions -----------------------------------------------------------------
    def _next_question(self) -> Question | None:
        """The first red-flag question whose answer could still raise the level."""
        if self.pending is not None:
            return self.pending
        if self.checking:
            check = self._unclear_check()
            if check is not None:
                return check
        present = [f for f in self.findings.values() if f.present]
        for finding in present:
            symptom = self.k.symptoms.get(finding.symptom)
            if symptom is None:
                continue
            for followup in symptom.followups:
                question = self._question_for(followup, finding)
                if question is not None and question.key not in self.asked \
                        and self._could_raise(question):
                    return question
        if present and self.profile.infusion_ended is None and "infusion_time" not in self.asked:
            question = Question("infusion_time", Awaiting.TIME, self.k.say("ask.infusion_time"))
            if self._could_raise(question):
                return question
        if self.heard_unsurely and not self.checking:
            # what was heard unsurely may have been an emergency sign misheard as a milder
            # one: the red-flag check before the outcome, once
            self.heard_unsurely = False
            check = self._unclear_check()
            if check is not None:
                self.checking = True
                return replace(check, text=f"{self.k.say('ui.heard_unsure')} {check.text}")
        return None

    def _question_for(self, followup: str, finding: Finding) -> Question | None:
        sid = finding.symptom
        if followup == "severity":
            if finding.severity is not None:
                return None
            label = self.k.symptoms[sid].label
            return Question(f"severity:{sid}", Awaiting.NUMBER,
                            self.k.say("ask.severity", label=label))
        if followup == "temperature":
            if self.temperature_c is not None:
                return None
            return Question("temperature", Awaiting.NUMBER, self.k.say("ask.temperature"))
        if followup == "side":
            if finding.side is not None:
                return None
            return Question(f"side:{sid}", Awaiting.YES_NO, self.k.say("ask.side"))
        if followup in self.findings:
            return None
        return Question(followup, Awaiting.YES_NO, self.k.say(f"ask.{followup}"))

    def _could_raise(self, q: Question) -> bool:
        """Would some answer to this question raise the level above the current one?"""
        kind, _, target = q.key.partition(":")
        trials: list[Facts] = []
        if kind == "severity":
            f = dict(self.findings)
            f[target] = replace(f[target], severity=10)
            trials.append(self._facts(f))
        elif kind == "temperature":
            trials.append(self._facts(temperature=45.0))
        elif kind == "side":
            for side in ("one", "both"):
                f = dict(self.findings)
                f[target] = replace(f[target], side=side)
                trials.append(self._facts(f))
        elif kind == "infusion_time":
            trials.append(self._facts(hours=10_000.0))
        else:
            f = dict(self.findings)
            f[q.key] = Finding(q.key, True, severity=10)
            trials.append(self._facts(f))
        return any(assess(t, self.k).level.rank > self.level.rank for t in trials)

    # -- outcomes ----------------------------------------------------------------------------
    def _level_words(self, assessment: Assessment) -> list[str]:
        """The level instruction and, once, why."""
        parts = [self.k.say(f"level.{self.level.value}", number=self.profile.emergency_number)]
        if not self.level.at_least(Level.DOCTOR):
            return parts
        for fired in assessment.top:
            if fired.advice and fired.advice not in self.said_advice:
                self.said_advice.add(fired.advice)
                parts.append(self.k.say(f"advice.{fired.advice}",
                                        number=self.profile.emergency_number))
                break
        return parts

    def _outcome(self, assessment: Assessment) -> list[str]:
        self.outcome_pending = False
        number = self.profile.emergency_number
        if self.level is Level.NONE:
            return [self.k.say("level.none")]
        parts = self._level_words(assessment)
        present = [self.k.symptoms[f.symptom] for f in self.findings.values()
                   if f.present and f.symptom in self.k.symptoms]
        # what is personal to this patient comes first, general tips after
        for advice in _unique(self.k.risk_advice[r] for r in sorted(
                self.profile.effective_risks()) if r in self.k.risk_advice):
            if advice not in self.said_advice:
                self.said_advice.add(advice)
                parts.append(self.k.say(f"advice.{advice}", number=number))
        if self.level is Level.SELF_CARE:
            # what to do before what to expect
            tips = _unique(c for s in present for c in s.care)[:MAX_CARE_TIPS]
            risks = frozenset(self.profile.effective_risks())
            parts.extend(self.k.say(f"care.{self.k.care_tip(c, risks)}") for c in tips)
            for symptom in present:
                if symptom.reassure and symptom.reassure not in self.said_advice:
                    self.said_advice.add(symptom.reassure)
                    parts.append(self.k.say(f"advice.{symptom.reassure}"))
        if self.level.rank <= Level.DOCTOR.rank:
            watch = _unique(w for s in present for w in s.watch)[:MAX_WATCH]
            parts.extend(self.k.say(f"watch.{w}", number=number) for w in watch)
        return parts

    # -- emergency ---------------------------------------------------------------------------
    def _call_still(self) -> str:
        return self.k.say("emergency.still", number=self.profile.emergency_number)

    def _emergency_turn(self, heard: str | None, u: Understanding, readback: list[str],
                        assessment: Assessment, previous: Level,
                        answer: list[str] | None = None) -> Reply:
        number = self.profile.emergency_number
        self.pending = None
        parts: list[str] = []
        speech = next((SPEECH_COMMANDS[c] for c in u.commands if c in SPEECH_COMMANDS), None)
        starting = self.guide is None
        switching = not starting and self.guide.kind != "anaphylaxis" and assessment.anaphylaxis
        if starting or switching:
            # the call instruction first, then step 1; a sign of anaphylaxis after another
            # emergency brings the anaphylaxis steps (the pen first)
            kind = "anaphylaxis" if assessment.anaphylaxis else "general"
            self.guide = EmergencyGuide(kind)
            parts.append(self.k.say("level.emergency", number=number))
            keep = 1
            if self.doubt is not None and previous is not Level.EMERGENCY:
                parts.append(self.k.say("ui.was_that_you"))
                keep = 2
            if readback:
                parts.append(self._heard(readback))
            parts.extend(self._level_words(assessment)[1:])
            parts.extend(answer or ())
            parts.append(self._step_text())
            parts.append(self.k.say("ui.step_how"))
            return self._reply(heard, parts, Awaiting.STEP, emergency=True, speech=speech,
                               keep=keep, tail=2)
        guide = self.guide
        assert guide is not None
        commands = set(u.commands)
        reminder = self._due_reminder_text()
        if "stop" in commands and not readback:
            return self._goodbye(heard, [reminder] if reminder else [])
        if commands & {"repeat", *SPEECH_COMMANDS} and self.last_reply and not readback:
            return self._reply(heard, [self.last_reply.say], Awaiting.STEP, emergency=True,
                               speech=speech)
        if "advice" in commands and not readback:
            parts.append(self.k.say("level.emergency", number=number))  # what to do: call
            guide.since_call = 0
        else:
            parts.extend(self._call_due(news=bool(readback)))
        if reminder:
            parts.append(reminder)
        keep = len(parts)
        if readback:
            parts.append(self._heard(readback))
        parts.extend(answer or ())
        if "help" in commands:
            parts.append(self.k.say("ui.help_emergency"))
        if "summary" in commands:
            labels = [self._label(f) for f in self.findings.values()]
            parts.append(self.k.say("ui.summary", findings=", ".join(labels)))
        if "more" in commands and self.more:
            parts.extend(self.more)  # the why that was left out of an earlier reply
            self.more = []
        if "wait" in commands:
            guide.holding = True
            parts.append(self.k.say("ui.waiting"))
            return self._reply(heard, parts, Awaiting.STEP, emergency=True, speech=speech,
                               keep=keep)
        no_pen = guide.kind == "anaphylaxis" and guide.step == 0 and u.answer == "no" \
            and not readback
        if no_pen:
            guide.has_pen = False  # "no, I haven't got one": no second-pen reminder
        if "back" in commands:
            if guide.step == 0:
                parts.append(self.k.say("ui.first_step"))
            guide.step = max(0, guide.step - 1)
        elif commands & {"next", "finished"} or no_pen or (u.answer == "yes" and not readback):
            guide.holding = False
            if guide.step + 1 >= len(self.k.steps[guide.kind]):
                parts.append(self.k.say("ui.last_step"))
                return self._reply(heard, parts, Awaiting.STEP, emergency=True, speech=speech,
                                   keep=keep)
            self._advance()
        parts.append(self._step_text())
        return self._reply(heard, parts, Awaiting.STEP, emergency=True, speech=speech,
                           keep=keep)

    def _advance(self) -> None:
        """To the next step; leaving the pen step starts the second-pen clock."""
        guide = self.guide
        assert guide is not None
        if guide.kind == "anaphylaxis" and guide.step == 0 and guide.has_pen is not False \
                and guide.pen_time is None:
            guide.pen_time = self.clock()
        guide.step += 1

    def _call_due(self, news: bool = False) -> list[str]:
        """The short call reminder, said with every few emergency replies, not with each, and
        whenever something new is reported."""
        guide = self.guide
        assert guide is not None
        guide.since_call += 1
        if guide.since_call < self.k.settings.call_every and not news:
            return []
        guide.since_call = 0
        return [self._call_still()]

    def _step_text(self) -> str:
        assert self.guide is not None
        steps = self.k.steps[self.guide.kind]
        step = steps[self.guide.step].text.format(number=self.profile.emergency_number)
        self.guide.shown_at = self.clock()
        return self.k.say("ui.step", n=self.guide.step + 1, total=len(steps), step=step)

    def _due_reminder_text(self) -> str | None:
        guide = self.guide
        if guide is None or guide.pen_time is None:
            return None
        elapsed = (self.clock() - guide.pen_time).total_seconds() / 60
        due = [m for m in self.k.reminder_minutes if m <= elapsed and m not in guide.reminders_done]
        if not due:
            return None
        guide.reminders_done.update(due)
        return self.k.say("reminder.second_pen", minutes=max(due))

    # -- commands and unclear input ----------------------------------------------------------
    def _command(self, heard: str | None, commands: list[str]) -> Reply:
        self.unclear_count = 0
        awaiting = self.pending.awaiting if self.pending else Awaiting.SYMPTOM
        question = [self.pending.text] if self.pending else []
        for name in commands:
            if name in SPEECH_COMMANDS or name == "repeat":
                last = self.last_reply.say if self.last_reply else self.k.say("ui.opening")
                return self._reply(heard, [last], self.last_reply.awaiting if self.last_reply
                                   else awaiting, speech=SPEECH_COMMANDS.get(name))
            if name in ("stop", "finished"):
                return self._goodbye(heard, [])
            if name == "wait":
                return self._reply(heard, question or [self.k.say("ui.no_steps")], awaiting)
            if name in ("mute", "unmute"):  # the live loop acts on these; typed, just agree
                return self._reply(heard, [self.k.say("ui.speech_changed"), *question], awaiting)
            if name == "help":
                return self._reply(heard, [self.k.say("ui.help"), *question], awaiting)
            if name == "summary":
                labels = [self._label(f) for f in self.findings.values()]
                text = (self.k.say("ui.summary", findings=", ".join(labels)) if labels
                        else self.k.say("ui.summary_empty"))
                return self._reply(heard, [text, *question], awaiting)
            if name == "advice":
                if self.pending is None and self.level is Level.NONE:
                    return self._reply(heard, [self.k.say("ui.help")], awaiting)
                return self._reply(heard, [*self._outcome(self.last_assessment), *question],
                                   awaiting)
            if name == "more":
                return self._more(heard, question, awaiting)
            if name == "next":
                if self.pending is None:
                    return self._reply(heard, [self.k.say("ui.no_steps")], awaiting)
                self.pending = None
                return self._after_skip(heard)
            if name == "back":
                return self._reply(heard, question or [self.k.say("ui.no_steps")], awaiting)
        return self._unclear(heard, self.k.say("ui.reask"))

    def _more(self, heard: str | None, question: list[str], awaiting: Awaiting) -> Reply:
        """The next part of what was left out of a reply, or that there is no more."""
        if not self.more:
            ending = question or [self.k.say("ui.anything_else")]
            return self._reply(heard, [self.k.say("ui.no_more"), *ending], awaiting)
        rest, self.more = self.more, []
        ending = question or [self.k.say("ui.anything_else")] if self.level is not Level.NONE \
            else question
        return self._reply(heard, [*rest, *ending], awaiting)

    def _after_skip(self, heard: str | None) -> Reply:
        parts = [self.k.say("ui.skipped")]
        question = self._next_question()
        if question is not None:
            self.pending = question
            self.asked.add(question.key)
            return self._reply(heard, [*parts, question.text], question.awaiting)
        parts.extend(self._outcome(self.last_assessment))
        parts.append(self.k.say("ui.anything_else"))
        return self._reply(heard, parts, Awaiting.SYMPTOM)

    def _heard_in_place_of_yes_no(self, u: Understanding) -> str | None:
        """While a yes/no question waits, a turn with no yes or no that names a serious
        symptom below an emergency, short or heard with weak evidence (a recognizer hearing
        "yellow eyes" for "yes"), is confirmed before it changes the level. An emergency sign
        is acted on at once."""
        weak = self.evidence is not Evidence.STRONG or len(u.text.split()) <= WEAK_TURN_WORDS
        if self.pending is None or self.pending.awaiting is not Awaiting.YES_NO or u.answer \
                or u.commands or not weak:
            return None
        present = [m for m in u.mentions if m.present and m.symptom != self.pending.key]
        if self.evidence is not Evidence.STRONG:
            # heard unsurely: the other words ("great" taken as "feeling well") are as
            # doubtful; the one serious finding among them is what must be asked about
            present = [m for m in present if m.symptom in self.k.symptoms
                       and self.k.symptoms[m.symptom].level.at_least(Level.DOCTOR)]
        if len(present) != 1:
            return None
        symptom = self.k.symptoms.get(present[0].symptom)
        if symptom is None or symptom.id in self.findings or symptom.id in self.asked \
                or not symptom.level.at_least(Level.DOCTOR) or symptom.level is Level.EMERGENCY:
            return None
        with_it = {**self.findings, symptom.id: Finding(symptom.id, True)}
        if assess(self._facts(findings=with_it), self.k).level is Level.EMERGENCY:
            return None  # with what is known, it would be an emergency: escalate, confirm later
        return symptom.id

    # -- other voices ------------------------------------------------------------------------
    def _snapshot(self, heard: str | None) -> Doubt:
        return Doubt(self.level, copy.deepcopy(self.findings), set(self.asked), self.pending,
                     self.last_assessment, heard)

    def _not_me(self, heard: str | None, doubt: Doubt) -> Reply:
        """"That wasn't me" / "that was the TV": after an emergency heard with weak evidence,
        back to the level before it (triage-levels.md, the one exception to "only goes up");
        the journal keeps both turns."""
        self.doubt = None
        self.level = doubt.level
        self.findings = doubt.findings
        self.asked = doubt.asked
        self.pending = doubt.pending
        self.last_assessment = doubt.last_assessment
        self.guide = None
        self.more = []
        number = self.profile.emergency_number
        parts = [self.k.say("ui.not_me", number=number)]
        parts.append(self.pending.text if self.pending else self.k.say("ui.prompt"))
        return self._reply(heard, parts,
                           self.pending.awaiting if self.pending else Awaiting.SYMPTOM)

    def _only_alike(self, u: Understanding) -> bool:
        """Signs that only the similarity fallback made out, with no part of the body named:
        a television's "good the the in will gone did", near "was gone a good"."""
        present = [m for m in u.mentions if m.present]
        return bool(present) and all(m.layer == "fallback" for m in present) \
            and not self.understander.names_body_site(u.text)

    def _jumble(self, u: Understanding) -> bool:
        """Words that name no one and no part of the body, with function words in an order no
        speaker uses: a television's "giddy the in will gone to the syncopal". A patient's
        words heard unsurely keep their person or body part ("the the my lips are"), or their
        order ("went all dizzy then fainted")."""
        return any(m.present for m in u.mentions) and self.understander.jumbled(u.text) \
            and not self.understander.names_body_site(u.text) \
            and not self.understander.names_someone(u.text)

    def _background(self, heard: str | None, u: Understanding) -> Reply:
        """Long unbroken speech (a television, people talking): not the patient's statement.
        A serious sign it seems to name is asked about by name, nothing else changes."""
        signs = [self.k.symptoms[m.symptom] for m in u.mentions
                 if m.present and m.assertion not in NOT_A_DENIAL and m.symptom in self.k.symptoms
                 and m.symptom not in self.findings and m.symptom not in self.asked
                 and self.k.symptoms[m.symptom].level.at_least(Level.DOCTOR)]
        if signs and self.guide is None:
            worst = max(signs, key=lambda symptom: symptom.level.rank)
            if self.pending is not None:
                self.asked.discard(self.pending.key)
            return self._confirm(heard, worst.id)
        then = self.pending.text if self.pending else None
        awaiting = self.pending.awaiting if self.pending else (
            self.last_reply.awaiting if self.last_reply else Awaiting.SYMPTOM)
        return self._reply(heard, [self.k.say("ui.other_voices"), *([then] if then else [])],
                           awaiting, emergency=self.guide is not None)

    def _answer_question(self, u: Understanding) -> tuple[list[str], Question | None]:
        """The answer to a question the turn asks, and a yes/no question to follow it when
        the patient asked whether an uncommon symptom is normal. A question with no known
        topic gets "no answer" unless the turn said a symptom had, an answer or a command
        ("my mate was wiped out for a week, will I be?" is told there is no answer)."""
        if not u.question or "stop" in u.commands:
            return [], None
        topic = u.asks
        if topic is None:
            # a time or a risk factor said with it ("should I wait a day?") is no answer to it
            if u.commands or u.answer or u.confirm or any(m.present for m in u.mentions):
                return [], None
            topic = "no_answer"
        number = self.profile.emergency_number
        if topic == "is_normal":
            return self._is_normal(u.asks_about)
        if topic == "if_it_happens":
            return self._if_it_happens(u.asks_about), None
        key = self.k.answer(topic, frozenset(self.profile.effective_risks()))
        return [self.k.say(key, number=number)], None

    def _is_normal(self, symptom: str | None) -> tuple[list[str], Question | None]:
        """"Is it normal to have X?": yes for a common reaction; for anything else, no, and
        the yes/no question about it, since it is usually asked because it is there."""
        if symptom is None:
            present = [f.symptom for f in self.findings.values() if f.present]
            symptom = present[-1] if present else None
        info = self.k.symptoms.get(symptom) if symptom else None
        if info is None:
            return [self.k.say("answer.common_reactions")], None
        if info.common:
            return [self.k.say("answer.is_common")], None
        question = None
        if symptom not in self.findings and self.k.has(f"ask.{symptom}"):
            question = Question(symptom, Awaiting.YES_NO, self.k.say(f"ask.{symptom}"))
        return [self.k.say("answer.not_common")], question

    def _if_it_happens(self, symptom: str | None) -> list[str]:
        """"What if I get hives?": the instruction for that symptom's level, said as what to
        do if it happens; a common reaction is said to be one."""
        info = self.k.symptoms.get(symptom) if symptom else None
        if info is None or info.level is Level.NONE:
            return [self.k.say("answer.no_answer")]
        if info.common:
            return [self.k.say("answer.is_common")]
        instruction = self.k.say(f"level.{info.level.value}",
                                 number=self.profile.emergency_number)
        instruction = instruction[:1].lower() + instruction[1:]
        return [self.k.say("answer.if_it_happens", instruction=instruction)]

    def _answered(self, heard: str | None, answer: list[str], ask: Question | None) -> Reply:
        """A turn that only asked something: the answer, then the conversation goes on where
        it was (the pending question again, or a question the answer calls for)."""
        self.unclear_count = 0
        if ask is not None and ask.key not in self.asked:
            if self.pending is not None:
                self.asked.discard(self.pending.key)  # asked again after this one
            self.pending = ask
            self.asked.add(ask.key)
        if self.pending is not None:
            return self._reply(heard, [*answer, self.pending.text], self.pending.awaiting)
        return self._reply(heard, answer, Awaiting.SYMPTOM)

    def _answered_then_checked(self, heard: str | None, answer: list[str],
                               likely: str | None = None) -> Reply:
        """A turn whose topic only its likeness to example questions gave: the answer, then
        the red-flag check of an unclear turn, in case it also held a complaint not read. A
        sign the story before the question made likely is asked about first by name; a "no"
        to it goes on to the check."""
        check = self._confirm_question(likely) or self._unclear_check()
        if check is None:
            return self._answered(heard, answer, None)
        self.unclear_count = 0
        self.checking = True
        self.pending = check
        self.asked.add(check.key)
        return self._reply(heard, [*answer, check.text], check.awaiting)

    def _unclear(self, heard: str | None, opening: str) -> Reply:
        """Re-ask briefly; after repeated failures, doctor wording. Never reassurance."""
        if self.guide is not None:
            return self._reply(heard, [self._call_still(), self._step_text()], Awaiting.STEP,
                               emergency=True)
        self.unclear_count += 1
        parts = [opening]
        if self.unclear_count >= UNCLEAR_BEFORE_DOCTOR_WORDING:
            parts = [self.k.say("ui.unclear_twice")]
        if self.pending is not None:
            if self.pending.awaiting is Awaiting.YES_NO:
                parts.append(self.k.say("ui.reask_yes_no"))
            parts.append(self.pending.text)
            return self._reply(heard, parts, self.pending.awaiting)
        check = self._unclear_check()
        if check is not None:
            self.checking = True
            self.pending = check
            self.asked.add(check.key)
            return self._reply(heard, [*parts, check.text], check.awaiting)
        if self.unclear_count < UNCLEAR_BEFORE_DOCTOR_WORDING:
            parts.append(self.k.say("ui.help"))
        return self._reply(heard, parts, Awaiting.SYMPTOM)

    def _confirm_question(self, symptom: str | None) -> Question | None:
        """A yes/no question about a serious symptom the turn only made likely (a near
        wording, a blood pressure reading), unless it is known or asked already."""
        if symptom is None or symptom in self.findings or symptom in self.asked \
                or self.pending is not None:
            return None
        label = self.k.symptoms[symptom].label
        text = self.k.say(f"ask.{symptom}") if self.k.has(f"ask.{symptom}") else \
            self.k.say("ui.confirm", label=label)
        return Question(symptom, Awaiting.YES_NO, text)

    def _confirm(self, heard: str | None, symptom: str, then_check: bool = False) -> Reply:
        """One yes/no question about the serious symptom the turn most likely meant, before
        the generic check: "Did you say you have blue or white lips?". With `then_check`
        (the turn said nothing else understood), a "no" goes on to the red-flag check, so a
        wrong guess never ends the conversation on what was not understood."""
        self.unclear_count = 0
        self.checking = then_check
        self.pending = None
        question = self._confirm_question(symptom)
        if question is None:
            return self._unclear(heard, self.k.say("ui.reask"))
        self.pending = question
        self.asked.add(symptom)
        return self._reply(heard, [question.text], Awaiting.YES_NO)

    def _unclear_check(self) -> Question | None:
        """The next red-flag question of the unclear-turn check not asked yet, if its answer
        could still raise the level."""
        for sid in self.k.settings.unclear_check:
            if sid in self.asked or sid in self.findings:
                continue
            question = Question(sid, Awaiting.YES_NO, self.k.say(f"ask.{sid}"))
            if self._could_raise(question):
                return question
        return None

    def _goodbye(self, heard: str | None, parts: list[str]) -> Reply:
        self.ended = True
        self.pending = None
        number = self.profile.emergency_number
        if self.level is Level.EMERGENCY:
            return self._reply(heard, [*parts, self.k.say("emergency.goodbye", number=number)],
                               None, emergency=True, ended=True, keep=len(parts) + 1)
        if self.level.at_least(Level.DOCTOR):
            instruction = self.k.say(f"level.{self.level.value}", number=number)
            parts.append(self.k.say("ui.goodbye_reminder", instruction=instruction))
        parts.append(self.k.say("ui.goodbye"))
        return self._reply(heard, parts, None, ended=True)

    # -- building replies --------------------------------------------------------------------
    def _heard(self, readback: list[str]) -> str:
        """What was understood, what the patient has and what they do not have said apart, each
        once: "I heard: hives. You do not have trouble breathing or dizziness."."""
        labels = _unique(readback)[:MAX_READBACK]
        had = [label for label in labels if not label.startswith(NOT_HAD_PREFIX)]
        not_had = [label[len(NOT_HAD_PREFIX):] for label in labels
                   if label.startswith(NOT_HAD_PREFIX)]
        parts = []
        if had:
            parts.append(self.k.say("ui.heard", findings=", ".join(had)))
        if not_had:
            joined = ", ".join(not_had[:-1]) + (" or " if len(not_had) > 1 else "") + not_had[-1]
            parts.append(self.k.say("ui.heard_not", findings=joined))
        return " ".join(parts)

    def _label(self, finding: Finding) -> str:
        symptom = self.k.symptoms.get(finding.symptom)
        label = symptom.label if symptom else finding.symptom
        if not finding.present:
            return f"no {label}"
        if finding.severity is not None and finding.severity >= self.k.settings.severe_from:
            label = _described("severe", label)
        elif finding.severity is not None and finding.severity <= 3:
            label = _described("mild", label)
        if finding.side == "one" and "one side" not in label:  # not "... on one side, one side"
            label = f"{label}, one side"
        elif finding.side == "both":
            label = f"{label}, both sides"
        return label

    def _fit(self, parts: list[str], keep: int = 1, tail: int = 1) -> list[str]:
        """At most MAX_REPLY_WORDS: the first `keep` parts (the instruction, a due reminder)
        and the last `tail` (the question, the step, "anything else?") stay; the parts between
        are said in order while they fit, and the rest waits for "more"."""
        parts = [p.strip() for p in parts if p and p.strip()]
        if _words(parts) <= MAX_REPLY_WORDS or len(parts) <= keep + tail:
            return parts
        hint = self.k.say("ui.more_hint")
        first, middle, last = parts[:keep], parts[keep:-tail], parts[-tail:]
        budget = MAX_REPLY_WORDS - _words([*first, *last, hint])
        kept: list[str] = []
        for i, part in enumerate(middle):
            if _words([part]) > budget:
                self.more = middle[i:]
                return [*first, *kept, hint, *last]
            kept.append(part)
            budget -= _words([part])
        return parts

    def _reply(self, heard: str | None, parts: list[str], awaiting: Awaiting | None, *,
               emergency: bool = False, speech: SpeechChange | None = None,
               ended: bool = False, keep: int = 1, tail: int = 1) -> Reply:
        fired = self.last_assessment.top if self.level is not Level.NONE else ()
        parts = self._fit(parts, keep, tail)
        reply = Reply(
            heard=heard,
            say=" ".join(parts),
            level=self.level,
            awaiting=awaiting,
            emergency=emergency or self.level is Level.EMERGENCY,
            speech_change=speech,
            ended=ended,
            findings=tuple(self._label(f) for f in self.findings.values()),
            rules=tuple(f.id for f in fired),
            question=self.pending.key if self.pending and awaiting is not None else None,
            sources=tuple(sorted({f.source.cite(self.k.sources) for f in fired})),
        )
        self.last_reply = reply
        return reply


def _words(parts: list[str]) -> int:
    return sum(len(p.split()) for p in parts)


def _unique(items) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_HEARD_CHARS else text[:MAX_HEARD_CHARS] + "..."


def _to_celsius(value: float) -> float | None:
    if 34.0 <= value <= 43.5:
        return value
    if 93.0 <= value <= 110.0:
        return round((value - 32) * 5 / 9, 1)
    return None


def _most_recent(now: datetime, hour: int, minute: int, meridiem: str | None) -> datetime:
    """The latest past moment at that clock time ("at two": 2 pm today if past, else 2 am...)."""
    hours = [hour % 12 + (12 if meridiem == "pm" else 0)] if meridiem else (
        [hour] if hour > 12 or hour == 0 else [hour % 12, hour % 12 + 12])
    candidates = []
    for h in hours:
        moment = now.replace(hour=h % 24, minute=min(minute, 59), second=0, microsecond=0)
        if moment > now:
            moment -= timedelta(days=1)
        candidates.append(moment)
    return max(candidates)


def _describe_hours(hours: float) -> str:
    if hours < 1:
        return "less than an hour ago"
    if hours < 1.5:
        return "about an hour ago"
    if hours < 48:
        return f"about {round(hours)} hours ago"
    return f"about {round(hours / 24)} days ago"


def _described(adjective: str, label: str) -> str:
    """ "mild headache", and "a mild symptom I don't know well" rather than "mild a ..."."""
    for article in ("a ", "an "):
        if label.startswith(article):
            return f"a {adjective} {label[len(article):]}"
    return f"{adjective} {label}"
