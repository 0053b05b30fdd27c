"""The platform's date, time and number formats, one module per language (`FORMAT_MODULE_PATH`).

Templates name a format (`|date:"DATE_FORMAT"`) and never write a pattern of their own, so that a
reader sees one format per kind everywhere; docs/conventions.md, "Dates and numbers".
"""
