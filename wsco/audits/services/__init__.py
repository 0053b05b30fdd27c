"""Every write of the audits app: cities and officials, audits and their steps, results."""
