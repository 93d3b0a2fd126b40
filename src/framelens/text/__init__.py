"""Text processing shared by every score: one reading per paragraph.

:mod:`~framelens.text.normalize` (typographic variants, same length),
:mod:`~framelens.text.tokens` (tokens with offsets, inflection keys,
sentences, density), :mod:`~framelens.text.matching` (pattern compiler and
token-trie matcher) and :mod:`~framelens.text.lexicon` (the ``Lexicon``).
Import the modules themselves; this package imports nothing, so
``import framelens`` stays cheap.
"""
