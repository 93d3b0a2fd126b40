"""Analyses of a scored blocks table: comparisons between sources.

:mod:`~framelens.analysis.tables` (the input checks they share),
:mod:`~framelens.analysis.compare` (means, intervals, tests),
:mod:`~framelens.analysis.position`, :mod:`~framelens.analysis.words`,
:mod:`~framelens.analysis.align`, :mod:`~framelens.analysis.aspects`,
:mod:`~framelens.analysis.criteria` (the checklist) and
:mod:`~framelens.analysis.shared`. Import the modules themselves; this
package imports nothing, so ``import framelens`` stays cheap.
"""
