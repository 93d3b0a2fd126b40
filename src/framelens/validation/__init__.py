"""Checks of the scorer against reference data, each beside a naive baseline.

:mod:`~framelens.validation.certainty` (the hedging score against human
certainty ratings; the hedging weight fit), :mod:`~framelens.validation.claims`
(claim strength and exaggeration against labelled sentences and
press-release pairs), :mod:`~framelens.validation.hnr` (the checklist and
article hype against HealthNewsReview.org expert verdicts) and
:mod:`~framelens.validation.records` (the JSON Lines reader they share).
Commands::

    python -m framelens.validation [--refit]              # certainty ratings
    python -m framelens.validation.claims --eval DIR      # claim strength
    python -m framelens.validation.hnr PATH [--refit]     # checklist and hype

Import the modules themselves; this package imports nothing, so
``import framelens`` stays cheap.
"""
