"""Absence to employability: imported absence spells, the standard absence statistics, the business case."""
