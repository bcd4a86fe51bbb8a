"""Pressroom: a static news-archive site generator that understands press releases."""

__version__ = "0.1.0"
