"""Checks of the scorer against reference data, each beside a naive baseline.

:mod:`~framelens.validation.certainty` (the hedging score against human
certainty ratings; the hedging weight fit; claim strength and exaggeration)
and :mod:`~framelens.validation.hnr` (the checklist and article hype against
HealthNewsReview.org expert verdicts). Commands::

    python -m framelens.validation [--refit]        # certainty ratings
    python -m framelens.validation.hnr PATH [--refit]

Import the modules themselves; this package imports nothing, so
``import framelens`` stays cheap.
"""
