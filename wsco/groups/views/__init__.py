"""The working groups' pages."""
