"""Fixtures for the JSON API live in ``tests/conftest.py`` (``saved_trip``), shared with the
agency tests."""
