"""Every write to projects: each service is the only way its change is made (docs/projects.md)."""
