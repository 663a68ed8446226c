"""The normalise layer: text to tokens, one normalisation for typed text, recognizer output and
phrase data alike: case, punctuation (as clause marks), contractions and spellings."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extractOne

CLAUSE_MARK = "|"
"""Token standing for punctuation that ends a clause (. , ; : ! and dashes)."""
QUESTION_MARK = "?"
"""Token standing for a question mark: it ends a clause too, and makes it a question."""
PAUSE_MARK = "~"
"""Token standing for a trailing-off pause ("she's not ... making sense", "can't... get...
air"): breathless, frightened or hesitant speech, not the end of a thought. It ends a clause
for negation and modifiers, but a phrase may run across it."""
MARKS = frozenset({CLAUSE_MARK, QUESTION_MARK, PAUSE_MARK})
"""Every token that is punctuation, not a word."""
COMPARING = frozenset({"like", "as"})
"""Words that open a comparison: a clause after "gone numb, like wood," still has the side
said after it; "is feeling like vomit" tells, it does not ask."""

_DATA_FILE = Path(__file__).with_name("normalise.toml")


def _load_tables() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str],
                            frozenset[str], frozenset[str], frozenset[str], frozenset[str],
                            frozenset[str], frozenset[str], frozenset[str], frozenset[str],
                            tuple[str, ...], frozenset[str]]:
    with open(_DATA_FILE, "rb") as handle:
        data = tomllib.load(handle)
    return dict(data["contractions"]), dict(data["spellings"]), dict(data["dictated"]), \
        frozenset(data["possessive"]["me_before"]), frozenset(data["is_contraction"]["before"]), \
        frozenset(data["h_dropped"]["words"]), frozenset(data["pronoun_i"]["before"]), \
        frozenset(data["why_y"]["before"]), \
        frozenset(data["dictated_not_after"]["words"]), \
        frozenset(data["dictated_not_after"]["ambiguous"]), \
        frozenset(data["dictated_not_after"]["sentence_starts"]), \
        frozenset(data["t_dropped"]["words"]), tuple(data["h_dropped"]["leading"]), \
        frozenset(data["had_contraction"]["participles"])


(CONTRACTIONS, SPELLINGS, DICTATED, ME_IS_MY_BEFORE, IS_BEFORE, H_DROPPED, AH_IS_I_BEFORE,
 WHY_Y_BEFORE, DICTATED_NOT_AFTER, DICTATED_AMBIGUOUS, SENTENCE_STARTS, T_DROPPED,
 LEADING_DROPPED, HAD_PARTICIPLES) = _load_tables()
"""Contractions expanded ("isn't" -> "is not"), spellings made one ("colour" -> "color"), and
punctuation said aloud to a dictation app ("question mark") made punctuation."""
_DICTATED = re.compile(r"(?:\b([a-z']+)\s+)?\b(" + "|".join(
    re.escape(k) for k in sorted(DICTATED, key=len, reverse=True)) + r")\b")


def _dictated(match: re.Match[str]) -> str:
    """Punctuation said aloud made punctuation, unless the word before it makes it a noun."""
    before, said = match.group(1), match.group(2)
    if not any(c.isalpha() for c in DICTATED[said]):
        if before is not None and before in DICTATED_NOT_AFTER:
            return match.group(0)
        after = match.string[match.end():].split(maxsplit=1)
        if said in DICTATED_AMBIGUOUS and after and after[0].strip(".,;:!?") not in \
                SENTENCE_STARTS:
            return match.group(0)
    return (before + " " if before is not None else "") + DICTATED[said]

def _load_particles() -> re.Pattern[str]:
    """Words of another language that only soften or report ("hindi daw siya makilala": she
    is not recognised, they say): left out before any phrase is read, so that the phrases of
    [dictated] and the signs read through them."""
    with open(_DATA_FILE, "rb") as handle:
        words = tomllib.load(handle)["particles"]["words"]
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'])\s*")


_PARTICLES = _load_particles()


HAS_BEFORE = frozenset({"got", "gotten", "been", "had"})
"""Before these, "'s" is "has" ("she's got", "he's been sick")."""


def _load_before(table: str) -> frozenset[str]:
    with open(_DATA_FILE, "rb") as handle:
        return frozenset(tomllib.load(handle)[table]["before"])


AN_IS_AND_BEFORE = _load_before("an_is_and")
O_IS_OF_BEFORE = _load_before("o_is_of")


def _load_apostrophe_lost() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    with open(_DATA_FILE, "rb") as handle:
        table = tomllib.load(handle)["apostrophe_lost"]
    return frozenset(table["parts"]), frozenset(table["owners"]), frozenset(table["not_before"])


LONE_PARTS, LONE_PART_OWNERS, LONE_PART_NOT_BEFORE = _load_apostrophe_lost()


def _apostrophe_restored(tokens: list[str]) -> list[str]:
    """"my heads a bit achy" is "my head is a bit achy": one has one head, so its "s" after
    "my" is a lost "'s"."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in LONE_PARTS and i > 0 and tokens[i - 1] in LONE_PART_OWNERS \
                and after and after not in LONE_PART_NOT_BEFORE and after not in MARKS:
            out.extend((token[:-1], "is"))
        else:
            out.append(token)
    return out


def _load_named() -> tuple[re.Pattern[str], frozenset[str]]:
    with open(_DATA_FILE, "rb") as handle:
        table = tomllib.load(handle)["named"]
    kin = "|".join(re.escape(word) for word in table["kin"])
    # "my brother-in-law Réjean": an in-law is kin too, and a name may have accents
    return re.compile(r"\b((?:" + kin + r")(?:[- ]in[- ]laws?)?)(\s*,?\s+)([A-ZÀ-Þ][^\W\d_A-Z]+)"
                      r"\b(,?)"), \
        frozenset(table["not_names"])


_NAMED, NOT_NAMES = _load_named()
"""A person's word with a first name after it ("my sister Joan")."""


@lru_cache(maxsize=1)
def _sign_words() -> frozenset[str]:
    """Every word of the phrase book's symptoms, body sites and findings, imported late (the
    book is read with this module's tokens): a capitalised one is never taken for a name."""
    from grammars.book import load_phrase_book
    book = load_phrase_book()
    tables = (book.symptoms, book.sites, book.findings)
    return frozenset(word for table in tables for phrases in table.values()
                     for phrase in phrases for word in re.findall(r"[a-z]+", phrase.lower()))


@lru_cache(maxsize=1)
def _sign_word_list() -> list[str]:
    return sorted(word for word in _sign_words() if len(word) >= _MISSPELT_FROM)


_MISSPELT_FROM = 5
"""Letters a capitalised word needs before a one-letter slip from a symptom's word keeps it
("Colapsed", "Swolen"): shorter names are too often a letter away from a word ("Rose")."""


def _a_sign_word(word: str) -> bool:
    """A word of a symptom, or one letter away from one (two for long words): "my husband
    Colapsed" is a sign misspelt, never a name to leave out."""
    if word in _sign_words():
        return True
    if len(word) < _MISSPELT_FROM:
        return False
    limit = 1 if len(word) < 8 else 2
    return extractOne(word, _sign_word_list(), scorer=Levenshtein.distance,
                      score_cutoff=limit) is not None


def _names_left_out(text: str) -> str:
    """"my sister Joan had a clot" is "my sister had a clot": a capitalised word after a
    person's word, in the middle of a sentence, names them, unless it is a word of a symptom
    ("my husband Collapsed", "my wife Fainted": kept, whatever their case), even misspelt
    ("Colapsed"). Text in capitals, or with every word capitalised, is left as it is."""
    letters = [word for word in text.split() if word[:1].isalpha()]
    capitalised = sum(word[0].isupper() for word in letters)
    if capitalised * 2 > len(letters):
        return text
    return _NAMED.sub(lambda m: m.group(0) if m.group(3).lower() in NOT_NAMES
                      or _a_sign_word(m.group(3).lower())
                      else m.group(1) + (m.group(4) or ""), text)


def _load_said_once() -> frozenset[str]:
    with open(_DATA_FILE, "rb") as handle:
        return frozenset(tomllib.load(handle)["repeats"]["said_once"])


def _load_stammer_doubles() -> int:
    with open(_DATA_FILE, "rb") as handle:
        return int(tomllib.load(handle)["repeats"]["stammer_doubles"])


SAID_ONCE = _load_said_once()
"""Small words that said twice in a row are a stammer ("no no air"); any other word said twice
is kept ("cold cold", "really really", "one one one")."""
STAMMER_DOUBLES = _load_stammer_doubles()
"""Words said twice in a row, in one turn, that make the whole turn a stammer (at least one
fewer of them words other than SAID_ONCE's)."""
_LONGEST_REPEAT = 4
"""The longest run of words a restart repeats ("i can not i can not breathe")."""


def _load_intensifiers() -> dict[str, frozenset[str]]:
    with open(_DATA_FILE, "rb") as handle:
        table = tomllib.load(handle)["intensifiers"]
    return {word: frozenset(before) for word, before in table.items()}


INTENSIFIERS = _load_intensifiers()
"""Words that mean "very" before the words listed for them."""
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_UNSPLIT_LETTERS = str.maketrans({"\u0111": "d", "\u0142": "l", "\u00f8": "o", "\u00df": "ss",
                                  "\u0131": "i"})
"""Letters that Unicode does not split into a letter and an accent ("đau", "ł", "ø", "ß",
Turkish dotless "ı")."""
_DECIMAL = re.compile(r"(\d)[.,](\d)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_SHORT_YEAR = re.compile(r"(?<![\w'])'(\d\d)\b")
"""A year said short ("back in '09", "in '87"): written out so the year triggers see it."""


def _full_year(match: re.Match[str]) -> str:
    digits = match.group(1)
    return ("19" if int(digits) > 40 else "20") + digits
_OUT_OF = re.compile(r"(\d+)\s*/\s*10\b")
_READING = re.compile(r"\b(\d{2,3})\s*/\s*(\d{2,3})\b")
"""A blood pressure written "78/44": read as "78 over 44"."""
_LIFE_IN_YEARS = re.compile(
    r"\b((?:in|of) (?:all )?(?:my|his|her|their|our)) (?:\d{1,3}|(?:twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|a hundred)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?) years\b")
"""A life told in its years ("never in my seventy-eight years have I had such a pain", "the
worst headache of my 78 years"): as "in my years", which says no more than "in my life"; the
number is no reading or time."""
_BEFORE_SPAN = re.compile(
    r"\bbefore\s+(one|two|three|four|five|six|seven|eight|nine|ten|a|few|some|\d+)\s+"
    r"(minutes?|hours?|days?|weeks?|months?|years?)\b(?!\s+(?:of|before|after|from|the|my|your)\b)")
"""Non-native "before one month" is "one month ago" (a story's time, not a plan's)."""
_PAUSE = re.compile(r"\s*(?:\.{2,}|\u2026)\s*")
_SOUND_NOTE = re.compile(r"\s*\[[^\[\]]{1,40}\]\s*")
"""What a speech-to-text app notes in square brackets ("I can't [cough] wake him", "[inaudible]",
"[crying]"): a sound, not a word said; a pause that a phrase may run across."""
_PUNCT_CLAUSE = re.compile(r"[.;:!?,\u2014\u2013()\[\]\"]+|\s-+\s")
_OTHER = re.compile(r"[^a-z0-9'\s|\u00b7\u00bf\u00a6]+")
_QUESTION = re.compile(r"\?+")
_DEGREES = re.compile(r"\u00b0\s*([cf])?\b")


_STUTTER = re.compile(r"(?<![a-z])[a-z]++(?:-[a-z]++)+")
"""A hyphenated word, in which a stammer written down may hide ("b-b-breathe"). Tried only at
the start of a run of letters, and never backing up inside one, so a megabyte of letters
without a space costs one pass, not one per letter."""


_BROKEN_OFF = re.compile(r"(?<![a-z'])([a-z]{1,3})-\s+([a-z]+)")
"""A start of a word broken off before a space ("b- breathe", "ch- chest")."""


def _broken_off_joined(match: re.Match[str]) -> str:
    """"b- breathe" is written "b-breathe" when the part starts the next word, so that
    _unstuttered hears it once; any other "word- word" stays as it was."""
    part, after = match.group(1), match.group(2)
    return f"{part}-{after}" if after.startswith(part) else match.group(0)


def _no_vowel(part: str) -> bool:
    return not any(letter in "aeiouy" for letter in part)


def _unstuttered(word: str) -> str:
    """A stammer as dictation writes it, said once: "t-t-temperature" is "temperature",
    "thirty-n-n-nine" is "thirty-nine". A part is a repeated start of the next part when it
    is one letter, two or three letters with no vowel ("ch-chest", "br-breathing"), or two or
    three letters said more than once ("sh-sh-shivering"); "co-codamol" and "x-ray" stay as
    they are."""
    parts = word.split("-")
    kept: list[str] = []
    for i, part in enumerate(parts):
        after = parts[i + 1] if i + 1 < len(parts) else ""
        repeated = (i > 0 and parts[i - 1] == part) or after == part
        if after.startswith(part) and len(part) < len(after) + (after == part) and (
                len(part) == 1 or (len(part) <= 3 and (repeated or _no_vowel(part)))):
            continue
        kept.append(part)
    return "-".join(kept)


def _fragments_dropped(tokens: list[str]) -> list[str]:
    """A start of a word that cannot be a word ("b breathe", "ch chest": one to three letters
    with no vowel, the next word begins with them, or the same start again first: "f f four")
    is a stammer the dictation wrote apart, left out. Not after a number ("38 c"), where a
    letter is a unit."""
    def fragment(i: int) -> bool:
        token = tokens[i]
        if not (len(token) <= 3 and token.isalpha() and _no_vowel(token)):
            return False
        following = i + 1
        while following < len(tokens) and tokens[following] == token:
            following += 1
        return (following < len(tokens) and len(tokens[following]) > len(token)
                and tokens[following].startswith(token))

    return [token for i, token in enumerate(tokens)
            if not (fragment(i) and not (i > 0 and tokens[i - 1][:1].isdigit()))]


def _stammered_turn(tokens: list[str]) -> bool:
    """A turn in which the dictation wrote many words twice ("still still got got the the head
    head ache ache"): a stammer throughout, not the doubling that stresses one word ("cold
    cold")."""
    doubled = [tokens[i] for i in range(1, len(tokens))
               if tokens[i] == tokens[i - 1] and tokens[i] not in MARKS]
    return (len(doubled) >= STAMMER_DOUBLES
            and len({t for t in doubled if t not in SAID_ONCE}) >= STAMMER_DOUBLES - 1)


def _doubles_said_once(tokens: list[str]) -> list[str]:
    """In a stammered turn, every word said twice in a row is heard once."""
    if not _stammered_turn(tokens):
        return tokens
    return [t for i, t in enumerate(tokens) if i == 0 or t != tokens[i - 1] or t in MARKS]


def _said_once(tokens: list[str]) -> list[str]:
    """A small word or a run of two to four words said twice in a row is a stammer or a
    restart: "there is no no air" is "there is no air". A run of small words only is one also
    with a clause mark between ("i can not | i can not breathe"); "the shopping | the shopping
    is fine" names it again. Other words doubled are kept ("cold cold", "really really":
    SAID_ONCE)."""
    out: list[str] = []
    for token in tokens:
        out.append(token)
        for size in range(1, _LONGEST_REPEAT + 1):
            run = out[-size:]
            if len(out) < 2 * size or any(t in MARKS for t in run):
                continue
            if size == 1 and run[0] not in SAID_ONCE:
                continue
            small = all(t in SAID_ONCE for t in run)
            for gap in ((0, 1) if small else (0,)):
                before = out[-2 * size - gap:-size - gap] if len(out) >= 2 * size + gap else []
                between = out[-size - gap:-size] if gap else []
                if before == run and all(t in MARKS for t in between):
                    del out[-2 * size - gap:-size]
                    break
            else:
                continue
            break
    return out


def _h_restored(raw: str) -> str:
    """A dropped "h" written as an apostrophe, put back ("'eadache" -> "headache", "'ave" ->
    "have") when the word with it is English and the word without it is not."""
    if not raw.startswith("'") or len(raw) < 3 or not raw[1].isalpha():
        return raw
    rest = raw[1:].split("'", 1)[0]
    words = _english_words()
    if rest in H_DROPPED:
        return "h" + raw[1:]
    if rest in words:
        return raw
    for letter in LEADING_DROPPED:  # "'eadache"; a glottal "'ummy" (tummy), "'ain" (pain)
        if letter + rest in words or rest.endswith("in") and letter + rest + "g" in words:
            return letter + raw[1:]  # "'urtin'": "hurting", its "g" put back after
    return raw


_SUFFIXES = ("s", "t", "re", "ve", "ll", "d", "m")
"""What follows the apostrophe of a contraction ("it's", "don't"): not a dropped letter."""


def _t_restored(raw: str) -> str:
    """A glottal stop written as an apostrophe, put back as "t": at the end ("lef'" -> "left",
    "jus'" -> "just", "can'" -> "cant") or inside ("wa'er" -> "water"), when the word without
    it is not English and the word with it is, or the word is one of normalise.toml's
    [t_dropped] ("can'", "wha'")."""
    if raw.count("'") != 1 or raw.endswith("in'"):
        return raw
    words = _english_words()
    stem, _, after = raw.partition("'")
    if not stem.isalpha():
        return raw
    if not after:
        # a dialect word the spellings know is no dropped "t": "wi'" is "with", not "wit"
        return stem + "t" if stem in T_DROPPED or (
            stem not in words and stem not in SPELLINGS and stem + "t" in words) else raw
    if not after.isalpha() or after in _SUFFIXES or stem + after in words:
        return raw
    for middle in ("t", "tt"):
        if stem + middle + after in words:
            return stem + middle + after
    return raw


def _english_words() -> frozenset[str]:
    """The pronouncing dictionary's words, imported late: repair reads this module's tokens."""
    from triage.understand.repair import english_words
    return english_words()


def _g_restored(raw: str) -> str:
    """A dropped final "g" put back ("drinkin" -> "drinking", "shiverin'" -> "shivering") when
    the word with it is English and the word without it is not: repair would otherwise read
    "drinkin" as any word near it ("drunk")."""
    if len(raw) < 5 or not raw.endswith("in"):
        return raw
    words = _english_words()
    return raw + "g" if raw not in words and raw + "g" in words else raw


def _unaccented(text: str) -> str:
    """Accents off Latin letters ("pipì", "café", "señora"), so that a word typed with them is
    the word, not the word cut short where the accent was; other scripts stay what they are."""
    if text.isascii():
        return text
    kept: list[str] = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.combining(c) and kept and kept[-1].isascii() and kept[-1].isalpha():
            continue
        kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept))


def _load_label_denied() -> tuple[re.Pattern[str], tuple[str, ...], frozenset[str]]:
    """The checklist pattern, and the labels of what one should be able to do or be."""
    with open(_DATA_FILE, "rb") as handle:
        table = tomllib.load(handle)["label_denied"]
    said = "|".join(re.escape(word) for word in sorted(table["words"], key=len, reverse=True))
    pattern = re.compile(r"(^|[.;!\n]\s*)([a-z][a-z '/]{0,40}?)\s*(?::|\s[-\u2013\u2014]+\s)\s*"
                         rf"(?:{said})\s*(?=[.;\n]|$)")
    return pattern, tuple(table["ability_starts"]), frozenset(table["abilities"])


def _label_denied(match: re.Match[str]) -> str:
    """ "chest pain: no" is "no chest pain"; "responding: no" is "not responding", "can
    breathe: no" is "can not breathe": what one should be able to do, denied, is the sign."""
    before, label = match.group(1), match.group(2).strip()
    start = next((s for s in _ABILITY_STARTS if label.startswith(s)), None)
    if start is not None and start.endswith(" "):  # a helping verb: "can not breathe"
        return f"{before}{start}not {label[len(start):]}"
    if start is not None or label in _ABILITIES:
        return f"{before}not {label}"
    return f"{before}no {label}"


_LABEL_DENIED, _ABILITY_STARTS, _ABILITIES = _load_label_denied()
"""A checklist's label, then a colon or a spaced dash and a word of denial, ending its sentence
("Chest pain: no."): rewritten as "no chest pain"."""


def _load_self_answered() -> re.Pattern[str]:
    with open(_DATA_FILE, "rb") as handle:
        table = tomllib.load(handle)["self_answered"]

    def either(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return re.compile(rf"\b({either(table['verbs'])})\s+({either(table['persons'])})\b"
                      rf"([^?.!;:]{{1,80}}?)\s*\?+\s*(?:{either(table['answers'])})"
                      r"(?=\s*(?:[.,;!]|$))")


_SELF_ANSWERED = _load_self_answered()
"""A question about the patient answered "no" by the speaker: "is she breathing? no" is "she is
not breathing"."""


def tokenize(text: str) -> list[str]:
    """Lower-case tokens with contractions expanded and clause marks as CLAUSE_MARK tokens."""
    text = _unaccented(_names_left_out(text.translate(_APOSTROPHES)).lower().translate(
        _UNSPLIT_LETTERS))
    text = _LABEL_DENIED.sub(_label_denied, text)
    text = _SELF_ANSWERED.sub(r"\2 \1 not\3", text)
    text = _PARTICLES.sub("", text)
    text = _DICTATED.sub(_dictated, text)
    text = _SHORT_YEAR.sub(_full_year, text)
    text = _DEGREES.sub(lambda m: " degrees " + {"c": "celsius", "f": "fahrenheit"}.get(
        m.group(1) or "", "") + " ", text)
    text = _LIFE_IN_YEARS.sub(r"\1 years", text)
    text = _BEFORE_SPAN.sub(r"\1 \2 ago", text)
    text = _OUT_OF.sub(r"\1 out of 10", text)
    text = _READING.sub(r"\1 over \2", text)
    text = _CLOCK.sub(r"\1 \2 oclock", text)  # "21:40" is a time of day, never a reading
    text = _DECIMAL.sub("\\1\u00b7\\2", text)  # protect decimal points from clause splitting
    text = _QUESTION.sub(" \u00bf ", text)
    text = _SOUND_NOTE.sub(" \u00a6 ", text)
    text = _PAUSE.sub(" \u00a6 ", text)
    text = _PUNCT_CLAUSE.sub(f" {CLAUSE_MARK} ", text)
    text = _BROKEN_OFF.sub(_broken_off_joined, text)
    text = _STUTTER.sub(lambda m: _unstuttered(m.group(0)), text)
    text = text.replace("-", " ").replace("%", " percent ")  # "100% fine" is no reading
    text = _OTHER.sub(" ", text)
    tokens: list[str] = []
    words = text.split()
    for position, raw in enumerate(words):
        if raw == "\u00bf":
            tokens.append(QUESTION_MARK)
            continue
        if raw == "\u00a6":
            if tokens and tokens[-1] not in MARKS:
                tokens.append(PAUSE_MARK)
            continue
        raw = _t_restored(_h_restored(raw.replace("\u00b7", ".")))
        if raw.endswith("in'") and raw[:-1] + "g" in _english_words():
            raw = raw[:-1] + "g"  # "bein'": the apostrophe says a "g" was dropped
        elif raw.endswith("in's") and len(raw) > 5 and raw[:-2] + "g" in _english_words():
            raw = raw[:-2] + "g's"  # "breathin's fine" is "breathing's fine"
        # "an'" is "and": its apostrophe tells it from the article
        expanded = CONTRACTIONS.get(raw) if "'" in raw else None
        raw = _g_restored(raw.strip("'"))
        if not raw:
            continue
        if expanded is None:
            expanded = CONTRACTIONS.get(raw)
        if expanded is None and raw.endswith("n't"):
            expanded = raw[:-3] + " not"
        if expanded is None and raw.endswith("'s"):
            after = words[position + 1] if position + 1 < len(words) else ""
            expanded = raw[:-2] + (" is" if after in IS_BEFORE else "")
        if expanded is None and raw.endswith("'re"):
            expanded = raw[:-3] + " are"
        if expanded is None and raw.endswith("'ve"):
            expanded = raw[:-3] + " have"
        if expanded is None and raw.endswith("'ll"):
            expanded = raw[:-3] + " will"  # "what'll help?"
        if expanded is None and raw.endswith("'d"):
            expanded = raw[:-2] + " would"  # "it'd be wise"
        if raw.endswith("'d") and expanded is not None and expanded.endswith(" would"):
            after = words[position + 1].strip("'") if position + 1 < len(words) else ""
            if after in HAD_PARTICIPLES or (len(after) > 3 and after.endswith("ed")):
                expanded = expanded.removesuffix(" would") + " had"  # "I thought she'd collapsed"
        if raw.endswith("'s") and expanded is not None and expanded.endswith(" is"):
            after = words[position + 1].strip("'") if position + 1 < len(words) else ""
            if after in HAS_BEFORE:
                expanded = expanded.removesuffix(" is") + " has"  # "she's got a sore head"
        if expanded is None and raw.startswith("t'") and raw[2:].isalpha() \
                and raw[2:] not in ("s", "re", "ve", "ll", "d"):
            expanded = "the " + raw[2:]  # Yorkshire "t'needle" is "the needle"
        if raw in ("ma", "ah") and position + 1 < len(words):
            expanded = _scots_pronoun(raw, words[position + 1])
        for token in (expanded or raw.replace("'", "")).split():
            tokens.extend(SPELLINGS.get(token, token).split())
    tokens = _said_once(_doubles_said_once(_fragments_dropped(_if_finished(
        _breaths_dropped(_lisp_undone(tokens))))))
    if len(tokens) > 1 and tokens[0] == "y" and tokens[1] in WHY_Y_BEFORE:
        tokens[0] = "why"  # texted "y do i hv to drink so much"
    tokens = [_intensified(token, tokens[i + 1] if i + 1 < len(tokens) else "")
              for i, token in enumerate(tokens)]
    tokens = [_pronoun(_and(token, tokens[i + 1] if i + 1 < len(tokens) else ""),
                       tokens[i + 1] if i + 1 < len(tokens) else "")
              for i, token in enumerate(tokens)]
    return _apostrophe_restored(tokens)


def _load_lisp_evidence() -> int:
    with open(_DATA_FILE, "rb") as handle:
        return int(tomllib.load(handle)["lisp"]["evidence"])


LISP_EVIDENCE = _load_lisp_evidence()
"""Words written with "th" for "s" a turn needs before any is read as lisped."""


def _lisp_undone(tokens: list[str]) -> list[str]:
    """A lisp taken down by speech-to-text ("no chetht pain, no thwelling"): each word that is
    not English, but is with one of its "th" made "s" ("chest", "swelling"), is read so, when
    the turn has LISP_EVIDENCE such words."""
    english = _english_words()
    undone: dict[str, str] = {}
    for token in set(tokens):
        if "th" in token and token not in english and token not in MARKS:
            spoken = _lisped_word(token, english)
            if spoken is not None:
                undone[token] = spoken
    if len(undone) < LISP_EVIDENCE:
        return tokens
    return [undone.get(token, token) for token in tokens]


def _lisped_word(token: str, english: frozenset[str]) -> str | None:
    """The English word with one "th" of `token` made "s", the last such "th" first ("thith"
    is "this")."""
    starts = [m.start() for m in re.finditer("th", token)]
    for start in reversed(starts):
        word = token[:start] + "s" + token[start + 2:]
        if word in english:
            return word
    return None


BREATH_CHUNKS = 4
"""A turn broken into at least this many pieces by pauses, ..."""
BREATH_WORDS = 1.5
"""... with at most this many words a piece on average, is said a breath at a time."""


def _breaths_dropped(tokens: list[str]) -> list[str]:
    """"what ... if ... throat ... swells ... up": a whisper or a breathless voice taken down a
    word at a time; its pauses are breaths, not the ends of clauses, and are dropped. A pause
    in a turn of longer phrases ("my chest ... it hurts") still ends one."""
    pauses = tokens.count(PAUSE_MARK)
    words = sum(token not in MARKS for token in tokens)
    if pauses < BREATH_CHUNKS - 1 or words > BREATH_WORDS * (pauses + 1):
        return tokens
    return [token for token in tokens if token != PAUSE_MARK]


def _if_finished(tokens: list[str]) -> list[str]:
    """"what if. throat swells": no clause ends at "if", so a full stop or a pause just after it
    is a breath taken, not the end of the question ("as if." is a whole retort; "what if?"
    keeps its question mark)."""
    return [token for i, token in enumerate(tokens)
            if not (token in (CLAUSE_MARK, PAUSE_MARK) and i > 0 and tokens[i - 1] == "if"
                    and (i < 2 or tokens[i - 2] != "as"))]


def _intensified(token: str, after: str) -> str:
    """British "dead" before a word of how one feels is "very" ("dead sore", "dead dizzy"),
    never a dead, numb limb."""
    return "very" if token in INTENSIFIERS and after in INTENSIFIERS[token] else token


def _scots_pronoun(raw: str, after: str) -> str | None:
    """Scots "ma" is "my" before a body word or a side ("ma right haun"), and "ah" is "I"
    before a verb ("ah cannae breathe"); None keeps the word as it is (a mother, a sigh)."""
    following = after.strip("'").removesuffix("'s")
    following = SPELLINGS.get(following, following)
    if raw == "ma" and (following in ME_IS_MY_BEFORE or following in ("right", "left")):
        return "my"
    if raw == "ah" and following in AH_IS_I_BEFORE:
        return "i"
    return None


def _and(token: str, after: str) -> str:
    """Spoken "an" is "and" before a word the article never comes before ("an she wants");
    "o" is "of" before an article or a noun ("a wee bit o a sore heid")."""
    if token == "an" and after in AN_IS_AND_BEFORE:
        return "and"
    return "of" if token == "o" and after in O_IS_OF_BEFORE else token


def _pronoun(token: str, after: str) -> str:
    """ "me head" is "my head" ("me mate" is "my mate"); patois "mi" is "my" before a body
    word or a side ("mi right han") and "I" elsewhere ("mi feel alright")."""
    if token in ("me", "meh"):  # Caribbean "meh back hurting me"; "I feel meh" stays
        return "my" if after in ME_IS_MY_BEFORE else token
    if token == "mi":
        return "my" if after in ME_IS_MY_BEFORE or after in ("right", "left") else "i"
    return token


def clause_start(tokens: list[str], i: int) -> int:
    """Where the clause holding tokens[i] begins: just after the punctuation before it."""
    while i > 0 and tokens[i - 1] not in MARKS:
        i -= 1
    return i


def clause_end(tokens: list[str], i: int) -> int:
    """Where the clause holding tokens[i] ends: at the punctuation after it, or the end."""
    while i < len(tokens) and tokens[i] not in MARKS:
        i += 1
    return i


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase from the data, tokenised exactly like input text (no clause marks)."""
    return tuple(t for t in tokenize(phrase) if t not in MARKS)


YEAR = "<year>"
"""At the end of a phrase (context.toml's triggers, symptoms.toml's written phrases): any
year said in digits ("back in <year>": "back in 2015"; "thinks it is <year>")."""


AGE = "<age>"
"""At the end of a context trigger: an age in years, in digits or words ("when i was <age>":
"when I was twelve", "when I was 7")."""
_AGE_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety".split())


def year_phrase_tokens(phrase: str) -> tuple[str, ...]:
    """phrase_tokens, keeping a final YEAR or AGE as one token."""
    for marker in (YEAR, AGE):
        if phrase.endswith(marker):
            return phrase_tokens(phrase.removesuffix(marker)) + (marker,)
    return phrase_tokens(phrase)


def is_age(token: str) -> bool:
    return token in _AGE_WORDS or token.isdigit() and 0 < int(token) < 120


def is_year(token: str) -> bool:
    return re.fullmatch(r"(19|20)\d\d", token) is not None
