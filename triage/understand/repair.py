"""The repair layer: what a dictation or spelling error may stand for, toward domain words only.

Each input token gets a set of candidate words. A word the domain already knows stands for
itself. A word that is not English (not in the pronouncing dictionary shipped with
PocketSphinx) may stand for domain words near it in spelling (rapidfuzz edit distance) or in
sound (Metaphone keys, jellyfish). An English word stands for itself, plus the sound-alikes of
repair.toml, which are flagged so that only a match of two or more words may use them: the
later layers must agree before "pane" becomes "pain". Adjacent tokens are merged when they
spell a domain word ("head ache", "breath less") and a run-together token is split when its
parts are words ("chestpain").
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jellyfish
from rapidfuzz.distance import Levenshtein

from triage.understand.normalise import MARKS, phrase_tokens

_DATA_FILE = Path(__file__).with_name("repair.toml")
INFLECTIONS = ("ing", "ed", "es", "s", "y")
"""Endings that leave a domain word's meaning: "paining", "hearts", "swelled", "bloody"."""
MAX_LENGTH = 24
"""Longer tokens are not words anyone says: never compared, never split."""
MIN_MERGED_SOUND = 6
"""Two words are heard as one domain word by sound only when that word has at least this many
letters: "we zing" is "wheezing", but short words are too easily made from any pair."""


@dataclass(frozen=True)
class RepairSettings:
    min_length: int
    max_distance_short: int
    max_distance_long: int
    max_sound_distance: int


