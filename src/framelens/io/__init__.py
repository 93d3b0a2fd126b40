"""Reading and writing: articles in, tables and reports out.

:mod:`~framelens.io.corpus` (``load_corpus``: decode, manifest, blocks,
boilerplate rules), :mod:`~framelens.io.readers` (HTML, CSV, JSON Lines,
folders and globs for the command line) and :mod:`~framelens.io.outputs`
(atomic output files). Import the modules themselves; this package imports
nothing, so ``import framelens`` stays cheap.
"""
