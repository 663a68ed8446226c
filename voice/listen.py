"""The live hands-free session: listen, recognize, answer aloud, until the patient stops.

One loop, one thread: the assistant speaks (the microphone drops what it hears meanwhile),
plays a short cue, then listens for one utterance. With barge-in (--barge-in on) the reply
plays in the background instead and the loop listens on, through an echo canceller: a
patient who talks over the reply stops it at once and is heard as the next turn. Emergency
words act from partial results, without waiting for the sentence to end. Timer reminders
(second epinephrine pen) are spoken while waiting. A microphone that vanishes is retried
every few seconds; with no microphone at all, the session goes on typed, or ends with a
clear message.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import stat
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, TextIO

from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.reply import Awaiting, Evidence, Reply
from triage.understand import understand
from voice.asr.base import Recognizer, Transcript, UtteranceListener
from voice.asr.evidence import talks_on
from voice.audio import SAMPLE_RATE, SAMPLE_WIDTH, SpeechStarted, UtteranceDetector
from voice.conversation import Conversation, ReplySink
from voice.denoise import Denoiser
from voice.endpoint import PEEK_MAX_S, awaits_short_answer, complete_short_answer
from voice.microphone import MicrophoneError
from voice.speech import AudioOutput, Speaker

if TYPE_CHECKING:
    from voice.echo import EchoCanceller

log = logging.getLogger(__name__)

MIC_RETRY_S = 3.0
"""How often a lost microphone is tried again."""
READ_TIMEOUT_S = 0.25
"""Longest wait for one chunk of audio before the loop looks at timers again."""
REMINDER_POLL_S = 1.0
"""How often due reminders are asked for while the patient is silent."""
EXIT_NO_INPUT = 4
"""Exit status when there is neither a microphone nor typed input."""
MUTE_PHRASES = ("mute", "stop listening", "mute microphone")
"""Said alone: stop answering until unmuted (TV, visitors). Emergencies still get answers."""
UNMUTE_PHRASES = ("unmute", "start listening", "unmute microphone")
"""Said alone: answer again after MUTE_PHRASES."""
OPEN_STATES = (Awaiting.YES_NO, Awaiting.NUMBER, Awaiting.TIME, Awaiting.STEP)
"""After a question of these kinds the answer needs no wake word."""
UNDER_WAY_S = 0.45
"""Speech detected this soon after listening began was already under way before it: a
patient waits for the listening tone and answers after it; a television talks on. Such an
utterance is graded as other voices (Evidence.BACKGROUND), however clearly heard: a short
TV fragment picked up mid-way ("because of the wind" heard as "cause of the winded") is
otherwise an emergency. On the TV programmes of tests/tv_programmes.toml, every false
emergency left after the recognizer's own grading began this way or ran long."""
OTHER_VOICES_ASK_S = 120.0
"""A warning sign heard in other voices (a television) is asked about by name at most once in
this long: on the TV programmes of tests/tv_programmes.toml, every sign was let through and
the assistant asked a question every 15 seconds."""
TALK_OVER_WINDOW = 10
"""Barge-in: chunks (30 ms each) looked at together while the assistant speaks."""
TALK_OVER_CHUNKS = 5
"""Barge-in: this many chunks of the window with someone talking over the assistant (150 ms
of 300 ms) stop the reply; one chunk alone is a word of its own voice left by the canceller."""
BARGE_IN_PRE_ROLL = 10
"""Barge-in: chunks (0.3 s) before the reply was stopped handed to the recognizer with the
rest, so the patient's first words are not lost (more brought the canceller's leftovers of
the reply in: "saw i can't breathe")..."""
BARGE_IN_LOOK_BACK = 34
"""...or, when the talk-over began earlier (a quiet first word takes the rule longer to add
up: "my throat is closing" stopped the reply 0.8 s in, and was heard as "bloated a boat"), from
its first chunk, up to 1 s back..."""
TALK_OVER_LEAD = 3
"""...and the 90 ms before that chunk (the start of a word is quieter than its middle)."""
ECHO_TAIL_S = 0.5
"""Barge-in: after the last played sound, its echo may still come this long."""
OWN_VOICE_SHARE = 0.6
"""Barge-in: heard over a reply, words of which this share or more are words of the reply
are the assistant's own voice, left by the echo canceller."""
QUIET_WAIT_S = 60.0
"""At the end of a session, how long the last reply (goodbye) may take to be said."""



