"""Writes to applications, memberships, payments, seats and reminders."""
