"""Preferences from profiles: both sides' ranked lists built from skills, texts, hours, sectors and travel.

The public operations: ``load_profiles_file``/``parse_profiles`` (check a profile file),
``encode_profiles`` (columns), ``build_preferences`` (blocking, scoring, short lists, diversification,
both sides' rankings), ``matched_share_report`` and ``to_instance`` (the solver's JSON instance).
"""

from .arrays import ProfileArrays, encode_profiles
from .build import BuildOptions, BuiltPreferences, build_preferences, matched_share_report, to_instance
from .embeddings import EmbeddingCache, UniversalSentenceEncoder
from .errors import ProfileError
from .locations import LocationResolver, load_postcode_centroids
from .model import Profiles, load_profiles_file, parse_profiles
from .travel import TravelModel
from .vocabulary import Vocabulary, load_builtin_vocabulary, load_esco_skills

__all__ = [
    "BuildOptions",
    "BuiltPreferences",
    "EmbeddingCache",
    "LocationResolver",
    "ProfileArrays",
    "ProfileError",
    "Profiles",
    "TravelModel",
    "UniversalSentenceEncoder",
    "Vocabulary",
    "build_preferences",
    "encode_profiles",
    "load_builtin_vocabulary",
    "load_esco_skills",
    "load_postcode_centroids",
    "load_profiles_file",
    "matched_share_report",
    "parse_profiles",
    "to_instance",
]
