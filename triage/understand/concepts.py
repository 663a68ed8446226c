"""The concepts layer: a body site and a finding in one clause compose a symptom.

"my calf is red and hot", "his lips have a purple tinge", "my pee looks like coffee": no
phrase list holds these, but each names a site (calf, lips, pee) and a finding (red, purple,
coffee-coloured). The lexicons (grammars/phrases/lexicon.toml) say which words name which site
or finding; the rules (concepts.toml, beside this file) say which site and finding make which
symptom. Words are matched through the repair layer's candidates, so "my troat is swolen" is
a swelling throat.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from grammars import PhraseBook
from triage.understand.normalise import COMPARING, MARKS, QUESTION_MARK, phrase_tokens
from triage.understand.numbers import NumberSpan
from triage.understand.repair import Candidates, as_verb

_RULES_FILE = Path(__file__).with_name("concepts.toml")


@dataclass(frozen=True)
class Tag:
    """A lexicon entry found in the input."""

    kind: str
    """"site" or "finding"."""
    name: str
    start: int
    end: int


BORROWED_WITH_REACH = 3
"""How many words before a finding a rule's `borrowed_with` word may stand ("it has gone all
weird")."""


@dataclass(frozen=True)
class ConceptRule:
    symptom: str
    sites: frozenset[str]
    findings: frozenset[str]
    side: str | None = None
    blocks: frozenset[str] = frozenset()
    absorbs: frozenset[str] = frozenset()
    """Sites whose unknown complaints anywhere in the turn are this symptom ("arm's a little
    red, tender where the IV was": the needle site, not a second, unknown complaint)."""
    spread: tuple[tuple[str, ...], ...] = ()
    """Words that say the finding reaches past this rule's site ("the arm the drip was in is
    puffed up all the way to my shoulder"): then the rule blocks nothing."""
    not_both: tuple[tuple[str, ...], ...] = ()
    """Words that say both sides are meant ("both hands are swollen, they feel heavy"): with
    them, and no one side named, the rule does not make its one-sided symptom."""
    borrowed_with: frozenset[str] = frozenset()
    """With a site borrowed from the clause before, one of these words must stand just before
    the finding ("..., it feels weird"): "only the left one, it's so weird" says what the
    speaker thinks of it, not what is felt."""
    not_of_lesions: bool = False
    """The site may not be the place of sores or spots named just before it ("sores in mouth,
    small, white"): the colour is of the sores, not of the site."""
    needs: tuple[tuple[str, ...], ...] = ()
    """A rule of two things at once, said across clauses ("sweat all down my back but I'm ice
    cold", "sweating buckets, yet my hands are freezing"): the finding follows the site within
    AT_ONCE_REACH words, and one of these words stands from the site to just after the finding.
    Without them the two may be two moments ("sweating one minute, freezing the next")."""
    apart: frozenset[str] = frozenset()
    """Words that, between the site and the finding, make them two moments ("I was sweating at
    the gym but now my hands are cold")."""


@dataclass(frozen=True)
class Concept:
    """A symptom composed from a site and a finding."""

    symptom: str
    start: int
    end: int
    words: tuple[int, ...]
    """Token positions of the site and finding words themselves."""
    site: str = ""
    """The site's lexicon name."""
    finding: tuple[int, ...] = ()
    """Token positions of the finding's words."""
    extension: bool = False
    """Its site was borrowed from a clause that already made a symptom of it ("no chest pain,
    just achy"): it names no new symptom, it only says what a vague word there refers to."""
    at_once: bool = False
    """Made by a rule of two things at once (`needs`): its finding may also be a symptom of its
    own ("sweating, but I'm ice cold" is clammy skin, and cold)."""


PLACING = frozenset({"in", "on", "at", "across", "behind", "around", "round", "over", "under",
                     "inside", "through", "into", "down"})
"""Words that start a clause saying where the finding said before it is ("— in middle of
chest")."""
AT_ONCE_REACH = 10
"""How many words after a site the finding of a rule of two things at once may stand."""
LESION_REACH = 3
"""How many words before its place word a lesion word may stand ("spots all over")."""
APPEARED_REACH = 3
"""How many words before "come up" the sores or hives that came up may stand ("sores have
now come up")."""
BOTH_REACH = 4
"""How many words before a site (borrowed from a clause before) "both" may stand: "both of
her hands"."""
PART_REACH = 12
"""How many words after a site "in the back" may still be a part of it."""


ARTICLES = frozenset({"the", "a", "an", "some", "any", "this", "that"})
SITE_JOINERS = frozenset({"and", "or"})
"""Words before a noun that make an English word that thing, not a site it sounds like."""
NOT_ABLE = frozenset({"not", "cannot", "can", "could", "unable", "even"})
"""Words before a verb that make it a verb of its own, not a copula standing for another."""

SIDES = ("left", "right")
SIDE_REACH = 5
"""How many words after "left" or "right" its number may stand ("left calf measures 41")."""


@dataclass(frozen=True)
class SidesCompared:
    """Two sides measured against each other make a symptom ("left calf 41 cm, right 38")."""

    symptom: str
    sites: frozenset[str]
    measures: frozenset[str]
    ratio: float