def say(key: str, **values: object) -> str:
    """A sentence of the live loop, from the knowledge data (triage/knowledge/say.toml)."""
    return default_knowledge().say(key, **values)

class ChunkSource(Protocol):
    """What the loop needs from a microphone (voice.microphone.Microphone, or a test fake)."""

    description: str

    def read(self, timeout: float) -> bytes | None: ...

    def drain(self) -> None: ...

    def play_cue(self) -> None: ...

    def reopen(self) -> None: ...

    def close(self) -> None: ...


class BackgroundSpeech(Protocol):
    """Speech that plays while the loop listens (voice.speech.Speaker in the background)."""

    @property
    def speaking(self) -> bool: ...

    def speaking_texts(self) -> list[str]: ...

    def stop_speaking(self) -> list[str]: ...

    def say(self, text: str, *, emergency: bool = False) -> bool: ...

    def wait_until_quiet(self, timeout: float) -> bool: ...


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def own_voice(transcript: Transcript, replies: Sequence[str]) -> bool:
    """Heard while the assistant spoke: is it its own voice (what the echo canceller left)?
    Yes when nothing was heard, when most words are words of the replies being said, or when
    it was weakly heard and names neither an emergency nor a command ("stop", "repeat"):
    words of the patient's that overlapped the reply are often weakly heard."""
    if not words_of(transcript.text) or of_the_replies(transcript, replies):
        return True
    if transcript.evidence is Evidence.STRONG:
        return False
    return not is_emergency(transcript.text) and not steers(transcript.text)


def of_the_replies(transcript: Transcript, replies: Sequence[str]) -> bool:
    """Most words heard are words of the replies being said (OWN_VOICE_SHARE or more)."""
    words = words_of(transcript.text)
    said = {word for reply in replies for word in words_of(reply)}
    return bool(words) and sum(word in said for word in words) >= OWN_VOICE_SHARE * len(words)


def steers(text: str) -> bool:
    """The text holds a command to the assistant ("stop", "repeat", "slower")."""
    try:
        return bool(understand(text).commands)
    except Exception:  # the understanding must never stop the ears
        log.exception("understanding failed on %r", text)
        return False


class Notices:
    """Messages about the assistant itself (microphone gone, muted), not dialogue turns.

    Printed on stdout for people, on stderr with --jsonl (stdout then carries only replies),
    and spoken.
    """

    def __init__(self, speaker: Speaker | None, *, jsonl: bool,
                 stream: TextIO | None = None) -> None:
        self.speaker = speaker
        self.jsonl = jsonl
        self._stream = stream

    def say(self, text: str, *, speak: bool = True) -> None:
        stream = self._stream or (sys.stderr if self.jsonl else sys.stdout)
        prefix = "ivig-voice: " if self.jsonl else ""
        try:
            print(f"{prefix}{text}", file=stream, flush=True)
        except (OSError, ValueError):
            pass
        if speak and self.speaker is not None:
            self.speaker.say(text)


def normalized(text: str) -> str:
    return " ".join(text.lower().replace(",", " ").replace(".", " ").split())


@dataclass(frozen=True)
class Verdict:
    """What to do with one recognized utterance."""

    to_dialogue: bool
    """Hand `text` to the dialogue as the patient's turn."""
    text: str | None = None
    """The turn's text; None means "heard something, understood nothing"."""
    evidence: Evidence = Evidence.STRONG
    """How sure the ears are that the patient said it (voice.asr.evidence)."""
    notice: str | None = None
    """Something to tell the patient instead (muted, listening again)."""
    cue: bool = False
    """Play the listening cue again before the next utterance."""


