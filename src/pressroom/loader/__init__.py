"""Raw press-release text to a `Release` (placeholder until the loader lands)."""