class ConceptComposer:
    """Tags sites and findings, then applies the rules clause by clause."""

    def __init__(self, book: PhraseBook, candidates: Callable[[str], Candidates]) -> None:
        with open(_RULES_FILE, "rb") as handle:
            data = tomllib.load(handle)
        self.candidates = candidates
        self.copulas = frozenset(word for phrase in book.equivalents.get("copula", ())
                                 for word in phrase.split())
        """A lexicon entry that starts with one of these starts only with that very word."""
        self.person_subjects = frozenset(data["settings"]["person_subjects"])
        self.person_verbs = frozenset(data["settings"]["person_verbs"])
        self.pronouns = frozenset(data["settings"]["pronouns"])
        self.person_states = frozenset(data["settings"].get("person_states", ()))
        self.person_state_gap = frozenset(data["settings"].get("person_state_gap", ()))
        self.fine_words = frozenset(data["settings"]["fine_words"])
        self.complaint_nouns = frozenset(data["settings"]["complaint_nouns"])
        self.judging = frozenset(data["settings"]["judging"])
        self.part_findings = frozenset(data["settings"].get("part_findings", ()))
        self.pointed_pain = frozenset(data["settings"].get("pointed_pain", ()))
        self.unknown = str(data["settings"]["unknown"])
        self.things_after_article = frozenset(data["settings"].get("things_after_article", ()))
        self.complaints = frozenset(data["settings"]["complaint_findings"])
        self.ignore_sites = frozenset(data["settings"].get("ignore_sites", ()))
        self.size_words = frozenset(data["settings"].get("size_words", ()))
        self.size_articles = frozenset(data["settings"].get("size_articles", ()))
        self.size_likened = frozenset(data["settings"].get("size_likened", ())) | self.copulas
        self.rule_only_sites = frozenset(data["settings"].get("rule_only_sites", ()))
        self.carried_rule_only = frozenset(data["settings"].get("carried_rule_only", ()))
        self.absorbs: dict[str, frozenset[str]] = {}
        """Symptom to the sites whose unknown complaints it absorbs (see ConceptRule)."""
        self.limiting = frozenset(data["settings"].get("limiting", ()))
        self.all_right = frozenset(data["settings"].get("all_right", ()))
        self.bare_pain = frozenset(data["settings"].get("bare_pain", ()))
        self.telegraphic = frozenset(data["settings"].get("telegraphic", ()))
        self.alone_only = {name: frozenset(words) for name, words
                           in data.get("alone_only", {}).items()}
        self.describing = frozenset(data["settings"]["describing"])
        self.articles = frozenset(data["settings"]["articles"])
        self.side_words = frozenset(data["settings"].get("side_words", ()))
        self.things = frozenset(data["settings"].get("things", ()))
        self.lesions = frozenset(data["settings"].get("lesions", ()))
        self.lesion_places = frozenset(data["settings"].get("lesion_places", ()))
        self.lesion_lead = frozenset(data["settings"].get("lesion_lead", ()))
        self.determiners = frozenset(data["settings"].get("determiners", ()))
        self.judged_things = self.things | frozenset(data["settings"].get("judged_things", ()))
        self.appearing = frozenset(data["settings"].get("appearing", ()))
        self.appearing_things = self.lesions | frozenset(
            data["settings"].get("appearing_things", ()))
        self.done_to_lead = frozenset(data["settings"].get("done_to_lead", ()))
        self.done_to_verbs = frozenset(data["settings"].get("done_to_verbs", ()))
        self.thing_sites = frozenset(data["settings"].get("thing_sites", ()))
        self.thing_links = frozenset(data["settings"].get("thing_links", ()))
        self.inert = frozenset(data["settings"].get("inert", ()))
        self.pain_symptoms = frozenset(data["settings"].get("pain_symptoms", ()))
        self.site_alone: dict[tuple[str, ...], str] = {
            phrase_tokens(phrase): symptom
            for site, symptom in data.get("site_alone", {}).items()
            for phrase in book.sites.get(site, ())}
        self.alone_fillers = frozenset(data["settings"].get("alone_fillers", ()))
        self.site_measured: dict[str, str] = dict(data.get("site_measured", {}))
        self.sides_compared = tuple(SidesCompared(
            r["symptom"], frozenset(r["sites"]), frozenset(r["measures"]), float(r["ratio"]))
            for r in data.get("sides_compared", ()))
        part = data.get("part_of", {})
        self.part_of: dict[str, frozenset[str]] = {
            site: frozenset(wholes) for site, wholes in part.get("sites", {}).items()}
        self.part_lead_ins = frozenset(phrase_tokens(p) for p in part.get("lead_ins", ()))
        self.part_moved_on = frozenset(part.get("moved_on", ()))
        self.rules = tuple(ConceptRule(
            symptom=r["symptom"], sites=frozenset(r["sites"]), findings=frozenset(r["findings"]),
            side=r.get("side"), blocks=frozenset(r.get("blocks", ())),
            absorbs=frozenset(r.get("absorbs", ())),
            spread=tuple(phrase_tokens(p) for p in r.get("spread", ())),
            not_both=tuple(phrase_tokens(p) for p in r.get("not_both", ())),
            borrowed_with=frozenset(r.get("borrowed_with", ())),
            not_of_lesions=bool(r.get("not_of_lesions", False)),
            needs=tuple(phrase_tokens(p) for p in r.get("needs", ())),
            apart=frozenset(r.get("apart", ())))
            for r in data["rule"])
        self.entries: list[tuple[tuple[str, ...], str, str]] = []
        for kind, table in (("site", book.sites), ("finding", book.findings)):
            for name, phrases in table.items():
                for phrase in phrases:
                    self.entries.append((phrase_tokens(phrase), kind, name))
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for entry in self.entries:
            self.by_first.setdefault(entry[0][0], []).append(entry)
        self.words = frozenset(w for words, _, _ in self.entries for w in words)
        for rule in self.rules:
            if rule.absorbs:
                self.absorbs[rule.symptom] = self.absorbs.get(rule.symptom, frozenset()) | \
                    rule.absorbs
        self.absorbs_of_site: dict[str, frozenset[str]] = {
            site: rule.absorbs for rule in self.rules if rule.absorbs for site in rule.sites}
        """A site to the sites it lies in ("infusion_site": the arm, the hand)."""
        self.one_side = [phrase_tokens(p) for p in book.side.get("one", ())]
        self.left_and_right = [phrase_tokens(p) for p in book.side.get("both", ())
                               if {"left", "right"} <= set(phrase_tokens(p))]
        """"on the left and the right": both sides, though "on the left" names one."""
        self.splitters = frozenset(book.clause_splitters)
        known = {s for r in self.rules for s in r.sites}
        known |= {f for r in self.rules for f in r.findings}
        missing = (known | self.ignore_sites) - set(book.sites) - set(book.findings)
        if missing:
            raise ValueError(f"concepts.toml names sites or findings not in the lexicon: {missing}")

    def names_site(self, tokens: list[str]) -> bool:
        """Whether a body site is named ("lips", "my chest"), look-alikes aside."""
        return any(t.kind == "site" and t.name not in self.ignore_sites
                   for t in self.tag(tokens))

    def site_said_alone(self, tokens: list[str]) -> str | None:
        """The serious symptom to ask about when a whole turn is only a body site ("chest.",
        "my throat"): someone too breathless or frightened to say more."""
        words = tuple(t for t in tokens if t not in MARKS and t not in self.alone_fillers)
        return self.site_alone.get(words)

    def site_measured_asks(self, tokens: list[str]) -> str | None:
        """The symptom to ask about when a site of [site_measured] is said in the turn (with an
        amount, which the caller knows of) and no finding is said of it."""
        tags = self.tag(tokens)
        for tag in tags:
            if tag.kind == "site" and tag.name in self.site_measured:
                return self.site_measured[tag.name]
        return None

    def compare_sides(self, tokens: list[str], numbers: list[NumberSpan]
                      ) -> list[tuple[str, int, int]]:
        """Symptoms that two sides measured against each other show ([[sides_compared]]):
        (symptom, start, end) of the words from the first side named to the last number."""
        sides: dict[str, NumberSpan] = {}
        named: dict[str, int] = {}
        for i, token in enumerate(tokens):
            if token not in SIDES or token in sides:
                continue
            following = [n for n in numbers if i < n.start <= i + SIDE_REACH]
            others = [k for k in range(i + 1, len(tokens)) if tokens[k] in SIDES]
            if following and (not others or following[0].start < others[0]):
                sides[token] = following[0]
                named[token] = i
        if len(sides) < len(SIDES):
            return []
        small, large = sorted(n.value for n in sides.values())
        sites = {t.name for t in self.tag(tokens) if t.kind == "site"}
        found = []
        for compared in self.sides_compared:
            if sites & compared.sites and compared.measures & set(tokens) and small > 0 \
                    and large / small >= compared.ratio:
                found.append((compared.symptom, min(named.values()),
                              max(n.end for n in sides.values())))
        return found

    def tag(self, tokens: list[str]) -> list[Tag]:
        """Every lexicon entry found; of the sites starting at one place, only the longest."""
        tags: list[Tag] = []
        for i, token in enumerate(tokens):
            if token in MARKS:
                continue
            found = self.candidates(token)
            for first in found.words:
                if first != token and first in self.copulas:
                    continue  # "going like" (racing) is not "looks like", "went up" not "is up"
                for words, kind, name in self.by_first.get(first, ()):
                    if len(words) == 1 and first in found.weak and kind == "site" \
                            and i > 0 and (tokens[i - 1] in ARTICLES or _likened(tokens, i)):
                        # a thing named or likened to, not a sound-alike site: "cut the
                        # bread", "swollen up like bread"
                        continue
                    if kind == "site" and words == (first,) and first in self.things_after_article \
                            and i > 0 and tokens[i - 1] in ("a", "an"):
                        continue  # "thick like a loaf of bread": no head
                    end = self._match(tokens, i, words)
                    if end is not None:
                        tags.append(Tag(kind, name, i, end))
        tags.sort(key=lambda t: (t.start, t.end, t.kind, t.name))  # the same order every run
        longest: dict[int, int] = {}
        for t in tags:
            if t.kind == "site":
                longest[t.start] = max(longest.get(t.start, 0), t.end)
        spans = [(start, end) for start, end in longest.items() if end - start > 1]
        joined = [(start, end) for start, end in spans
                  if SITE_JOINERS & set(tokens[start + 1:end - 1])]
        kept: list[Tag] = []
        for t in tags:
            if t.kind != "site" or t.end == longest[t.start] and not any(
                    start <= t.start and t.end <= end and (start, end) != (t.start, t.end)
                    for start, end in spans):
                kept.append(t)
            elif any(start <= t.start and t.end <= end for start, end in joined):
                # a site inside a longer one is not a site of its own ("legs" in "arms and
                # legs" with a rash), but a part of it, for what the whole does not take
                # ("my chest and back hurt": chest pain, not pain of the skin)
                kept.append(Tag("part", t.name, t.start, t.end))
        return self._sizes_of_things_dropped(tokens, kept)

    def _sizes_of_things_dropped(self, tokens: list[str], tags: list[Tag]) -> list[Tag]:
        """"a big office": a size word after an article says how big a thing is, not that a
        part is swollen, unless a part of the body follows it ("a big lip") or the thing is
        what a part is or is like ("his tongue is a huge thing", "like a big balloon")."""
        site_starts = {t.start for t in tags if t.kind in ("site", "part")}
        # a size word that starts the name of a part is that part's name ("a sore big toe")
        named = {t.start for t in tags if t.kind in ("site", "part") and t.end - t.start > 1}
        return [t for t in tags if not (
            t.kind == "finding" and t.end - t.start == 1 and tokens[t.start] in self.size_words
            and t.start in named) and not (
            t.kind == "finding" and t.end - t.start == 1 and tokens[t.start] in self.size_words
            and t.start > 0 and tokens[t.start - 1] in self.size_articles
            and t.end < len(tokens) and tokens[t.end] not in MARKS and t.end not in site_starts
            and (t.start < 2 or tokens[t.start - 2] not in self.size_likened))]

    def _match(self, tokens: list[str], i: int, words: tuple[str, ...]) -> int | None:
        j = i + 1
        for word in words[1:]:
            if j < len(tokens) and tokens[j] in self.inert and word not in self.inert:
                j += 1  # "can not even grip", "will not really move"
            if j >= len(tokens) or word not in self.candidates(tokens[j]).words or (
                    word != tokens[j] and as_verb(tokens, j)):
                return None
            if word != tokens[j] and word in self.copulas and tokens[j - 1] in NOT_ABLE:
                return None  # "can not feel" is numb; "can not look at my phone" is not
            j += 1
        return j

    def _clauses(self, tokens: list[str], tags: list[Tag]) -> list[tuple[int, int]]:
        """Clause spans; a splitter word inside a lexicon entry ("pins and needles") does not
        split."""
        inside = {k for t in tags if t.end - t.start > 1 for k in range(t.start + 1, t.end)}
        # nor one that starts it: "Floor. Then wake." keeps "then wake" whole
        inside |= {t.start for t in tags if t.end - t.start > 1}
        inside |= self._joining_sites(tokens, tags)
        spans: list[tuple[int, int]] = []
        start = 0
        for i, token in enumerate(tokens):
            if token in MARKS or (token in self.splitters and i not in inside):
                if i > start:
                    spans.append((start, i))
                start = i + 1
        if start < len(tokens):
            spans.append((start, len(tokens)))
        return spans

    def _joining_sites(self, tokens: list[str], tags: list[Tag]) -> set[int]:
        """An "and" between two sites joins them into one clause: in "his lips and fingers are
        blue" the lips are blue too. Not when something was already said of the first ("achy
        all over and her back's sore")."""
        site_ends = {t.end for t in tags if t.kind == "site"}
        site_starts = {t.start for t in tags if t.kind == "site"}
        findings = {t.start for t in tags if t.kind == "finding"}
        joins: set[int] = set()
        for i, token in enumerate(tokens):
            if token not in SITE_JOINERS or i not in site_ends or not (
                    i + 1 in site_starts or tokens[i + 1:i + 2] and tokens[i + 1] in OWNERS
                    and i + 2 in site_starts):
                continue
            start = i - 1
            while start > 0 and tokens[start - 1] not in MARKS \
                    and tokens[start - 1] not in self.splitters:
                start -= 1
            if not findings & set(range(start, i)):
                joins.add(i)
        return joins

    def compose(self, tokens: list[str], told: frozenset[int] = frozenset()) -> list[Concept]:
        """The symptoms the clauses compose; `told` are words of something else the patient
        told (a risk factor: "a bad heart"), whose findings find nothing."""
        tags = [t for t in self.tag(tokens) if not (
            t.kind == "finding" and set(range(t.start, t.end)) <= told)]
        clauses = self._clauses(tokens, tags)
        concepts: list[Concept] = []
        tags = [t for t in tags if not (t.kind == "site"
                                        and self._gloss_of_next(tokens, clauses, tags, t))]
        ignored = [t for t in tags if t.kind == "site" and t.name in self.ignore_sites]
        # a look-alike's words are not a symptom's either ("a bad line" is no sore drip line)
        tags = [t for t in tags if not any(
            i.start <= t.start and t.end <= i.end for i in ignored)]
        # the thing compared with is no site: "ankles puffed up like a toad's throat"
        tags = [t for t in tags if not (t.kind == "site" and _compared(tokens, t.start))]
        # "my head, like an explosion in the back": the back of the head said just before
        tags = [t for t in tags if not self._part_of_before(tokens, t, tags)]
        # telegraphic "no work" tells of the limb just named or of the clause's own start
        # ("arm right. no work."), never of a thing named before it ("the heating no work")
        tags = [t for t in tags if not (
            t.kind == "finding" and " ".join(tokens[t.start:t.end]) in self.telegraphic
            and not self._after_site_or_mark(tokens, t, tags))]
        # "Floor. Black.": a bare word that is a finding only as a clause of its own ("the
        # kitchen floor is black and white tiles" is no faint)
        tags = [t for t in tags if not (
            t.kind == "finding"
            and " ".join(tokens[t.start:t.end]) in self.alone_only.get(t.name, ())
            and not ((t.start == 0 or tokens[t.start - 1] in MARKS)
                     and (t.end == len(tokens) or tokens[t.end] in MARKS)))]
        # "he's asleep now": the person sleeps, no limb has gone numb
        tags = [t for t in tags if not (
            t.kind == "finding" and self._state_of_the_person(tokens, t))]
        # "a horrible wheezy turn": the word describes what follows, no body part
        site_starts = {t.start for t in tags if t.kind == "site"}
        tags = [t for t in tags if not (
            t.kind == "finding" and t.start > 0 and tokens[t.start - 1] in self.articles
            and " ".join(tokens[t.start:t.end]) in self.describing
            and t.end not in site_starts)]  # "an awful chest" is a chest that hurts
        # "the big light": a finding between a determiner and a thing describes the thing
        tags = [t for t in tags if not (
            t.kind == "finding" and t.start > 0 and tokens[t.start - 1] in self.determiners
            and t.end < len(tokens) and tokens[t.end] in self.things)]
        # "terrible food": a judging word just before a thing judged is of that thing
        tags = [t for t in tags if not (
            t.kind == "finding" and " ".join(tokens[t.start:t.end]) in self.judging
            and t.end < len(tokens) and tokens[t.end] in self.judged_things)]
        # "sores have come up on my cheeks": what came up is the sores, no swelling of the site
        tags = [t for t in tags if not (
            t.kind == "finding" and " ".join(tokens[t.start:t.end]) in self.appearing
            and self._appeared_thing_before(tokens, t.start))]
        # "she closed all the curtains": the finding is done to the thing after it
        tags = [t for t in tags if not (t.kind == "finding" and self._done_to_a_thing(tokens, t))]
        # "the water coming out of the tap": the thing's, no body's
        tags = [t for t in tags if not (t.kind == "site" and t.name in self.thing_sites
                                        and self._of_the_thing_after(tokens, t))]
        at_once = self._at_once(tokens, tags)
        clause_tags = [[t for t in tags if start <= t.start < end] for start, end in clauses]
        carried: list[Tag] = []
        by_pronoun_only = False
        site_only_at = -2
        """The clause that last named a site with no finding."""
        used = False
        """The carried site already made a symptom in its own clause."""
        complaint_named = False
        """A complaint was named by a word of its own ("headache") since the carried site."""
        for number, (start, stop) in enumerate(clauses):
            in_clause = clause_tags[number]
            if carried and self.pronouns & set(tokens[start:stop]):
                # "my heart, there's pressure on it": a word that is a site and a finding of
                # one name ("pressure") is the finding when a pronoun points back at a site
                found_at = {(t.start, t.end, t.name) for t in in_clause if t.kind == "finding"}
                in_clause = [t for t in in_clause
                             if t.kind != "site" or (t.start, t.end, t.name) not in found_at]
            findings = [t for t in in_clause if t.kind == "finding"]
            # a site that makes a symptom only by its own rule is no site of a clause whose
            # findings no such rule takes ("my right hand just would not form the letters")
            in_clause = [t for t in in_clause if t.kind != "site"
                         or t.name not in self.rule_only_sites or self._ruled(t, findings)
                         or not findings and t.name in self.carried_rule_only]
            sites = [t for t in in_clause if t.kind == "site"]
            if not sites and not self.pronouns & set(tokens[start:stop]):
                # "it's unbearable" hurts at the site said before; "the noise is unbearable"
                # does not (what else the word may be of stands: "bright light, unbearable")
                findings = [t for t in findings if not (
                    t.name == "pain" and " ".join(tokens[t.start:t.end]) in self.pointed_pain)]
            borrowed = bool(findings and not sites)
            if borrowed and self._of_a_thing(tokens, start, findings):
                findings, borrowed = [], False  # "wants the curtains shut": no body part
            if borrowed and complaint_named and all(
                    " ".join(tokens[t.start:t.end]) in self.judging for t in findings) \
                    and not self._points_back(tokens, start, stop, findings):
                # "no breathing problems, just a bit of a headache, not bad": a judgement after
                # a complaint named by its own word is of that complaint
                findings, borrowed = [], False
            if borrowed:
                refers = not by_pronoun_only or bool(self.pronouns & set(tokens[start:stop]))
                by_pronoun_only = by_pronoun_only and not refers  # "it's swollen and sore"
                sites = (carried if refers else []) or self._lent_by_next(
                    tokens, clauses, clause_tags, number)
            own_sites = [t for t in in_clause if t.kind == "site"]
            if not findings and not own_sites and self._about_the_person(tokens, start, stop):
                # "she's very tired as well, sleeping in the chair": the hand said before is
                # no longer spoken of, unless a pronoun points back at it ("my throat feels
                # scratchy, I'm so tired, and now it's closing up")
                by_pronoun_only = True
            if not findings:
                if own_sites:
                    # "breathing easily": the site said to be fine, after it ("Okay so my
                    # grandma's lips are like... purple-ish?" is no lips said to be okay)
                    after = max(t.end for t in own_sites)
                    fine = any(tokens[i] in self.fine_words and not DENYING & set(
                        tokens[max(after, i - 2):i]) for i in range(after, stop))
                    # "where the needle was, on his hand, it's red": one place named twice
                    same_place = site_only_at == number - 1 and not by_pronoun_only \
                        and self._one_place(carried, own_sites)
                    carried = [*carried, *own_sites] if same_place and not fine else own_sites
                    used, by_pronoun_only, site_only_at = False, fine, number
                elif stop - start <= FINE_CLAUSE_WORDS and self.fine_words & set(
                        tokens[start:stop]) and not DENYING & set(tokens[start:stop]):
                    by_pronoun_only = True  # "Breathing... fine.": said of the site before
                elif self.complaint_nouns & set(tokens[start:stop]):
                    complaint_named = True
                continue
            last = min(len(clauses) - 1, number + 1)
            if last > number and tokens[clauses[last][0]] in COMPARING \
                    and last + 1 < len(clauses):
                last += 1  # "gone numb, like wood, but only the left side"
            first = number
            if borrowed and sites:
                # a side said just before the site borrowed from the clause before ("my right
                # side, the arm and the leg, they are weak") is that site's side
                named = next((k for k, (a, b) in enumerate(clauses)
                              if a <= min(t.start for t in sites) < b), number)
                first = named if named == number - 1 else number
            side_span = (clauses[max(0, first - 1)][0], clauses[last][1])
            made = self._apply(tokens, sites, findings, side_span, borrowed, [
                t for t in in_clause if t.kind == "part"] if not borrowed else [])
            if borrowed and used and self._limiting(tokens, start):
                made = [replace(c, extension=True) for c in made]
            concepts.extend(made)
            if own_sites:
                carried, used, by_pronoun_only = own_sites, bool(made), False
                complaint_named = False
        concepts.extend(c for c in at_once if all(c.symptom != d.symptom for d in concepts))
        absorbed = {site for rule in self.rules if rule.absorbs for c in concepts
                    if c.symptom == rule.symptom for site in rule.absorbs}
        return [c for c in concepts if not (c.symptom == self.unknown and c.site in absorbed)]

    def _gloss_of_next(self, tokens: list[str], clauses: list[tuple[int, int]],
                       tags: list[Tag], site: Tag) -> bool:
        """A site's word that is a finding too, said as a clause of its own just before a
        clause that places it in a body part ("Is davleniye — pressure — in middle of chest"):
        the finding, said of that part, not the site ("my pressure is low"; "Pressure. Heart
        rate 80." is a list of readings)."""
        number = next((k for k, (a, b) in enumerate(clauses) if (a, b) == (site.start, site.end)),
                      None)
        if number is None or number + 1 >= len(clauses) or not any(
                t.kind == "finding" and (t.start, t.end) == (site.start, site.end) for t in tags):
            return False
        start, end = clauses[number + 1]
        return tokens[start] in PLACING and any(
            t.kind == "site" and t.name not in self.ignore_sites and t.name != site.name
            and start <= t.start < end for t in tags)

    def _at_once(self, tokens: list[str], tags: list[Tag]) -> list[Concept]:
        """Symptoms of the rules of two things at once (`needs`), whatever the clauses."""
        made: list[Concept] = []
        for rule in self.rules:
            if not rule.needs:
                continue
            for site in (t for t in tags if t.kind == "site" and t.name in rule.sites):
                finding = next((t for t in tags if t.kind == "finding" and t.name in rule.findings
                                and site.end <= t.start <= site.end + AT_ONCE_REACH
                                and QUESTION_MARK not in tokens[site.end:t.start]), None)
                if finding is not None and not rule.apart & set(
                        tokens[site.end:finding.start]) and any(
                        _has(tokens[site.start:finding.end + len(p) + 2], p) for p in rule.needs):
                    made.append(replace(_concept(rule.symptom, site, finding), at_once=True))
                    break
        return made

    def _points_back(self, tokens: list[str], start: int, stop: int,
                     findings: list[Tag]) -> bool:
        """Whether a pronoun in tokens[start:stop] points back at a site; "that" or "this" just
        before a finding is a degree ("not that bad"), no pointer."""
        before_finding = {t.start - 1 for t in findings}
        return any(tokens[k] in self.pronouns and not (
            tokens[k] in ("that", "this") and k in before_finding) for k in range(start, stop))

    def _ruled(self, site: Tag, findings: list[Tag]) -> bool:
        """Whether a rule takes this site with one of these findings."""
        names = {f.name for f in findings}
        return any(site.name in rule.sites and names & rule.findings for rule in self.rules)

    def _apply(self, tokens: list[str], sites: list[Tag], findings: list[Tag],
               side_span: tuple[int, int], borrowed: bool,
               parts: list[Tag] | None = None) -> list[Concept]:
        """Symptoms of one clause. With a borrowed site the mention's span is the finding's
        own clause, so what qualified the earlier clause ("what if my throat swells?") does
        not reach this one ("... it already feels tight"). `parts`: the sites inside a joined
        site ("chest" and "back" in "chest and back"), tried when no rule takes the whole."""
        found: dict[str, Concept] = {}
        blocked: set[str] = set()
        matched_sites: set[str] = set()
        used: set[tuple[int, int]] = set()
        """(site, finding) word pairs a rule has already made a symptom of: "my heart is
        pounding" is a fast heartbeat, not also chest pain."""
        for rule in self.rules:
            if rule.symptom in found or rule.symptom in blocked:
                continue
            site = next((s for s in sites if s.name in rule.sites and not (
                rule.not_of_lesions and self._lesion_place(tokens, s))), None)
            finding = next((f for f in findings if f.name in rule.findings and not (
                site is not None and (f.start < site.end and site.start < f.end
                                      or (site.start, f.start) in used))), None)
            if site is None or finding is None:
                continue
            if borrowed and rule.borrowed_with and not rule.borrowed_with & set(
                    tokens[max(0, finding.start - BORROWED_WITH_REACH):finding.start]):
                continue
            if rule.side == "one" and not self._one_side(tokens, *side_span):
                continue
            if rule.needs:
                continue  # said across clauses: _at_once
            if rule.not_both:
                said = tokens[min(side_span[0], max(0, site.start - BOTH_REACH)):side_span[1]]
                if any(_has(said, p) for p in rule.not_both) \
                        and not any(_has(said, p) for p in self.one_side):
                    continue
            found[rule.symptom] = _concept(rule.symptom, site, finding, borrowed)
            used.add((site.start, finding.start))
            matched_sites.add(site.name)
            start, end = side_span
            if not any(_has(tokens[start:end], words) for words in rule.spread):
                blocked |= rule.blocks
        for symptom in blocked:
            found.pop(symptom, None)
        part_findings = [f for f in findings if f.name in self.part_findings]
        if not found and parts and part_findings:
            # a pain or a pressure no rule takes of the whole may be one of its parts'
            made = self._apply(tokens, parts, part_findings, side_span, borrowed)
            if any(c.symptom != self.unknown for c in made):
                return made
        if not found:
            complaint = next((f for f in findings if f.name in self.complaints), None)
            site = next((s for s in sites if s.name not in matched_sites
                         and s.name not in self.ignore_sites | self.rule_only_sites), None)
            if complaint is not None and site is not None and not (
                    complaint.start < site.end and site.start < complaint.end):
                found[self.unknown] = _concept(self.unknown, site, complaint, borrowed)
        return list(found.values())

    def _after_site_or_mark(self, tokens: list[str], tag: Tag, tags: list[Tag]) -> bool:
        """The tag follows a site (and a side word) directly, or starts a clause that names
        no site after it, so that it can only be of the site said before ("arm right. no
        work."; "no work today, resting my sore arm" is about work)."""
        k = tag.start
        while k > 0 and tokens[k - 1] in self.side_words:
            k -= 1
        if any(t.kind == "site" and t.end == k for t in tags):
            return True
        if k > 0 and tokens[k - 1] not in MARKS:
            return False
        stop = next((j for j in range(tag.end, len(tokens)) if tokens[j] in MARKS),
                    len(tokens))
        return not any(t.kind == "site" and tag.end <= t.start < stop for t in tags)

    def _part_of_before(self, tokens: list[str], tag: Tag, tags: list[Tag]) -> bool:
        """A site said as "in the back" / "at the front" just after another site is a part of
        that one ([part_of] in concepts.toml), not a site of its own; not when the patient moves
        on between them ("my head aches and I have a pain in the back")."""
        parts = self.part_of.get(tag.name)
        if tag.kind != "site" or parts is None or \
                tuple(tokens[max(0, tag.start - 2):tag.start]) not in self.part_lead_ins:
            return False
        return any(t.kind == "site" and t.name in parts and 0 < tag.start - t.end <= PART_REACH
                   and not self.part_moved_on & set(tokens[t.end:tag.start]) for t in tags)

    def _lent_by_next(self, tokens: list[str], clauses: list[tuple[int, int]],
                      clause_tags: list[list[Tag]], number: int) -> list[Tag]:
        """The sites of the next clause, when it names only a site: "whistling like a kettle,
        every time he breathes in", "numbness, down one side" (the "down" of a site's own words
        is no finding of its own); not when it says the site is all right ("achy, breathing's
        fine")."""
        if number + 1 >= len(clause_tags):
            return []
        following = clause_tags[number + 1]
        start, end = clauses[number + 1]
        sites = [t for t in following if t.kind == "site"]
        if any(t.kind == "finding" and not any(_leads_to(tokens, t, s) for s in sites)
               for t in following) or any(t in self.all_right for t in tokens[start:end]):
            return []
        return sites

    def _one_place(self, before: list[Tag], now: list[Tag]) -> bool:
        """Two sites said one after the other name one place: the needle's, and the arm or
        hand it is in (a rule's `absorbs`). Other sites said so are a correction or a list
        ("my chest, no, my back"; "my arms, my back")."""
        def within(sites: list[Tag], places: list[Tag]) -> bool:
            return bool(sites) and all(
                any(t.name in self.absorbs_of_site.get(p.name, ()) for p in places)
                for t in sites)
        return within(now, before) or within(before, now)

    def _of_a_thing(self, tokens: list[str], start: int, findings: list[Tag]) -> bool:
        """The clause names an everyday thing before its first finding ("the door is
        shut"), outside any finding's words, and no pronoun points back at a site."""
        first = min(t.start for t in findings)
        inside = {k for t in findings for k in range(t.start, t.end)}
        return not self.pronouns & set(tokens[start:first]) and any(
            tokens[k] in self.things and k not in inside for k in range(start, first))

    def _done_to_a_thing(self, tokens: list[str], tag: Tag) -> bool:
        """A finding that ends in a verb of doing (settings: done_to_verbs), followed by a thing
        with at most two leading words between ("closed all the curtains"), is something done
        to the thing, not a sign of a body part."""
        if tokens[tag.end - 1] not in self.done_to_verbs:
            return False
        k = tag.end
        while k < len(tokens) and k < tag.end + 2 and tokens[k] in self.done_to_lead:
            k += 1
        return k > tag.end and k < len(tokens) and tokens[k] in self.things

    def _of_the_thing_after(self, tokens: list[str], tag: Tag) -> bool:
        """A site followed by a thing, with at most three linking words between ("water
        coming out of the tap")."""
        k = tag.end
        while k < len(tokens) and k < tag.end + 3 and tokens[k] in self.thing_links:
            k += 1
        return k > tag.end and k < len(tokens) and tokens[k] in self.things

    def _about_the_person(self, tokens: list[str], start: int, end: int) -> bool:
        """The clause says how the person is ("she's very tired"), not how a body part is."""
        return any(tokens[k] in self.person_subjects and tokens[k + 1] in self.person_verbs
                   for k in range(start, end - 1))

    def _state_of_the_person(self, tokens: list[str], tag: Tag) -> bool:
        """A sleep word said of a person ("she was fast asleep"), not of a limb."""
        if " ".join(tokens[tag.start:tag.end]) not in self.person_states:
            return False
        k = tag.start - 1
        if k >= 0 and tokens[k] in self.person_state_gap:
            k -= 1
        return k >= 1 and tokens[k] in self.person_verbs and tokens[k - 1] in self.person_subjects

    def _limiting(self, tokens: list[str], start: int) -> bool:
        """The clause narrows what came before ("no chest pain, just achy")."""
        return any(t in self.limiting for t in tokens[max(0, start - 1):start + 1])

    def _appeared_thing_before(self, tokens: list[str], start: int) -> bool:
        """Whether sores, spots or hives are what a word of appearing at `start` tells of:
        one of them among the APPEARED_REACH words before it in its clause ("hives have come
        up", "little spots came up"; "my face has come up" is the face swelling)."""
        for token in reversed(tokens[max(0, start - APPEARED_REACH):start]):
            if token in MARKS:
                return False
            if token in self.appearing_things:
                return True
        return False

    def _lesion_place(self, tokens: list[str], site: Tag) -> bool:
        """Whether the site is said as where sores or spots are: a lesion word, a place word
        ("in", "on") at most LESION_REACH words after it, and between the place and the site
        only words that lead to it ("sores in mouth", "white spots all over the inside of her
        mouth"; not the lips of "spots on her cheeks and her lips are blue")."""
        k = site.start - 1
        while k >= 0 and tokens[k] in self.lesion_lead:
            k -= 1
        while k >= 0 and tokens[k] in self.lesion_places:
            k -= 1
        if k == site.start - 1 or k < 0:
            return False
        before = tokens[max(0, k + 1 - LESION_REACH):k + 1]
        return bool(self.lesions & set(before))

    def _one_side(self, tokens: list[str], start: int, end: int) -> bool:
        if not any(_has(tokens[start:end], p) for p in self.one_side):
            return False
        after = tokens[start:end + LEFT_AND_RIGHT_REACH]  # "and" splits the clause
        return not any(_has(after, p) for p in self.left_and_right)


