"""Every write of the awards: nominations and screening, the jury, the public vote, results."""
