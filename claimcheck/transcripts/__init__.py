"""Transcript readers: one per format, a sniffer that picks one, one `Transcript` result.

Formats: timecoded chunks with YAML front matter, SubRip, WebVTT, `Speaker: text` lines, prose/markdown.
"""

from claimcheck.transcripts.base import Format
from claimcheck.transcripts.read import read_transcript

__all__ = ["Format", "read_transcript"]
