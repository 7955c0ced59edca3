"""Settings used by the app and its commands."""

from .base import *  # noqa: F403
