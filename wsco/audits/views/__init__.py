"""The audits app's views, one module per part of the work."""
