"""Fixtures for the timeline's tests."""
