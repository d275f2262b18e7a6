"""Shared test settings."""

from hypothesis import settings

settings.register_profile("etunnel", max_examples=60, deadline=None)
settings.load_profile("etunnel")
