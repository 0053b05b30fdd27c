"""Every write of the working groups: groups and members, problems and solutions, meetings."""
