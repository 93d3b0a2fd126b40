"""The paragraph scores: one module per dimension, and the scorer.

Where each score is defined: :mod:`~framelens.scores.hype`,
:mod:`~framelens.scores.hedging`, :mod:`~framelens.scores.balance`,
:mod:`~framelens.scores.sentiment` and :mod:`~framelens.scores.claims`
(claim strength). :mod:`~framelens.scores.scoring` reads each paragraph once
and computes them all (with evidence); :mod:`~framelens.scores.transformer`
wraps it for scikit-learn and :mod:`~framelens.scores.batch` streams it
over large inputs. Import the modules themselves; this package imports
nothing, so ``import framelens`` stays cheap.
"""
