"""Every write of the members app: `profiles` (profiles, organizations) and `memberships`."""
