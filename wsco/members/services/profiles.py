"""Writes to member profiles and organizations."""
