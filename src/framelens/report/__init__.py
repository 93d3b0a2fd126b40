"""The HTML reports and what they show.

:mod:`~framelens.report.build` (``build_reports``: run the notebooks, export,
swap the set in; the notebooks' table helpers), :mod:`~framelens.report.pages`
(labels, notes, sentences and CSV tables of the report pages),
:mod:`~framelens.report.plots` (figures) and :mod:`~framelens.report.display`
(escaped HTML of evidence spans). ``templates/`` holds the page template.
Import the modules themselves; this package imports nothing, so
``import framelens`` stays cheap.
"""
