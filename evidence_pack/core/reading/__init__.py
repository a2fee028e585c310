"""The reading view of web pages and Word files: their stored text laid out with the
structure the original had (blocks.py), from hints read out of the original (hints.py)."""
