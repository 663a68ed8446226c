"""Replies sized for the ear: at most 50 words; the rest follows when the patient says "more"."""

from __future__ import annotations

from corpus import tuning_part
from sessions import FakeClock, new_session, talk
from vignettes import FIXED_NOW, Vignette, load_vignettes, play

from triage.dialogue import MAX_REPLY_WORDS, Session
from triage.knowledge import default_knowledge
from triage.levels import Level
from triage.profile import Profile

K = default_knowledge()


def test_no_reply_in_the_typed_conversations_is_longer_than_50_words() -> None:
    vignettes, defaults = load_vignettes()
    cases = list(vignettes) + [
        Vignette(u.id, u.text, u.lowest, u.highest, {s: "yes" for s in u.present})
        for u in tuning_part()]
    longest = (0, "")
    for case in cases:
        _, replies = play(case, defaults, session=Session(Profile(), clock=lambda: FIXED_NOW))
        for reply in replies:
            longest = max(longest, (len(reply.say.split()), reply.say))
    assert longest[0] <= MAX_REPLY_WORDS, longest[1]


def test_the_self_care_outcome_comes_first_and_more_gives_the_care_tips() -> None:
    session = new_session()
    final = talk(session, "I have a mild headache", "no", "no", "no", "two hours ago")[-1]
    assert final.level is Level.SELF_CARE
    assert K.say("level.self_care") in final.say
    assert K.say("ui.more_hint") in final.say
    rest = [session.handle("tell me more")]
    while K.say("ui.more_hint") in rest[-1].say:
        rest.append(session.handle("more"))
    told = " ".join(r.say for r in rest)
    assert K.say("watch.headache") in told
    assert all(len(r.say.split()) <= MAX_REPLY_WORDS for r in rest)
    assert session.handle("more").say.startswith(K.say("ui.no_more"))


def test_more_with_nothing_left_says_so_and_keeps_the_pending_question() -> None:
    session = new_session()
    question = session.handle("I have a headache")
    reply = session.handle("more")
    assert reply.say.startswith(K.say("ui.no_more"))
    assert reply.question == question.question


def test_a_due_second_pen_reminder_is_never_left_for_later() -> None:
    clock = FakeClock()
    session = new_session(clock=clock)
    session.handle("my throat is swelling and I have hives and I feel faint")
    session.handle("next")
    clock.advance(minutes=6)
    reply = session.handle("next")
    assert "5 minutes" in reply.say or "second pen" in reply.say
    assert K.say("ui.more_hint") not in reply.say.split("second pen")[0]
