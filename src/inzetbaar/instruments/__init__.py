"""Questionnaires: instrument definitions as data files, their scoring, and (later) campaigns and reports.

The modules here without Django (``definitions``, ``scoring``, ``cli``) form the computing core that the
web app builds on; see docs/instruments.md for the definition format and the scoring rules.
"""
