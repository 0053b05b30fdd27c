"""Pages of the members app: `directory` (directory, profiles, organizations) and `membership`."""
