"""Inzetbaar: an open platform for sustainable employability and inclusive work."""
