"""The matching engine: members as vectors, and who should meet whom (no Django here).

index = MatchingIndex.build(profiles)  # every consenting, visible member
save_index(index, path)  # a command rebuilds and saves; workers load_index(path)
index.upsert(profile)  # a profile changed or a member consented
index.remove(profile_id)  # hidden, no longer consenting, gone
found = index.recommend(member_id, k=10, exclude=connections | declined | blocked)
sentences = [render_english(reason) for reason in found[0].reasons]
everyone = index.recommend_all(exclude={member_id: ids_not_to_show})
index.recommend_for_subject(Subject(themes=frozenset({"water"}), text="leak detection"))
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
