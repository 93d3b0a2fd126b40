"""The HTML reports and what they show.

:mod:`~framelens.report.build` (``build_reports``: run the notebooks, export,
swap the set in; the notebooks' table helpers), :mod:`~framelens.report.pages`
(labels, notes, sentences and CSV tables of the report pages),
:mod:`~framelens.report.plots` (figures), :mod:`~framelens.report.display`
(evidence spans cut into segments and styled) and
:mod:`~framelens.report.fragments` (the Jinja2 environment that renders every
HTML fragment, autoescaped). ``templates/`` holds the page template and the
fragment macros.
Import the modules themselves; this package imports nothing, so
``import framelens`` stays cheap.
"""
