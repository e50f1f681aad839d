"""Hypothesis strategies for the fuzz suite: the files a user hands claimcheck, mostly well formed and then
damaged.

Each strategy draws something shaped like a real input (a transcript in one of the formats the readers
support, front matter, a JSON-lines file for `verify --claims`, `stance --pairs` or `search --queries`, a
corpus folder, a settings file) and then, often, breaks it: bytes inserted or cut, lines swapped or
repeated, another encoding, a stray byte order mark, text that is not what its suffix promises. Sizes are
kept small (kilobytes) so that thousands of cases run in minutes; what is tried is variety, not volume.

The damage of saved files (an index, the review store, a draft) is drawn here too (`FileDamage`), and
applied by `damage_file`.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import strategies as st

# --------------------------------------------------------------------------------------------------
# words


_SUBJECTS = (
    "Acme",
    "Northwind",
    "Our revenue",
    "Meta",
    "The model",
    "It",
    "We",
    "Reality Labs",
    "Llama 3.1",
    "The C2 carrier",
    "They",
    "Net income",
)
_VERBS = ("grew", "was", "lost", "reached", "has", "shipped", "fell by", "doubled to", "is not", "will hit")
_FIGURES = (
    "$16.1 billion",
    "31%",
    "412.6 million",
    "twenty twenty three",
    "8 billion parameters",
    "14 hours",
    "1,000",
    "½",
    "3x",
    "ten percent",
    "1e9",
    "-5%",
    "$0",
    "134,902",
    "(13,717)",
    "one hundred and five",
    "NaN",
    "∞",
    "٣",
)
_WHEN = ("2023", "2024", "last year", "FY2022", "Q3", "next quarter", "2025-13-45", "the 1990s", "")

# Pieces that have broken parsers before, or look like another format's syntax.
ADVERSARIAL = (
    "",
    " ",
    "\t",
    "\r",
    "\u202e",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x0c",
    "---",
    "WEBVTT",
    "-->",
    "00:00:00:00 - 00:00:01:00",
    "aa:bb:cc:dd - 00:00:30:00",
    "1\n00:00:01,000 --> 00:00:02,000",
    "NOTE",
    "<v Ana>",
    "</v>",
    "<i>",
    "<script>fuzz()</script>",
    "javascript:fuzz()",
    "Ana:",
    ":",
    "::",
    "# heading",
    "| a | b |",
    "```",
    "{",
    "[",
    "null",
    '{"id": 1}',
    "Mr.",
    "e.g.",
    "U.S.",
    "...",
    "?!",
    "%",
    "$",
    "1.",
    " " * 64,
    "\t " * 30,
    "a" * 300,
    "word " * 60,
    "🙂",
    "ﬁ",
    "İ",
    "e\u0301",
    "Ã©",
    "â€™",
    "[00:00:05]",
    "&amp;",
    "&#0;",
    "\\",
    "%s%n",
    "{{ 7*7 }}",
    "../../etc/passwd",
    # last: hypothesis draws early entries more often, and one control byte makes a file binary
    "\x00",
    "\x1b[31m",
    "\x7f",
)

# Mostly names a reader takes as a speaker: one it refuses ends a timecoded transcript at that block.
_NAMES = st.sampled_from(("Ana Costa", "HOST", "Maya Lind", "Dr. Tomas Berg", "Q", "Speaker 2", "O'Neil"))
SPEAKERS = st.one_of(
    _NAMES,
    _NAMES,
    _NAMES,
    st.sampled_from(("ÉLODIE", "李雷", "a" * 40, "<b>Bold</b>", "Ana\u202e", "")),
    st.text(min_size=1, max_size=16),
)

realistic_sentence = st.builds(
    lambda subject, verb, figure, when, end: f"{subject} {verb} {figure}{' in ' + when if when else ''}{end}",
    st.sampled_from(_SUBJECTS),
    st.sampled_from(_VERBS),
    st.sampled_from(_FIGURES),
    st.sampled_from(_WHEN),
    st.sampled_from((".", "?", "!", "", "...", " —", ".\n")),
)
# Any Unicode text but controls (one makes a transcript binary, which would end most cases at the first
# check; ADVERSARIAL brings a few) and surrogates (no UTF-8 file holds them).
wild_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=60)
sentence = st.one_of(realistic_sentence, realistic_sentence, wild_text, st.sampled_from(ADVERSARIAL))
turn_text = st.lists(sentence, min_size=1, max_size=5).map(" ".join)


# --------------------------------------------------------------------------------------------------
# transcripts


@dataclass(frozen=True)
class Turn:
    speaker: str
    start_ms: int
    duration_ms: int  # negative: the end is before the start
    text: str


turns = st.lists(
    st.builds(
        Turn,
        speaker=SPEAKERS,
        start_ms=st.integers(5_000, 90 * 3600 * 1000),
        # now and then (one turn in thirty) the end is before the start
        duration_ms=st.tuples(st.integers(0, 29), st.integers(1, 90_000)).map(
            lambda r: -(r[1] % 5_000) - 1 if r[0] == 0 else r[1]
        ),
        text=turn_text,
    ),
    min_size=1,
    max_size=6,
)


def _hms(ms: int) -> tuple[int, int, int, int]:
    seconds, milli = divmod(ms, 1000)
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    return hours, minute, second, milli


def _frame_code(ms: int, fps: int = 30) -> str:
    h, m, s, milli = _hms(ms)
    return f"{h:02d}:{m:02d}:{s:02d}:{milli * fps // 1000:02d}"


def _srt_time(ms: int) -> str:
    h, m, s, milli = _hms(ms)
    return f"{h:02d}:{m:02d}:{s:02d},{milli:03d}"


def _vtt_time(ms: int) -> str:
    h, m, s, milli = _hms(ms)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def render_timecoded(items: list[Turn], variant: int) -> str:
    """`HH:MM:SS:FF - HH:MM:SS:FF`, the speaker's name, then the text (the seed transcripts' shape)."""
    return "\n".join(
        f"{_frame_code(t.start_ms)} - {_frame_code(t.start_ms + t.duration_ms)}\n{t.speaker}\n{t.text}"
        + ("\n" if variant % 2 else "")
        for t in items
    )


def render_srt(items: list[Turn], variant: int) -> str:
    blocks = []
    for number, t in enumerate(items, start=1):
        who = f"{t.speaker}: " if variant % 2 else ("<i>" + t.speaker + ":</i> " if variant % 3 else "")
        blocks.append(
            f"{number}\n{_srt_time(t.start_ms)} --> {_srt_time(t.start_ms + t.duration_ms)}\n{who}{t.text}\n"
        )
    return "\n".join(blocks)


def render_vtt(items: list[Turn], variant: int) -> str:
    header = "WEBVTT" + ("\nKind: captions\nLanguage: en" if variant % 2 else "") + "\n\n"
    cues = []
    for number, t in enumerate(items, start=1):
        ident = f"cue-{number}\n" if variant % 3 == 0 else ""
        voice = f"<v {t.speaker}>" if variant % 2 else ""
        cues.append(
            f"{ident}{_vtt_time(t.start_ms)} --> {_vtt_time(t.start_ms + t.duration_ms)}"
            f"{' align:start' if variant % 5 == 0 else ''}\n{voice}{t.text}\n"
        )
    return header + "\n".join(cues)


def render_speaker_lines(items: list[Turn], variant: int) -> str:
    lines = []
    for t in items:
        stamp = "[{:02d}:{:02d}:{:02d}] ".format(*_hms(t.start_ms)[:3]) if variant % 2 else ""
        lines.append(f"{stamp}{t.speaker}: {t.text}")
    return "\n".join(lines) + "\n"


def render_prose(items: list[Turn], variant: int) -> str:
    title = f"# {items[0].speaker}\n\n" if variant % 2 else ""
    bullets = "- " if variant % 3 == 0 else ""
    return title + "\n\n".join(bullets + t.text for t in items) + "\n"


RENDERERS = {
    "timecoded": render_timecoded,
    "srt": render_srt,
    "vtt": render_vtt,
    "speaker-lines": render_speaker_lines,
    "prose": render_prose,
}
_SUFFIXES = {
    "timecoded": (".txt", ".txt", ".md"),
    "srt": (".srt", ".srt", ".txt"),
    "vtt": (".vtt", ".vtt", ".txt"),
    "speaker-lines": (".txt", ".md"),
    "prose": (".md", ".txt", ".markdown"),
}
_STEMS = ("talk", "ep 1 (final)", "ünï", "index", "style", "-", "a" * 80, "Interview.2024", "_")
_WRONG_SUFFIXES = (".srt", ".vtt", ".json", "", ".TXT")


# --------------------------------------------------------------------------------------------------
# front matter

_FM_KEYS = (
    "title",
    "slug",
    "date",
    "speakers",
    "participants",
    "series",
    "show",
    "episode",
    "url",
    "summary",
    "author",
    "entities",
    "timecode",
    "segment",
    "topics",
    "tags",
    "kind",
    "company",
    "period",
    "section",
    "page",
)
_ODD_SCALARS = (
    "2025-03-14",
    "2025-13-45",
    "0000-00-00",
    "2024-02-30T25:61",
    "March 3, 2025",
    "yesterday",
    "~",
    "null",
    ".nan",
    ".inf",
    "0x1F",
    "1_000",
    "javascript:fuzz()",
    "<script>fuzz()</script>",
    "../../etc/passwd",
    "index",
    "style",
    "10-K",
    "model-card",
    "breakdown",
    "FY2023",
    "",
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(_ODD_SCALARS),
)
_yaml_value = st.recursive(
    _scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
front_matter_dict = st.dictionaries(
    st.one_of(st.sampled_from(_FM_KEYS), st.text(max_size=10)), _yaml_value, max_size=6
)
# Hand-written YAML a generator would not produce: anchors, tags, bad indentation, other top-level types.
RAW_YAML = (
    "title: [unclosed\n",
    "date: 2025-13-45\n",
    "a: &x [1, 2]\nb: *x\n",
    "a: &a [*a]\n",
    "key: !!python/object/apply:os.system ['true']\n",
    "? complex\n: key\n",
    "- a list\n- at the top\n",
    "just a scalar\n",
    "title: 'x'\n  bad: indent\n",
    "title: x\ntitle: y\n",
    "date: 2024-02-29\nslug: ../up\n",
    "speakers: Ana\n",
    "speakers: {a: 1}\n",
    "episode: [1, 2]\n",
    "\t: tab\n",
    'title: "\\ud800"\n',
    "!!binary aGVsbG8=\n",
    "%YAML 1.2\n---\ntitle: x\n",
    "x: " + "[" * 60 + "]" * 60 + "\n",
    "",
)


def _dump_yaml(data: dict[object, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


front_matter_text = st.one_of(
    front_matter_dict.map(_dump_yaml), front_matter_dict.map(_dump_yaml), st.sampled_from(RAW_YAML)
)
_FENCES = (("---\n", "---\n"), ("---\r\n", "---\r\n"), ("---\n", "...\n"), ("--- \n", "---\n"), ("---\n", ""))


@st.composite
def front_matter_block(draw: st.DrawFn) -> str:
    """Front matter between fences (now and then an odd or missing closing fence)."""
    opening, closing = draw(st.sampled_from(_FENCES[:1] * 6 + _FENCES[1:]))
    return f"{opening}{draw(front_matter_text)}{closing}"


# --------------------------------------------------------------------------------------------------
# damage to a file's text and bytes


@dataclass(frozen=True)
class Edit:
    """One change to a text: `kind` at the relative positions `a` and `b` (0..1), with `payload`."""

    kind: str
    a: float
    b: float
    payload: str


_EDIT_KINDS = (
    "insert",
    "delete",
    "replace-line",
    "duplicate-line",
    "swap-lines",
    "truncate",
    "crlf",
    "spaces",
)
_edit = st.builds(
    Edit,
    kind=st.sampled_from(_EDIT_KINDS),
    a=st.floats(0, 1),
    b=st.floats(0, 1),
    payload=st.one_of(st.sampled_from(ADVERSARIAL), wild_text),
)
# Half the files are left whole, so that cases also reach what comes after reading.
edits = st.one_of(st.just([]), st.lists(_edit, min_size=1, max_size=3))


def apply_edit(text: str, edit: Edit) -> str:
    """`text` with one `Edit` applied (positions clamp to the text)."""
    at = int(edit.a * len(text))
    to = int(edit.b * len(text))
    lines = text.split("\n")
    line = min(int(edit.a * len(lines)), len(lines) - 1)
    other = min(int(edit.b * len(lines)), len(lines) - 1)
    if edit.kind == "insert":
        return text[:at] + edit.payload + text[at:]
    if edit.kind == "delete":
        lo, hi = sorted((at, to))
        return text[:lo] + text[hi:]
    if edit.kind == "replace-line":
        lines[line] = edit.payload
    elif edit.kind == "duplicate-line":
        lines.insert(line, lines[line])
    elif edit.kind == "swap-lines":
        lines[line], lines[other] = lines[other], lines[line]
    elif edit.kind == "truncate":
        return text[:at]
    elif edit.kind == "crlf":
        return text.replace("\n", "\r\n")
    elif edit.kind == "spaces":
        # a run of blanks such as text converted from a PDF holds (a few hundred; longer runs are timed in
        # tests/test_regex_timing.py)
        return text[:at] + " " * (1 + int(edit.b * 300)) + text[at:]
    return "\n".join(lines)


_ENCODINGS = ("utf-8",) * 6 + ("utf-8-sig", "utf-16", "cp1252", "latin-1")


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """`text` as bytes: mostly UTF-8, now and then another encoding or a few stray bytes."""
    encoding = draw(st.sampled_from(_ENCODINGS))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(data)))
        stray = draw(
            st.lists(st.integers(1, 255), min_size=1, max_size=8)
        )  # no NUL: that one is in ADVERSARIAL
        data = data[:at] + bytes(stray) + data[at:]
    return data


@dataclass(frozen=True)
class FileCase:
    """One generated input file: its name and bytes."""

    name: str
    data: bytes


@st.composite
def transcript_file(draw: st.DrawFn, fmt: str) -> FileCase:
    """A transcript in format `fmt` (a key of `RENDERERS`), with front matter half the time, then damaged."""
    text = RENDERERS[fmt](draw(turns), draw(st.integers(0, 29)))
    if draw(st.booleans()):
        text = draw(front_matter_block()) + "\n" + text
    for edit in draw(edits):
        text = apply_edit(text, edit)
    suffix = draw(st.one_of(st.sampled_from(_SUFFIXES[fmt]), st.sampled_from(_WRONG_SUFFIXES)))
    return FileCase(name=draw(st.sampled_from(_STEMS)) + suffix, data=draw(encoded(text)))


# A body with claims in it, to hang generated front matter on.
TRANSCRIPT_BODY = (
    "Ana Costa: Acme revenue grew 31% in 2023 to $412.6 million.\n"
    "HOST: And the margin?\n"
    "Ana Costa: It fell by 5% last year, which we did not expect.\n"
)
CORPUS_BODY = "# Acme annual report\n\nAcme revenue was $412.6 million in 2023, up 31%.\n"


@st.composite
def front_matter_files(draw: st.DrawFn) -> tuple[FileCase, FileCase]:
    """One generated front matter on a transcript and on a corpus document."""
    block = draw(front_matter_block())
    transcript = FileCase(name="talk.txt", data=draw(encoded(block + "\n" + TRANSCRIPT_BODY)))
    document = FileCase(name="doc.md", data=(block + "\n" + CORPUS_BODY).encode("utf-8"))
    return transcript, document


# --------------------------------------------------------------------------------------------------
# JSON lines

_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)
json_value = st.recursive(
    _json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
# Lines no encoder writes but a hand or a broken tool does.
RAW_JSON_LINES = (
    "",
    " ",
    "{",
    '{"id": "1", "text": ',
    "[]",
    "null",
    "NaN",
    '{"id": "\\ud800", "text": "x"}',
    '{"id": "x", "text": "\\udfff lone"}',
    '{"id": 1e400, "text": "x"}',
    '{"id": "a", "id": "b", "text": "x"}',
    '\ufeff{"id": "bom", "text": "x"}',
    '{"id": "deep", "text": ' + "[" * 40 + "]" * 40 + "}",
    '{"id": "nul", "text": "a\\u0000b"}',
    '{"id": "ctl", "text": "\\u001b[31mred"}',
    '{"id": [], "text": "x"}',
    '{"id": "", "text": ""}',
    '{"id": "sp", "text": "   "}',
    "// a comment",
    "{'id': 'single quotes'}",
)
# The text of a claim, a premise, a hypothesis or a query: mostly sentences, at most ~75 words (longer ones:
# tests/test_limits.py).
jsonl_text = st.one_of(turn_text, turn_text, wild_text, st.sampled_from(ADVERSARIAL))


@st.composite
def _record(draw: st.DrawFn, fields: tuple[str, ...], *, whole: bool = False) -> str:
    """One object with the given fields (each usually a string, sometimes anything, sometimes missing;
    `whole`: always there, and of the right type)."""
    record: dict[str, object] = {}
    for field in fields:
        roll = 2 if whole else draw(st.integers(0, 19))
        if roll == 0:
            continue
        if field == "id" and whole:
            continue  # numbered by the file, so that ids are unique
        if field == "id":
            record[field] = draw(st.one_of(st.text(min_size=1, max_size=8), st.integers(0, 99)))
        elif field == "date":
            record[field] = draw(st.sampled_from(_ODD_SCALARS))
        else:
            record[field] = draw(jsonl_text)
        if roll == 1:
            record[field] = draw(json_value)
    if not whole and draw(st.integers(0, 9)) == 0:
        record[draw(st.text(max_size=6))] = draw(json_value)
    if whole and "date" in record:
        record["date"] = draw(st.sampled_from(("2024-05-01", "2023-12-31", None)))
    return json.dumps(record, ensure_ascii=draw(st.booleans()), allow_nan=True)


@st.composite
def jsonl_file(draw: st.DrawFn, fields: tuple[str, ...]) -> FileCase:
    """A JSON-lines input whose objects should hold `fields`: valid lines, with odd ones among them."""
    line = st.one_of(
        _record(fields),
        _record(fields),
        _record(fields),
        json_value.map(lambda v: json.dumps(v, allow_nan=True)),
        st.sampled_from(RAW_JSON_LINES),
        wild_text,
    )
    if draw(st.booleans()):  # half the files hold only well-formed lines, to reach what comes after reading
        records = draw(st.lists(_record(fields, whole=True), min_size=1, max_size=6))
        lines = [
            json.dumps({"id": f"r{n}", **json.loads(r)}, ensure_ascii=False) for n, r in enumerate(records)
        ]
    else:
        lines = draw(st.lists(line, min_size=0, max_size=6))
    newline = draw(st.sampled_from(("\n", "\n", "\r\n")))
    text = newline.join(lines) + draw(st.sampled_from(("", newline)))
    return FileCase(name="input.jsonl", data=draw(encoded(text)))


# --------------------------------------------------------------------------------------------------
# corpus documents

_CORPUS_KEYS = ("title", "kind", "company", "period", "date", "url", "section", "page", "compiled_kind")
_corpus_scalar = st.one_of(
    _scalar, st.sampled_from(("10-K", "model-card", "breakdown", "other", "memo", "fact-sheet"))
)
corpus_front_matter = st.one_of(
    st.dictionaries(st.sampled_from(_CORPUS_KEYS), _corpus_scalar, max_size=5).map(_dump_yaml),
    front_matter_text,
)
_TABLE = "| Year | 2023 | 2024 |\n|---|---|---|\n| Revenue | 134,902 | (13,717) |\n"
_COVER = (
    "UNITED STATES\nFORM 10-K\nANNUAL REPORT PURSUANT TO SECTION 13\n"
    "For the fiscal year ended December 31, 2023\n"
)
_BLOCKS = st.one_of(
    turn_text,
    turn_text,
    st.sampled_from(
        (
            _TABLE,
            _COVER,
            "(in millions, except per share data)\n",
            "\x0c",
            "## Item 7. Management's Discussion\n",
            "# Title\n",
            "Table of Contents\nItem 1 .... 3\n",
            "| broken | table\n|-|\n",
            "- a list item\n",
        )
    ),
)
document_body = st.lists(_BLOCKS, min_size=1, max_size=6).map("\n\n".join)


@st.composite
def _text_document(draw: st.DrawFn) -> str:
    head = f"---\n{draw(corpus_front_matter)}---\n\n" if draw(st.booleans()) else ""
    return head + draw(document_body)


@st.composite
def _jsonl_documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        record = json.loads(draw(_record(("id", "text", "title"))))
        for key in draw(st.lists(st.sampled_from(_CORPUS_KEYS), max_size=3, unique=True)):
            record[key] = draw(_corpus_scalar)
        if draw(st.booleans()) and isinstance(record.get("text"), str):
            record["text"] = draw(document_body)
        lines.append(json.dumps(record, allow_nan=True))
    if draw(st.integers(0, 5)) == 0:
        lines.append(draw(st.sampled_from(RAW_JSON_LINES)))
    return "\n".join(lines) + "\n"


def _breakdown_json(slug: str, claim: str) -> str:
    """A breakdown as `publish` writes it (`site/<slug>.json`), for corpora that hold earlier checks."""
    return json.dumps(
        {
            "schema_version": 1,
            "slug": slug,
            "title": "Earlier check",
            "source_path": f"{slug}.txt",
            "status": "approved",
            "verdicts": [
                {
                    "claim": {"id": "c1", "transcript_id": slug, "text": claim, "quote": claim},
                    "label": "real",
                    "rationale": "It matched the filing.",
                    "confidence": 0.9,
                    "status": "approved",
                }
            ],
        }
    )


@st.composite
def _json_document(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return json.dumps(draw(json_value), allow_nan=True)
    text = _breakdown_json(draw(st.sampled_from(("earlier", "index", "a b"))), draw(turn_text))
    for edit in draw(edits):
        text = apply_edit(text, edit)
    return text


_DOC_NAMES = ("a", "sub/b", "Ünï", "x y", ".hidden", "SOURCE", "LICENSE", "README", "deep/er/c", "-")


@st.composite
def corpus_files(draw: st.DrawFn) -> list[FileCase]:
    """One to four corpus files (markdown, text, JSON lines, published breakdowns), some damaged."""
    names = draw(st.lists(st.sampled_from(_DOC_NAMES), min_size=1, max_size=4, unique=True))
    files = []
    for stem in names:
        suffix = draw(st.sampled_from((".md", ".md", ".txt", ".jsonl", ".json")))
        if suffix in (".md", ".txt"):
            text = draw(_text_document())
        elif suffix == ".jsonl":
            text = draw(_jsonl_documents())
        else:
            text = draw(_json_document())
        if draw(st.integers(0, 3)) == 0:
            for edit in draw(edits):
                text = apply_edit(text, edit)
        data = text.encode("utf-8") if draw(st.integers(0, 5)) else draw(encoded(text))
        files.append(FileCase(name=stem + suffix, data=data))
    return files


# --------------------------------------------------------------------------------------------------
# settings files

_INT_SETTINGS = (
    "retrieve_k",
    "top_k",
    "chunk_max_tokens",
    "max_front_matter_chars",
    "ann_threshold",
    "ivf_nprobe",
    "embed_batch_size",
    "stance_passages",
    "context_sentences",
    "min_claim_words",
)
_FLOAT_SETTINGS = (
    "min_relevance",
    "lock_timeout",
    "frame_rate",
    "review_confidence",
    "checkworthiness_threshold",
    "exact_tolerance",
    "approx_tolerance",
    "number_match_tolerance",
    "stance_support_threshold",
)
_TEXT_SETTINGS = ("search_mode", "site_url", "site_name", "corpus_dir", "not_a_setting")
_toml_scalar = st.one_of(
    st.integers(-3, 3),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=20),
    st.sampled_from(("hybrid", "dense", "bm25", "", "https://example.org/", "nope")),
)
_setting_values = {
    **{name: st.integers(-3, 3) | st.integers(4, 10**6) for name in _INT_SETTINGS},
    **{
        name: st.sampled_from((0.0, -1.0, 0.5, 1.0, 2.0, 1e-9, 1e9)) | st.floats() for name in _FLOAT_SETTINGS
    },
    **{
        name: st.sampled_from(("hybrid", "dense", "bm25", "", "https://example.org/", "nope"))
        for name in _TEXT_SETTINGS
    },
}


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)  # a TOML basic string is a JSON string


@st.composite
def settings_file(draw: st.DrawFn) -> FileCase:
    """A claimcheck.toml: an embedder and a few settings with values of any type."""
    # the hashing fake (an unknown name now and then); never the default model, which takes seconds to load
    model = "hashing-64" if draw(st.integers(0, 9)) else draw(st.text(max_size=10))
    lines = [f"embedding_model = {_toml_value(model)}"]
    for name in draw(st.lists(st.sampled_from(sorted(_setting_values)), max_size=4, unique=True)):
        # mostly a value of the setting's type (edge values first), now and then of any type
        value = draw(_toml_scalar) if draw(st.integers(0, 4)) == 0 else draw(_setting_values[name])
        lines.append(f"{name} = {_toml_value(value)}")
    if draw(st.integers(0, 7)) == 0:
        lines.append(draw(st.sampled_from(("[section]", "x = ", "= 1", "a.b = 1", "'''", "k = [1, 'a']"))))
    return FileCase(name="claimcheck.toml", data=draw(encoded("\n".join(lines) + "\n")))


# --------------------------------------------------------------------------------------------------
# damage to saved files


@dataclass(frozen=True)
class FileDamage:
    """What to do to one saved file: `kind`, at relative position `at`, with `seed` for random bytes."""

    target: str  # a file name within the folder the damage applies to
    kind: str
    at: float
    seed: int


DAMAGE_KINDS = (
    "truncate",
    "garbage",  # random bytes over a stretch, size kept
    "bit-flip",
    "append",
    "empty",
    "delete",
    "shuffle-lines",
    "duplicate-line",
    "wrong-json",  # valid JSON of another shape
    "zero-page",  # a 4 KiB page of zeros (SQLite's page size)
    "garbage-page",  # a 4 KiB page of random bytes
)


def file_damage(
    targets: tuple[str, ...], kinds: tuple[str, ...] = DAMAGE_KINDS
) -> st.SearchStrategy[FileDamage]:
    return st.builds(
        FileDamage,
        target=st.sampled_from(targets),
        kind=st.sampled_from(kinds),
        at=st.floats(0, 1),
        seed=st.integers(0, 2**32 - 1),
    )


_WRONG_JSON = ('{"model": "hashing-64"}', "[]", "{}", '{"schema_version": 99}', "null", '"text"')
PAGE = 4096


def damage_file(path: Path, damage: FileDamage) -> None:
    """Apply `damage` to the file at `path` (a missing file stays missing)."""
    rng = random.Random(damage.seed)
    if damage.kind == "delete" or not path.is_file():  # (an earlier damage may have deleted it)
        path.unlink(missing_ok=True)
        return
    data = path.read_bytes()
    at = int(damage.at * len(data))
    if damage.kind == "truncate":
        data = data[:at]
    elif damage.kind == "garbage":
        length = rng.randint(1, 64)
        data = data[:at] + rng.randbytes(length)[: max(0, len(data) - at)] + data[at + length :]
    elif damage.kind == "bit-flip" and data:
        where = min(at, len(data) - 1)
        data = data[:where] + bytes([data[where] ^ (1 << rng.randint(0, 7))]) + data[where + 1 :]
    elif damage.kind == "append":
        data = data + rng.randbytes(rng.randint(1, 64))
    elif damage.kind == "empty":
        data = b""
    elif damage.kind in ("shuffle-lines", "duplicate-line"):
        lines = data.split(b"\n")
        if damage.kind == "shuffle-lines":
            rng.shuffle(lines)
        else:
            where = min(int(damage.at * len(lines)), len(lines) - 1)
            lines.insert(where, lines[where])
        data = b"\n".join(lines)
    elif damage.kind == "wrong-json":
        data = rng.choice(_WRONG_JSON).encode("utf-8")
    elif damage.kind in ("zero-page", "garbage-page"):
        pages = max(1, -(-len(data) // PAGE))
        start = min(int(damage.at * pages), pages - 1) * PAGE
        fill = bytes(PAGE) if damage.kind == "zero-page" else rng.randbytes(PAGE)
        data = data[:start] + fill[: max(0, len(data) - start)] + data[start + PAGE :]
    path.write_bytes(data)
