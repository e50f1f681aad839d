"""claimcheck: fact-check tech interviews against a corpus of primary sources."""

__version__ = "0.1.0"