DENYING = frozenset({"not", "no", "never"})
"""Before a word of being fine, these deny it ("her breathing is not good")."""

FINE_CLAUSE_WORDS = 3
"""A clause of no more words than this that says "fine" says it of the site before ("Fine.",
"all good")."""


def _concept(symptom: str, site: Tag, finding: Tag, borrowed: bool = False) -> Concept:
    found = tuple(range(finding.start, finding.end))
    words = tuple(range(site.start, site.end)) + found
    if borrowed:
        return Concept(symptom, finding.start, finding.end, words, site.name, found)
    return Concept(symptom, min(site.start, finding.start), max(site.end, finding.end), words,
                   site.name, found)


LEADING_WORDS = frozenset({"the", "my", "his", "her", "their", "your"})
"""Words that may stand between a site and a word leading to it ("down the left side")."""


def _leads_to(tokens: list[str], finding: Tag, site: Tag) -> bool:
    """The finding's words are the site's own ("down one side") or lead to it ("down the
    left side")."""
    if site.start <= finding.start and finding.end <= site.end:
        return True
    return finding.end <= site.start and all(
        t in LEADING_WORDS for t in tokens[finding.end:site.start])


def _has(tokens: list[str], words: tuple[str, ...]) -> bool:
    """Whether the words follow one another somewhere in the tokens."""
    size = len(words)
    return any(tuple(tokens[k:k + size]) == words for k in range(len(tokens) - size + 1))


