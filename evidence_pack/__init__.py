"""Evidence Pack: turn local documents into a cited briefing, offline."""

__version__ = "0.1.0"
