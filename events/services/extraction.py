"""Extraction service: runs events.extraction on a stored Article and stores its Event mentions.

Placeholder signature only, so that ingest can call it; the events work fills it in.
"""


def process_article(article):
    """Extract event mentions from `article` and store them (inside the caller's transaction)."""
    return []
