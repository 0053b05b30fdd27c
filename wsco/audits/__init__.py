"""Smart City Audits: cities, their indicator data, levels, scores and benchmarks."""
