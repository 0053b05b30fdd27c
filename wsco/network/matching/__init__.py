"""The matching engine: members as vectors, and who should meet whom (no Django here).

index = MatchingIndex.build(profiles)
index.recommend(profile_id, k=10, exclude=connections | declined)
index.recommend_for_subject(Subject(themes=frozenset({"water"}), text="leak detection"))
save_index(index, path); index = load_index(path)
"""

from wsco.network.matching.index import MatchingIndex, Recommendation, SearchSettings
from wsco.network.matching.profiles import ISO_37120_THEMES, Profile, Subject, Weights
from wsco.network.matching.reasons import render_english
from wsco.network.matching.storage import load_index, save_index
from wsco.network.matching.text import SentenceEncoder, TextEncoder, TfidfEncoder

__all__ = [
    "ISO_37120_THEMES",
    "MatchingIndex",
    "Profile",
    "Recommendation",
    "SearchSettings",
    "SentenceEncoder",
    "Subject",
    "TextEncoder",
    "TfidfEncoder",
    "Weights",
    "load_index",
    "render_english",
    "save_index",
]
