"""The World's Smart Cities Organization platform."""
