"""Forms of the members app: `profiles` and `membership`."""