@dataclass(frozen=True)
class Candidates:
    """What one input token may stand for."""

    words: frozenset[str]
    """The token itself and the domain words it may be an error for."""
    weak: frozenset[str] = frozenset()
    """Of those, the sound-alikes of English words: usable only inside a longer match."""


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Words of the pronouncing dictionary that ships with PocketSphinx; empty if it is absent
    (then every unknown word is treated as English only when it is short)."""
    spec = importlib.util.find_spec("pocketsphinx")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "model" / "en-us" / \
        "cmudict-en-us.dict"
    words: set[str] = set()
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                word = line.split(" ", 1)[0]
                words.add(re.sub(r"\(\d+\)$", "", word))
    except OSError:
        return frozenset()
    return frozenset(words)


PERCEPTION_VERBS = frozenset({"feel", "feels", "felt", "look", "looks", "looked"})
"""Words of the copula equivalence group ("my face looks swollen" = "my face is swollen")
that are verbs of their own after "can" or "could" ("can not look")."""
ABLE = frozenset({"can", "could"})


def as_verb(tokens: list[str], j: int) -> bool:
    """Whether tokens[j] is a verb of perception after "can (not)", not a copula ("I can't look
    at faces" is no "I can't feel my face"); "does not seem to be breathing" stays a copula."""
    if tokens[j] not in PERCEPTION_VERBS or j == 0:
        return False
    before = tokens[j - 1]
    return before in ABLE or before == "not" and j > 1 and tokens[j - 2] in ABLE


class Repairer:
    """Candidate words for tokens, against one domain vocabulary."""

    def __init__(self, vocabulary: Iterable[str],
                 equivalents: Iterable[Iterable[str]] = (),
                 stem_targets: Iterable[str] | None = None) -> None:
        with open(_DATA_FILE, "rb") as handle:
            data = tomllib.load(handle)
        self.settings = RepairSettings(**{k: v for k, v in data["settings"].items()
                                          if k not in ("keep", "hesitations")})
        self.vocabulary = frozenset(vocabulary)
        self.stem_targets = frozenset(stem_targets) if stem_targets is not None \
            else self.vocabulary
        """Words an inflected form may be read as: symptom words, not commands ("ended" is
        not "end")."""
        self.sound_alikes = {k: frozenset(v) for k, v in data["sound_alikes"].items()}
        self.keep = frozenset(data["settings"].get("keep", ()))
        self.hesitations = frozenset(data["settings"]["hesitations"])
        """Sounds of hesitation: never half of a word put back together."""
        self.phrase_alikes = {tuple(k.split()): phrase_tokens(v)
                              for k, v in data.get("sound_alike_phrases", {}).items()}
        """Heard words to the meant ones, normalised like input ("paracetamol" is read as
        "acetaminophen")."""
        self.english = english_words()
        nose = data.get("blocked_nose", {})
        self.nose_evidence = int(nose.get("evidence", 2))
        self.nose_words = {k: tuple(v.split()) for k, v in nose.get("words", {}).items()}
        self.nose_body = frozenset(nose.get("body", ()))
        clipped = data.get("clipped", {})
        self.clipped_evidence = int(clipped.get("evidence", 3))
        self.clipped_share = float(clipped.get("share", 0.4))
        clipped_length = int(clipped.get("min_length", 3))
        endings: dict[str, set[str]] = {}
        for word in self.vocabulary:
            if word.isalpha() and len(word) > clipped_length:
                endings.setdefault(word[:-1], set()).add(word)
        self.clipped_endings = {
            k: min(v, key=lambda w: (w not in self.stem_targets, w not in self.english, w))
            for k, v in endings.items()
            if k not in self.vocabulary and k not in clipped.get("keep", ())}
        """A word one letter short of a domain word, to that word (a symptom's word first,
        then an English one: "terribl" -> "terrible")."""
        self.equivalent: dict[str, frozenset[str]] = {}
        for group in equivalents:
            words = frozenset(group)
            for word in words:
                self.equivalent[word] = words
        self._targets = sorted(w for w in self.vocabulary if len(w) >= self.settings.min_length
                               and w.isalpha())
        self._keys = {w: jellyfish.metaphone(w) for w in self._targets}
        by_sound: dict[str, set[str]] = {}
        for word in self.stem_targets:
            if len(word) >= MIN_MERGED_SOUND and word.isalpha():
                by_sound.setdefault(_loose_key(word), set()).add(word)
        self._words_by_sound = {k: sorted(v) for k, v in by_sound.items()}
        """Symptom words by a loose sound key, for a word a recognizer cut in two."""
        long_by_sound: dict[str, set[str]] = {}
        for word in data.get("long_words", {}).get("words", ()):
            long_by_sound.setdefault(_vowel_key(word), set()).add(word)
        self._long_word_by_sound = {k: next(iter(v)) for k, v in long_by_sound.items()
                                    if len(v) == 1}
        """Long domain words (medicines, "premedication") by sound, for a word dictation cut
        into three or four short ones ("eye bee pro fen")."""

    @lru_cache(maxsize=50000)  # noqa: B019 - one Repairer lives for the whole process
    def candidates(self, token: str) -> Candidates:
        """The words `token` may stand for."""
        if token in MARKS or token.isdigit():
            return Candidates(frozenset({token}))
        if token in self.equivalent:
            return Candidates(self.equivalent[token])
        if token in self.keep:
            return Candidates(frozenset({token}))
        if token in self.sound_alikes:
            weak = self.sound_alikes[token] - {token}
            return Candidates(frozenset({token}) | weak, weak)
        if token in self.vocabulary or not self.settings.min_length <= len(token) <= MAX_LENGTH:
            return Candidates(frozenset({token}))
        stems = self._stems(token)
        if stems:
            return Candidates(frozenset({token}) | stems)
        if token in self.english:
            return Candidates(frozenset({token}))
        near = self._near(token)
        if self._english_inflection(token):
            # an inflection the dictionary leaves out ("bossing"): a word of its own, read as
            # a slip only for a domain word one letter away ("chokeing", "brething")
            near = frozenset(w for w in near if Levenshtein.distance(token, w) <= 1)
        return Candidates(frozenset({token}) | near)

    def _english_inflection(self, token: str) -> bool:
        """Whether `token` is an English word with an ending ("bossing" of "boss")."""
        for suffix in INFLECTIONS:
            stem = token[:-len(suffix)]
            if token.endswith(suffix) and len(stem) >= 3 and any(
                    candidate in self.english for candidate in (
                        stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else "")):
                return True
        return False

    def _stems(self, token: str) -> frozenset[str]:
        """Domain words this one inflects ("paining" -> "pain", "hearts" -> "heart")."""
        found = set()
        if token.endswith("in") and token + "g" in self.stem_targets:
            found.add(token + "g")  # "killin'", "achin'"
        for suffix in INFLECTIONS:
            stem = token[:-len(suffix)]
            if token.endswith(suffix) and len(stem) >= 3:
                for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
                    if candidate in self.stem_targets:
                        found.add(candidate)
        return frozenset(found)

    def _near(self, token: str) -> frozenset[str]:
        s = self.settings
        key = jellyfish.metaphone(token)
        near: set[str] = set()
        for word in self._targets:
            if abs(len(word) - len(token)) > s.max_sound_distance:
                continue
            allowed = s.max_distance_short if len(word) <= 7 else s.max_distance_long
            distance = Levenshtein.distance(token, word, score_cutoff=s.max_sound_distance)
            if distance <= allowed and word[0] == token[0]:
                near.add(word)
            elif distance <= s.max_sound_distance and key and self._keys[word] == key:
                near.add(word)
            elif len(token) >= 5 and distance <= s.max_sound_distance and key and \
                    Levenshtein.distance(
                    key, self._keys[word]) <= 1 and word[:2] == token[:2]:
                near.add(word)
        return frozenset(near)

    def _unblocked(self, token: str, after_my: bool) -> str | None:
        """The domain word `token` is with m for b or n for d ("deck" -> "neck", "poudding"
        -> "pounding"), or None; an English word only after "by" or "my"."""
        if (token in self.vocabulary or token in self.english) and not after_my \
                or not token.isalpha() or token in self.nose_body:
            return None
        targets = self.nose_body if token in self.vocabulary else self.vocabulary
        places = [k for k, ch in enumerate(token) if ch in "bd"][:NOSE_PLACES]
        for mask in range(1, 2 ** len(places)):
            letters = list(token)
            for bit, k in enumerate(places):
                if mask >> bit & 1:
                    letters[k] = "m" if token[k] == "b" else "n"
            word = "".join(letters)
            if word in targets and len(word) >= MIN_UNBLOCKED:
                return word
        return None

    def unblock_nose(self, tokens: list[str]) -> list[str]:
        """A head cold's dictation read as meant (repair.toml [blocked_nose]), when the turn
        shows enough of it; any other turn is left as it is."""
        evidence = 0
        for k, token in enumerate(tokens):
            after_my = k > 0 and tokens[k - 1] in ("by", "my")
            if self._unblocked(token, after_my) is not None \
                    or (after_my and tokens[k - 1] == "by" and token in self.vocabulary) \
                    or token in self.nose_words and token not in self.english:
                evidence += 1  # "dothig" is evidence too, "ad" and "dot" are words of their own
        if evidence < self.nose_evidence:
            return tokens
        out: list[str] = []
        for k, token in enumerate(tokens):
            after_my = k > 0 and tokens[k - 1] in ("by", "my")
            following = tokens[k + 1] if k + 1 < len(tokens) else ""
            if token == "by" and following and following not in MARKS \
                    and following not in NOT_AFTER_MY:
                out.append("my")
            elif token in self.nose_words:
                out.extend(self.nose_words[token])
            else:
                out.append(self._unblocked(token, after_my) or token)
        return out

    def unclip(self, tokens: list[str]) -> list[str]:
        """Words whose last letter speech-to-text dropped, put back (repair.toml [clipped])
        when the turn shows it enough; any other turn is left as it is."""
        words = [t for t in tokens if t not in MARKS]
        clipped = {t for t in words if t in self.clipped_endings}
        if len(clipped) < self.clipped_evidence \
                or len(clipped) < self.clipped_share * len(words):
            return tokens
        return [self.clipped_endings[t] if t in clipped and (
            t not in self.english or self.clipped_endings[t] in self.stem_targets) else t
            for t in tokens]  # an English word stays itself unless a symptom's word ends it

    def rejoin(self, tokens: list[str]) -> list[str]:
        """Merge adjacent tokens that spell a domain word; split run-together tokens; put the
        domain words back for the multi-word sound-alikes of speech recognition ("throw it"
        for "throat", "seas your" for "seizure")."""
        tokens = self.unclip(self.unblock_nose(tokens))
        out: list[str] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            alike = next((words for heard, words in self.phrase_alikes.items()
                          if tuple(tokens[i:i + len(heard)]) == heard), None)
            if alike is not None:
                out.extend(alike)
                i += len(next(h for h, w in self.phrase_alikes.items() if w == alike
                              and tuple(tokens[i:i + len(h)]) == h))
                continue
            three = tokens[i:i + 3]
            if len(three) == 3 and not MARKS & set(three) and not self.hesitations & set(three):
                joined = "".join(three)  # "un bear able", as dictation may split a long word
                if joined in self.vocabulary and len(joined) >= LONG_REJOINED:
                    out.append(joined)
                    i += 3
                    continue
            if i + 1 < len(tokens) and tokens[i + 1] not in MARKS and token not in MARKS \
                    and not self.hesitations & {token, tokens[i + 1]}:  # "my breath, er" stays
                joined = token + tokens[i + 1]
                if joined in self.vocabulary and len(joined) >= 6:
                    out.append(joined)
                    i += 2
                    continue
            many = self._heard_as_one_long_word(tokens[i:i + 4])
            if many is not None:
                out.append(many[0])
                i += many[1]
                continue
            if i + 1 < len(tokens):
                heard_as_one = self._heard_as_one_word(token, tokens[i + 1])
                if heard_as_one:
                    out.append(heard_as_one)
                    i += 2
                    continue
            out.extend(self._split(token))
            i += 1
        return out

    def _heard_as_one_long_word(self, words: list[str]) -> tuple[str, int] | None:
        """The long domain word three or four short words sound like together ("eye bee pro
        fen" -> "ibuprofen"), with how many words it takes; never from a domain word longer
        than SHORT_DOMAIN ("eye" may be heard in it, "chest" never)."""
        for size in (4, 3):
            part = words[:size]
            if len(part) < size or not all(w.isalpha() and len(w) <= MAX_PIECE for w in part) \
                    or any(w in self.vocabulary and len(w) > SHORT_DOMAIN for w in part):
                continue
            joined = "".join(part)
            word = self._long_word_by_sound.get(_vowel_key(joined))
            if word is not None and joined not in self.english and \
                    Levenshtein.distance(joined, word) <= MAX_LONG_MERGED_SHARE * len(word):
                return word, size
        return None

    def _heard_as_one_word(self, first: str, second: str) -> str | None:
        """The symptom word two short words sound like together ("seize hers" -> "seizures",
        "we zing" -> "wheezing"), when neither is a domain word and together they are no word."""
        if not (first.isalpha() and second.isalpha()) or first in self.vocabulary \
                or second in self.vocabulary or len(first) > 5:
            return None
        joined = first + second
        if joined in self.english or len(joined) < MIN_MERGED_SOUND - 1:
            return None
        # of the words that sound alike ("faint", "fainted"), the one spelt most like it
        words = [w for w in self._words_by_sound.get(_loose_key(joined), ()) if w[0] == first[0]]
        if not words:
            return None
        word = min(words, key=lambda w: (Levenshtein.distance(joined, w), w))
        # sounding alike is not enough: "son dad" is no "swooned", "pot dad" no "pooped"
        distance = Levenshtein.distance(joined, word)
        return word if distance <= MAX_MERGED_SHARE * len(word) else None

    def _split(self, token: str) -> list[str]:
        if token in MARKS or token in self.vocabulary or token in self.english \
                or token in self.keep \
                or not 7 <= len(token) <= MAX_LENGTH or not token.isalpha() \
                or len(self.candidates(token).words) > 1:
            return [token]
        for cut in range(3, len(token) - 2):
            left, right = token[:cut], token[cut:]
            known = (left in self.vocabulary or left in self.english,
                     right in self.vocabulary or right in self.english)
            # the second half a word of the domain, and the first one too or a word that
            # goes before it ("chestpain", "mythroat"): "backstretch" is no back
            if all(known) and right in self.vocabulary and (
                    left in self.vocabulary or left in SPLIT_LEADS):
                return [left, right]
        return [token]


SPLIT_LEADS = frozenset({"my", "his", "her", "the", "a", "no", "so", "very", "bad", "sore",
                         "can", "cant", "not", "i"})
"""Words a run-together domain word may begin with ("mythroat", "sothirsty")."""

MAX_MERGED_SHARE = 0.4
"""Two words heard as one domain word differ from it in at most this share of its letters
("seize hers" and "seizures": 3 of 8)."""


SHORT_DOMAIN = 3
"""A domain word this short ("eye") may be one of the pieces of a medicine's name."""
MAX_PIECE = 5
"""Each of the three or four words is short: "eye", "bee", "pro", "fen"."""
NOSE_PLACES = 4
"""At most this many b's and d's of a word are tried as m's and n's."""
MIN_UNBLOCKED = 4
"""A word read through a head cold is at least this long ("neck", "chin")."""
NOT_AFTER_MY = frozenset({"the", "a", "an", "then", "now", "far", "myself", "himself",
                          "herself", "and", "or", "my", "his", "her", "their"})
"""Words after "by" that keep it "by" even in a head cold's turn ("by the window")."""
LONG_REJOINED = 8
"""Three words that spell a domain word this long together are that word ("un bear able")."""
MAX_LONG_MERGED_SHARE = 0.6
"""Three or four words heard as one long word differ from it in at most this share of its
letters ("eye bee pro fen" and "ibuprofen": 5 of 9); their sound must match it exactly."""


def _vowel_key(word: str) -> str:
    """The loose key with any first vowel sound the same ("eye bee" and "ibu")."""
    key = _loose_key(word)
    return "A" + key[1:] if key[:1] in "AEIOU" else key


def _loose_key(word: str) -> str:
    """A Metaphone key that ignores the h, w and y sounds and doubled letters a word boundary
    adds ("seize hers" and "seizures" sound the same)."""
    key = jellyfish.metaphone(word.replace("gn", "n"))  # "feign ted": the g is silent
    kept = key[:1] + "".join(c for c in key[1:] if c not in "HWY")
    return re.sub(r"(.)\1+", r"\1", kept)
