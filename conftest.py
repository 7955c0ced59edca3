"""Suite-wide test setup."""

import pytest


@pytest.fixture(autouse=True)
def dutch_interface(settings):
    """Start every test in Dutch: a request in English must not leak its language into the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
