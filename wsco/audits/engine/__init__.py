"""The audit engine: indicators computed, validated, levelled and scored, with no Django import.

The platform and the `wsco audit` command line both use it; see README.md beside this file.
"""
