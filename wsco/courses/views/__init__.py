"""The courses' pages: learning (`learning`) and authoring (`authoring`)."""
