"""Text to tokens: one normalisation for typed text, recognizer output and phrase data alike."""

from __future__ import annotations

import re

CLAUSE_MARK = "|"
"""Token standing for punctuation that ends a clause (. , ; : ! ? and dashes)."""

# English contractions, expanded so "isn't" and "is not" are one pattern for negation.
CONTRACTIONS = {
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "ain't": "is not", "i'm": "i am", "it's": "it is", "that's": "that is", "there's": "there is",
    "what's": "what is", "he's": "he is", "she's": "she is", "let's": "let us",
    "i've": "i have", "i'll": "i will", "i'd": "i would", "you're": "you are",
    "we're": "we are", "they're": "they are", "doesn't": "does not", "don't": "do not",
    "didn't": "did not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
    "weren't": "were not", "haven't": "have not", "hasn't": "has not", "hadn't": "had not",
    "couldn't": "could not", "wouldn't": "would not", "shouldn't": "should not",
    "mustn't": "must not", "needn't": "need not", "dont": "do not", "cant": "can not",
    "isnt": "is not", "doesnt": "does not", "havent": "have not", "im": "i am", "ive": "i have",
    "wont": "will not", "didnt": "did not", "wasnt": "was not", "arent": "are not",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_DECIMAL = re.compile(r"(\d)[.,](\d)")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_OUT_OF = re.compile(r"(\d+)\s*/\s*10\b")
_PUNCT_CLAUSE = re.compile(r"[.;:!?,\u2014\u2013()\[\]\"]+|\s-+\s")
_OTHER = re.compile(r"[^a-z0-9'\s|\u00b7]+")
_DEGREES = re.compile(r"\u00b0\s*([cf])?\b")


def tokenize(text: str) -> list[str]:
    """Lower-case tokens with contractions expanded and clause marks as CLAUSE_MARK tokens."""
    text = text.translate(_APOSTROPHES).lower()
    text = _DEGREES.sub(lambda m: " degrees " + {"c": "celsius", "f": "fahrenheit"}.get(
        m.group(1) or "", "") + " ", text)
    text = _OUT_OF.sub(r"\1 out of 10", text)
    text = _CLOCK.sub(r"\1 \2", text)
    text = _DECIMAL.sub("\\1\u00b7\\2", text)  # protect decimal points from clause splitting
    text = _PUNCT_CLAUSE.sub(f" {CLAUSE_MARK} ", text)
    text = text.replace("-", " ")
    text = _OTHER.sub(" ", text)
    tokens: list[str] = []
    for raw in text.split():
        raw = raw.replace("\u00b7", ".").strip("'")
        if not raw:
            continue
        expanded = CONTRACTIONS.get(raw)
        if expanded is None and raw.endswith("n't"):
            expanded = raw[:-3] + " not"
        if expanded is None and raw.endswith("'s"):
            expanded = raw[:-2]
        if expanded is None and raw.endswith("'re"):
            expanded = raw[:-3] + " are"
        if expanded is None and raw.endswith("'ve"):
            expanded = raw[:-3] + " have"
        tokens.extend((expanded or raw.replace("'", "")).split())
    return tokens


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A phrase from the data, tokenised exactly like input text (no clause marks)."""
    return tuple(t for t in tokenize(phrase) if t != CLAUSE_MARK)
