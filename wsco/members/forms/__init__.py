"""Forms of the members app: `profiles` (the directory, profiles) and `membership`."""
