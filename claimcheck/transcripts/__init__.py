"""Transcript readers: one per format, registered in one table (formats.py), a sniffer that picks one, one
`Transcript` result.

Formats: timecoded chunks with YAML front matter, SubRip, WebVTT, `Speaker: text` lines, prose/markdown.
"""

from claimcheck.models import Format
from claimcheck.transcripts.formats import FORMATS, SUPPORTED, FormatSpec, format_spec
from claimcheck.transcripts.read import read_transcript

__all__ = ["FORMATS", "SUPPORTED", "Format", "FormatSpec", "format_spec", "read_transcript"]