SIMILE_REACH = 3
"""Words before a site that may hold "like a": "like a toad's throat", "like an old man's"."""
OWNERS = frozenset({"my", "his", "her", "your", "their", "our", "the"})
LEFT_AND_RIGHT_REACH = 4
"""Words past the clauses looked at in which "... and the right" may still follow."""


def _compared(tokens: list[str], start: int) -> bool:
    """The site at `start` is only what something is compared with ("like a toad's throat"):
    "like a" or "like an" shortly before it with a word between, and no "my" or "the" there
    ("like a heart attack" names the site itself)."""
    before = tokens[max(0, start - SIMILE_REACH):start]
    for i, token in enumerate(before[:-1]):
        between = before[i + 2:]
        if token == "like" and before[i + 1] in ("a", "an") and between \
                and not OWNERS & set(between):
            return True
    return False


LIKENED_REACH = 5
"""Words back from a sound-alike to a "like" that makes it a thing compared ("like a big
bread", "thick like a loaf of bread")."""


def _likened(tokens: list[str], i: int) -> bool:
    """Whether tokens[i] is a thing something is likened to ("swollen up like agege bread"),
    not a body part of the speaker's ("like my breath is short")."""
    before = tokens[max(0, i - LIKENED_REACH):i]
    if "like" not in before:
        return False
    after_like = before[len(before) - before[::-1].index("like"):]
    return not OWNERS & set(after_like) - {"the"}

