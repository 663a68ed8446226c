"""What people say: phrase data, one source for the recognizers' vocabulary and the matcher."""

from grammars.book import PhraseBook, load_phrase_book

__all__ = ["PhraseBook", "load_phrase_book"]