IGNORE = Verdict(to_dialogue=False)


@dataclass
class Gate:
    """Decides which utterances reach the dialogue: wake word and mute, never emergencies."""

    wake_word: str | None = None
    """Optional phrase that must start a conversation ("hello doctor")."""
    muted: bool = False
    awake: bool = True
    """With a wake word: True once it was heard, until the next idle reply."""
    clock: Callable[[], float] = time.monotonic
    others_asked_at: float = field(default=float("-inf"), init=False)
    """When a warning sign in other voices was last let through to be asked about."""

    def __post_init__(self) -> None:
        if self.wake_word:
            self.wake_word = normalized(self.wake_word)
            self.awake = False

    @property
    def asleep(self) -> bool:
        """Waiting for the wake word: only it and a clearly heard emergency are answered."""
        return bool(self.wake_word) and not self.awake

    def after_reply(self, reply: Reply) -> None:
        """Answers to a question need no wake word; an idle "how do you feel" does."""
        if self.wake_word:
            self.awake = reply.awaiting in OPEN_STATES

    def admit(self, transcript: Transcript) -> Verdict:
        text = normalized(transcript.text)
        heard = transcript.heard
        evidence = transcript.evidence
        asleep = self.asleep
        if asleep and evidence is Evidence.STRONG and talks_on(text.split()):
            # a clearly heard emergency passes without the wake word only when said as a
            # statement to the assistant; very many words run together are a presenter's
            evidence = Evidence.WEAK
        if asleep and evidence is not Evidence.STRONG:
            # waiting for the wake word: only the wake word and a clearly heard emergency are
            # answered, never a television's speech forced onto our phrases
            if self.wake_word and re.search(rf"\b{re.escape(self.wake_word)}\b", text):
                evidence = Evidence.STRONG if evidence is Evidence.WEAK else evidence
            else:
                log.debug("not the patient (%s evidence): %r", evidence, text)
                return IGNORE
        emergency = heard is not None and is_emergency(heard)
        if evidence is Evidence.BACKGROUND and not emergency:
            log.debug("other voices: %r", text)  # a television talking on: not a turn
            return IGNORE
        if emergency and evidence is Evidence.BACKGROUND:
            # another voice: the sign it seems to name is asked about by name, at most once
            # in OTHER_VOICES_ASK_S, so that a television does not ask question after question
            now = self.clock()
            if now - self.others_asked_at < OTHER_VOICES_ASK_S:
                log.debug("other voices, asked about lately: %r", text)
                return IGNORE
            self.others_asked_at = now
            return Verdict(True, heard, evidence)
        if emergency:
            # weakly heard, it is acted on and confirmed afterwards ("Was that you?")
            return Verdict(True, heard, evidence)
        if text in UNMUTE_PHRASES:
            was_muted, self.muted = self.muted, False
            return Verdict(False, notice=say("voice.unmuted") if was_muted else None, cue=True)
        if text in MUTE_PHRASES:
            self.muted = True
            return Verdict(False, notice=say("voice.muted"))
        if self.muted:
            return IGNORE
        if self.wake_word and not self.awake:
            if not re.search(rf"\b{re.escape(self.wake_word)}\b", text):
                return IGNORE
            self.awake = True
            rest = Transcript.from_engine(text.split(self.wake_word, 1)[1], transcript.confidence)
            if rest.heard is None:  # the wake word alone: cue, then listen for the turn
                return Verdict(False, cue=True)
            return Verdict(True, rest.heard, evidence)
        return Verdict(True, heard, evidence)


def unknown_words(phrase: str) -> list[str]:
    """Words of `phrase` no recognizer grammar contains: such a phrase is never heard."""
    from grammars.compile import recognizer_phrases, vocabulary

    known = vocabulary(recognizer_phrases(None))
    return [word for word in normalized(phrase).split() if word not in known]


