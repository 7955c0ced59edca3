"""Matching of job seekers and openings: the framework-free engine and, later, the web workflow."""
