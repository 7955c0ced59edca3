"""Core: regions, organisations and their units, people and their roles, access rules and the audit log."""