def talk_over_start(talking: Sequence[bool]) -> int:
    """Where, in the chunks before a talk-over stopped the reply (True: someone talked over
    it), the patient began: the first talking chunk with no whole window of quiet after it,
    less TALK_OVER_LEAD chunks; never later than the last BARGE_IN_PRE_ROLL chunks."""
    start = len(talking)
    quiet = 0
    for index in range(len(talking) - 1, -1, -1):
        if talking[index]:
            start, quiet = index, 0
        else:
            quiet += 1
            if quiet >= TALK_OVER_WINDOW:
                break
    return max(0, min(start - TALK_OVER_LEAD, len(talking) - BARGE_IN_PRE_ROLL))


def is_emergency(text: str) -> bool:
    try:
        return bool(text) and understand(text).emergency
    except Exception:  # the understanding must never stop the ears
        log.exception("understanding failed on %r", text)
        return False


class LiveLoop:
    """One hands-free session over a started microphone, recognizer and speaker."""

    def __init__(
        self,
        conversation: Conversation,
        microphone: ChunkSource,
        recognizer: Recognizer,
        notices: Notices,
        *,
        gate: Gate | None = None,
        denoiser: Denoiser | None = None,
        speech: BackgroundSpeech | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`speech`: barge-in. Replies play in the background while the loop listens; the
        microphone must then cancel the assistant's echo and report `talk_over` per chunk."""
        self.conversation = conversation
        self.microphone = microphone
        self.recognizer = recognizer
        self.notices = notices
        self.gate = gate or Gate()
        self.sleep = sleep
        self.clock = clock
        self.last_reply: Reply | None = None
        self._cue_due = True
        self.speech = speech
        self._cue_after_reply = False
        """Barge-in: play the listening cue once the reply has been said."""
        self._echo_until = float("-inf")
        self._recent: deque[tuple[bytes, bool]] = deque(maxlen=BARGE_IN_LOOK_BACK)
        self._barged = False
        """The utterance being heard began over a reply and stopped it."""
        self._cut: list[str] = []
        """The replies that utterance cut short."""
        self._was_speaking = False
        self._denoiser = denoiser
        self._front = denoiser.stream() if denoiser is not None else None
        """The microphone's stream through noise suppression; begun anew whenever the
        microphone drops what it heard, so that what the suppressor still holds from before
        (up to 0.1 s: its look-ahead and resampling buffers) is dropped too."""

    def run(self) -> None:
        """Opening reply, then turns until the patient ends the session."""
        self._replied(self.conversation.start())
        while not self.conversation.ended:
            heard = self._next_utterance()
            if heard is None:
                continue
            self._replied(self.conversation.turn(heard.text, heard.evidence))
        if self.speech is not None:  # the goodbye is said before the session closes
            self.speech.wait_until_quiet(QUIET_WAIT_S)

    def _replied(self, reply: Reply) -> None:
        self.last_reply = reply
        try:
            self.recognizer.set_state(reply.awaiting)
        except Exception as error:  # unknown state, or a failing recognizer: listen for anything
            log.warning("%s", error)
            try:
                self.recognizer.set_state(None)
            except Exception as again:  # keep whatever state it has; never end the session
                log.warning("speech recognition: %s", again)
        self.gate.after_reply(reply)
        self._cue_due = True

    def _next_utterance(self) -> _Heard | None:
        """Listen until one utterance reaches the dialogue; None when something else happened
        (a reminder, a microphone loss, an utterance the gate dropped)."""
        if self._cue_due:
            self._cue_due = False
            if self.speech is None:
                self.microphone.drain()
                self.microphone.play_cue()
            else:  # the reply is still playing: the cue comes at its end
                self._cue_after_reply = True
            if self._denoiser is not None:
                # a turn cut short by emergency words in a partial result left speech inside
                # the suppressor: heard after the reply, it started a turn of its own
                self._front = self._denoiser.stream()
        urgent: list[str] = []
        so_far = [""]
        awaiting = self.last_reply.awaiting if self.last_reply is not None else None
        judged: dict[str, bool] = {}
        peeked: set[str] = set()
        short_state = awaits_short_answer(awaiting)

        def ends_early() -> bool:
            """Asked at every frame of a pause: each partial result is judged once. When it is
            not a complete answer, the final pass over a short utterance is peeked at once per
            partial result: the partial may hold a word the final pass drops ("no hit")."""
            text = so_far[0]
            if text not in judged:
                judged[text] = _answered(text, awaiting)
            if judged[text] or not short_state or text in peeked \
                    or detector.utterance_seconds > PEEK_MAX_S:
                return judged[text]
            peeked.add(text)
            return _answered(_peeked(self.recognizer), awaiting)

        detector = UtteranceDetector(ends_early=ends_early)
        under_way = False

        def on_partial(text: str) -> None:
            so_far[0] = text
            if not urgent and is_emergency(text):
                urgent.append(text)

        listener = UtteranceListener(self.recognizer, on_partial=on_partial)
        next_poll = self.clock() + REMINDER_POLL_S
        while True:
            speaking = self.speech is not None and self.speech.speaking
            if not detector.in_speech and not speaking and self.clock() >= next_poll:
                next_poll = self.clock() + REMINDER_POLL_S
                if self._reminder():
                    return None
            try:
                chunk = self.microphone.read(READ_TIMEOUT_S)
            except MicrophoneError as error:
                self._recover(error)
                return None
            if chunk is None:
                continue
            heard_chunks = [chunk]
            if self.speech is not None:
                heard_chunks = self._over_the_reply(chunk, detector.in_speech)
            for chunk in heard_chunks:
                answer = self._hear(chunk, detector, listener, urgent, under_way)
                if isinstance(answer, bool):
                    under_way = answer
                elif isinstance(answer, _Ignored):
                    return None
                elif answer is not None:
                    return answer

    def _hear(self, chunk: bytes, detector: UtteranceDetector, listener: UtteranceListener,
              urgent: list[str], under_way: bool) -> _Heard | _Ignored | bool | None:
        """Feed one chunk: an utterance's result when one ends (IGNORED when the gate or the
        own-voice judgement dropped it), True/False when speech starts (under way or not),
        else None."""
        if self._front is not None:
            chunk = self._front.feed(chunk)
        started: bool | None = None
        for event in detector.feed(chunk):
            if isinstance(event, SpeechStarted):
                began = event.offset + len(event.audio) / (SAMPLE_RATE * SAMPLE_WIDTH)
                under_way = started = began <= UNDER_WAY_S and not self._barged
            try:
                transcript = listener.handle(event)
                if urgent and not self.gate.asleep and (
                        transcript is not None or not talks_on(urgent[0].split())):
                    # act now: the rest of the sentence cannot make it less urgent. Emergency
                    # words only after many others are heard to the utterance's end: a
                    # television talking on is then graded as the long speech it is. So is
                    # everything while waiting for the wake word: only a whole utterance shows
                    # whether it was a statement or a presenter talking on ("... see you
                    # tomorrow morning at seven", heard as "... to the syncopal")
                    final = transcript or self.recognizer.final()
                    confirmed = is_emergency(final.text)
                    text = final.text if confirmed else urgent[0]
                    if not confirmed and final.evidence is Evidence.STRONG:
                        # the careful final pass over the same audio did not hear it
                        final = replace(final, evidence=Evidence.WEAK)
                    log.debug("emergency words in a partial result: %r (%s evidence)",
                              text, final.evidence)
                    return self._judged(self._graded(replace(final, text=text), under_way))
            except Exception as error:  # a recognizer failure must not end the session
                log.warning("speech recognition failed: %s", error)
                self._barged = False
                return _Heard(None)  # the dialogue asks again
            if transcript is not None:
                return self._judged(self._graded(transcript, under_way))
        return started

    def _judged(self, transcript: Transcript) -> _Heard | _Ignored:
        """An utterance's result: through the own-voice judgement when it began over a
        reply, then through the gate."""
        barged, self._barged = self._barged, False
        if barged and own_voice(transcript, self._cut) and self._cut and not (
                self._in_emergency() or of_the_replies(transcript, self._cut)):
            # a voice the canceller did not take for its own stopped the reply, and no word
            # of it was made out for sure: most often a bare "stop" said under the reply
            # ("stopping", "sauce florida again"). Not said again from the start; the patient
            # is told how to hear it
            log.debug("talked over the reply, heard only %r; not saying it again",
                      transcript.text)
            if self.speech is not None:
                self.speech.say(say("voice.stopped"))
            return IGNORED
        if barged and own_voice(transcript, self._cut):
            log.debug("own voice over the reply: %r; saying the rest again", transcript.text)
            if self.speech is not None:
                for text in self._cut:  # it was cut short by its own echo: never go silent
                    self.speech.say(text)
            return IGNORED
        return self._through_gate(transcript) or IGNORED

    def _in_emergency(self) -> bool:
        """The session is at the emergency level: a cut reply is always said again."""
        return self.last_reply is not None and self.last_reply.level is Level.EMERGENCY

    def _over_the_reply(self, chunk: bytes, in_speech: bool) -> list[bytes]:
        """Barge-in: while a reply plays (and its echo may come) the chunks are only watched
        for someone talking over it; when someone does, the reply is stopped, the microphone is
        told of the cut, and the chunks from where the talk-over began (talk_over_start) go to
        the recognizer with what follows. Returns the chunks to hear now."""
        assert self.speech is not None
        speaking = self.speech.speaking
        over = getattr(self.microphone, "talk_over", None)
        now = self.clock()
        if speaking or over is not None:
            self._echo_until = now + ECHO_TAIL_S
        if self._was_speaking and not speaking and not self._barged:
            self.conversation.session.reply_said()  # the pause after a step counts from here
        self._was_speaking = speaking
        if self._barged or in_speech:
            return [chunk]  # an utterance under way is heard to its end
        if now >= self._echo_until:
            self._recent.clear()
            if self._cue_after_reply:
                self._cue_after_reply = False
                self.microphone.play_cue()  # played and cancelled like any reply
                self._echo_until = self.clock() + ECHO_TAIL_S
                return []
            return [chunk]
        self._recent.append((chunk, bool(over)))
        window = list(self._recent)[-TALK_OVER_WINDOW:]
        if sum(talking for _, talking in window) < TALK_OVER_CHUNKS:
            return []
        self._cut = self.speech.stop_speaking()
        playback_cut = getattr(self.microphone, "playback_cut", None)
        if playback_cut is not None:
            playback_cut()
        self._barged = True
        self._cue_after_reply = False
        log.debug("talked over the reply: stopped it (%d replies cut)", len(self._cut))
        recent = list(self._recent)
        self._recent.clear()
        return [chunk for chunk, _ in recent[talk_over_start([t for _, t in recent]):]]

    @staticmethod
    def _graded(transcript: Transcript, under_way: bool) -> Transcript:
        """Speech already under way when listening began is another voice talking on (a
        patient waits for the tone): even clearly heard, a television's sentence picked up
        mid-way is no statement. An emergency in it is asked about by name."""
        if under_way and transcript.text and transcript.evidence is not Evidence.BACKGROUND:
            log.debug("speech was under way before listening began: %r", transcript.text)
            return replace(transcript, evidence=Evidence.BACKGROUND)
        return transcript

    def _through_gate(self, transcript: Transcript) -> _Heard | None:
        log.debug("heard %r (confidence %.2f)", transcript.text, transcript.confidence)
        verdict = self.gate.admit(transcript)
        if verdict.notice:
            self.notices.say(verdict.notice)
        if verdict.cue:
            self._cue_due = True
        return _Heard(verdict.text, verdict.evidence) if verdict.to_dialogue else None

    def _reminder(self) -> bool:
        """Speak a due reminder; True if one was given."""
        reply = self.conversation.reminder(hands_free=True)
        if reply is None:
            return False
        self._replied(reply)
        return True

    def _recover(self, error: MicrophoneError) -> None:
        """Say the microphone is gone, retry every MIC_RETRY_S, say when it is back."""
        number = self._emergency_number()
        self.notices.say(say("voice.microphone_lost", problem=error, number=number))
        self.microphone.close()
        while not self.conversation.ended:
            waited = 0.0
            while waited < MIC_RETRY_S:
                self.sleep(min(REMINDER_POLL_S, MIC_RETRY_S - waited))
                waited += REMINDER_POLL_S
                self._reminder()
            try:
                self.microphone.reopen()
            except MicrophoneError as still:
                log.debug("microphone still unavailable: %s", still)
                continue
            self.notices.say(say("voice.microphone_back"))
            self._cue_due = True
            return

    def _emergency_number(self) -> str:
        session = self.conversation.session
        return str(getattr(getattr(session, "profile", None), "emergency_number", "") or "911")


class _Ignored:
    """An utterance heard and dropped (by the gate, or as the assistant's own voice)."""


IGNORED = _Ignored()


def _peeked(recognizer: Recognizer) -> str:
    """The final pass over the utterance so far (Recognizer.peek); "" if it fails, so the full
    end pause is kept."""
    try:
        return recognizer.peek()
    except Exception as error:  # never let it stop listening
        log.debug("endpointing peek: %s", error)
        return ""


def _answered(text: str, awaiting: object) -> bool:
    """A short pause ends the turn after a complete short answer (voice.endpoint); if that
    judgement fails, the full end pause is kept."""
    try:
        return complete_short_answer(text, awaiting)
    except Exception as error:  # never let it stop listening
        log.debug("endpointing: %s", error)
        return False


@dataclass(frozen=True)
class _Heard:
    """One utterance for the dialogue; text None means "heard something, understood nothing"."""

    text: str | None
    evidence: Evidence = Evidence.STRONG


# -- the `listen` command ----------------------------------------------------------------------


def typed_input_available(stream: TextIO | None = None) -> bool:
    """True when stdin can carry typed lines: a terminal, a pipe or a file (not /dev/null)."""
    stream = stream or sys.stdin
    try:
        if stream is None or stream.closed:
            return False
        if stream.isatty():
            return True
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def run_listen(args: argparse.Namespace) -> int:
    """`ivig-voice listen`: the hands-free session. Returns the exit status."""
    jsonl = bool(args.jsonl)
    restore_stderr = None if args.verbose else _silence_native_stderr()
    try:
        return _listen(args, jsonl)
    finally:
        if restore_stderr is not None:
            restore_stderr()


def _silence_native_stderr() -> Callable[[], None] | None:
    """Keep sound-library chatter (PortAudio/ALSA print straight to file descriptor 2 when a
    device vanishes) off the patient's screen, while our own messages still reach stderr."""
    try:
        sys.stderr.flush()
        original_fd = os.dup(2)
        ours = os.fdopen(os.dup(original_fd), "w", buffering=1, encoding="utf-8",
                         errors="replace")
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError as error:
        log.debug("stderr left as it is: %s", error)
        return None
    previous = sys.stderr
    sys.stderr = ours
    handlers = [h for h in logging.root.handlers
                if isinstance(h, logging.StreamHandler) and h.stream is previous]
    for handler in handlers:
        handler.setStream(ours)

    def restore() -> None:
        ours.flush()
        os.dup2(original_fd, 2)
        os.close(original_fd)
        sys.stderr = previous
        for handler in handlers:
            handler.setStream(previous)
        ours.close()

    return restore


def _listen(args: argparse.Namespace, jsonl: bool) -> int:
    from voice.asr import create_recognizer
    from voice.config import data_dir_from
    from voice.denoise import load_denoiser
    from voice.microphone import Microphone
    from voice.output import JsonlPrinter, PlainPrinter

    info = sys.stderr if jsonl else sys.stdout
    speaker = Speaker.from_args(args)
    output = speaker.output or AudioOutput(args.output_device)
    echo = _echo_canceller(getattr(args, "barge_in", "off"), output)
    notices = Notices(speaker, jsonl=jsonl)
    sinks: list[ReplySink] = [JsonlPrinter() if jsonl else PlainPrinter(), speaker]
    conversation = Conversation(data_dir_from(args), sinks,
                                emergency_number=args.emergency_number,
                                save_number=args.save)
    number = _profile_number(conversation)
    if number not in speaker.spell_out:
        speaker.spell_out.append(number)
    microphone = Microphone(args.input_device, output=output, echo=echo)
    recognizer = None
    denoiser = None
    try:
        problem = None
        try:
            recognizer, description = create_recognizer(args.engine, args.model)
            print(f"ivig-voice: recognition: {description}", file=info, flush=True)
        except Exception as error:  # ModelError, or an engine that fails to load
            problem = f"Speech recognition is not available: {error}"
        if problem is None:
            try:
                microphone.open()
                log.debug("microphone: %s", microphone.description)
            except MicrophoneError as error:
                problem = str(error)
                print("ivig-voice: run `ivig-voice check` to test microphone and speaker.",
                      file=sys.stderr, flush=True)
        if problem is not None:
            return _without_microphone(conversation, notices, problem, number)
        print(f"ivig-voice: listening on {microphone.description}; speech: "
              f"{speaker.engine_name}. Say 'stop' to end.", file=info, flush=True)
        denoiser = load_denoiser(args.noise_suppression,
                                 notice=lambda text: notices.say(text, speak=False),
                                 model=args.noise_suppressor)
        if echo is not None:
            speaker.speak_in_background()
        loop = LiveLoop(conversation, microphone, recognizer, notices,
                        gate=Gate(wake_word=args.wake_word), denoiser=denoiser,
                        speech=speaker if echo is not None else None)
        if args.wake_word:
            print(f"ivig-voice: say '{args.wake_word}' to start talking to me; emergencies "
                  "need no wake word.", file=info, flush=True)
            missing = unknown_words(args.wake_word)
            if missing:
                print(f"ivig-voice: warning: the recognizer does not know "
                      f"{', '.join(missing)}; choose a wake word of known words, e.g. "
                      "'hello doctor'.", file=sys.stderr, flush=True)
        loop.run()
        return 0
    finally:
        microphone.close()
        if recognizer is not None:
            recognizer.close()
        if denoiser is not None:
            denoiser.close()
        if echo is not None:
            speaker.stop_speaking()
            echo.close()
        conversation.close()


def _echo_canceller(mode: str, output: AudioOutput) -> EchoCanceller | None:
    """Barge-in (--barge-in on) needs the assistant's voice taken out of the microphone: the
    echo canceller, fed with a copy of what the output plays. None when barge-in is off, or
    when the canceller cannot be loaded (said once: the session listens half-duplex)."""
    if mode != "on":
        return None
    from voice.echo import EchoCanceller, EchoError
    from voice.speech import EchoReference

    try:
        echo = EchoCanceller()
    except EchoError as error:
        print(f"ivig-voice: {say('voice.barge_in_unavailable', problem=error)}",
              file=sys.stderr, flush=True)
        return None
    output.reference = EchoReference()
    return echo


def _without_microphone(conversation: Conversation, notices: Notices, problem: str,
                        number: str) -> int:
    if typed_input_available():
        notices.say(say("voice.type_instead", problem=problem, number=number))
        from voice.commands.text import typed_session

        typed_session(conversation, prompt=sys.stdin.isatty() and not notices.jsonl)
        return 0
    notices.say(say("voice.no_input", problem=problem, number=number))
    return EXIT_NO_INPUT


def _profile_number(conversation: Conversation) -> str:
    profile = getattr(conversation.session, "profile", None)
    return str(getattr(profile, "emergency_number", "") or "911")
