"""Small helpers for loader tests: load a text written in the test."""

from pressroom.loader import load_bytes
from pressroom.model import Release


def release(body: str, title: str = "A release for a test") -> Release:
    """Load `title` and `body` (paragraphs separated by blank lines) as a raw release."""
    return load_bytes(f"{title}\n\n{body}".encode(), "test.txt").release


def people(body: str, title: str = "A release for a test") -> list[str]:
    return [p.name for p in release(body, title).people]


def orgs(body: str, title: str = "A release for a test") -> list[str]:
    return [o.name for o in release(body, title).organizations]


def roles(body: str, title: str = "A release for a test") -> list[tuple[str, str | None]]:
    """The people found, each with their role."""
    return [(p.name, p.role) for p in release(body, title).people]
