"""The first number check: do the claim's figures agree with the figures in a passage?

For each figure in the claim, find the passage figure of a compatible unit that is closest in value and
compare with a tolerance that follows the claim's own hedge ("about", "over", "under", exact). Periods
count: a passage that only speaks of other years than the claim does not settle it.

A figure in a table row is read through its cell (`claimcheck.corpus.tables.cell_at`): the row's label
and the column header say what it measures and whom it is about ("Llama 3.1 405B | Training Time (GPU
hours): 30.84M"), a year header ties it to a year ("2022: 62,286"), and a header's own scale ("Params
(B)") scales it. A claim about one model size ("Llama 2 7B") is settled neither by another size's row nor
by a total over models; a claim about models together ("in total") reads the total where there is one; a
claim about a year is not settled by a quarter's figure, nor a claim about net income by operating income.
Figures are read through inline markup ("**39.3**M") and quoted from the raw text.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from enum import StrEnum

from pydantic import BaseModel
from spacy.lang.en.stop_words import STOP_WORDS

from claimcheck.claims.entities import MODEL_RE, VARIANTS
from claimcheck.companies import ALIASES, abbreviates
from claimcheck.corpus.tables import TableCell, cell_at, described_row, header_scale
from claimcheck.models import DocKind, Passage
from claimcheck.quantities import (
    AMOUNT_UNITS,
    FISCAL_SAID,
    SCALES,
    WORD_NUMBERS,
    Bound,
    Quantity,
    Unit,
    direction_near,
    figures,
    format_value,
    names_model,
    relative_difference,
    spoken_numbers,
    stated_step,
    unit_scale,
    version_key,
    years,
)
from claimcheck.settings import Settings
from claimcheck.text import INITIALISM, MONTH_NAMES
from claimcheck.verify.terms import SHORTHAND_MEASURES, expansion_words, without_shorthand

# Units whose values can be compared with each other. Table cells "in millions" carry no currency sign,
# so a bare figure may stand for dollars.
_COMPATIBLE: dict[Unit, frozenset[Unit]] = {
    Unit.USD: frozenset({Unit.USD, Unit.COUNT}),
    Unit.COUNT: frozenset({Unit.COUNT, Unit.USD, Unit.PARAMETERS, Unit.TOKENS}),
    Unit.PARAMETERS: frozenset({Unit.PARAMETERS, Unit.COUNT}),
    Unit.TOKENS: frozenset({Unit.TOKENS, Unit.COUNT}),
    Unit.PERCENT: frozenset({Unit.PERCENT}),
    Unit.PERCENT_POINTS: frozenset({Unit.PERCENT_POINTS}),
    Unit.VERSION: frozenset({Unit.VERSION}),
    Unit.SIZE_LABEL: frozenset({Unit.SIZE_LABEL}),
}


_TERM = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")
# Words that say nothing about which metric a figure measures.
_GENERIC = frozenset(
    """the a an of in on to and or for is was were be been by with as at that this it its from our we they
    their his her you your i about around roughly nearly almost over under more than less at least most
    year years last this next billion million thousand trillion dollars dollar percent per cent usd
    fiscal ended compared up down grew rose fell which so just like really some one two ten had has have
    what who when there here then than into also only still even very well across while grow growth
    increase increased decrease decreased decline declined rise rising fall falling change""".split()
)

# Words that never say what is measured: function words, a number's own words ("seventy", "point", "half"
# in "seventy six point seven million") and speech's fillers ("no", "got", "actually"), so that "No,
# Consumer's fifteen and a half percent" says the name alone.
_NOISE = (
    STOP_WORDS
    | WORD_NUMBERS.keys()
    | {"hundred", "point", "half", "oh"}
    | set(
        "uh um yeah yep okay ok actually basically literally honestly kind sort got gonna stuff thing".split()
    )
    | set("things guy guys right know mean think guess pretty like".split())
    # how big a thing is, said of anything ("North America is the big one")
    | set("big bigger biggest huge large larger largest small smaller smallest".split())
) - set("did do does doing made make making".split())  # verbs of sales: "Consumer did 103.5 billion"

# Characters either side of a prose figure searched for its measure words.
_BEFORE, _AFTER = 60, 25
# At most this many capitalised words cut off a row's start are taken back in: a name, not a heading's measure
# ("Net Sales" glued before "Operating income of the segment …").
_NAME_WORDS = 2
_HEADING_MEASURES = frozenset(
    "net sales revenue revenues income operating total gross cost costs expenses profit margin "
    "earnings".split()
)

# Relative gap beyond which two figures are taken to measure different things (a 100x difference).
MAX_SAME_MEASURE_GAP = 0.99


class Outcome(StrEnum):
    MATCH = "match"
    MISMATCH = "mismatch"
    # the direction is right but the size is outside the claim's own tolerance ("doubled" for +69%)
    DIRECTION_ONLY = "direction_only"
    NO_FIGURE = "no_figure"  # the passage has nothing of this kind to compare with
    OTHER_CONTEXT = "other_context"  # the passage speaks of another period or model version


class NumberCheck(BaseModel):
    claim: Quantity
    evidence: Quantity | None
    outcome: Outcome
    relative_error: float | None = None
    context_mismatch: str | None = None  # e.g. "period 2022 vs 2023", "version 3 vs 3.1"
    alignment: int = 0  # entity words * 100 + measure words shared with the evidence figure's row
    row_terms: frozenset[str] = frozenset()  # the words of the evidence figure's table row, else its sentence
    passage_id: str
    # For a growth claim settled by two levels: the two figures and the change they imply (percent).
    derived_from: tuple[Quantity, Quantity] | None = None
    derived_change: float | None = None
    # "direction": the figure matches but moved the other way; "said": a filing's sentence says which way it
    # moved, and by how much only if `evidence.value` is not 0
    reason: str | None = None


# A claimed change whose size is off by more than this factor is not "the right direction, a bit
# exaggerated" (Partially True) but wrong (Hype): "doubled" for +69% is partial, "doubled" for +16% is not.
PARTIAL_CHANGE_FACTOR = 2.0


# A one-sided bound ("over", "at least", "under") holds only on its side; this much slack absorbs float
# rounding, not a speaker's rounding.
_ROUNDING = 1e-6


def within_tolerance(
    claimed: Quantity, actual: float, settings: Settings, *, printed_step: float = 0.0, derived: bool = False
) -> bool:
    """Compare as the speaker's own wording asks. A figure said with decimals is said to its last digit, give
    or take one, or to the printed figure's last digit where that is coarser (`printed_step`: one unit of
    it, 0 for a figure printed whole or unknown). A `derived` value, worked out from others (a change read
    off two rounded levels), holds no digits of its own and is compared by the tolerance alone."""
    a, c = abs(actual), abs(claimed.value)
    if claimed.bound == Bound.RANGE and claimed.low is not None and claimed.high is not None:
        # "between 10 and 12 billion", "mid-teens": anywhere in the range, exact tolerance at its ends
        low, high = sorted((abs(claimed.low), abs(claimed.high)))
        return low * (1 - settings.exact_tolerance) <= a <= high * (1 + settings.exact_tolerance)
    if claimed.bound == Bound.AT_LEAST:  # "over 70" is not 69.4: one-sided, as said
        return a >= c * (1 - _ROUNDING)
    if claimed.bound == Bound.AT_MOST:
        return a <= c * (1 + _ROUNDING)
    tolerance = settings.approx_tolerance if claimed.bound == Bound.APPROX else settings.exact_tolerance
    step = stated_step(claimed) if claimed.bound == Bound.EXACT and not derived else None
    whole_percent = claimed.unit == Unit.PERCENT and claimed.bound == Bound.EXACT and step is None
    if whole_percent and c.is_integer() and abs(a - c) <= 0.5:
        return True  # a whole percent is said to the nearest point: 11.5% is "twelve percent"
    if step is not None and abs(a - c) > max(step, printed_step) * (1 + _ROUNDING):
        # a figure said with decimals is said to its last digit, give or take one: "82.0 on MMLU" is not
        # 83.6, though within 2%; "$3.2 billion" is still 3,257 million
        return False
    return relative_difference(c, a) <= tolerance


class _Context(BaseModel):
    """What every figure check of one (claim, passage) pair shares."""

    claim_text: str
    passage: Passage
    settings: Settings
    company: frozenset[str]
    entities: set[str]
    figures: list[Quantity]
    mismatch: str | None
    # the table cell each figure of a row passage sits in (by the figure's start), if any
    cells: dict[int, TableCell]
    # the cells scaled by the passage's unit statement though written with no thousands separator (by
    # start): a scale read so may agree with a claim, never refute one
    note_scaled: frozenset[int] = frozenset()
    # the segment a table row's heading names that the claim does not (`segment_unsaid`), "" if none
    unsaid_segment: str = ""


# A change said with no figure: "went up a lot", "cratered", "was flat versus the year before". The
# patterns are tried in this order; the first that matches says how big the change is claimed to be.
_DIRECTION_WORDS: tuple[tuple[str, int, bool], ...] = (
    # (pattern, direction: +1 up, -1 down, 0 flat; strong: "a lot", "cratered")
    (
        r"\b(?:was|were|is|are|stayed|remained|been)\s+(?:basically\s+|pretty\s+much\s+|roughly\s+)?flat\b"
        r"|\b(?:was|were|stayed|remained)\s+unchanged\b",
        0,
        False,
    ),
    (
        r"\b(?:went|was|were|is|are|came)\s+(?:way\s+)?up\s+(?:a\s+lot|a\s+ton|big|nicely|sharply|hugely)\b"
        r"|\b(?:grew|rose|increased)\s+(?:a\s+lot|nicely|sharply|hugely|massively)\b"
        r"|\b(?:soared|surged|skyrocketed|exploded|ballooned)\b",
        1,
        True,
    ),
    (
        r"\b(?:cratered|plunged|collapsed|tanked|plummeted|nosedived)\b"
        r"|\b(?:went|was|were|is|are|came)\s+(?:way\s+)?down\s+(?:a\s+lot|a\s+ton|big|sharply|hugely)\b",
        -1,
        True,
    ),
    (r"\b(?:went|was|were|is|are|came)\s+up\b|\b(?:grew|rose|increased|climbed)\b", 1, False),
    (r"\b(?:went|was|were|is|are|came)\s+down\b|\b(?:fell|dropped|declined|decreased|shrank)\b", -1, False),
)
_DIRECTIONS = tuple((re.compile(p, re.IGNORECASE), d, strong) for p, d, strong in _DIRECTION_WORDS)
# A move said to be small: "went down a little", "grew slightly", "up a hair".
_A_LITTLE = re.compile(
    r"\b(?:a\s++(?:little|bit|hair|tad|touch)|slightly|marginally|modestly)\b", re.IGNORECASE
)
# A claim that compares ("grew faster than revenue") or hedges its subject is not a bare direction.
# A cause said after it ("Net income went down, because of that charge") leaves the change bare; one that
# hedges it ("mostly because of", "mainly because", "thanks to") does not.
_NOT_BARE = re.compile(
    r"\bthan\b|\bmostly\b|\bthanks\s+to\b|\b(?:partly|largely|mainly|primarily|only|just)\s+because\b|\bexcept\b",
    re.IGNORECASE,
)
# Words around a direction claim's measure that name no measure ("[Adobe] Net income went up a lot too",
# "Reality Labs grew its revenue in 2024").
_NOT_MEASURE = frozenset(
    "the a an and our its their his her this that these those so but also too then now just really "
    "total overall whole company business year last in on for from of to at by versus vs before after "
    "again lot nicely sharply hugely massively big ton way actually little bit hair slightly obviously even "
    "still basically".split()
)


def direction_claim(claim_text: str, settings: Settings) -> Quantity | None:
    """A change the claim states with no figure, as a change the checks can compare: "went up a lot" is a
    rise of at least `direction_strong_change` percent, "grew" one of at least `direction_min_change`,
    "cratered" and "fell" the same downwards, "was flat" a change of at most `direction_flat_change`
    either way. None when the claim states none, or compares ("grew faster than revenue")."""
    if _NOT_BARE.search(claim_text):
        return None
    for pattern, direction, strong in _DIRECTIONS:
        m = pattern.search(claim_text)
        if m is None:
            continue
        high = None
        if direction == 0:
            size, bound = settings.direction_flat_change, Bound.AT_MOST
        else:
            size = settings.direction_strong_change if strong else settings.direction_min_change
            bound = Bound.AT_LEAST
            if not strong and _A_LITTLE.search(claim_text):
                high = settings.direction_strong_change  # "went down a little": less than a strong move
        return Quantity(
            value=size,
            unit=Unit.PERCENT,
            text=m.group(0),
            start=m.start(),
            end=m.end(),
            bound=bound,
            change=True,
            direction=direction,
            high=high,
        )
    return None


def _measure_words(text: str, company: str) -> set[str]:
    """The stems of the words that name a direction claim's measure, less the company's own name (a name
    put in front, "[Adobe]", or a measure carried, "[Reality Labs revenue]", are read like the rest)."""
    own = set(re.findall(r"[a-z]+", company.lower()))
    words = re.findall(r"[a-z]+", text.lower())
    return {_stem(w) for w in words if w not in _NOT_MEASURE and w not in own and len(w) > 1}


def _row_fits(ctx: _Context, q: Quantity) -> bool:
    """A table row whose levels a change is derived from names nothing the claim does not ("Total revenue"
    for "Meta's revenue grew 30%"; never "Reality Labs (RL) revenue" or "Advertising revenue"). A figure
    outside a table row is left to the alignment."""
    if q.start not in ctx.cells:
        return not _names_a_part(ctx, q)
    if ctx.unsaid_segment or _column_unsaid(ctx, q):
        return False  # (a segment's row, or a column of a region the claim does not say: "U.S. 2021")
    # "total" adds nothing; which income or loss ("net", "operating", "from operations") is for
    # `_other_kind` to judge
    neutral = {"total", _stem("operations")} | {_stem(kind) for kind in _MEASURE_KINDS}
    return _row_measure(ctx, q) - neutral <= _measure_words(
        ctx.claim_text, ctx.passage.citation.company or ""
    )


# Words before "Segment" in a heading that name no one segment ("Business Segment Information", "Operating
# Segment Results", "Segment Results of Operations Flexibles Segment": only "Flexibles").
_NOT_A_SEGMENT = frozenset(
    {"business", "operating", "reportable", "our", "each", "by", "total", "summary", "of", "operations"}
    | {"results", "performance", "information", "data", "segment", "segments"}
)


def segments_named(passage_text: str) -> list[str]:
    """The segments the headings of a table row's passage name ("International" of "International Segment
    Performance Summary"), read on the lines between its title line and its row."""
    found: list[str] = []
    for line in passage_text.split("\n")[1:-1]:
        words = line.split()
        for k, word in enumerate(words):
            if word != "Segment" or k == 0:
                continue
            name: list[str] = []
            for before in reversed(words[:k]):
                if not before[:1].isupper() or before.lower() in _NOT_A_SEGMENT:
                    break
                name.insert(0, before)
            if name:
                found.append(" ".join(name))
    return found


def segment_unsaid(passage_text: str, claim_text: str) -> str:
    """The segment a table row's heading names ("International Segment Performance Summary" over "Revenue |
    2023: 3,504 | 2022: 3,931") when the claim does not name it ("" if none): the row is that segment's,
    not the company's. A name of several words ("Corporate/Other") is said when each of its words is."""
    claim = {w.lower() for w in re.findall(r"[\w&'’.-]+", claim_text)}
    for name in segments_named(passage_text):
        if not all(w.lower() in claim for w in re.findall(r"[\w&'’.-]+", name)):
            return name
    return ""


def _part_of_another(claimed: Quantity, ctx: _Context, q: Quantity, claim_years: set[int]) -> bool:
    """A prose figure whose sentence names a part the claim does not (`_names_a_part`); one that agrees is
    read by the names of its own phrase only, and in the claim's year (a year written before the phrase is
    still the figure's: "FY2023: ad impressions … rose 28%" settles no change said of 2024)."""
    if q.start in ctx.cells or not _names_a_part(ctx, q):
        return False
    return not (
        _agrees(claimed, q, ctx.settings)
        and not _names_a_part(ctx, q, narrow=True)
        and (not claim_years or _figure_year(ctx, q) in claim_years | {None})
    )


def _names_a_part(ctx: _Context, q: Quantity, *, narrow: bool = False) -> bool:
    """A prose figure (never a table cell) whose words name something the claim does not ("Digital
    Experience revenue was $4.42 billion in fiscal 2022, up from $3.87 billion" for "[Adobe's revenue] That's
    up twelve percent"): a part's levels, not the claim's. The company's own name and the document's title
    do not count."""
    # an abbreviation in parentheses ("Daily active people (DAP)") names the measure again; headings above
    # the sentence ("Our 2021 Performance", "Revenues") name no part of it
    raw = ctx.passage.raw_text
    row_lo, row_hi = _row_span(raw, q)
    row = re.sub(r"\([^()]*\)", " ", _without_headings(raw, row_lo, row_hi))
    said = measure_terms(ctx.claim_text) | _names(ctx.passage.citation.title, ctx.company) | ctx.company
    said |= initialisms(ctx.claim_text, ctx.company)  # ("AWS" is the claim's "Amazon Web Services")
    # (the unit a card prints the claim's tons in is the claim's too: "tCO2eq")
    if said & _TONS:
        said |= _TON_UNITS
    head = row
    if narrow:  # (the figure's own phrase: `_FIGURE_PHRASE_START` to `_FIGURE_PHRASE_END`)
        tail = _FIGURE_PHRASE_END.search(raw, q.end, min(len(raw), q.end + _PHRASE_REACH))
        lo = max([row_lo, *(m.end() for m in _FIGURE_PHRASE_START.finditer(raw, row_lo, q.start))])
        if _SHARE_OF_WHOM.match(raw, q.end):
            # "…, including in all 50 states, the District of Columbia and Puerto Rico, approximately 73% of
            # whom were full-time": a share of those the sentence counted, said in a phrase of its own
            lo = max(lo, raw.rfind(",", row_lo, q.start) + 1)
        hi = tail.start() if tail else q.end + _PHRASE_REACH
        head = re.sub(r"\([^()]*\)", " ", _without_headings(raw, lo, hi))
    names = measure_terms(head, ctx.company) - measure_terms(head, ctx.company, lowercase_only=True)
    # "Total Sales", "December" name no part, nor does a size ("8B, 70B and 405B": the size check's)
    names = {n for n in names - _MEASURE_WORDS - _NOT_PARTS if n[:1].isalpha()}
    if narrow:  # ("FY2023:" opening a line names its period, read by the year check, not a part)
        names = {n for n in names if not _PERIOD_NAME.fullmatch(n)}
    # (never unsaying a word of the claim: "COVID-19 vaccines and sold" spells no "CVS")
    names -= measure_terms(_initialisms_spelled(ctx.claim_text, _sentence(raw, q)), ctx.company) - said
    if names & said:
        return False  # about what the claim names ("Whole Foods Market operated 470 stores")
    # the words right before the measure the claim says ("Creative revenue", "subscription revenue")
    measures = said & _MEASURE_WORDS
    before = _words_before_measure(row, measures)
    neutral = _NOT_PARTS | _QUALIFIERS | {"total"}
    if before - said - neutral and not names - said - neutral:
        # a sentence whose subject is the claim's measure, then what it includes, says the claim's figure
        # after that clause: "Shipping costs, which include sortation and delivery center and transportation
        # costs, were … $21.7 billion" is shipping's (not "Advertising revenue, which includes video revenue
        # of $8.0 billion, …": a figure inside the clause is the part's)
        lo, _hi = local_bounds(raw, q, window=_SENTENCE_REACH)
        opened = _INCLUDING_SUBJECT.match(raw, lo, q.start)
        if (
            opened is not None
            and _stem(opened.group(1).lower()) in said - measures - neutral
            and _stem(opened.group(2).lower()) in measures
        ):
            return False
    return bool((names | before) - said - neutral)


# A fiscal year or quarter as a name reads it ("fy2023", "q4").
_PERIOD_NAME = re.compile(r"fy\d{2,4}|q[1-4]")
# How far after a figure its own phrase may run.
_PHRASE_REACH = 80
# A share of those or that a sentence counted, said after them: "approximately 73% of whom were full-time".
_SHARE_OF_WHOM = re.compile(r"(?<!\s)\s*+of\s++(?:whom|which)\b", re.IGNORECASE)
# Where a figure's own phrase starts and ends, for `_names_a_part(narrow=True)`: after a clause that gives a
# cause ("… increased by $486 million primarily due to a $200 million settlement"), before what it goes to
# ("an $850 million grant to the State for …"); commas do not part it ("In Health Care, total sales
# increased 2.4 percent" is Health Care's).
_FIGURE_PHRASE_START = re.compile(
    r";\s|\b(?:due\s+to|including|related\s+to|driven\s+by|reflecting)\s", re.IGNORECASE
)
_FIGURE_PHRASE_END = re.compile(r"[;.()]|\s(?:to|for|compared|which|that)\s")
# How far back a figure's sentence is read for the measure it opens with.
_SENTENCE_REACH = 300
# A sentence that opens with its subject, a qualifier and a measure, then what that includes, up to the comma
# that closes the clause: "Shipping costs, which include sortation … and transportation costs,".
_INCLUDING_SUBJECT = re.compile(
    r"(?<![\w&'’-])(?:(?:the|our)[ \t\n]++)?+([A-Za-z][\w&'’-]*+)[ \t\n]++([A-Za-z][\w&'’-]*+),[ \t\n]++"
    r"(?:which|that)[ \t\n]++includes?+\b[^,.;]*+,",
    re.IGNORECASE,
)


# Where a clause with a subject of its own begins inside a sentence: "Llama 4 Scout was pretrained on ~40
# trillion tokens and Llama 4 Maverick was pretrained on ~22 trillion tokens".
_CLAUSE_START = re.compile(r";|,?+(?<!\s)\s++(?:and|while|whereas|but)\s++(?=(?:the\s++)?[A-Z])")


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding text[at] begins, no earlier than `lo` (see `_CLAUSE_START`)."""
    start = lo
    for match in _CLAUSE_START.finditer(text, lo, at):
        start = match.end()
    return start


def _other_subjects_clause(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """A prose figure whose clause names someone other than the claim's names, in a sentence that names
    the claim's in another clause ("Llama 4 Scout was pretrained on ~40 trillion tokens and Llama 4
    Maverick was pretrained on ~22 trillion tokens": the 40 trillion is Scout's, not Maverick's). The
    document's title and the company name no one else."""
    if q.start in ctx.cells:
        return False
    # the names of the claimed figure's own clause ("Maverick has 128" of "Scout has 16 experts and
    # Maverick has 128"), else of the claim; a name said first counts ("Scout saw …")
    said_lo, _said_hi = local_bounds(ctx.claim_text, claimed, window=200)
    own_clause = ctx.claim_text[_clause_start(ctx.claim_text, said_lo, claimed.start) : claimed.start]
    claim_names = _named(own_clause, ctx.company) or _named(ctx.claim_text, ctx.company)
    if not claim_names:
        return False
    raw = ctx.passage.raw_text
    lo, hi = local_bounds(raw, q, window=200)
    start = _clause_start(raw, lo, q.start)
    after = _CLAUSE_START.search(raw, q.end, hi)
    end = after.start() if after is not None else hi
    shared = _names(ctx.passage.citation.title, ctx.company) | ctx.company
    own = _written_as_name(raw[start : q.start]) - shared
    if not own or own & claim_names:
        return False
    # the claim's name must stand in another clause with a figure of its own ("Llama 4 Scout was pretrained
    # on ~40 trillion tokens"): "Net sales in the Americas and Asia Pacific grew 12%" is one clause about both
    bounds = [lo, *(m.end() for m in _CLAUSE_START.finditer(raw, lo, hi)), hi]
    return any(
        (a, b) != (start, end)
        and re.search(r"\d", raw[a:b])
        and claim_names & measure_terms(raw[a:b], ctx.company)
        for a, b in itertools.pairwise(bounds)
        if b <= start or a >= end
    )


# How many examples a benchmark score was run with: "five-shot MMLU", "0-shot", "# Shots: 5".
_SHOTS = re.compile(r"\b([a-z]+|\d+)[- ]shots?\b|#\s*shots?:\s*(\d+)", re.IGNORECASE)


def _shots(text: str) -> set[float]:
    """The shot counts a text names ("zero-shot" is 0)."""
    found: set[float] = set()
    for match in _SHOTS.finditer(text):
        word = (match.group(1) or match.group(2)).lower()
        value = float(word) if word.isdigit() else WORD_NUMBERS.get(word, 0.0 if word == "zero" else None)
        if value is not None:
            found.add(value)
    return found


def _other_shots(ctx: _Context, q: Quantity) -> bool:
    """The claim says how many shots its score took ("five-shot MMLU") and the figure's row another
    ("MMLU (CoT) | # Shots: 0"): another variant of the benchmark."""
    claimed = _shots(ctx.claim_text)
    # a table row passage is one row: its shots column ("# Shots: 0") is a figure, not the row's label
    row = _shots(ctx.passage.text if q.start in ctx.cells else _row_of(ctx, q))
    return bool(claimed and row and not claimed & row)


# A model's variant: pretrained (base) or instruction tuned (instruct, chat).
# ("user base" and "instructions" name neither)
_BASE_VARIANT = re.compile(
    r"\bpre-?trained\b|\bbase(?=\s++(?:models?|versions?|variants?|checkpoints?|Llama)\b)", re.IGNORECASE
)
_TUNED_VARIANT = re.compile(r"\b(?:instruct|instruction[- ]tuned|chat|fine-?tuned)\b", re.IGNORECASE)


def _other_variant(ctx: _Context, q: Quantity) -> bool:
    """The claim says which variant of a model its figure is about ("base Llama 3 70B, the pretrained one")
    and the figure's section and column say only the other ("Benchmarks > Instruction tuned models")."""
    base, tuned = bool(_BASE_VARIANT.search(ctx.claim_text)), bool(_TUNED_VARIANT.search(ctx.claim_text))
    if base == tuned or ctx.passage.citation.source_kind is not DocKind.MODEL_CARD:
        return False
    cell = ctx.cells.get(q.start)
    where = ctx.passage.text.split("\n", 1)[0] + " " + (cell.header if cell is not None else "")
    said_base, said_tuned = bool(_BASE_VARIANT.search(where)), bool(_TUNED_VARIANT.search(where))
    return (base and said_tuned and not said_base) or (tuned and said_base and not said_tuned)


# Where a claim's comma, semicolon, "but" or "and" parts its figures: "96.8 on GSM-8K but under 50 on GPQA".
_SEGMENT_BREAK = re.compile(r"[,;]|\b(?:but|and|while|whereas)\b")


# Measures named in two words that another measure splits with a word of its own: "net income" and "Net
# interest income", "operating income" and "Operating lease income", "net sales" and "Net product sales".
_TWO_WORD_MEASURES = re.compile(
    r"\b(net|operating|gross|free)\s++(income|sales|revenues?|profit|loss|margin|cash\s++flow)\b",
    re.IGNORECASE,
)


# The words that make another measure of one said in two ("net interest income", "net product sales",
# "operating lease income"); "Net operating revenues" and "gross profit margin" are the measure itself.
_SPLITTING_WORDS = (
    "interest|product|products|service|services|lease|leasing|investment|periodic|pension|benefit|"
    "subscription|advertising|royalty|royalties|hardware|equipment|premium|premiums|fee|fees"
)


def _splits_measure(claim_window: str, row: str) -> bool:
    """The figure's row says the claim's two-word measure with a word of another measure between ("Net
    interest income" for "net income"), and never as the claim says it: another measure."""
    for said in _TWO_WORD_MEASURES.finditer(claim_window):
        first, second = said.group(1).lower(), said.group(2).lower().split()[0].rstrip("s")
        if re.search(rf"\b{first}\s++{second}", row, re.IGNORECASE):
            continue
        if re.search(rf"\b{first}\s++(?:{_SPLITTING_WORDS})\s++{second}", row, re.IGNORECASE):
            return True
    return False


# A row that counts shares: "12,000 shares authorized; issued: 2021—9,471", "Treasury stock, shares at cost:
# 2021—3,851", "Weighted-average shares outstanding".
_SHARES_COUNTED = re.compile(
    r"\bshares\b[^|\n]{0,40}?\b(?:authori[sz]ed|issued|outstanding|at\s++cost)\b|"
    r"\b(?:authori[sz]ed|issued|outstanding)\b[^|\n]{0,40}?\bshares\b",
    re.IGNORECASE,
)


def _share_count(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """A sum of money said ("repurchased about $10 billion of its shares") is never a count of shares printed
    with no dollar sign right after the words that count them ("12,000 shares authorized; issued:
    2021—9,471"); a table's cell is read by its column ("Treasury stock, shares at cost | 2021: 114,487"
    is dollars)."""
    if claimed.unit is not Unit.USD or "$" in q.text or q.start in ctx.cells:
        return False
    raw = ctx.passage.raw_text
    line_start = raw.rfind("\n", 0, q.start) + 1
    return bool(_SHARES_COUNTED.search(raw, max(line_start, q.start - _SHARES_REACH), q.start))


_SHARES_REACH = 80  # characters before a figure that may say it counts shares


def _another_measure(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """`q` measures something else than its words suggest: a row that splits the claim's two-word measure
    (`_splits_measure`), or a count of shares read for a sum of money (`_share_count`)."""
    return _share_count(ctx, claimed, q) or _splits_measure(_window(ctx.claim_text, claimed), _row_of(ctx, q))


def _part_unnamed(ctx: _Context, claimed: Quantity, q: Quantity, names_shared: int) -> bool:
    """In a filing, the claim names a part of its company before its figure's measure ("Prevnar family
    revenues fell about 11 percent", "[Verizon] Business operating income fell … to two point six billion")
    that the figure's row or sentence does not name: the figure is the whole company's, or another part's
    ("Revenues increased $39.6 billion, or 95%"), and refutes nothing; only agreement is read so."""
    if _fiscal_year(ctx.passage) is None or names_shared or _names_row(ctx, q):
        return False
    # a name said before the figure in its clause, right before the claim's measure ("Prevnar family
    # revenues", "Business operating income"); not one said after it ("…, Jassy said", "despite COVID") or
    # doing something else ("CEO Andy Jassy said net sales …", "In the SEC filing, net sales …")
    clause = _clause_of(ctx.claim_text, claimed)
    before = _ASIDE.sub(" ", clause[: max(0, clause.find(claimed.text))])
    names = _entities(before, ctx.company) - model_sizes(ctx.claim_text)
    said = _said_measure(ctx, claimed)
    words = _PART_WORDS.findall(before)
    for i, word in enumerate(words):
        if not (word[:1].isupper() and measure_terms(word, ctx.company) & names):
            continue
        for after in words[i + 1 :]:
            if after.lower() in _SAYING:
                break  # ("Bourla said revenues …": whoever says it names no part)
            if measure_terms(after, ctx.company) & said:
                return True  # the part's measure
            if not (after[:1].isupper() or after.lower() in _PART_NOUNS):
                break  # ("said", "filing": the name does something else)
    return False


_PART_WORDS = re.compile(r"[\w&'’-]++")
_SAYING = frozenset("said says say told tells reported reports noted notes added wrote writes thinks".split())
# Words between a part's name and its measure: "Prevnar family revenues", "Safety and Graphics segment sales".
_PART_NOUNS = frozenset(
    "and & family segment segments division business unit franchise brand brands line group 's ’s".split()
)


def _clause_of(claim_text: str, claimed: Quantity) -> str:
    """The part of the claim around a claimed figure, between the breaks before and after it ("Germany's
    almost seventeen billion" of "…, Japan's under twelve"), with the part before it when it names nothing
    itself ("Industrial's the biggest, fifteen billion")."""
    starts = [m.end() for m in _SEGMENT_BREAK.finditer(claim_text, 0, claimed.start)]
    after = _SEGMENT_BREAK.search(claim_text, claimed.end)
    end = after.start() if after else len(claim_text)
    part = claim_text[starts[-1] if starts else 0 : end]
    if starts and not _CAPITALISED.search(part):
        part = claim_text[starts[-2] if len(starts) > 1 else 0 : end]
    return part


def _segment(claim_text: str, claimed: Quantity) -> str:
    """The part of the claim around a claimed figure, between the breaks before and after it; the whole
    claim when that part names no benchmark."""
    part = _clause_of(claim_text, claimed)
    return part if _BENCHMARK_NAME.search(part) else claim_text


# A row of one language's scores ("Language: Thai"): the claim must name that language.
_LANGUAGE_ROW = re.compile(r"\bLanguage:\s*+([A-Z][a-z]++)")


def _other_language(ctx: _Context, q: Quantity) -> bool:
    """The figure's row is one language's score ("MMLU (5-shot) | Language: Portuguese") and the claim
    names no such language."""
    cell = ctx.cells.get(q.start)
    row = _LANGUAGE_ROW.search(cell.row) if cell is not None else None
    return row is not None and row.group(1).lower() not in ctx.claim_text.lower()


def _other_score(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """A benchmark score of another run than the claim's: other shots, another variant of the model,
    another benchmark, or one language's."""
    return (
        _other_shots(ctx, q)
        or _other_variant(ctx, q)
        or _other_benchmark(ctx, claimed, q)
        or _other_language(ctx, q)
    )


# Words that make a benchmark another one: "MMLU Pro" is not "MMLU".
_BENCHMARK_VARIANT = re.compile(
    r"(?<![\s-])[\s-]++(pro|redux|lite|hard|plus|verified|diamond)\b", re.IGNORECASE
)


def _other_benchmark(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """The figure's row names another benchmark than the one said with the claimed figure ("GPQA" for "96.8
    on GSM-8K"), or the claim's benchmark as part of another one ("MMLU Pro (CoT)" for a claim about
    "MMLU")."""
    cell = ctx.cells.get(q.start)
    if cell is None or ctx.passage.citation.source_kind is not DocKind.MODEL_CARD:
        return False  # benchmarks are a model card's (or its fact sheet's); "PepsiCo", "LatAm" name none
    said = measure_terms(" ".join(_BENCHMARK_NAME.findall(_segment(ctx.claim_text, claimed))))
    row = measure_terms(" ".join(_BENCHMARK_NAME.findall(cell.row)))
    if said and row and not said & row:
        return True  # "96.8 on GSM-8K" is not the GPQA row's
    for name in set(_BENCHMARK_NAME.findall(ctx.claim_text)):
        for found in re.finditer(rf"\b{re.escape(name)}\b", cell.row, re.IGNORECASE):
            variant = _BENCHMARK_VARIANT.match(cell.row, found.end())
            if variant and not re.search(
                rf"\b{re.escape(name)}[\s-]+{variant.group(1)}\b", ctx.claim_text, re.IGNORECASE
            ):
                return True
    return False


# A heading: a line of its own of at most this many words, with no sentence punctuation at its end.
_HEADING_WORDS = 6


def _without_headings(text: str, start: int, end: int) -> str:
    """text[start:end] less the heading lines it starts with ("Our 2021 Performance\nRevenues\nRevenues
    increased …" is "Revenues increased …"; a sentence wrapped onto a short line is kept)."""
    while True:
        line_end = text.find("\n", start, end)
        if line_end == -1:
            break
        line = text[text.rfind("\n", 0, start) + 1 : line_end].strip()
        if not line or len(line.split()) > _HEADING_WORDS or line[-1] in ".,;:!?":
            break
        start = line_end + 1
    return text[start:end]


def _words_before_measure(row: str, measures: set[str]) -> set[str]:
    """The stem of the word that runs straight into a measure word in `row`: "creative" of "Creative
    revenue in fiscal 2022", nothing of "revenue in fiscal 2022" or "Our revenue"."""
    found: set[str] = set()
    words = list(re.finditer(r"[A-Za-z][\w&'’-]*|[^\w\s]+|\d[\w.,]*", row))
    for prior, word in itertools.pairwise(words):
        if _stem(word.group(0).lower()) not in measures:
            continue
        text = prior.group(0).lower().removesuffix("'s").removesuffix("’s")
        # not a verb ("reported", "recorded", "growing"), nor a compound adjective ("full-time and part-time
        # employees" are all of them)
        if (
            text[0].isalpha()
            and text not in STOP_WORDS
            and not text.endswith(("ed", "ing"))
            and "-" not in text
        ):
            found.add(_stem(text))
    return found


def _row_measure(ctx: _Context, q: Quantity) -> set[str]:
    """The measure words of the label of the table row `q` sits in; an abbreviation in parentheses
    ("Reality Labs (RL) revenue") adds nothing."""
    row = re.sub(r"\([^()]*\)", " ", ctx.cells[q.start].row)
    return _measure_words(row, ctx.passage.citation.company or "")


def _direction_measure(claim_text: str, claimed: Quantity, company: str) -> set[str]:
    """The measure a figureless change is said of: the words before the change and its object after it, up
    to the clause's end, shorthand in the documents' words too ("R&D" is "research and development")."""
    after = re.split(r"[,;.!?]|\band\b|\bbut\b|\bbecause\b", claim_text[claimed.end :], maxsplit=1)[0]
    said = claim_text[: claimed.start] + " " + after
    # (shorthand is read as its expansion alone: "EPS" is "earnings per share", as filings print it)
    return _measure_words(without_shorthand(said) + " " + expansion_words(said), company)


def direction_measure(claim_text: str, settings: Settings, company: str) -> set[str]:
    """The measure words of a claim that says, with no figure, that a measure went up, down or stayed flat
    ("R&D went up again" → research, development), as read against a filing of `company`; empty for any
    other claim."""
    if figures(claim_text):
        return set()
    claimed = direction_claim(claim_text, settings)
    return set() if claimed is None else _direction_measure(claim_text, claimed, company)


def moves_said(passage: Passage) -> list[set[str]]:
    """The measures a filing's passage says moved in a sentence of its own ("R&D in dollars decreased $49
    million for full year 2018"), as the words of each; [] for a passage of anything but a filing."""
    if _fiscal_year(passage) is None:
        return []
    raw = passage.raw_text
    company = passage.citation.company or ""
    out = []
    for m in _PROSE_MOVED.finditer(raw):
        said = _moved_measure(raw, m, company)
        if said is not None:
            out.append(said)
    return out


# A described table row's cell under a year's column: "FY2023: 134,902", "2017: 17,459".
_YEAR_CELL = re.compile(r"(?:FY)?+((?:19|20)\d\d): ")


def row_moves(passage: Passage) -> set[str]:
    """The measure a table row with two years or more gives ("Total revenue | FY2022: 116,609 | FY2023:
    134,902"), as the words of its label: a claim that it went up or down is read off its columns. Empty
    for any other passage."""
    parts = described_row(passage.text)
    cells = [m for part in parts[1:] if (m := _YEAR_CELL.match(part))]
    if len(cells) < 2:
        return set()
    own = _fiscal_year(passage)
    if own is not None and any(int(m.group(1)) > own for m in cells):
        return set()  # a schedule of what is due ("Operating lease obligations | 2025: 2,500 | …")
    company = passage.citation.company or ""
    return _measure_words(parts[0] + " " + expansion_words(parts[0]), company)


def _moved_measure(raw: str, m: re.Match[str], company: str) -> set[str] | None:
    """What the prose sentence around a move verb (`m`, a `_PROSE_MOVED` match) says moved: the words of
    the clause before the verb; None in a table row."""
    line = raw[raw.rfind("\n", 0, m.start()) + 1 : m.start()]
    if "|" in line:
        return None  # a table row, read by the year columns
    lo, _ = _verb_sentence(raw, m)
    # (the period the sentence dates its move to is no measure: "Diluted earnings per share for the year
    # ended December 31, 2022 increased")
    subject = re.split(r"[,:;]", _MOVE_PERIOD.sub(" ", raw[lo : m.start()]))[-1]
    return _measure_words(subject + " " + expansion_words(subject), company)


# A period a filing dates a move to, between its measure and its verb: "for the year ended December 31, 2022",
# "in fiscal 2022", "during 2023".
_MOVE_PERIOD = re.compile(
    r"\b(?:for|in|during)\s++(?:the\s++)?+(?:(?:fiscal\s++)?+(?:year|quarter)s?+\s++ended\s++[A-Z][a-z]++\.?+"
    r"\s++\d{1,2},?+\s++(?:19|20)\d\d|(?:fiscal\s++(?:year\s++)?+)?+(?:19|20)\d\d)\b"
)


def names_the_measure(said: set[str], wanted: set[str]) -> bool:
    """A sentence's words for what moved (`said`) name the claim's measure (`wanted`) and nothing more."""
    return bool(wanted) and wanted <= said and not said - wanted - _PROSE_NEUTRAL


def _verb_sentence(raw: str, m: re.Match[str]) -> tuple[int, int]:
    """The bounds of the sentence a move verb stands in."""
    return local_bounds(raw, Quantity(value=0, unit=Unit.PERCENT, text="", start=m.start(), end=m.end()), 300)


def _check_direction(claimed: Quantity, ctx: _Context) -> NumberCheck:
    """A change said with no figure, against two years of a table row that names the claim's whole
    measure ("Net income | FY2021: 4,822 | FY2022: 4,756" for "net income went up a lot"): the only reading
    precise enough to settle a claim with no figure of its own."""
    wanted = _direction_measure(ctx.claim_text, claimed, ctx.passage.citation.company or "")
    # (the segment a row's heading names, said by the claim, is no measure: "International revenue went
    # down" under "International Segment Performance Summary")
    segment_words = _measure_words(
        " ".join(segments_named(ctx.passage.text)), ctx.passage.citation.company or ""
    )
    # the row names the claim's measure and nothing more ("Total revenue" for "revenue", never "Advertising
    # revenue" or "Reality Labs (RL) revenue")
    rows = [
        q
        for q in ctx.figures
        if q.start in ctx.cells
        and q.unit in (Unit.USD, Unit.COUNT)
        and wanted
        and _row_measure(ctx, q) == wanted - segment_words
        and not ctx.unsaid_segment
        and not _column_unsaid(ctx, q)
    ]
    by_year: dict[int, Quantity] = {}
    for q in rows:
        year = _figure_year(ctx, q)
        if year is not None:
            by_year.setdefault(year, q)
    years_of = _change_years(ctx.claim_text, by_year)
    if years_of is None or by_year[years_of[0]].value == 0:
        return _prose_direction(claimed, ctx, wanted)
    old, new = by_year[years_of[0]], by_year[years_of[1]]
    actual = _percent_change(old, new)
    change = actual.value * actual.direction
    if claimed.direction == 0:
        ok = abs(change) <= claimed.value
    else:
        ok = (change > 0) == (claimed.direction > 0) and abs(change) >= claimed.value
    outcome = Outcome.MATCH if ok else Outcome.MISMATCH
    if ok and claimed.high is not None and abs(change) > claimed.high:
        outcome = Outcome.DIRECTION_ONLY  # "went up a little" for +37%: the right way, not a little
    return _derived_check(claimed, ctx, actual, outcome, (old, new), change, len(wanted), None)


# A filing's sentence that says which way its measure moved: "R&D in dollars decreased $49 million for full
# year 2018 when compared to the same period last year", "Net income increased 5%".
_PROSE_MOVED = re.compile(r"\b(?:(?P<up>increased|rose|grew)|(?P<down>decreased|declined|fell))\b")
# Words that leave a sentence's measure as the claim's: "R&D expenses", "R&D in dollars", "Total net sales",
# "Diluted earnings per share" (as `_stem` leaves them)
_PROSE_NEUTRAL = frozenset({"expense", "expens", "dollar", "total", "consolidat", "full", "dilut", "basic"})
# The size said right after the verb, as a percentage: "increased 5%", "decreased $49 million, or 2.6%",
# "rose by about 12 percent" (never a level further on: "increased 0.3 percentage points to 22.3%").
_MOVED_BY = re.compile(
    r"(?<!\s)\s++(?:by\s++)?+(?:(?:approximately|about|nearly|almost)\s++)?+"
    r"(?:\$[\d.,]++(?:\s++(?:million|billion|thousand))?+,?+\s++or\s++)?+(?=\d)"
)
# What narrows a sentence's move to a part or a stretch of the year: "decreased in Asia Pacific", "in the
# fourth quarter".
_MOVED_IN_PART = re.compile(r"(?<!\s)\s++in\s++(?:the\s++)?+[A-Z]")


def _prose_direction(claimed: Quantity, ctx: _Context, wanted: set[str]) -> NumberCheck:
    """A change said with no figure, against a filing's own sentence on its fiscal year: the clause before
    the verb names the claim's measure and nothing more, nothing after it narrows the move to a part ("in
    Asia Pacific") or a quarter, the sentence moves one way only, and it names the filing's year (or none,
    and no other). A move the other way refutes the claim; a move the same way confirms a plain "went up",
    and a strong one ("a lot") or "flat" only with the percentage said right after the verb."""
    current = _fiscal_year(ctx.passage)
    raw = ctx.passage.raw_text
    if current is None or not wanted:
        return _no_figure(claimed, ctx)
    for m in _PROSE_MOVED.finditer(raw):
        named = _moved_measure(raw, m, ctx.passage.citation.company or "")
        if named is None or not names_the_measure(named, wanted):
            continue
        lo, hi = _verb_sentence(raw, m)
        sentence = raw[lo:hi]
        said_years = set(years(sentence))
        if said_years and (current not in said_years or said_years - {current, current - 1}):
            continue  # another year's move
        if _QUARTER.search(sentence) or _MOVED_IN_PART.match(raw, m.end()):
            continue  # a quarter's or a part's move
        if len({bool(other.group("up")) for other in _PROSE_MOVED.finditer(sentence)}) > 1:
            continue  # "decreased in Asia Pacific, but increased 4% in total": which is the claim's?
        sign = 1 if m.group("up") else -1
        size = None
        by = _MOVED_BY.match(raw, m.end())
        if by is not None:
            said = figures(raw[by.end() : min(hi, by.end() + 20)])
            if said and said[0].start == 0 and said[0].unit == Unit.PERCENT:
                size = said[0].value
        if claimed.direction and sign != claimed.direction:
            outcome = Outcome.MISMATCH
        elif size is None:
            if claimed.direction == 0 or claimed.value > ctx.settings.direction_min_change:
                continue  # flat or "a lot": the sentence does not say by how much
            outcome = Outcome.MATCH
        elif claimed.direction == 0:
            outcome = Outcome.MATCH if size <= claimed.value else Outcome.MISMATCH
        else:
            outcome = Outcome.MATCH if size >= claimed.value else Outcome.DIRECTION_ONLY
        moved = Quantity(
            value=size or 0.0,
            unit=Unit.PERCENT,
            text=raw[m.start() : m.end()],
            start=m.start(),
            end=m.end(),
            change=True,
            direction=sign,
        )
        return NumberCheck(
            claim=claimed,
            evidence=moved,
            outcome=outcome if ctx.mismatch is None else Outcome.OTHER_CONTEXT,
            context_mismatch=ctx.mismatch,
            alignment=len(wanted),
            passage_id=ctx.passage.passage_id,
            reason="said",
        )
    return _no_figure(claimed, ctx)


# A calendar year said in a claim, in digits.
_CALENDAR_YEAR = re.compile(r"(?<![\w.$'’-])((?:19|20)\d\d)(?![\w%])")
# A year dated by a month ("In February 2022", "on March 3, 2023") is a calendar date, which a fiscal year's
# figures are not read against.
_MONTH_BEFORE = re.compile(
    rf"\b(?:{'|'.join(MONTH_NAMES)})\.?(?:\s++\d{{1,2}}(?:st|nd|rd|th)?+,?+)?+\s++\Z", re.IGNORECASE
)


def as_fiscal_years(claim_text: str, passage: Passage) -> str:
    """`claim_text` with each calendar year it says (in digits or in words) written as the fiscal year of
    `passage`'s filing that mostly covers it, when that filing's fiscal year ends early in the next
    calendar year ("last year [2022]" is Best Buy's fiscal 2023). A claim that says "fiscal" or "FY" is
    left as it is, and so is a year dated by a month; the text keeps its length, so that every figure keeps
    its place (`check_passage` reads both texts)."""
    fiscal = passage.citation.fiscal_year
    # (a claim that says "fiscal" or "FY" anywhere speaks in the company's own fiscal years)
    if fiscal is None or passage.citation.calendar_years() != {fiscal - 1} or FISCAL_SAID.search(claim_text):
        return claim_text
    spans: list[tuple[int, int, int]] = []
    for m in _CALENDAR_YEAR.finditer(claim_text):
        spans.append((m.start(1), m.end(1), int(m.group(1))))
    for n in spoken_numbers(claim_text):
        if n.year and 1900 <= n.value <= 2099 and not any(a < n.end and n.start < b for a, b, _ in spans):
            spans.append((n.start, n.end, int(n.value)))
    out = claim_text
    for start, end, year in spans:
        written = str(year + 1)
        if len(written) > end - start or _MONTH_BEFORE.search(claim_text, max(0, start - 20), start):
            continue
        out = out[:start] + written.ljust(end - start) + out[end:]
    return out


def _either_reading(said: list[NumberCheck], fiscal: list[NumberCheck]) -> list[NumberCheck]:
    """Per figure, the check of the claim read with its years as said or as the filing's fiscal years
    (`as_fiscal_years`): a company may name its fiscal years either way, so agreement under either reading
    stands, and a disagreement only under both; else the check that settles nothing."""
    if len(said) != len(fiscal):
        return said
    out: list[NumberCheck] = []
    for a, b in zip(said, fiscal, strict=True):
        if Outcome.MATCH in (a.outcome, b.outcome):
            out.append(a if a.outcome is Outcome.MATCH else b)
        elif a.outcome is Outcome.MISMATCH and b.outcome is Outcome.MISMATCH:
            out.append(b)
        else:
            out.append(b if a.outcome is Outcome.MISMATCH else a)
    return out


def check_passage(claim_text: str, passage: Passage, settings: Settings) -> list[NumberCheck]:
    """One check per figure in the claim against this passage; a claim with no figure that says a measure
    went up, down or stayed flat is checked as that change against a table row (`direction_claim`)."""
    claim_figures = _claimed_figures(claim_text)
    if (
        _STOCK_MOVE.search(claim_text)
        or _AT_MARKET_PRICE.search(claim_text)
        or (_NAMED_STOCK_MOVE.match(claim_text) and len(claim_figures) == 1)
    ):
        return []  # what a share price did is the market's, never a filing's figure
    # a filing whose fiscal year is mostly the calendar year before (Best Buy's fiscal 2023 ended January 28,
    # 2023) prints its years as fiscal ones: the claim's calendar years are read as those too
    fiscal_text = as_fiscal_years(claim_text, passage)
    if fiscal_text != claim_text:
        return _either_reading(
            _checks(claim_text, claim_figures, passage, settings),
            _checks(fiscal_text, claim_figures, passage, settings),
        )
    return _checks(claim_text, claim_figures, passage, settings)


def _claimed_figures(claim_text: str) -> list[Quantity]:
    """The figures a claim asserts (not a version, an owner's name, a model named by its size)."""
    return [
        q
        for q in figures(claim_text)
        if q.unit != Unit.VERSION
        and not _POSSESSIVE.match(claim_text, q.end)
        and not names_model(claim_text, q)
        # "EPS was up a third, not half": the figure put aside is not claimed
        and not _REJECTED.search(claim_text, max(0, q.start - 12), q.start)
        # "the 1B was three seventy K, double that": a multiple of what was said before, not a change
        # (a verb's object is what moved: "capex, they doubled it")
        and not (q.change and _MULTIPLE_WORD.fullmatch(q.text) and _OF_THAT.match(claim_text, q.end))
    ]


def _checks(
    claim_text: str, claim_figures: list[Quantity], passage: Passage, settings: Settings
) -> list[NumberCheck]:
    """`check_passage` for one reading of the claim's text."""
    price = _share_price(claim_text)
    if price is not None:  # (today's price is the market's; the claim's other figures are checked)
        claim_figures = [q for q in claim_figures if not price[0] <= q.start < price[1]]
    direction = None if claim_figures else direction_claim(claim_text, settings)
    if not claim_figures and direction is None:
        return []
    name = passage.citation.company or ""
    # the company as the claim may call it for short ("Amex" for American Express) is the company too
    short = " ".join(w for w in _CAPITALISED.findall(claim_text) if name and abbreviates(w, name))
    company = frozenset(measure_terms(name) | measure_terms(short))
    found = passage_figures(passage)
    cells = {q.start: cell for q in found if (cell := table_cell(passage, q)) is not None}
    # a unit statement scales whole cells only where every cell is whole: "412.6 | 315.0" is one scale
    mixed = any("." in q.text for q in found if q.start in cells and q.unit in AMOUNT_UNITS)
    note = 1.0 if mixed else unit_scale(passage.text)
    scaled = [_per_share(passage, _header_scaled(q, cells.get(q.start), note), cells) for q in found]
    # (a per-share row's amount is read as written again, and may refute)
    by_note = frozenset(
        q.start
        for q, s in zip(found, scaled, strict=True)
        if _note_scales(q, cells.get(q.start), note) and s.value != q.value
    )
    ctx = _Context(
        claim_text=claim_text,
        passage=passage,
        settings=settings,
        company=company,
        entities=_entities(claim_text, company),
        figures=scaled,
        mismatch=context_mismatch(claim_text, passage.text),
        cells=cells,
        note_scaled=by_note,
        unsaid_segment=segment_unsaid(passage.text, claim_text) if cells else "",
    )
    if direction is not None:
        return [_check_direction(direction, ctx)]
    return [_check_said(claimed, ctx) for claimed in claim_figures]


def _check_said(claimed: Quantity, ctx: _Context) -> NumberCheck:
    """`_check_figure`, and for a sum said bare, as a filing's table prints it ("King's operating income
    barely moved, seven forty versus seven fifty"; "in-game net bookings were thirty three sixty six"),
    the same figure in millions where the filing's passage states that its amounts are in millions. Read so,
    it may agree with the filing, never refute it: which scale the speaker meant is not said."""
    check = _check_figure(claimed, ctx)
    if check.outcome is not Outcome.NO_FIGURE or not _said_as_printed(claimed, ctx):
        return check
    millions = _check_figure(
        claimed.model_copy(update={"value": claimed.value * _FILING_TABLE_SCALE, "unit": Unit.USD}), ctx
    )
    if millions.outcome is not Outcome.MATCH:
        return check
    return millions.model_copy(update={"claim": claimed})


def _said_as_printed(claimed: Quantity, ctx: _Context) -> bool:
    """A whole number said bare, from a hundred up, with a measure of money named with it, in a claim
    checked against a filing whose passage states its amounts in millions."""
    return (
        claimed.unit is Unit.COUNT
        and not claimed.change
        and _BARE_SUM[0] <= abs(claimed.value) < _BARE_SUM[1]
        and claimed.value == int(claimed.value)
        and not _SCALE_SAID.search(claimed.text)
        and _fiscal_year(ctx.passage) is not None
        and unit_scale(ctx.passage.text) == _FILING_TABLE_SCALE
        and bool(_said_measure(ctx, claimed) & _PRINTED_SUMS)
    )


# The sums a speaker reads off a filing's table in millions as printed: "seven forty" to "ninety nine
# ninety nine".
_BARE_SUM = (100.0, 10_000.0)


# A figure said as the one it is not: "a third, not half", "it's twelve, not ten".
_REJECTED = re.compile(r"\bnot\s++(?:a\s++|an\s++)?+$", re.IGNORECASE)
# What a figure comes to at the market's price ("a five percent yield at today's price"): the market's.
_AT_MARKET_PRICE = re.compile(
    r"\bat\s++(?:today['’]s|(?:the\s++)?+current)\s++(?:share\s++|stock\s++)?+price\b", re.IGNORECASE
)
# How a stock is said to have moved, after its name: "'s down", "has basically been cut", "shares fell".
_STOCK_MOVED_BY = (
    r"(?:(?:has|have|is|are|was|were)\s++)?+"
    r"(?:(?:basically|like|been|just|already|now|actually|roughly|about)\s++)*+"
)
_STOCK_MOVES = (
    r"down|up|fell|dropped|rose|gained|lost|doubled|halved|tripled|tanked|crashed|soared|jumped|climbed"
)
# A claim about what the share price did: "The stock's down like forty percent", "Neogen's stock has basically
# been cut in half".
_STOCK_MOVE = re.compile(
    r"(?:\b(?:the|its|their|our|his|her)\s++|['’]s\s++)(?:stock|shares|share\s++price|stock\s++price)"
    rf"(?:['’]s)?+\s++{_STOCK_MOVED_BY}(?:cut|{_STOCK_MOVES})\b",
    re.IGNORECASE,
)
# A company's stock said to move, opening a claim of that one figure: "And Amcor stock's down like twenty
# percent this year" (not "Treasury stock was up two billion", "Diluted shares were up to 493 million", nor
# "Boeing stock fell forty percent, and revenue came in at sixty six billion", which says a filing's figure
# too).
_NAMED_STOCK_MOVE = re.compile(
    r"\A(?:\[[^\]]*+\]\s*+)?+\W*+(?:(?:and|so|but|yeah|well)\W++)*+"
    r"(?!(?i:treasury|common|preferred|diluted|basic|outstanding|class|restricted|new|total)\b)"
    rf"(?-i:[A-Z][\w&.-]*+)\s++(?:stock|shares)(?:['’]s)?+\s++{_STOCK_MOVED_BY}(?:{_STOCK_MOVES})\b",
    re.IGNORECASE,
)
# A share's price said in dollars: "Corning's stock has been stuck around thirty bucks", "the shares trade at
# like forty dollars" (not "bought back 1.5 billion dollars of stock", "six forty two a share").
_SHARE_PRICE = re.compile(
    r"(?:['’]s|\b(?:the|its|their|our))\s++(?:stock|shares|share\s++price|stock\s++price)\b"
    r"[^.;]{0,60}?\b(?:bucks|dollars?)\b",
    re.IGNORECASE,
)


# A price a filing may report (where the year closed, what was paid back to holders), and not the market's
# of the day: "The stock closed the year at about a hundred and seventy six bucks", "bought back $3.3B of
# stock, twenty million shares at a hundred and sixty eight bucks each".
_FILED_PRICE = re.compile(
    r"\b(?:clos(?:ed|ing)|ended|finished|year[- ]end|buy\s*+backs?|bought|repurchas\w*+|dividends?|"
    r"per\s++share|a\s++share|EPS|comp|compensation|grants?|awards?)\b",
    re.IGNORECASE,
)
# A share's price is dollars, not thousands of them ("stock comp was three hundred million dollars").
_SHARE_PRICE_MAX = 10_000.0


def _share_price(claim_text: str) -> tuple[int, int] | None:
    """Where the claim gives a share's price of the day in dollars (`_SHARE_PRICE`), not one a filing
    reports: the span of those words, else None."""
    match = _SHARE_PRICE.search(claim_text)
    if match is None or _FILED_PRICE.search(claim_text):
        return None
    said = [q for q in figures(match.group(0)) if q.unit is Unit.USD]
    if not said or any(abs(q.value) >= _SHARE_PRICE_MAX for q in said):
        return None
    return match.start(), match.end()


# A benchmark's name: two capitals or more ("MMLU", "GPQA", "HumanEval", "IFEval") or "MATH".
_BENCHMARK_NAME = re.compile(r"\b(?:[A-Z][a-z]*+[A-Z][A-Za-z]*+|MATH)\b")
# The benchmark a model card's row names in its own cell ("Benchmark: GSM-8K (CoT)").
_ROW_BENCHMARK = re.compile(r"\bBenchmark:[ \t]*+([^|\n]++)")
# A figure said as where a change started: "five point eight from five point nine".
_HEDGE_BEFORE = r"(?:(?:about|like|roughly|around|almost|nearly)\s++)?+"
_FROM_BEFORE = re.compile(rf"\bfrom\s++{_HEDGE_BEFORE}\Z", re.IGNORECASE)
# The words that set a figure beside another: "Total debt was 150.6 billion versus 150.9".
_VERSUS = r"versus|vs\.?|compared\s++(?:to|with)"
# The figure a claim sets beside the one it said first, by those words.
_VERSUS_BEFORE = re.compile(rf"\b(?:{_VERSUS})\s++{_HEDGE_BEFORE}\Z", re.IGNORECASE)
# What sets two claimed figures side by side, between them: "150.6 billion versus 150.9", "ninety one point
# one to ninety point six", "77 against 73.8".
SIDE_BY_SIDE = re.compile(
    rf"(?<!\s)\s*+,?+\s*+(?:{_VERSUS}|to|against)\s++(?:(?:about|like|roughly|around)\s++)?+", re.IGNORECASE
)
# A move said as "went up, X to Y" (no "from"): the verb, a comma shortly before X, "to" and a figure right
# after it ("We set up 3 to 5 new plants" and "rose $30 billion to $322 billion" are no such move).
_MOVE_BEFORE = re.compile(
    r"\b(?:up|down|rose|fell|grew|dropped|dipped|jumped|climbed|increased|decreased|declined)\b"
    r"[^.;:!?\d,]{0,12}+,[^.;:!?\d]{0,12}+\Z",
    re.IGNORECASE,
)
_TO_NEXT = re.compile(rf"(?<!\s)\s++to\s++{_HEDGE_BEFORE}", re.IGNORECASE)


def _moved_from(claim_text: str, claimed: Quantity) -> bool:
    """The figure is where a move said without "from" started: "EPS went up, one twenty eight to one fifty
    four" (1.28 is the year before's)."""
    to = _TO_NEXT.match(claim_text, claimed.end)
    if to is None or not _MOVE_BEFORE.search(claim_text[: claimed.start]):
        return False
    if is_change_amount(claim_text, claimed):
        return False
    return any(q.start == to.end() - claimed.end for q in figures(claim_text[claimed.end :]))


# After a figure set beside another, nothing that says whose it is: the clause ends, or says when ("a year
# earlier", "the year before", "last year").
_NOTHING_OF_ITS_OWN = re.compile(
    r"(?<!\s)(?:\s*+\[[^\]]{0,20}+\])?+\s*+(?:[.,;:!?)]|\Z|(?:a\s++year\s++(?:earlier|before|ago)|the\s++year\s++before|"
    r"the\s++prior\s++year|last\s++year)\b)",
    re.IGNORECASE,
)


def _set_beside(claim_text: str, claimed: Quantity) -> bool:
    """The figure is the one a claim naming no year sets beside a figure it said first, the year before's:
    "Total debt was 150.6 billion versus 150.9"."""
    if (
        not _VERSUS_BEFORE.search(claim_text[: claimed.start])
        or years(claim_text)
        or not _NOTHING_OF_ITS_OWN.match(claim_text, claimed.end)
    ):
        return False  # ("versus 12.1 billion for services", "versus 91.6 for the 405B": another subject's)
    lo, _hi = local_bounds(claim_text, claimed, window=200)
    return any(q.unit not in (Unit.YEAR, Unit.VERSION) for q in figures(claim_text[lo : claimed.start]))


# A row labelled only as a total ("Total", "Total Company") names no one a claim can say.
_TOTAL_ROW = re.compile(r"total(?:\s++company)?+", re.IGNORECASE)
# A capitalised word, "&" kept ("Amex", "J&J").
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z&]++")
# A "figure" that owns something is a name: "3M's net income".
_POSSESSIVE = re.compile(r"['’]s\b")
# What a multiple said with no measure of its own is of: something said before ("double that").
_OF_THAT = re.compile(
    r"(?<!\s)\s++(?:that|this|those|these|it|them)(?=\s*+(?:[^\w\s]|$|(?:of|and|but|or|so)\b))", re.IGNORECASE
)
_MULTIPLE_WORD = re.compile(r"double|twice|triple|treble|quadruple|half", re.IGNORECASE)


def _entities(claim_text: str, company: frozenset[str]) -> set[str]:
    """Whom the claim is about: its names (capitalised words other than the company's) and model sizes."""
    names = measure_terms(claim_text, company) - measure_terms(claim_text, company, lowercase_only=True)
    # a capitalised owner is a name wherever it stands, even first ("[3M] Honeywell's margins are …")
    owners = [w for w in _OWNER.findall(claim_text) if w.lower() not in STOP_WORDS | _NOT_OWNERS]
    names |= measure_terms(" ".join(owners), company)
    # a fiscal year said short ("FY17") names no one, nor does a measure's shorthand ("[Corning] EPS was …")
    names |= initialisms(claim_text, company)
    return {n for n in names if not _PERIOD_WORD.fullmatch(n) and n not in SHORTHAND_MEASURES} | model_sizes(
        claim_text
    )


# A name of several capitalised words, "and", "&" or "of" between them: "Amazon Web Services", "Global
# Merchant and Network Services", "Frito-Lay North America".
_NAME_RUN = re.compile(r"(?<![\w-])[A-Z][\w'’-]*+(?:(?:\s++(?:and|&|of))?+\s++[A-Z][\w'’-]*+)++")
_CONNECTORS = frozenset({"and", "&", "of"})


def initialisms(text: str, company: frozenset[str] = frozenset()) -> set[str]:
    """The initials of the names `text` says in several capitalised words, as a filing or a speaker cuts them
    ("aws" for "Amazon Web Services", "gmns" for "Global Merchant and Network Services", "flna" for "Frito-Lay
    North America"): a name is the same whichever way it is said. Three to six letters; fewer name nothing.
    A name said after its company's (`company`: its words as `measure_terms` reads them) is cut without it
    too: "American Express International Card Services" is "ics"."""
    found: set[str] = set()
    for run in _NAME_RUN.finditer(text):
        words = [w for w in run.group(0).split() if w not in _CONNECTORS]
        own = list(itertools.dropwhile(lambda w: _stem(w.lower()) in company, words))
        for name in {tuple(words), tuple(own)}:
            letters = "".join(part[0] for w in name for part in w.split("-") if part[:1].isupper())
            if 3 <= len(letters) <= 6:
                found.add(letters.lower())
    return found


# A capitalised word that owns something: "Honeywell's", "Figma’s" (not "Let's", "Today's").
_OWNER = re.compile(r"\b([A-Z][\w&-]*+)['’]s\b")
_NOT_OWNERS = frozenset(
    "let today tomorrow yesterday year month week quarter company everyone everybody nobody somebody "
    "someone anyone".split()
)


# A fiscal year written as one word, as `measure_terms` gives it: "fy17", "fy2017" (a quarter, "q4", still
# tells a quarterly figure from the year's).
_PERIOD_WORD = re.compile(r"(?:fy|cy)(?:\d{4}|\d{2})?")


# A claim's first word, after a name put in front of it ("[Corning] Display did three point three billion"),
# and what follows a first word that names something on its own: a singular verb ("Display did",
# "International made"; a plural, "Buybacks were", is a measure) or a comma ("Display, that's …").
_FIRST_WORD = re.compile(r"(?<!\W)(?:\[[^\[\]]*+\]\s*+)?\W*+([A-Z][\w&'’-]*+)")
_STANDS_ALONE = re.compile(
    r"(?<!\s)(?:\s++(?:alone|itself))?+(?:\s*+,|\s++(?:was|is|did|does|made|makes|brought|grew|rose|fell|dropped"
    r"|had|has|generated|posted|hit)\b)",
    re.IGNORECASE,
)
# First words that open a clause without naming anything: fillers and measures said in one word.
_NO_PART = frozenset(
    "plus combined altogether overall remember obviously sure interestingly globally historically today "
    "look frankly listen basically honestly anyway actually again still also now then okay so well "
    "seriously literally really clearly certainly apparently supposedly reportedly meanwhile "
    "opex capex ebitda eps arpu fcf margin churn backlog".split()
)


def _named(claim_text: str, company: frozenset[str]) -> set[str]:
    """The claim's names (`_entities`), with a capitalised first word that is not a common word ("Airbus
    delivered 661": to `measure_terms` a first word's capital says nothing)."""
    first = _FIRST_WORD.match(claim_text)
    word = first.group(1).removesuffix("'s").removesuffix("’s") if first else ""
    extra = measure_terms(word, company) if word and word.lower() not in STOP_WORDS else set()
    if claim_text.startswith("[") and (
        not _STANDS_ALONE.match(claim_text, first.end() if first else 0)
        or word.lower() in _NO_PART
        or extra & (_MEASURE_WORDS | frozenset(_CANONICAL.values()))
    ):
        # after a name put in front, the first word names a part only when it stands alone ("[Corning]
        # Display did three point three billion"), not when it opens a measure ("[Pfizer] Operating cash
        # flow was", "[Amazon] Shipping costs were", "[Meta] Revenue was") or is a filler ("[Meta] Plus,")
        extra = set()
    return _entities(claim_text, company) | {
        n for n in extra if not _PERIOD_WORD.fullmatch(n) and n not in SHORTHAND_MEASURES
    }


# A clause after a figure that sets it beside something else: ", that's bigger than …", ", which is up from
# …" (not ", that's AWS's share", which says whose it is).
_ASIDE_AFTER = re.compile(
    r"(?<!\s),\s*+(?:which|that['’]s|that\s++is)\s++(?:\w++\s++){0,2}?"
    r"(?:bigger|smaller|more|less|larger|higher|lower|better|worse|up|down|ahead|behind)\b",
    re.IGNORECASE,
)
# A quarter or half year as `measure_terms` gives it: "q1", "h2".
_QUARTER_WORD = re.compile(r"q[1-4]|h[12]")


def _someone_else(ctx: _Context, figure: Quantity, claimed: Quantity | None = None) -> bool:
    """A claim that names whom its figure is about ("Airbus delivered 661", "Figma's ARR") is neither
    refuted nor confirmed by a figure whose row or sentence, and whose document's title and company, name
    none of them: that figure is someone else's."""
    clause = ctx.claim_text
    if claimed is not None:
        # the names of the claimed figure's own clause when it names the document's company ("Reality Labs
        # lost $16.1 billion while Meta revenue reached $150 billion": the $150 billion is Meta's); a clause
        # that names no one goes on about the first's ("AWS did $62 billion in sales but $18.5 billion in
        # operating income" is AWS's)
        lo, hi = local_bounds(clause, claimed, window=200)
        start = _own_clause_start(clause, claimed, lo, hi)
        # and what a clause after it says of the figure names whom it is set beside, not whose it is
        # ("thirty two billion, that's bigger than AWS and subscriptions put together")
        aside = _ASIDE_AFTER.search(clause, claimed.end)
        if aside is not None:
            clause = clause[: aside.start()]
        if start > lo and measure_terms(clause[start:]) & ctx.company:
            clause = clause[start:]
    # ("For Q1 [Amazon] guided …": a quarter is when, not whom; "Subscription services, that's where the
    # Prime fees go, was …": an aside names no one the figure is of)
    named = {
        ALIASES.get(name, name)
        for name in _named(_ASIDE.sub(" ", clause), ctx.company)
        if not _QUARTER_WORD.fullmatch(name)
    }
    if not named:
        return False
    about = _about(ctx, figure)
    said = measure_terms(about) | measure_terms(ctx.passage.citation.title) | ctx.company
    if named & {ALIASES.get(name, name) for name in said}:
        return False
    # an initialism the claim uses is named by the words it stands for ("PBM": "pharmacy benefits manager")
    return not any(spells(word, about) for word in INITIALISM.findall(ctx.claim_text))


def spells(initialism: str, text: str) -> bool:
    """`text` holds consecutive words whose first letters spell `initialism` ("PBM" in "a leading pharmacy
    benefits manager"; a plural "s" ignored)."""
    return bool(spelled_by(initialism, text))


def spelled_by(initialism: str, text: str) -> list[str]:
    """The words of `text` whose first letters spell `initialism`, in order ("DOJ": "Department", "of",
    "Justice"; else with the small words left out, "SEC": "Securities", "Exchange", "Commission" of
    "Securities and Exchange Commission"), or none."""
    letters = initialism.removesuffix("s").lower()
    n = len(letters)
    if n < 2:
        return []
    every = re.findall(r"[A-Za-z]+", text)
    for words in (every, [w for w in every if w.lower() not in _SMALL_WORDS]):
        for i in range(len(words) - n + 1):
            if "".join(w[0].lower() for w in words[i : i + n]) == letters:
                return words[i : i + n]
    return []


_SMALL_WORDS = frozenset({"and", "of", "the", "for"})


def _initialisms_spelled(claim_text: str, sentence: str) -> str:
    """The names in `sentence` the claim's initialisms stand for ("SEC": "Securities and Exchange
    Commission"), of three letters or more ("in the U.S." and "outside the United States" are told apart by
    their names) and spelled in capitalised words, joined by spaces."""
    spelled = [spelled_by(i, sentence) for i in INITIALISM.findall(claim_text) if len(i) > 2]
    return " ".join(
        w for words in spelled if all(w[:1].isupper() or w in _SMALL_WORDS for w in words) for w in words
    )


def _names(title: str, company: frozenset[str]) -> set[str]:
    """The names in a title, its first word included ("Llama 3.1 model card": llama)."""
    words = {_stem(w.lower()) for w in _TERM.findall(title) if w[0].isupper()}
    return {w for w in words if w not in _GENERIC and w not in company} | model_sizes(title)


# Markdown that may sit inside a figure ("**39.3**M", "\~40 trillion"): read around it, quote the raw text.
_INLINE_MARKUP = re.compile(r"\*\*|__|\\(?=[\\`*_{}\[\]()#+\-.!~|^<>])")


# A footnote or list marker: "(1)" written onto a word ("inventory markdowns(1)"), or opening an item of
# a list run into a sentence ("…stimulus payments; (2) the shift of consumer spending").
_ATTACHED_MARKER = re.compile(r"(?<=[A-Za-z%)])\(\d{1,2}\)")
_LIST_MARKER = re.compile(r"(?:(?<![^\n])|(?<=[;:,] ))\(\d{1,2}\) [a-z]")


def _is_marker(text: str, q: Quantity) -> bool:
    """Whether figure `q` of `text` is a footnote or list marker, not a figure (see `_ATTACHED_MARKER`)."""
    if q.unit is not Unit.COUNT or q.start == 0 or text[q.start - 1] != "(":
        return False
    return bool(_ATTACHED_MARKER.match(text, q.start - 1) or _LIST_MARKER.match(text, q.start - 1))


# A percentage a sentence says nothing reached: "did not have sales to a single customer that exceeded 10% of
# consolidated net sales", "no customer accounted for more than 10%" (a disclosure threshold, no figure).
_THRESHOLD_BEFORE = re.compile(
    r"\b(?:exceed(?:ed|s|ing)?+|in\s++excess\s++of|(?:more|greater)\s++than|over)\s++\Z", re.IGNORECASE
)
_NOT_REACHED = re.compile(r"\b(?:no|not(?!\s++only\b)|none|neither|nor)\b|n['’]t\b", re.IGNORECASE)
# Where the clause of a threshold starts: its sentence, after a comma, a semicolon or an "and".
_THRESHOLD_CLAUSE = re.compile(r"[,;]|\.\s|\band\b|\bbut\b")
_THRESHOLD_REACH = 60  # characters before the threshold within which its clause's negation stands


def _threshold_not_reached(text: str, q: Quantity) -> bool:
    """Whether percentage `q` is a threshold its clause says nothing reached (see `_THRESHOLD_BEFORE`): "did
    not have sales to a single customer that exceeded 10%", not "Not only was 67% …, and more than 40% of
    online sales were picked up" nor "Despite not raising prices, net sales increased more than 12%"."""
    if q.unit is not Unit.PERCENT or _THRESHOLD_BEFORE.search(text, max(0, q.start - 30), q.start) is None:
        return False
    lo = max(0, q.start - _THRESHOLD_REACH)
    breaks = [m.end() for m in _THRESHOLD_CLAUSE.finditer(text, lo, q.start)]
    return _NOT_REACHED.search(text, breaks[-1] if breaks else lo, q.start) is not None


def passage_figures(passage: Passage) -> list[Quantity]:
    """The figures of a passage's raw text, read with inline markup removed, their spans in the raw text.

    Bare table figures are scaled by the unit statement in the passage's text ("(in millions)")."""
    raw = passage.raw_text
    keep: list[int] = []  # raw offset of each character of the readable text
    last = 0
    pieces: list[str] = []
    for match in _INLINE_MARKUP.finditer(raw):
        pieces.append(raw[last : match.start()])
        keep.extend(range(last, match.start()))
        last = match.end()
    pieces.append(raw[last:])
    keep.extend(range(last, len(raw)))
    readable = "".join(pieces)
    found = [
        q
        for q in figures(readable, default_scale=unit_scale(passage.text))
        if not _is_marker(readable, q) and not _threshold_not_reached(readable, q)
    ]
    if len(readable) != len(raw):
        keep.append(len(raw))
        found = [q.model_copy(update={"start": keep[q.start], "end": keep[q.end - 1] + 1}) for q in found]
    return [q for q in found if passage.owns(q.start)]


# "Llama 3.1 405B", "Params: 70B", "the 8B model", "17Bx16E": a model's size, which names the row of a
# table that is meant. A size follows a name or a version ("Llama 2 7B", "Params: 405B") or comes before
# "model"; "$1.5B" and "revenue of 1.5B" are amounts.
_MODEL_SIZE = re.compile(
    r"(?:\b[A-Z][\w.-]*:?|(?<![\w.])\d[\w.-]*)[ \t]+(\d+(?:\.\d+)?)B(?:x\d+E)?\b"
    r"|(?<![\w.$])(\d+(?:\.\d+)?)B(?=[- ](?:model|version|variant|parameter))"
)
# A total over several models ("Total", "a cumulative 3.3M GPU hours") is not the figure of one of them.
_AGGREGATE = re.compile(r"\b(?:total|cumulative|combined|aggregate|overall)\b", re.IGNORECASE)
# A claim about several models together: "in total", "a cumulative", "combined", "all three models";
# not "400 billion total parameters" (one model's total), nor "nine and a half billion in total net revenue".
_CLAIMED_TOTAL = re.compile(
    r"\b(?:in total(?!\s++[a-z])|a total of|in aggregate|combined|cumulative(?:ly)?|altogether"
    r"|all (?:\w+ ){0,3}models"
    r"|for (?:the pair|both(?: of them)?|the two(?: of them)?)|between them)\b",
    re.IGNORECASE,
)


def _sizes_for(claim_text: str, claimed: Quantity) -> set[str]:
    """The model sizes a claimed figure is about: the one named right before it ("well ahead of the 1B's
    49.3"), else every size the claim names."""
    lo = max(0, claimed.start - _SIZE_REACH)
    while lo > 0 and not claim_text[lo - 1].isspace():
        lo -= 1  # whole words: "405B", not "05B"
    near = claim_text[lo : claimed.start]
    own = list(_MODEL_SIZE.finditer(near)) or list(_BARE_SIZE.finditer(near))
    if own:
        last = own[-1]
        return {f"{(last.group(1) or last.group(2)) if last.re is _MODEL_SIZE else last.group(1)}b"}
    return model_sizes(claim_text)


# How far before a figure a size names the model it is about; a size said bare ("the 1B's").
_SIZE_REACH = 12
_BARE_SIZE = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)B\b")


def model_sizes(text: str) -> set[str]:
    """The model sizes `text` names, as entity terms ("405b")."""
    return {f"{m.group(1) or m.group(2)}b" for m in _MODEL_SIZE.finditer(text)}


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _header_scaled(q: Quantity, cell: TableCell | None, note: float = 1.0) -> Quantity:
    """A bare figure under a header that states its scale ("Params (B)": 405 is 405 billion), or a table
    cell under the passage's unit statement (`note`) written as a whole number with no thousands separator
    ("Blizzard | 2019: 68" under "(in millions)" is 68 million; `figures` scales only "16,951")."""
    scale = header_scale(cell.header) if cell is not None else None
    if scale is None and _note_scales(q, cell, note):
        scale = note
    written = _written(q)
    if scale is None or written is None or q.unit not in AMOUNT_UNITS:
        return q
    return _valued(q, written * scale)


def _note_scales(q: Quantity, cell: TableCell | None, note: float) -> bool:
    """The passage's unit statement (`note`) scales this cell: one whose header states no scale of its own,
    written as a whole number that `figures` left as written ("68", not "16,951" nor "1.54": a decimal in a
    table in millions is a per-share amount or a ratio)."""
    return (
        cell is not None
        and note != 1.0
        and header_scale(cell.header) is None
        and "." not in q.text
        and _written(q) == abs(q.value)
    )


def _written(q: Quantity) -> float | None:
    """A bare figure's digits as written, before any scale ("16,120" is 16120); None for a figure said
    with a scale word or unit ("$3.3 billion", "8B")."""
    digits = _DIGITS.search(q.text)
    if digits is None or re.search(r"[A-Za-z]", q.text):
        return None
    return float(digits.group().replace(",", ""))


def _valued(q: Quantity, value: float) -> Quantity:
    """`q` with the magnitude `value`, its sign kept."""
    return q.model_copy(update={"value": value if q.value >= 0 else -value})


# A row of per-share amounts: "2021 Reported Diluted EPS––$3.85", "Dividends per share", "Earnings per common
# share––diluted".
_PER_SHARE_ROW = re.compile(r"\bEPS\b|\bper\s++(?:common\s++|diluted\s++|basic\s++)?+share\b", re.IGNORECASE)
_PER_SHARE_MAX = 1000.0  # a per-share amount is dollars and cents, never thousands


def _per_share(passage: Passage, q: Quantity, cells: dict[int, TableCell]) -> Quantity:
    """A figure in a per-share row as written: a unit statement ("in billions, except per share data") never
    scales it ("Reported Diluted EPS––$3.85" is $3.85, not $3.85 billion)."""
    written = _written(q)
    if written is None or q.unit not in (Unit.USD, Unit.COUNT):
        return q
    if abs(q.value) == written or written >= _PER_SHARE_MAX:
        return q  # (a share count, "Diluted 15,812", or net income beside its per-share amount)
    cell = cells.get(q.start)
    row = cell.describe() if cell is not None else row_or_sentence(passage.raw_text, q)
    if not _PER_SHARE_ROW.search(row):
        return q
    return _valued(q, written)


def _claim_years(ctx: _Context, claimed: Quantity) -> set[int]:
    """The years the claim ties this figure to: the nearest one; all it names for a change."""
    if claimed.change:
        return set(years(ctx.claim_text))
    own = local_year(ctx.claim_text, claimed, window=40)
    return {own} if own is not None else set(years(ctx.claim_text))


def _said_measure(ctx: _Context, claimed: Quantity) -> set[str]:
    """The measure words said around a claimed figure, shorthand included in the documents' words ("ARR"
    is "annualized recurring revenue", "capex" "capital expenditures"): a figure said with a shorthand
    measure is not a figure said with none."""
    window = _window(ctx.claim_text, claimed)
    said = measure_terms(window, ctx.company, lowercase_only=True)
    # a capitalised possessive ("Figma's") is a name, not a measure
    owners = measure_terms(" ".join(re.findall(r"\b([A-Z]\w*)['’]s\b", window)), ctx.company)
    return (said - owners - _SPOKEN_VERBS) | measure_terms(expansion_words(window), ctx.company)


# Verbs a speaker says a sum with ("eight point seven billion paid", "took five point eight billion"): they
# say what happened to the money, not which line of a table it is ("Add'l Paid-In Capital"). What they imply
# is read by `expansion_words` ("paid … for Whole Foods" is an acquisition).
_SPOKEN_VERBS = frozenset({"paid", "bought", "took", "gave", "went"})


def _shared_measure(near: set[str], row: str, ctx: _Context) -> set[str]:
    """The measure words a figure's row or sentence shares with the claim ("total" adds nothing; a row's
    "EPS" is earnings per share)."""
    terms = measure_terms(row, ctx.company)
    if "eps" in terms:
        terms |= _EPS_TERMS
    return (near & terms) - {"total"}


# Earnings per share as `measure_terms` reads "earnings per share" (earnings are income).
_EPS_TERMS = frozenset({"income", "share"})


def _as_sales(near: set[str]) -> set[str]:
    """Measure words said with a verb of sales and no named measure read as revenue ("Consumer did 103.5
    billion", "they brought in 17 billion")."""
    return near | {"revenue"} if near & _SALES_VERBS and not near & _NAMED_MEASURES else near


def _without_company(text: str, company: frozenset[str]) -> str:
    """`text` with the words of the company's name blanked: "Best Buy employed …" says no "buy"."""
    return re.sub(
        r"[A-Za-z][\w'’-]*+", lambda m: " " if _stem(m.group(0).lower()) in company else m.group(0), text
    )


# A headcount said of people: a company has, employs or is staffed by them, as a whole ("Amazon had over half
# a million people"; not "three thousand people in engineering").
_HEADCOUNT_SAID = re.compile(
    r"\b(?:ha[sd]|have|having|'s\s++got|'ve\s++got|employ(?:s|ed|ing)?+|staff(?:ed)?+|workforce|headcount|"
    r"work(?:s|ed|ing)?+\s++(?:at|for|there))\b"
    r"(?![^.;]{0,60}?\bpeople\s++in\s++(?!(?:19|20)\d\d\b|twenty\b|fiscal\b|FY|total\b|all\b|the\s++(?:year|end)\b))",
    re.IGNORECASE,
)
_EMPLOYED = re.compile(r"\bemploy(?:s|ed|ees?|ing)?+\b|\bworkforce\b|\bheadcount\b", re.IGNORECASE)
# A row about part of the workforce: union members, a share of it, those outside one country.
_WORKFORCE_PART = re.compile(
    r"\bunion\b|\brepresented\b|%\s++of\s++(?:our\s++)?+(?:total\s++)?+(?:workforce|employees)|"
    r"\b(?:outside|located\s++in|based\s++in)\b",
    re.IGNORECASE,
)
# What people a company serves do (or are): "3.3 billion people use its apps", "people who shop there".
_SERVED = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|users?|active|daily|monthly|customers?|members?|subscribers?|visit(?:s|ed|ors?)?|"
    r"patients?|shop(?:s|ped|pers?|ping)?|play(?:s|ed|ers?|ing)?|download(?:s|ed|ing)?|watch(?:es|ed|ing)?|"
    r"reach(?:es|ed|ing)?|visiting|stream(?:s|ed|ing)?|sued|su(?:e|es|ing)|flew|fl(?:y|ies|ying)|cover(?:s|ed)?|"
    r"insur(?:e|es|ed|ing)|affected|attend(?:s|ed|ing)?|"
    r"serv(?:e|es|ed|ing)|bought|buy(?:s|ing)?|enrolled|vaccinated|treated|signed\s++up)\b",
    re.IGNORECASE,
)
# People a company takes on or lets go: no headcount ("laid off twenty one thousand people"), though a row of
# hires or cuts may settle them.
_TAKEN_ON_OR_LET_GO = re.compile(
    r"\b(?:la(?:y|id|ying)\s++off|layoffs?|cut(?:s|ting)?|hir(?:e|ed|es|ing)|fir(?:e|ed|ing)|let\s++go|added|adds)\b",
    re.IGNORECASE,
)


def _alignment(ctx: _Context, claimed: Quantity, candidates: list[Quantity]) -> dict[int, tuple[int, int]]:
    """(entity words, measure words) each candidate's row or sentence shares with the claim."""
    near = _said_measure(ctx, claimed)
    people_employed = False
    # people a company serves are never its headcount ("forty thousand people have sued J&J" beside "We
    # employed approximately 152,700 people")
    served = _SERVED.search(_without_company(ctx.claim_text, ctx.company)) is not None
    people_served = "people" in near and served
    if claimed.unit in (Unit.USD, Unit.COUNT):
        near = _as_sales(near)
        # (and what a filing counts the things said as: "stores" are "retail locations")
        near |= {word for said in near for words in _COUNTED_AS.get(said, ()) for word in words}
        if (
            "people" in near
            and _HEADCOUNT_SAID.search(ctx.claim_text)
            and not served
            and not _TAKEN_ON_OR_LET_GO.search(ctx.claim_text)
        ):
            # people a company has, not people it serves, are its employees ("Amazon had over half a
            # million people" beside "We employed approximately 566,000 full-time and part-time employees")
            near.add(_stem("employees"))
            people_employed = True
    title = _names(ctx.passage.citation.title, ctx.company)
    claim_total = bool(_CLAIMED_TOTAL.search(ctx.claim_text))
    # A title that names one of the claim's names lends it to the rows and sentences that name nothing; one
    # that names several ("Family of Apps and Reality Labs segments", "Llama 4 (Scout and Maverick)")
    # cannot say which of them a row without a name is about, except a total read by a claim about all.
    lends = len(title & ctx.entities) == 1
    benchmark_names: list[str] = _BENCHMARK_NAME.findall(_segment(ctx.claim_text, claimed))
    benchmarks = measure_terms(" ".join(benchmark_names))
    eps_said = near >= _EPS_TERMS and bool(_PER_SHARE.search(_window(ctx.claim_text, claimed)))
    score: dict[int, tuple[int, int]] = {}
    for q in candidates:
        row, about = _row_of(ctx, q), _about(ctx, q)
        if _NET_OF.search(ctx.passage.raw_text, max(0, q.start - _NET_OF_REACH), q.start):
            # what a sum is "net of" is deducted from it, never the measure named before it ("net income …
            # decreased restructuring, impairment, and other related activities, net of $123 million")
            score[id(q)] = (0, 0)
            continue
        if (people_employed and _WORKFORCE_PART.search(row)) or (people_served and _EMPLOYED.search(row)):
            # (a part of the workforce is no headcount: "Approximately 50,000 employees, which constitute
            # 32% of our total workforce, were union represented")
            score[id(q)] = (0, 0)
            continue
        names = measure_terms(about, ctx.company) | model_sizes(about) | initialisms(about)
        if not names & title and (lends or (claim_total and _AGGREGATE.search(about))):
            # A row or sentence that names none of the document's subjects ("Total", "Training utilized a
            # cumulative 39.3M GPU hours") is about what the title names ("Llama 3.1 model card").
            names |= title
        named = len(ctx.entities & names) or _names_row(ctx, q)
        # a qualifier shared alone ("net" of "net income" and "net wireless service receivables") names no
        # measure in common; beside a measure word it still tells net income from operating income ("total"
        # tells nothing: "Total revenue" is the revenue)
        shared = _shared_measure(near, row, ctx)
        if eps_said and not shared >= _EPS_TERMS:
            # earnings per share is neither another amount per share (a dividend, a price) nor an income
            shared -= _EPS_TERMS
        measured = len(shared) if shared - _QUALIFIERS else 0
        if shared <= _UNIT_NOUNS and (near & _MEASURE_WORDS) - _UNIT_NOUNS:
            # the unit alone ("tokens") shared by a claim that names its measure ("context length … 10
            # million") and a row of another ("a global batch size of 4M tokens") aligns nothing
            measured = 0
        cell = ctx.cells.get(q.start)
        if _another_benchmarks_cell(ctx, q, benchmark_names):
            # another benchmark's row: "MATH" is not the GSM-8K row under the category "Math"
            score[id(q)] = (0, 0)
            continue
        if cell is not None and benchmarks and _fiscal_year(ctx.passage) is None:
            # a model card's row is named by the benchmark it measures ("MMLU (5-shot)"): the claim's
            # benchmark there is its measure
            measured += len(benchmarks & measure_terms(cell.row))
        score[id(q)] = (named, measured)
    return score


# A sum said as what another is net of: "…, net of $123 million".
_NET_OF = re.compile(r"\bnet[ \t\n]++of[ \t\n]++(?:approximately[ \t\n]++|about[ \t\n]++)?+\Z", re.IGNORECASE)
_NET_OF_REACH = 30


# Benchmarks a claim names that a model card's row may be of (a closed list of public evaluation sets, so
# that "GPT-4", "MoE" or "CoT" is never taken for one). "MATH" only in capitals (`_BENCHMARK_NAME`).
_KNOWN_BENCHMARKS = frozenset(
    "mmlu gpqa gsm8k humaneval math mbpp arc ifeval mmmu mgsm bfcl nexus drop squad boolq hellaswag "
    "winogrande agieval commonsenseqa triviaqa quac tydiqa livecodebench docvqa chartqa mathvista "
    "infinitebench ruler zeroscrolls nih truthfulqa toxigen piqa siqa openbookqa naturalquestions "
    "mtob".split()
)


def _another_benchmarks_cell(ctx: _Context, q: Quantity, benchmark_names: list[str]) -> bool:
    """`q` is a model card's cell in the row of another benchmark than those the claim names."""
    cell = ctx.cells.get(q.start)
    if cell is None or not benchmark_names or _fiscal_year(ctx.passage) is not None:
        return False
    row_benchmark = _row_benchmark(ctx.passage.text, cell)
    return row_benchmark is not None and _another_benchmarks_row(benchmark_names, row_benchmark)


def _scores_a_benchmark(claim_text: str, claimed: Quantity) -> bool:
    """The claimed figure is said beside a public benchmark's name (`_KNOWN_BENCHMARKS`): a score."""
    names = _BENCHMARK_NAME.findall(_segment(claim_text, claimed))
    return any(_normalised_benchmark(name) in _KNOWN_BENCHMARKS for name in names)


# A bracketed scale, not a unit: "B", "T", "M", "in millions", "billions".
_SCALE_ONLY = re.compile(
    r"(?:in\s++)?+(?:[KMBT]|thousands?|millions?|billions?|trillions?|bn|mm)", re.IGNORECASE
)
# The unit a column header prints its figures in: "Training Power Consumption (W)", "(tons CO2eq)".
_HEADER_UNIT = re.compile(r"\(([^()]*+)\)[ \t]*+\Z")


def _other_unit_column(claimed: Quantity, cell: TableCell) -> bool:
    """A column whose header prints its figures in a unit (in brackets at its end) that is not the claimed
    figure's: "20 tokens a second" is no "Greenhouse Gas Emissions (tons CO2eq): 133"."""
    unit = _HEADER_UNIT.search(cell.header)
    if unit is None or ("token" if claimed.unit is Unit.TOKENS else "param") in cell.header.lower():
        return False
    # a scale is no unit of its own: "Params (B)", "Tokens (T)", "(in millions)"
    return not _SCALE_ONLY.fullmatch(unit.group(1).strip())


def _counts_something_else(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """For a claimed count of tokens or parameters: `q` is a table cell of a benchmark's score ("about 20
    tokens a second" is no "InfiniteBench/En.QA … 19.8") or of a column in another unit ("(tons CO2eq)")."""
    cell = ctx.cells.get(q.start)
    if claimed.unit not in (Unit.TOKENS, Unit.PARAMETERS) or cell is None:
        return False
    return _row_benchmark(ctx.passage.text, cell) is not None or _other_unit_column(claimed, cell)


def _benchmark_cell(ctx: _Context, q: Quantity, said: set[str]) -> bool:
    """`q` is a bare score (0 to 100) in a model card's table cell under or beside the name of a known
    benchmark the claim names (`said`, normalised)."""
    cell = ctx.cells.get(q.start)
    if not said or cell is None or q.unit is not Unit.COUNT or not 0 <= q.value <= 100:
        return False
    if _fiscal_year(ctx.passage) is not None:
        return False
    names = [
        _normalised_benchmark(cell.header),
        _normalised_benchmark(_row_benchmark(ctx.passage.text, cell) or ""),
    ]
    return any(name in _KNOWN_BENCHMARKS and name in said for name in names)


# A percentage said as a gap, not a score: "beats the 13B by about 2 percent", "3 percent better than".
_GAP_BEFORE = re.compile(r"\bby\s++(?:about\s++|like\s++|roughly\s++|around\s++)?+\Z", re.IGNORECASE)
_GAP_AFTER = re.compile(
    r"(?<!\s)\s*+(?:better|higher|more|lower|worse|ahead|behind|than|over)\b", re.IGNORECASE
)


def _compared_percent(claim_text: str, claimed: Quantity) -> bool:
    """The claimed percentage is a gap between two scores ("by 2 percent", "3 percent better")."""
    return bool(_GAP_BEFORE.search(claim_text, 0, claimed.start) or _GAP_AFTER.match(claim_text, claimed.end))


def _normalised_benchmark(name: str) -> str:
    """ "GSM-8K (CoT)" → "gsm8k": the name before any bracket, lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.split("(")[0].lower())


def _another_benchmarks_row(claim_names: list[str], row_benchmark: str) -> bool:
    """The claim names a known benchmark and the row's own benchmark is none of those it names."""
    said = {_normalised_benchmark(n) for n in claim_names} & _KNOWN_BENCHMARKS
    row = _normalised_benchmark(row_benchmark)
    return bool(said) and not any(b in row for b in said)


def _row_benchmark(text: str, cell: TableCell) -> str | None:
    """The benchmark named in the described row (of a passage's `text`) that holds `cell`, if it names
    one ("Math | Benchmark: GSM-8K (CoT) | … | Llama 3 70B Instruct: 93.0" names "GSM-8K (CoT)")."""
    said = f"{cell.header}: {cell.value}"
    for line in text.splitlines():
        if line.startswith(cell.row) and said in line:
            found = _ROW_BENCHMARK.search(line)
            return found.group(1).strip() if found else None
    return None


# A capitalised word inside a sentence, not after its start or a colon.
_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,)] )([A-Z][\w’'-]*)")


def _written_as_name(text: str) -> set[str]:
    """The words (stemmed as `measure_terms` stems them) a prose text writes capitalised inside a sentence
    and never in lower case, other than the words of a measure ("Net Sales", "Revenues")."""
    capital = {_stem(w.lower()) for w in _MID_CAPITAL.findall(text)}
    lower = {_stem(w) for w in re.findall(r"\b[a-z][\w’'-]*", text)}
    return capital - lower - _MEASURE_WORDS


# A table row labelled by a name ("Industrial", "Health Care", "Safety and Graphics", "Fios"): capitalised
# words, joined by "and", "of" or "&".
_NAME_LABEL = re.compile(r"[A-Z][\w'’-]*+(?:\s++(?:and|of|&|[A-Z][\w'’-]*+))*+")


def _by_name_only(
    claimed: Quantity, ctx: _Context, q: Quantity, said: set[str], figure_words: set[str]
) -> bool:
    """The words a prose figure shares with the claim (`said`: its measure words around the figure) are all
    names there ("Airbus continues to expand in the 100-150 seat … market" for "Airbus delivered 661", whose
    first word reads like any other word): it is aligned by name alone, which holds only for a claim that
    says no measure beside the name (the figure's own words, `figure_words`, aside), and never for other
    money (`_names_other_money`). True when it is not aligned."""
    if q.start in ctx.cells or _SIZE_FIGURE.fullmatch(claimed.text):
        return False  # (a model's size, "an 8B and a 70B model", is read by the size checks)
    row = _row_of(ctx, q)
    if not re.search(r"\b[a-z]", row):
        return False  # a label in title case ("2021 Reported Diluted EPS––$3.85") is no sentence of names
    names = _written_as_name(row)
    shared = _shared_measure(said, row, ctx)
    if not shared or not shared <= names:
        return False
    return bool(said - figure_words - names) or _names_other_money(claimed, ctx, q)


def _names_other_money(claimed: Quantity, ctx: _Context, q: Quantity) -> bool:
    """A sum of money said with no measure ("Comirnaty alone was 36.8 billion") is what the name took in;
    a figure whose row or sentence says it is other money ("amounts payable to BioNTech for the gross profit
    split for Comirnaty … $9.7 billion": a profit, a cost, a debt) is not aligned by the name alone."""
    if q.unit != Unit.USD or claimed.unit not in (Unit.USD, Unit.COUNT):
        return False
    return bool(measure_terms(_row_of(ctx, q), ctx.company) & (_NAMED_MEASURES - {"revenue"}))


def _names_row(ctx: _Context, q: Quantity, said: str | None = None) -> int:
    """1 when `q` sits in a filing's table row labelled by a name the claim (or `said`, a part of it) says
    ("[3M] Industrial's the biggest, twelve point three billion" and the row "Industrial | 2018: 12,267"),
    else 0: a name said first in a sentence reads like any capitalised word, so the claim's names alone miss
    it."""
    cell = ctx.cells.get(q.start)
    if cell is None or not _NAME_LABEL.fullmatch(cell.row) or cell.row.lower() in _GENERIC:
        return 0
    if _TOTAL_ROW.fullmatch(cell.row):
        return 0  # "Total" names no one: "returned like four point nine billion total"
    if _fiscal_year(ctx.passage) is None:
        return 0  # a model card's rows are named by what they measure ("MATH", "MMLU"), not by whom
    text = ctx.claim_text if said is None else said
    return int(bool(re.search(rf"(?<![\w-]){re.escape(cell.row)}(?![\w-])", text, re.IGNORECASE)))


# Words of a forecast: its figures are what someone expects, not what happened.
_PROJECTION = re.compile(
    r"\b(?:project(?:s|ed|ing|ions?)?|forecast(?:s|ed|ing)?|anticipat\w*|outlook|guidance|will|expects?|"
    r"expected)\b",
    re.IGNORECASE,
)
# A claim said as what happened ("Verizon's capex was 18.8 billion in 2023"), never of what a filing
# expected for a later year.
_SAID_AS_DONE = re.compile(
    r"\b(?:was|were|did|came|delivered|reported|grew|fell|rose|hit|made|spent|earned|posted|booked|ended|"
    r"generated|paid|sold|shipped|closed)\b",
    re.IGNORECASE,
)
# A speaker telling what a company guided to ("For Q1 Amazon guided operating income to between …"): a
# projection claimed (not "precision guided munitions", which a filing may print).
_GUIDED_TO = re.compile(
    r"\bguid(?:ed|es|ing)\s++(?:[\w-]++\s++){0,4}?(?:to|at|for)\b|\bguided\s++(?:up|down)\b", re.IGNORECASE
)
# "First quarter 2017", "Q4": a figure for part of a year.
_QUARTER = re.compile(
    r"\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[ -]quarter\b|\bQ[1-4]\b", re.IGNORECASE
)
# A figure said per quarter: "the quarterly dividend", "sixty cents per quarter" ("a quarter" is also 25%).
_PER_QUARTER = re.compile(r"\bquarterly\b|\b(?:per|each|every)\s++quarter\b", re.IGNORECASE)
_QUARTER_REACH = 40  # characters around a figure within which "quarterly" or "per quarter" is its own
# "from fifty two cents to ": the start of a move, just before where it went.
_WENT_TO = re.compile(r"\bfrom\b[^,.;:!?]{1,30}?\bto[ \t]++$", re.IGNORECASE)


def _per_quarter(claim_text: str, claimed: Quantity) -> bool:
    """The figure is said per quarter, within its own clause ("The quarterly dividend goes from fifty two
    cents", "sixty cents per quarter"; not "We pay a dividend every quarter, and sales were …")."""
    # where a move went is said per quarter when where it started is: "from fifty two cents to sixty"
    went = _WENT_TO.search(claim_text, max(0, claimed.start - _QUARTER_REACH), claimed.start)
    lo = max(0, (went.start() if went else claimed.start) - _QUARTER_REACH)
    lo = max(lo, claim_text.rfind(",", lo, claimed.start) + 1)
    hi = claimed.end + _QUARTER_REACH
    stop = claim_text.find(",", claimed.end, hi)
    return bool(_PER_QUARTER.search(claim_text, lo, hi if stop == -1 else stop))


# Measure words (as `measure_terms` stems them) of what is booked once, in the quarter it happens: a charge,
# a settlement, a deal.
_ONE_OFF = frozenset(
    {"charge", "charg", "settlement", "settl", "resolution", "penalty", "impairment", "acquisition", "acquir"}
)
# Words that tell one income (or margin) from another: net income is not operating income, nor
# (accumulated other) comprehensive income, nor retained earnings.
_MEASURE_KINDS = frozenset({"net", "operating", "gross", "comprehensive", "retained"})


# Income before taxes is another income than net income: "Income from continuing operations before
# provision/(benefit) for taxes on income", "pre-tax income".
_PRETAX = re.compile(r"\bbefore\b[^.;]{0,40}?\btax|\bpre-?tax\b", re.IGNORECASE)


# Operations that name the operating measure ("income from operations", "Net Cash Flow from Operations"), not
# continuing ones ("income from continuing operations" is the net income before discontinued operations).
_FROM_OPERATIONS = re.compile(r"\bfrom\s++operations\b", re.IGNORECASE)
# A kind tells one income, profit, margin or cash flow from another; of revenue ("Total operating revenues"),
# leases or liabilities it says nothing.
_OF_INCOME = re.compile(r"\b(?:income|profit|earnings|margin|loss|cash\s++flows?|EBITD?A?)\b", re.IGNORECASE)


def _kinds(text: str) -> set[str]:
    """Which income (or margin) a text names: "net", "operating", "gross", "pretax"."""
    if not _OF_INCOME.search(text):
        return {"pretax"} if _PRETAX.search(text) else set()
    terms = measure_terms(text)
    found = {kind for kind in _MEASURE_KINDS if _stem(kind) in terms}
    if _FROM_OPERATIONS.search(text):
        found.add("operating")  # "Net Cash Flow from Operations" is the operating cash flow
    return found | {"pretax"} if _PRETAX.search(text) else found


def _other_kind(claim_kinds: set[str], row: str) -> bool:
    """The claim says which income it means ("net") and the figure's row names only another ("operating",
    "before … taxes")."""
    row_kinds = _kinds(row)
    return bool(claim_kinds and row_kinds and not claim_kinds & row_kinds)


# The word a figure is said of, right before its verb ("Consumer postpaid phone churn was point eight one
# percent", "broadband net adds were nine hundred and four thousand"), the hedges between them skipped; and
# "in addition", which names no net additions.
_HEAD_OF_FIGURE = re.compile(
    r"(?<![\w'’-])([a-z][a-z-]*+)\s++(?:was|were|is|are)\s++"
    r"(?:(?:about|around|roughly|like|just|only|still|basically|nearly|almost|over|under|at|a|an)\s++){0,3}\Z"
)
_IN_ADDITION = re.compile(r"\b(?:in addition|additionally)\b", re.IGNORECASE)


def _head_unsaid(ctx: _Context, claimed: Quantity, figure: Quantity) -> bool:
    """The claim says its figure of a measure a filing reports (`_REPORTED`: "churn was …", "net adds were
    …", "operating loss was …") and the figure's row and sentence name another such measure but never the
    claim's: a figure that disagrees is that other measure's ("80% are postpaid connections", "Reality Labs
    revenue was $1,896 million"), and refutes nothing. Any other head word ("flow", "count", "opex") or a
    sum of any kind ("cost", "price") decides nothing: the alignment does."""
    said = _HEAD_OF_FIGURE.search(ctx.claim_text[max(0, claimed.start - 80) : claimed.start])
    if said is None:
        return False
    head = _reported(measure_terms(said.group(1), ctx.company)) - _SUMS
    around = _IN_ADDITION.sub(" ", f"{_about(ctx, figure)} {_row_of(ctx, figure)}")
    row = _reported(measure_terms(around, ctx.company))
    return bool(head) and bool(row) and not head & row


def _measure_unsaid(ctx: _Context, said: set[str], figure: Quantity) -> bool:
    """The claim says its figure is revenue or income (`_NAMED_SUMS` among the measure words `said` around
    it), and the figure, in a sentence of prose
    (not a table's cell), is said with no word of that measure (a loss is an income's): a figure that
    disagrees is of something else ("We purchased … another $170 million in bitcoin" against "The gross
    profit on bitcoin was like ninety seven million", "A net foreign currency remeasurement gain of $130
    million" against "Currency took like six hundred million off sales"), and refutes nothing. It may still
    agree: the alignment decides that."""
    if figure.start in ctx.cells:
        return False  # (a table's measure may be said in its caption: "Operating income (loss) by segment")
    said = said & _NAMED_SUMS
    if not said or _PER_SHARE.search(ctx.claim_text):
        return False  # (what a share earns is printed under a heading: "Diluted | 3.85")
    around = _as_sales(measure_terms(f"{_about(ctx, figure)} {_row_of(ctx, figure)}", ctx.company))
    if "loss" in around:
        around |= {"income"}  # (a net loss is what a claim of net income is checked by)
    return not said & around


# A figure said per share ("Diluted EPS was like five bucks", "forty one cents a share").
_PER_SHARE = re.compile(
    r"\bEPS\b|\bper[ \t]++(?:(?:diluted|basic|common)[ \t]++)?+share\b|\ba[ \t]++share\b", re.IGNORECASE
)
# Measures a filing names in few words, one of which its row or sentence always says ("net sales", "revenues",
# "net earnings", "operating income", "net loss"); a loss ("charges", "impairment"), debt ("senior notes",
# "borrowings", "commercial paper"), cash ("marketable securities") and a headcount ("people") are said in too
# many.
_NAMED_SUMS = frozenset({"revenue", "income"})


def _column_unsaid(ctx: _Context, figure: Quantity) -> bool:
    """A filing's cell under a column its header names by more than a period ("Biopharma | U.S. 2021:
    29,221", "Industrial | Operating Income 2018: 2,737") when the claim says none of that header's words:
    a figure that disagrees is another column's (a region's, another measure's), and refutes nothing."""
    cell = ctx.cells.get(figure.start)
    if cell is None or not cell.header or _fiscal_year(ctx.passage) is None:
        return False
    header = _header_words(cell.header) - _NEUTRAL_HEADER_WORDS
    if not header:
        return False
    said_terms = _as_sales(measure_terms(ctx.claim_text, ctx.company))
    return (
        not header & _header_words(ctx.claim_text)
        and not measure_terms(cell.header, ctx.company) & said_terms
    )


def _header_words(text: str) -> set[str]:
    """Lower-cased words, dots dropped ("U.S." and "US" are one)."""
    return {w.replace(".", "").lower() for w in _HEADER_WORD.findall(text)}


_HEADER_WORD = re.compile(r"[A-Za-z][A-Za-z.&'’-]*+")
# Words of a column header that name its period or how it is reported, not what the column is of.
_NEUTRAL_HEADER_WORDS = frozenset(
    {m.lower() for m in MONTH_NAMES}
    | set(
        "year years ended ending end fiscal fy as of at the total change changes quarter quarters month "
        "months three six nine twelve week weeks period in and for to vs versus from reported gaap "
        "consolidated actual amount amounts dollars millions thousands billions except per share data "
        "unaudited audited restated adjusted operational operationally current prior value values metric "
        "figure figures number numbers result results".split()
    )
)


def _reported(terms: set[str]) -> set[str]:
    """The measures a filing reports among `terms` ("adds" read as "addition")."""
    return {"addition" if t == "adds" else t for t in terms} & _REPORTED


def _row_of(ctx: _Context, q: Quantity) -> str:
    """What a figure measures: its table row and column, else its row or sentence around it."""
    cell = ctx.cells.get(q.start)
    return cell.describe() if cell is not None else row_or_sentence(ctx.passage.raw_text, q)


def _about(ctx: _Context, q: Quantity) -> str:
    """What names a figure's subject: its table row and column, else its sentence."""
    cell = ctx.cells.get(q.start)
    return cell.describe() if cell is not None else _sentence(ctx.passage.raw_text, q)


_SAME_ORDER = 0.9  # relative difference of two figures within a factor of ten of each other


def _up_to_next_figure(ctx: _Context, q: Quantity) -> str:
    """A figure's sentence up to the next figure in it (its table row and column for a cell): "Verizon paid
    $45.5 billion for the licenses it won, of which $44.6 billion was paid in the first quarter" dates
    only the second figure to a quarter, while "in the fourth quarter were $60.5 billion, compared with
    $43.7 billion" dates both."""
    cell = ctx.cells.get(q.start)
    if cell is not None:
        return cell.describe()
    lo, hi = local_bounds(ctx.passage.raw_text, q, window=200)
    # (a figure of another order, "or $3.75 per diluted share" after "$1.9 billion", is an aside: the
    # quarter after it is still this figure's)
    after = [
        f.start
        for f in ctx.figures
        if q.end <= f.start < hi
        and f.unit == q.unit
        and relative_difference(abs(f.value), abs(q.value)) <= _SAME_ORDER
    ]
    return ctx.passage.raw_text[lo : min(after, default=hi)]


def _no_figure(claimed: Quantity, ctx: _Context) -> NumberCheck:
    return NumberCheck(
        claim=claimed, evidence=None, outcome=Outcome.NO_FIGURE, passage_id=ctx.passage.passage_id
    )


# An amount said as the size of a change: "Total revenues increased $30.4 billion, or 10.4%", "an increase
# of $1.2 billion", "up $5 billion". It is compared only with a change amount, never with a level.
_CHANGE_AMOUNT = re.compile(
    r"(?:\b(?:increased|decreased|grew|rose|fell|declined|dropped|jumped|climbed|went\s+up|went\s+down|up|down)"
    r"(?:\s+by)?|\b(?:an?\s+)?(?:increase|decrease|decline|growth|rise|drop|reduction)s?\s+(?:of|by))"
    r"\s+(?:(?:approximately|about|nearly|almost|roughly|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)


# "The increase in Income from continuing operations before provision/(benefit) for taxes on income of
# $17.3 billion": the change named first, its measure between, the amount after "of".
_CHANGE_IN = re.compile(
    r"\b(?:increase|decrease|decline|growth|rise|drop|reduction)s?\s+in\s+[^.;:$\d]{1,120}?\s+of\s+"
    r"(?:(?:approximately|about|nearly|almost|roughly|over|more\s+than)\s+)?$",
    re.IGNORECASE,
)


def is_change_amount(text: str, q: Quantity) -> bool:
    """`q` (a dollar amount or a count) is said as the size of a change, not as a level."""
    if q.unit is Unit.PERCENT or q.change:
        return False
    if _CHANGE_AMOUNT.search(text[max(0, q.start - 40) : q.start]) is not None:
        return True
    return _CHANGE_IN.search(text[max(0, q.start - 160) : q.start]) is not None


def _fiscal_year(passage: Passage) -> int | None:
    """The fiscal year of a filing's passage ("FY2018"), None for other documents."""
    return passage.citation.fiscal_year


def _headed_by(ctx: _Context, said: set[str]) -> Callable[[Quantity], bool]:
    """Whether a figure's cell has a column header that says one of the measure words `said`."""
    wanted = said - _QUALIFIERS - {"total"}

    def headed(q: Quantity) -> bool:
        cell = ctx.cells.get(q.start)
        header = cell.header if cell is not None else ""
        return bool(header) and bool(wanted & measure_terms(header, ctx.company))

    return headed


def _field_of_measure(ctx: _Context, q: Quantity, claimed: Quantity) -> bool:
    """A model card's field whose header names the measure said with the claimed figure ("Context length:
    8k" for "a 128K context window"): the figure is that measure's however far off, up to two orders of
    magnitude (`level_max_gap` keeps figures of other rows out, and a field's header says whose row it is)."""
    cell = ctx.cells.get(q.start)
    if cell is None or not cell.header or _fiscal_year(ctx.passage) is not None or claimed.change:
        return False
    if relative_difference(abs(q.value), abs(claimed.value)) > MAX_SAME_MEASURE_GAP:
        return False
    if len(_claimed_figures(ctx.claim_text)) != 1:
        # a second figure may be another model's or another field's ("went 8K to 128K", "a vocabulary of
        # 128K and an 8K context"): which the field is compared with is a guess
        return False
    said = _said_measure(ctx, claimed) - _QUALIFIERS - {"total"}
    if not said & measure_terms(cell.header, ctx.company) & _FIELD_MEASURES:
        return False
    # a row of a variant the claim does not name ("Llama 3.2 1B (Quantized)", "-Vision") is another model's
    claim_words = set(_WORD_RE.findall(ctx.claim_text.lower()))
    return not (set(_WORD_RE.findall(cell.row.lower())) & _VARIANT_WORDS) - claim_words


# The measures a model card prints as fields of their own: what a claim about one says the figure is.
_FIELD_MEASURES = frozenset({"context", "parameter", "token", "vocabulary", "layer", "expert"})
# Words that make a card's row another variant of the model: "Quantized", "QLoRA", "SpinQuant", "Vision".
_VARIANT_WORDS = frozenset({"quantized", "quantised", "qlora", "spinquant", "qat", "vision"})
_WORD_RE = re.compile(r"[a-z0-9]++")


def _max_gap(claimed: Quantity, settings: Settings) -> float:
    """How far off a figure may be and still measure what `claimed` does (see `Settings.level_max_gap`)."""
    if claimed.change or claimed.unit not in (Unit.USD, Unit.COUNT):
        return MAX_SAME_MEASURE_GAP
    return min(MAX_SAME_MEASURE_GAP, settings.level_max_gap)


# A figure said as a multiple of another: "thirty two times the window", "four times bigger", "2.5x faster"
# (not "downloaded three hundred million times").
_MULTIPLE_AFTER = re.compile(
    r"(?<![ \t])(?:[ \t]*+x\b|[ \t]++times\b(?![ \t]*+(?:[.,;:!?)]|\Z|in\b|a\b|over\b|since\b)))",
    re.IGNORECASE,
)


def _check_figure(claimed: Quantity, ctx: _Context) -> NumberCheck:
    claimed_amount = is_change_amount(ctx.claim_text, claimed)
    raw = ctx.passage.raw_text
    since = set(years(ctx.claim_text)) if _SINCE.search(ctx.claim_text) else set()
    multiple = claimed.unit is Unit.COUNT and bool(_MULTIPLE_AFTER.match(ctx.claim_text, claimed.end))
    # a score on a benchmark ("83.6 on five-shot MMLU") is no count of tokens or parameters ("Maximum
    # generation length is 10 tokens" in the benchmark's notes)
    score_said = claimed.unit is Unit.COUNT and _scores_a_benchmark(ctx.claim_text, claimed)
    # a benchmark score said as a percentage ("about 64 percent on TruthfulQA") is the card's bare score
    # under the benchmark's column ("TruthfulQA: 64.14")
    said_benchmarks = (
        {_normalised_benchmark(n) for n in _BENCHMARK_NAME.findall(_segment(ctx.claim_text, claimed))}
        if claimed.unit is Unit.PERCENT
        and not claimed.change
        and not _compared_percent(ctx.claim_text, claimed)
        else set()
    )
    pool = [
        q.model_copy(update={"unit": Unit.PERCENT}) if _benchmark_cell(ctx, q, said_benchmarks) else q
        for q in ctx.figures
    ]
    candidates = [
        q
        for q in pool
        if q.unit in _COMPATIBLE[claimed.unit]
        # a row under a segment's heading the claim does not name is that segment's
        and not (ctx.unsaid_segment and q.start in ctx.cells)
        and not (score_said and q.unit in (Unit.TOKENS, Unit.PARAMETERS))
        and not _counts_something_else(ctx, claimed, q)
        # more than two orders of magnitude away measures something else (500 people vs 1 million)
        and (
            relative_difference(abs(q.value), abs(claimed.value)) <= _max_gap(claimed, ctx.settings)
            or _field_of_measure(ctx, q, claimed)
        )
        # a change is compared with changes, a level with levels (but see `_either_kind`: agreement only)
        and (q.change == claimed.change or q.unit != Unit.PERCENT or _either_kind(claimed, q, ctx))
        # "revenue was $322 billion" is not refuted by "revenues increased $30.4 billion"
        and is_change_amount(raw, q) == claimed_amount
        # a change since a year ("grown more than 70 percent since 2022") is read off that year's level and
        # the latest, or off a change whose sentence names that year ("up 88% from 2021"), never off another
        # year's change ("Revenue grew 16% year over year in 2023")
        and not (claimed.change and q.change and since and not since & set(years(_sentence(raw, q))))
        # a multiple ("thirty two times the window", "4x faster") is compared with a multiple only
        and (not multiple or bool(_MULTIPLE_AFTER.match(raw, q.end)))
    ]
    claim_years = _claim_years(ctx, claimed)
    earlier = not claimed.change and (
        bool(_FROM_BEFORE.search(ctx.claim_text[: claimed.start]))
        or _moved_from(ctx.claim_text, claimed)
        or _set_beside(ctx.claim_text, claimed)
    )
    other_period = False
    if claim_years and candidates:
        # A figure whose own sentence names another year ("$13.72 billion in 2022") is not the claim's
        # (`_year_of`).
        same = [q for q in candidates if _year_of(ctx, claimed, q) in claim_years | {None}]
        other_period = not same
        candidates = same or candidates
    elif candidates and not claimed.change and (current := _fiscal_year(ctx.passage)) is not None:
        # A claim that names no year speaks of the filing's own year: a table cell under an earlier year's
        # column ("Health Care | Net Sales 2017: 5,853" in the FY2018 10-K) is a comparison, not its figure;
        # the figure a change started from is the year before's ("five point eight from five point nine")
        candidates = [
            q
            for q in candidates
            if q.start not in ctx.cells
            or (year := _figure_year(ctx, q)) is None
            or (year == current - 1 if earlier else year >= current)
        ]
    if candidates and not claimed.change and not claim_years:
        # A claim that names no year speaks of the latest one the passage gives: "3.35 billion on average
        # for December 2024" settles "3.3 billion people use its apps every day", not "3.19 billion … for
        # December 2023" beside it.
        # (in a filing, a year after its own is what it expects, not what was)
        current = _fiscal_year(ctx.passage)
        dated = [(q, _figure_year(ctx, q)) for q in candidates]
        known = [y for _, y in dated if y is not None and (current is None or y <= current)]
        if known and current is not None and not earlier and any(y is None for _, y in dated):
            # and in a filing whose figure of its own year is undated, that year: "net income decreased to
            # $1.5 billion, as compared to $1.8 billion in 2018" gives 2018's as the comparison, not the
            # figure of "net income was 1.8 billion"
            known.append(current)
        if known:
            top = max(known)
            # (where a change started is the year before the latest the passage gives, where it gives it:
            # "net income of $7.5 billion … compared with … $8.1 billion … a year ago" for "dropped from
            # eight point one billion")
            before = [
                q
                for q, y in dated
                if earlier
                and y == top - 1
                and (
                    _said_of_year_before(ctx.passage.raw_text, q)
                    or _in_year_list(ctx, q)
                    or _DATED_AT.match(ctx.passage.raw_text, q.end) is not None
                )
            ]
            candidates = before or [q for q, y in dated if y is None or (y == top if earlier else y >= top)]
    claim_versions = _figure_versions(ctx.claim_text, claimed)
    other_version: set[str] = set()
    if claim_versions and candidates:
        # A figure whose sentence names only other model versions ("Llama 3.1 … 128K") is not the claim's;
        # one whose sentence names none is about the version its document's title names.
        title_versions = _versions(ctx.passage.citation.title)
        by_version = {id(q): _versions(_about(ctx, q)) or title_versions for q in candidates}
        same_version = [q for q in candidates if not by_version[id(q)] or by_version[id(q)] & claim_versions]
        if earlier and _fiscal_year(ctx.passage) is None:
            # on a model card, where a jump started ("[Llama 3.1 70B] jumped on MATH, from fifty one to sixty
            # eight") is the score of the version before, in its own column ("Llama 3 70B Instruct")
            before = [q for q in candidates if _earlier_versions(by_version[id(q)], claim_versions)]
            same_version = before or same_version
        if not same_version:
            other_version = set().union(*by_version.values())
        candidates = same_version or candidates
    claim_sizes = _sizes_for(ctx.claim_text, claimed)
    claim_total = bool(_CLAIMED_TOTAL.search(ctx.claim_text))
    other_model: str | None = None
    claim_variants = model_variants(ctx.claim_text)
    if claim_variants and candidates:
        # "[Llama 4 Maverick] do the ten million context" is not settled by the row "Llama 4 Scout (17Bx16E)
        # | Context length: 10M": a figure about another named model of the same family and version
        by_variant = {id(q): model_variants(_about(ctx, q)) for q in candidates}
        lines = {variant[:2] for variant in claim_variants}
        same_variant = [
            q
            for q in candidates
            if by_variant[id(q)] & claim_variants or not {v[:2] for v in by_variant[id(q)]} & lines
        ]
        if not same_variant:
            named = sorted({v[2] for q in candidates for v in by_variant[id(q)]})
            other_model = f"model {', '.join(named)} vs {', '.join(sorted(v[2] for v in claim_variants))}"
        candidates = same_variant or candidates
    if (
        candidates
        and claim_sizes
        and not claim_total
        and not _SIZE_FIGURE.fullmatch(claimed.text)
        and not other_model
    ):
        # A claim about one model size ("Llama 2 7B") is not settled by another size's row, nor by a total
        # over several models that names none ("Total", "a cumulative 3.3M GPU hours").
        by_size = {id(q): _size_context(_about(ctx, q)) for q in candidates}
        same_model = [q for q in candidates if _same_model(by_size[id(q)], claim_sizes)]
        if not same_model:
            named = sorted(
                set().union(*(sizes or {"total"} for sizes in by_size.values() if sizes is not None))
            )
            other_model = f"model {', '.join(named)} vs {', '.join(sorted(claim_sizes))}"
        candidates = same_model or candidates
    elif candidates and claim_total and not claim_sizes:
        # A claim about several models together ("in total", "a cumulative") reads a total where there is one.
        totals = [q for q in candidates if _AGGREGATE.search(_about(ctx, q))]
        candidates = totals or candidates
    filed_year = _fiscal_year(ctx.passage)
    after_filing = (
        bool(claim_years)
        and filed_year is not None
        and min(claim_years) > filed_year
        and not _SAID_AS_DONE.search(ctx.claim_text)
    )
    if candidates and not (
        _PROJECTION.search(ctx.claim_text) or _GUIDED_TO.search(ctx.claim_text) or after_filing
    ):
        # A projection ("we project demand for 41,170 new airplanes") settles no claim about what happened;
        # a claim about a year after the filing's can only be of what the filing expects ("eighteen and a
        # quarter to nineteen and a quarter billion for twenty three" in the FY2022 10-K: "We anticipate
        # cash requirements for our 2023 capital program to be between $18.25 billion and $19.25 billion").
        candidates = [q for q in candidates if not _PROJECTION.search(_about(ctx, q))]
    quarterly = False  # (the figure read is of another length of period than the claim's)
    per_quarter_claim = _per_quarter(ctx.claim_text, claimed)
    quarter_claim = per_quarter_claim
    if candidates and per_quarter_claim:
        # "The quarterly dividend goes from fifty two cents to sixty": a year's figure ("$2.08" of dividends
        # declared per share) is not a quarter's
        per_quarter = [
            q for q in candidates if _PER_QUARTER.search(about := _about(ctx, q)) or _QUARTER.search(about)
        ]
        quarterly = not per_quarter
        candidates = per_quarter or candidates
    elif (
        candidates
        and not claimed.change
        and not claim_years
        and _QUARTER.search(_clause_of(ctx.claim_text, claimed))
    ):
        # and a figure said of a quarter is not settled by the year's ("Net sales were a hundred and seventy
        # eight billion in Q4" beside "Net sales | 2017: 177,866", nor beside "$177.9 billion for 2017,
        # including $60.5 billion in the fourth quarter")
        of_quarter = [q for q in candidates if _QUARTER.search(_up_to_next_figure(ctx, q))]
        quarterly = quarter_claim = not of_quarter
        candidates = of_quarter or candidates
    elif (
        candidates
        and not _QUARTER.search(ctx.claim_text)
        and not claimed.change
        and not _said_measure(ctx, claimed) & _ONE_OFF
    ):
        # A claim about a year is not settled by a quarter's figure ("$1.0 billion in first quarter 2017");
        # a charge or a deal is booked in the quarter it happens ("In the first quarter of 2018, the
        # Minnesota NRD resolution ($897 million)" is the year's charge).
        yearly = [q for q in candidates if not _QUARTER.search(_up_to_next_figure(ctx, q))]
        quarterly = not yearly and not other_period
        other_period = other_period or not yearly
        candidates = yearly or candidates
    score = _alignment(ctx, claimed, candidates)
    kinds = _kinds(_window(ctx.claim_text, claimed))
    noun = counted_noun(ctx.claim_text, claimed)
    if noun is not None:
        # "470 stores", "128 experts": a count is settled only by a count of the same things, and not by a
        # span of time in the same sentence ("41,170 new airplanes over the next 20 years")
        candidates = [
            q
            for q in candidates
            if _counted_as(noun, measure_terms(_row_of(ctx, q), ctx.company))
            and (noun in _TIME_NOUNS or not _counts_time(ctx.passage.raw_text, q))
            # a figure that says what it counts counts that ("186,700 retirees" beside "117,100 employees")
            and not _counts_other(ctx.passage.raw_text, q, noun)
        ]
    elif _counts_people(ctx.claim_text, claimed):
        # "3.3 billion people use its apps": only a count of people, users or members settles it, never
        # the income of the "Family of Apps" row
        candidates = [q for q in candidates if _PEOPLE_WORDS.search(_row_of(ctx, q))]
    # A figure said with no measure word ("Digital Experience is 4.4 billion") aligns on the names alone.
    said = _said_measure(ctx, claimed)
    figure_words = {t for q in figures(ctx.claim_text) for t in measure_terms(q.text)}
    unnamed = not said - figure_words - {"total"}  # ("total" names no measure: "400 billion total")
    # A row labelled by a name the claim says aligns a figure said with no measure of money ("[3M]
    # Industrial's the biggest, twelve point three billion"), as a figure said with none at all would.
    by_name = not said & _MONEY_MEASURES
    aligned = [
        q
        for q in candidates
        if (
            (score[id(q)][1] > 0 and not _by_name_only(claimed, ctx, q, said, figure_words))
            or (
                (unnamed or (by_name and _names_row(ctx, q)))
                and score[id(q)][0] > 0
                and not _names_other_money(claimed, ctx, q)
            )
        )
        and not _other_kind(kinds, _row_of(ctx, q))
        # ("Net interest income | 9,895" is no "net income", "issued: 2021—9,471" no sum of money)
        and not _another_measure(ctx, claimed, q)
        # "Digital Experience revenue … or 14%" is a part's, not "[Adobe's revenue]"
        and not _part_of_another(claimed, ctx, q, claim_years)
        and not _other_subjects_clause(ctx, claimed, q)
        and not _other_score(ctx, claimed, q)
    ]
    if not aligned:
        if claimed.change or claimed_amount:
            growth = _check_growth(claimed, ctx)
            if growth.outcome == Outcome.NO_FIGURE:
                return _nearby_agrees(claimed, ctx, candidates) or growth
            return growth
        # (a verb of sales says "revenue", as `_alignment` reads it, and is no word a page prints)
        measure = _as_sales(said - figure_words) - _SALES_VERBS
        return (
            _wordless_match(claimed, ctx, candidates, measure)
            or _one_cell_agrees(claimed, ctx, candidates)
            or _in_millions_agrees(claimed, ctx, measure)
            or _unscaled_agrees(claimed, ctx, measure)
            or _billions_in_millions_agrees(claimed, ctx, measure)
            or _nearby_agrees(claimed, ctx, candidates)
            or _pair_agrees(claimed, ctx)
            or _bare_percent_agrees(claimed, ctx, measure)
            or _no_figure(claimed, ctx)
        )
    best = max(score[id(q)] for q in aligned)
    # (a cell whose column header says the claim's measure comes first: every cell of "Llama 3 | … | Params:
    # 8B" names parameters in its row, but only "Params" is the parameters', not "Token count: 15T+")
    headed = _headed_by(ctx, said)
    closest = min(
        (q for q in aligned if score[id(q)] == best),
        key=lambda q: (not headed(q), relative_difference(abs(q.value), abs(claimed.value))),
    )
    ok = _agrees(claimed, closest, ctx.settings) or (
        claimed.change
        and _multiple_agrees(
            claimed, abs(closest.value) if claimed.direction >= 0 else -abs(closest.value), ctx.settings
        )
    )
    if not claimed.change and _someone_else(ctx, closest, claimed):
        return _no_figure(claimed, ctx)
    if not ok and closest.unit is Unit.PERCENT and closest.change != claimed.change:
        return _no_figure(claimed, ctx)  # (a percentage of the other kind only ever agrees)
    if not ok and closest.start in ctx.note_scaled:
        return _no_figure(claimed, ctx)  # (a scale read off the unit statement refutes nothing)
    if not ok and _unscaled_small(ctx, claimed):
        return _no_figure(claimed, ctx)
    if not ok and _head_unsaid(ctx, claimed, closest):
        return _no_figure(claimed, ctx)
    if not ok and _column_unsaid(ctx, closest):
        return _no_figure(claimed, ctx)
    if not ok and _measure_unsaid(ctx, said, closest):
        return _no_figure(claimed, ctx)
    if not ok and _part_unnamed(ctx, claimed, closest, score[id(closest)][0]):
        return _no_figure(claimed, ctx)
    if (
        not ok
        and score[id(closest)][1] == 0
        and not _names_row(ctx, closest, _clause_of(ctx.claim_text, claimed))
        and not _same_word_after(ctx, claimed, closest)
        and not _close_shares(claimed, closest, ctx.settings)
    ):
        # aligned on a name alone, a figure that disagrees may be any measure of that name ("MedTech was
        # twenty seven point four" beside MedTech's 3.4% growth): only agreement is read so, unless it is the
        # figure of a filing's row labelled by that name ("Industrial | 2018: 12,267") or both figures are
        # followed by the same word ("four hundred and fifty billion total" beside "400B (Total)"), or both
        # are percentages of a size ("Consumer's twenty five percent" beside "Consumer Business (15.5% of
        # consolidated sales)")
        return _no_figure(claimed, ctx)
    outcome = Outcome.MATCH if ok else Outcome.MISMATCH
    reason = None
    claim_sign = claimed.direction or direction_near(ctx.claim_text, claimed.start, claimed.end)
    evidence_sign = closest.direction or direction_near(ctx.passage.raw_text, closest.start, closest.end)
    if claimed.change and claim_sign and evidence_sign and claim_sign != evidence_sign:
        outcome, reason = Outcome.MISMATCH, "direction"
    elif claimed.change and not ok and claim_sign == evidence_sign != 0:
        outcome = _size_outcome(claimed.value, closest.value)
    elif ok and claim_sign and _moved_otherwise(ctx, claimed, closest, claim_sign):
        outcome, reason = Outcome.MISMATCH, "direction"
    figure_mismatch = ctx.mismatch
    if figure_mismatch is None and quarterly:
        said_year = f"the year {_years_text(claim_years)}" if claim_years else "a year"
        figure_mismatch = (
            "a year's figure vs a quarter's" if quarter_claim else f"a quarter's figure vs {said_year}"
        )
    elif figure_mismatch is None and other_period:
        figure_mismatch = f"period {_figure_year(ctx, closest)} vs {_years_text(claim_years)}"
    if figure_mismatch is None and other_model:
        figure_mismatch = other_model
    if (
        figure_mismatch is None
        and not ok
        and not claim_sizes
        and not claimed.change
        and _ADDS_UP.search(_window(ctx.claim_text, claimed))
    ):
        # what a whole family took ("Llama 3 took 7.7 million GPU hours") is not refuted by one size's row
        # ("Llama 3 8B | Time (GPU hours): 1.3M"): the family's is the sum
        sizes = _size_context(_about(ctx, closest))
        if sizes and _fiscal_year(ctx.passage) is None:
            figure_mismatch = f"model {', '.join(sorted(sizes))} vs the whole family"
    if (
        figure_mismatch is None
        and not ok
        and claim_total
        and claim_variants
        and _fiscal_year(ctx.passage) is None
        and not _AGGREGATE.search(_about(ctx, closest))
    ):
        # what several models took together ("Pre-training for both was about seven point four million GPU
        # hours") is not refuted by one model's row ("Llama 4 Maverick | 2.38M"), whatever model the claim's
        # subject names
        named = sorted({v[2] for v in model_variants(_about(ctx, closest))})
        figure_mismatch = f"model {', '.join(named) or 'one'} vs the models together"
    if figure_mismatch is None and other_version:
        figure_mismatch = f"version {', '.join(sorted(other_version))} vs {', '.join(sorted(claim_versions))}"
    if figure_mismatch is not None:
        outcome = Outcome.OTHER_CONTEXT
    return NumberCheck(
        claim=claimed,
        evidence=closest,
        outcome=outcome,
        relative_error=relative_difference(abs(closest.value), abs(claimed.value)),
        context_mismatch=figure_mismatch,
        alignment=score[id(closest)][0] * 100 + score[id(closest)][1],
        row_terms=frozenset(measure_terms(_about(ctx, closest), ctx.company)),
        passage_id=ctx.passage.passage_id,
        reason=reason,
    )


def _year_of(ctx: _Context, claimed: Quantity, q: Quantity) -> int | None:
    """The year a candidate figure is of, for a claim that names its years: the one its sentence or column
    ties it to (`_figure_year`). For a claimed change, only a change printed in a list of changes is dated, by
    the year the list pairs it with: "AWS sales increased 55% and 43% in 2016 and 2017" gives 2016's growth
    as 55%, not 2017's (a change is not dated by the year it is measured from, "a decrease of 0.5% from
    2021"); other figures are None, any year's."""
    if not claimed.change:
        return _figure_year(ctx, q)
    if not q.change or q.start in ctx.cells:
        return None
    return paired_year(ctx.passage.raw_text, q)


def _either_kind(claimed: Quantity, q: Quantity, ctx: _Context) -> bool:
    """A percentage of the other kind (a change for a level, a level for a change) that agrees with the
    claimed one may settle it where the claim cannot say which it is: a bare level said back as an answer
    ("Ten percent.", "Twenty one, it says twenty one." after "Document Cloud grew like forty percent") is
    the change asked about, unless it says what it is a share of ("seventy three percent of them", "the
    margin"); a change said of a table cell ("No, mobile was up, like one percent" beside "Mobile and
    ancillary | 2,203 | 2,175 | 28 | 1") reads the cell of a "% change" column, which prints no sign of
    being one. Only agreement is read so (`_check_figure`)."""
    if claimed.unit is not Unit.PERCENT or not _agrees(claimed, q, ctx.settings):
        return False
    if claimed.change:
        # a cell of a "% change" column, whose row names no level ("Operating margins | 15 %", "Gross profit
        # as a % of revenue | 21.4 %")
        raw = ctx.passage.raw_text
        return (
            (q.start in ctx.cells or not _LETTER.search(row_or_sentence(raw, q)))
            and bool(_CHANGE_COLUMN.search(raw))
            and not _LEVEL_ROW.search(_row_of(ctx, q))
        )
    return not _LEVEL_OF.match(ctx.claim_text, claimed.end) and not _said_measure(ctx, claimed) & _LEVELS


# What a level percentage is of: "seventy three percent of them", "a 19.9% stake", "twelve point eight
# percent margin".
_LEVEL_OF = re.compile(r"(?<!\s)\s*+(?:of|in|stake|interest|ownership|margin|share)\b", re.IGNORECASE)
_CHANGE_COLUMN = re.compile(r"%\s*+change|percent(?:age)?+\s++change|\bchange\b", re.IGNORECASE)
_LEVEL_ROW = re.compile(
    r"\b(?:margins?|rates?|returns?|shares?|yields?|percentage|ratio|of\s++(?:total\s++)?+(?:net\s++)?+"
    r"(?:revenues?|sales))\b|%\s*+of\b",
    re.IGNORECASE,
)
_LEVELS = frozenset(
    {"margin", "share", "stake", "interest", "ownership", "rate", "churn", "yield", "mix", "penetration"}
)


def _wordless_match(
    claimed: Quantity, ctx: _Context, candidates: list[Quantity], said: set[str]
) -> NumberCheck | None:
    """A filing's figure with no words in its row (a PDF table printed column by column: "21,979" far from
    "Net income attributable to Pfizer") that rounds to the claimed figure at the digits the claim says, in
    a passage that names every measure word the claim says there (`said`) and one of its names if it says
    any, and about the filing's own year. Only agreement is read this way: the row cannot tell which measure
    or year a disagreeing figure is."""
    if (
        claimed.bound not in (Bound.EXACT, Bound.APPROX)
        or _significant_digits(claimed.value) < ctx.settings.wordless_min_digits
        or (current := _fiscal_year(ctx.passage)) is None
        # which column a wordless figure is in cannot be read: only a claim about the filing's own year
        or not _claim_years(ctx, claimed) <= {current}
    ):
        return None
    # every measure word said around the figure, and one of its names if it says any: "Net debt" is not
    # named by a page that says "net income" and "debt" nowhere
    if not (said | ctx.entities) or not _says(ctx, said):
        return None
    for q in candidates:
        if (
            q.start not in ctx.cells
            and not _LETTER.search(row_or_sentence(ctx.passage.raw_text, q))
            and _rounds_to(claimed.value, q.value)
        ):
            return _agreement(claimed, ctx, q)
    return None


_LETTER = re.compile(r"[^\W\d_]")
# What a filing prints its money in when a page states no unit: "$36,781" in Pfizer's product table (whose
# "(MILLIONS)" is pages away) is $36.8 billion. (Said in prose with its scale, "$583 million", an amount is
# read as said.)
_FILING_TABLE_SCALE = 1e6
# A table amount as printed: a dollar sign or a thousands separator ("$36,781", "16,951").
_PRINTED_AMOUNT = re.compile(r"^\$|\d,\d{3}")


def _says(ctx: _Context, said: set[str]) -> bool:
    """The passage names every measure word in `said`, and one of the claim's names if it says any; what
    was spent on something named ("spent thirteen point eight billion on R&D") is that thing's expense, in
    whatever word the filing prints it ("Research and development expenses")."""
    terms = measure_terms(ctx.passage.text, ctx.company)
    needed = said - {"spend"} or said
    return needed <= terms and (not ctx.entities or bool(ctx.entities & terms))


def _in_millions_agrees(claimed: Quantity, ctx: _Context, said: set[str]) -> NumberCheck | None:
    """In a filing's passage that states no unit, the one printed amount that agrees, read in millions, with
    a sum said in millions or billions ("Comirnaty alone was thirty six point eight billion" beside
    "Global Revenues $36,781"), when the passage names every measure word the claim says there (`said`) and
    one of its names if it says any, about the filing's own year. Only agreement is read this way: the
    scale is the filing's habit, not the page's word."""
    if (
        claimed.unit not in (Unit.USD, Unit.COUNT)
        or claimed.bound not in (Bound.EXACT, Bound.APPROX)
        or abs(claimed.value) < 1e6
        or (current := _fiscal_year(ctx.passage)) is None
        or unit_scale(ctx.passage.text) != 1.0
        or not _claim_years(ctx, claimed) <= {current}
    ):
        return None
    if not (said | ctx.entities) or not _says(ctx, said):
        return None
    agreeing = [
        _valued(q, written * _FILING_TABLE_SCALE)
        for q in ctx.figures
        if q.unit in (Unit.USD, Unit.COUNT)
        and _PRINTED_AMOUNT.search(q.text)
        and (written := _written(q)) is not None
        and abs(q.value) == written
        and _agrees(claimed, _valued(q, written * _FILING_TABLE_SCALE), ctx.settings)
    ]
    return _agreement(claimed, ctx, agreeing[0]) if len(agreeing) == 1 else None


def _billions_in_millions_agrees(claimed: Quantity, ctx: _Context, said: set[str]) -> NumberCheck | None:
    """A sum of money said in billions with no scale ("[Verizon's free cash flow] was thirty seven point one
    last year") read as `_in_millions_agrees` reads "thirty seven point one billion" beside a filing's
    "37,141": a number with a decimal part from 1 to 1,000, said of a measure of money (`said`). Only
    agreement is read this way."""
    if (
        claimed.unit is not Unit.COUNT
        or claimed.change
        or _SCALE_SAID.search(claimed.text)
        or not 1 <= abs(claimed.value) < 1000
        or claimed.value == int(claimed.value)
        or not said & _MONEY_MEASURES
    ):
        return None
    billions = _valued(claimed, claimed.value * 1e9)
    check = _in_millions_agrees(billions, ctx, said)
    if check is None and unit_scale(ctx.passage.text) != 1.0:
        # a page that states its unit ("(dollars in millions)") has its amounts read in it already
        current = _fiscal_year(ctx.passage)
        if current is None or not _claim_years(ctx, claimed) <= {current} or not _says(ctx, said):
            return None
        agreeing = [
            q
            for q in ctx.figures
            if q.unit in (Unit.USD, Unit.COUNT)
            and _PRINTED_AMOUNT.search(q.text)
            and _agrees(billions, q, ctx.settings)
        ]
        check = _agreement(billions, ctx, agreeing[0]) if len(agreeing) == 1 else None
    return None if check is None else check.model_copy(update={"claim": claimed})


# A scale said with a sum: "million", "bn", "12k".
_SCALE_SAID = re.compile(
    r"\b(?:thousand|million|billion|trillion|grand)s?+\b|\d[ \t]*+(?:k|m|mm|bn?|t)\b", re.IGNORECASE
)
# Amounts a sum said with no scale may be read in ("two fifteen" for $215 million).
_SPOKEN_SCALES = (1e6, 1e9)


def _unscaled_agrees(claimed: Quantity, ctx: _Context, said: set[str]) -> NumberCheck | None:
    """The one amount of money in the passage that agrees, read in millions or billions, with a sum a speaker
    says with no scale ("Three sixty five, net cash" beside "net cash proceeds of $365 million"), when the
    claim says which money it is (a word of money in `said`) and the amount's own sentence or row says it too,
    the passage names every measure word the claim says there and one of its names if it says any (`_says`),
    and the amount is of the claim's year if it says one. Only agreement is read this way: the scale was
    never said."""
    if (
        claimed.unit is not Unit.COUNT
        or claimed.change
        or claimed.bound not in (Bound.EXACT, Bound.APPROX)
        or not 1 <= abs(claimed.value) < 1000
        or _SCALE_SAID.search(claimed.text)
        or not (money := said & (_MONEY_MEASURES | _MONEY_NOUNS))
        or counted_noun(ctx.claim_text, claimed) is not None
    ):
        return None
    if not _says(ctx, said):
        return None
    years = _claim_years(ctx, claimed)
    agreeing = {
        q.value: q
        for q in ctx.figures
        # money: a dollar amount, or a table's cell in its unit (never "27 million shares")
        if (q.unit == Unit.USD or (q.unit == Unit.COUNT and q.start in ctx.cells))
        # the money the claim says, said where the figure is ("net cash proceeds of $365 million", not
        # "repurchased $365 million of ordinary shares")
        and money & measure_terms(_about(ctx, q), ctx.company)
        and not q.change
        and abs(q.value) >= min(_SPOKEN_SCALES)
        and (not years or _figure_year(ctx, q) in years | {None})
        and any(_agrees(_valued(claimed, claimed.value * scale), q, ctx.settings) for scale in _SPOKEN_SCALES)
    }
    return _agreement(claimed, ctx, next(iter(agreeing.values()))) if len(agreeing) == 1 else None


def _nearby_agrees(claimed: Quantity, ctx: _Context, candidates: list[Quantity]) -> NumberCheck | None:
    """The one value the passage prints that agrees with a figure said with too few words to align ("[3M]
    Consumer, that's Post-it and Scotch tape, four point eight billion" beside "Sales in Consumer totaled
    $4.8 billion"), rounded to the digits said, where the words printed with it (`_printed_near`) share a
    word of the claim's there that names something (not a measure, a total or "segment"), print every
    measure and one of the names the claim says there, and pass the guards every aligned figure passes. A
    filing's amount with no scale printed is also read in millions (`_in_millions`). Only agreement is read
    this way: which figure a disagreeing claim meant is not said."""
    settings = ctx.settings
    if _wide_range(claimed, settings) or (
        _significant_digits(claimed.value) < 2 and claimed.unit != Unit.PERCENT
    ):
        return None  # ("double digits" or "six billion" agrees with too many figures)
    # (the document's own subject, "Llama" on a Llama card, is printed near every figure of it)
    title = measure_terms(ctx.passage.citation.title, ctx.company)
    window = _window(ctx.claim_text, claimed)
    said = (measure_terms(window, ctx.company) - _SCALE_WORDS - title) | model_sizes(window)
    naming = said - _NOT_NAMING
    # a sum or a share said to enough digits in a filing, whose layout pdftotext may have broken, needs no
    # word in common ("US was forty eight point six billion" beside "Sales by U.S. companies were $48.6
    # billion"); not a bare count, which may be a name ("the 777X"), nor a model card's row, read as it stands
    wordless = (
        _fiscal_year(ctx.passage) is not None
        and _significant_digits(claimed.value) >= settings.nearby_wordless_digits
        and claimed.bound in (Bound.EXACT, Bound.APPROX)
        and (claimed.unit in (Unit.USD, Unit.PERCENT) or bool(_SCALE_SAID.search(claimed.text)))
    )
    if not naming and not wordless:
        return None
    # every measure the claim says is printed with the figure ("backlog", "operating income"), and one of its
    # names if it says any ("Pharmaceutical" is not "Consumer Health"; "Kimberly-Clark" is not 3M)
    sizes = model_sizes(window)
    measures = (_said_measure(ctx, claimed) & (_MONEY_MEASURES | _REPORTED | _OTHER_MEASURES)) - _QUALIFIERS
    names = (_named(ctx.claim_text, ctx.company) & said) - sizes - _NOT_NAMING
    pool = [(q, False) for q in candidates] + [(q, True) for q in _in_millions(claimed, ctx)]
    benchmark_names: list[str] = _BENCHMARK_NAME.findall(_segment(ctx.claim_text, claimed))
    kinds = _kinds(window)
    raw = ctx.passage.raw_text
    agreeing = {
        q.value
        for q, _ in pool
        if _of_claimed_year(ctx, claimed, q)
        and q.change == claimed.change
        and not (claimed.change and claimed.direction * q.direction < 0)
        and _agrees_to_digits(claimed, q, settings)
        # ("sixty percent" is not 55%: a share said to one digit agrees with that whole percentage only)
        and (_significant_digits(claimed.value) >= 2 or abs(q.value) == abs(claimed.value))
        and ((printed := _printed_near(ctx, q)) & naming or wordless)
        and measures <= printed
        and (not names or bool(names & printed))
        # (not the figure a sentence compares with: "compared with $3.4 billion in the prior year")
        and not _COMPARED_BEFORE.search(raw, max(0, q.start - 25), q.start)
        and not _PRIOR_AFTER.match(raw, q.end)
        # (the model size printed right beside the figure is the claim's: "66.7 for 8B, 79.3 for 70B")
        and not (sizes and (own := _size_beside(raw, q)) and not own & sizes)
        # (the guards every aligned figure passes)
        and (q.start in ctx.cells or not _names_a_part(ctx, q))
        and not _other_kind(kinds, _row_of(ctx, q))
        and not _other_subjects_clause(ctx, claimed, q)
        and not _other_score(ctx, claimed, q)
        and not _another_benchmarks_cell(ctx, q, benchmark_names)
    }
    if len(agreeing) != 1:
        return None
    value = agreeing.pop()
    return _agreement(claimed, ctx, next(q for q, _ in pool if q.value == value))


# Measures of no money that a claim may say: the figure must be printed with them too.
_OTHER_MEASURES = frozenset({"backlog", "order", "booking"})
# A figure a sentence compares with: "compared with $3.4 billion", "versus", "from".
_COMPARED_BEFORE = re.compile(
    r"\b(?:compared\s++(?:with|to)|versus|from)\s++(?:about\s++|approximately\s++)?+\$?+$", re.IGNORECASE
)
# ... and said of the year before, after it: "$3.4 billion in the prior year", "a year earlier".
_PRIOR_AFTER = re.compile(
    r"[^.;,]{0,30}?\b(?:(?:in\s++)?the\s++prior\s++year|a\s++year\s++(?:ago|earlier))\b", re.IGNORECASE
)
# A model size printed in digits: "70B".
_SIZE_AT = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)B\b")


def _size_beside(raw: str, q: Quantity) -> set[str]:
    """The model size printed right after (else right before) a figure: "79.3 for 70B"."""
    after = {f"{m.group(1)}b" for m in _SIZE_AT.finditer(raw[q.end : q.end + 10])}
    return after or {f"{m.group(1)}b" for m in _SIZE_AT.finditer(raw[max(0, q.start - 10) : q.start])}


def _pair_agrees(claimed: Quantity, ctx: _Context) -> NumberCheck | None:
    """Two figures said together that a filing prints together: a claim too elliptical to align ("[Corning]
    Display made more, seven sixty nine versus six sixty one.", "GAAP operating margin was nineteen point
    one, down from twenty point eight") is read where one place of the passage prints a value agreeing with
    the claimed figure and, within `pair_window` characters, another agreeing with another figure of the
    claim (rounded to the digits said; a percentage said may be a table's bare number, "21" of "$ 5,970
    $ 4,949 21"), each of both said to `pair_min_digits` significant digits (`_pairable`), and one value
    only agrees so. Only agreement is read this way: what a disagreeing pair would be is not said."""
    settings = ctx.settings
    if (
        claimed.bound not in (Bound.EXACT, Bound.APPROX)
        or _fiscal_year(ctx.passage) is None
        or not _pairable(ctx.claim_text, claimed, settings)
    ):
        return None
    others = [
        o
        for o in _claimed_figures(ctx.claim_text)
        if o.start != claimed.start
        and o.unit not in (Unit.YEAR, Unit.SIZE_LABEL)
        and o.bound != Bound.RANGE
        and _pairable(ctx.claim_text, o, settings)
    ]
    raw = ctx.passage.raw_text
    partners = [q2.start for other in others for q2 in _pair_pool(other, ctx)]
    found: dict[float, Quantity] = {}
    for q in _pair_pool(claimed, ctx):
        if any(
            start != q.start and abs(start - q.start) <= settings.pair_window for start in partners
        ) and not _COMPARED_BEFORE.search(raw, max(0, q.start - 25), q.start):
            found.setdefault(q.value, q)
    if len(found) != 1:
        return None
    return _agreement(claimed, ctx, next(iter(found.values())))


def _pairable(claim_text: str, q: Quantity, settings: Settings) -> bool:
    """A claimed figure the pair rule may read: said to `pair_min_digits` significant digits or more, in
    words or with a unit (not "787" or "Prevnar 20", names written in digits), not a word of change or a
    fraction ("doubled", "a quarter") and not put in by the rewrite ("[2022]")."""
    return (
        _significant_digits(q.value) >= settings.pair_min_digits
        and not (q.unit is Unit.COUNT and q.text.strip().replace(",", "").isdigit())
        and not (q.change and not re.search(r"\d|percent|%", q.text, re.IGNORECASE))
        and not _FRACTION_WORD.search(q.text)
        and claim_text.rfind("[", 0, q.start) <= claim_text.rfind("]", 0, q.start)
    )


_FRACTION_WORD = re.compile(r"\b(?:half|third|quarter|fifth|double|twice|triple)\b", re.IGNORECASE)


def _pair_pool(claimed: Quantity, ctx: _Context) -> list[Quantity]:
    """The passage's values that agree with one figure of a pair (`_pair_agrees`): of the claim's year, or of
    the filing's own where the claim says none (a value whose sentence names another year, "(2021: $3.7
    billion)", is not); not a projection; of the claimed sign; read in millions only for money said."""
    raw = ctx.passage.raw_text
    current = _fiscal_year(ctx.passage)
    claim_years = _claim_years(ctx, claimed)
    money = claimed.unit is Unit.USD or bool(_said_measure(ctx, claimed) & _MONEY_MEASURES)
    # (where a move began is the year before's: "twenty five percent, up from nineteen")
    earlier = not claimed.change and bool(_FROM_BEFORE.search(ctx.claim_text[: claimed.start]))
    year = None if current is None else current - 1 if earlier else current
    pool = list(ctx.figures) + (_in_millions(claimed, ctx) if money else [])
    return [
        q
        for q in pool
        if _significant_digits(abs(q.value)) >= ctx.settings.pair_min_digits
        and (claimed.change or (q.value >= 0) == (claimed.value >= 0))
        and (claim_years or _figure_year(ctx, q) in (None, year))
        and not _PROJECTION.search(_about(ctx, q))
        and (
            q.unit in _COMPATIBLE[claimed.unit]
            # a percentage said, a table's bare number: "21" of "$ 5,970 $ 4,949 21"
            or (
                claimed.unit is Unit.PERCENT
                and q.unit is Unit.COUNT
                and abs(q.value) < 1000
                and not _LETTER.search(row_or_sentence(raw, q))
            )
        )
        and (
            q.unit is not Unit.PERCENT
            or claimed.unit is not Unit.PERCENT
            or q.change == claimed.change
            or _either_kind(claimed, q, ctx)
        )
        and not (claimed.change and claimed.direction * q.direction < 0)
        and _agrees_to_digits(claimed, q, ctx.settings)
        and _of_claimed_year(ctx, claimed, q)
    ]


def _of_claimed_year(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """`q` is of the year the claim says, if it says one: by its own date, or, undated, in a filing of that
    year (an undated cell of an interleaved table may be any year's)."""
    said = _claim_years(ctx, claimed)
    if not said:
        return True
    year = _figure_year(ctx, q)
    if year is not None:
        return year in said
    current = _fiscal_year(ctx.passage)
    return current is not None and said <= {current}


def _agrees_to_digits(claimed: Quantity, q: Quantity, settings: Settings) -> bool:
    """`q` rounds to the claimed figure's digits ("63.8 billion" is not $63,106 million, though within 2%);
    a bound or range holds as said, and a bound's figure rounds to `q` too."""
    if claimed.bound == Bound.RANGE:
        return within_tolerance(claimed, q.value, settings)
    if claimed.bound in (Bound.AT_LEAST, Bound.AT_MOST):
        return within_tolerance(claimed, q.value, settings) and _rounds_to(claimed.value, q.value)
    return _rounds_to(claimed.value, q.value)


def _in_millions(claimed: Quantity, ctx: _Context) -> list[Quantity]:
    """A filing's whole amounts printed with no scale, read in millions, for a sum said in millions or more
    about the filing's year: a cell, a printed amount ("$36,781"), or a bare number ("132") when the sum is
    said to `nearby_bare_digits` digits."""
    current = _fiscal_year(ctx.passage)
    if (
        claimed.unit not in (Unit.USD, Unit.COUNT)
        or claimed.change
        or abs(claimed.value) < _FILING_TABLE_SCALE
        or current is None
        or unit_scale(ctx.passage.text) not in (1.0, _FILING_TABLE_SCALE)
        or not _claim_years(ctx, claimed) <= {current}
    ):
        return []
    bare = _significant_digits(claimed.value) >= ctx.settings.nearby_bare_digits
    return [
        _valued(q, written * _FILING_TABLE_SCALE)
        for q in ctx.figures
        if q.unit in (Unit.USD, Unit.COUNT)
        # (a decimal in a table in millions is a per-share amount or a ratio)
        and "." not in q.text
        and (_PRINTED_AMOUNT.search(q.text) or q.start in ctx.cells or bare)
        and (written := _written(q)) is not None
        and abs(q.value) == written
    ]


def _printed_near(ctx: _Context, q: Quantity) -> set[str]:
    """The words printed with a figure: its sentence or row, and in a filing the labels just before and after
    it (pdftotext lays some tables out column by column, a row's label after its first cell: "Global
    Revenues $36,781 Comirnaty(a)", or alone on the line before a bare cell), with what their shorthand
    stands for ("ARR": "annualized recurring revenue")."""
    raw = ctx.passage.raw_text
    text = _about(ctx, q)
    if _fiscal_year(ctx.passage) is not None:  # (pdftotext's layout is a filing's)
        before = max((f.end for f in ctx.figures if f.end <= q.start), default=0)
        after = min((f.start for f in ctx.figures if f.start >= q.end), default=len(raw))
        label_before = raw[max(before, q.start - _LABEL_CHARS) : q.start]
        label_after = raw[q.end : min(after, q.end + _LABEL_CHARS)]
        text = f"{label_before} {text} {label_after}"
    words = measure_terms(text, ctx.company) | measure_terms(expansion_words(text), ctx.company)
    return words | model_sizes(text)


def _wide_range(claimed: Quantity, settings: Settings) -> bool:
    """A range whose top is more than `nearby_range_ratio` times its bottom ("double digits")."""
    if claimed.bound != Bound.RANGE or claimed.low is None or claimed.high is None:
        return False
    low, high = sorted((abs(claimed.low), abs(claimed.high)))
    return high > low * settings.nearby_range_ratio


# How far before or after a figure its label may be printed.
_LABEL_CHARS = 60
# Words of scale, said with any figure: they tell nothing of what it measures.
_SCALE_WORDS = frozenset({"billion", "million", "thousand", "percent", "dollar", "year", "cent"})


def _one_cell_agrees(claimed: Quantity, ctx: _Context, candidates: list[Quantity]) -> NumberCheck | None:
    """A model card's row, already the claim's model's, where exactly one cell agrees with a sizeable
    figure said with no measure that row prints ("the four oh five was north of fifteen trillion" beside
    "Token count: 15T+"). Only agreement is read this way: which cell a disagreeing figure meant is not
    said."""
    if _fiscal_year(ctx.passage) is not None or claimed.unit is not Unit.COUNT or abs(claimed.value) < 1000:
        return None
    agreeing = [q for q in candidates if q.start in ctx.cells and _agrees(claimed, q, ctx.settings)]
    return _agreement(claimed, ctx, agreeing[0]) if len(agreeing) == 1 else None


def _unscaled_small(ctx: _Context, claimed: Quantity) -> bool:
    """A small number said bare, with no unit, scale or counted noun ("Five point eight in cash, and only two
    point seven of debt", the billions said a turn before): what it measures, and at what scale, is not said,
    so it may agree with a figure but refutes none."""
    return (
        claimed.unit is Unit.COUNT
        and not claimed.change
        and abs(claimed.value) < _SMALL_BARE_MAX
        and _SAID_IN_WORDS.fullmatch(claimed.text) is not None
        and not _SCALE_SAID.search(claimed.text)
        and not _PER_SHARE_OR_RATIO.search(ctx.claim_text)
        and counted_noun(ctx.claim_text, claimed) is None
    )


# Below this, a number said bare refutes nothing (`_unscaled_small`); from it up, it may be a score ("ninety
# three on MATH") or a count read as said.
_SMALL_BARE_MAX = 10.0
# A number said in words, no digit in it: "4.10" written out is read as written ("Diluted earnings per share
# were 4.10" is refuted by $3.85).
_SAID_IN_WORDS = re.compile(r"[^\d]++")
# What says a small number's measure when nothing follows it: per share, a ratio, EPS.
_PER_SHARE_OR_RATIO = re.compile(r"\b(?:per|ratio|EPS)\b", re.IGNORECASE)
# Measure words too common to tie a bare number to one percentage of a sentence: "revenue", "sales",
# "growth" ("Revenue was twenty three point four" is not the 23.4% gross margin beside "Revenue grew 12%").
_GENERIC_SHARED = frozenset({"comparable", "growth"})  # (as `_stem` leaves them)


def _bare_percent_agrees(claimed: Quantity, ctx: _Context, said: set[str]) -> NumberCheck | None:
    """A number said bare, the percent left unsaid ("[Best Buy] No, that's consumer electronics, twelve point
    two", "Appliances was five point seven"), agrees with the passage's percentage of the same value, to the
    digits said, whose row or sentence names a measure word the claim says there (`said`): "Consumer
    Electronics: The 12.2% comparable sales decline". Only agreement is read so: what a bare number measures
    is not said, so it refutes nothing."""
    if (
        claimed.unit is not Unit.COUNT
        or claimed.change
        or claimed.bound not in (Bound.EXACT, Bound.APPROX)
        or _SAID_IN_WORDS.fullmatch(claimed.text) is None  # ("Revenue was 12.": a figure written, not said)
        or not 0 < claimed.value < _BARE_PERCENT_MAX
        or _significant_digits(claimed.value) < 2
        or counted_noun(ctx.claim_text, claimed) is not None
        or not said
    ):
        return None
    for q in ctx.figures:
        if (
            q.unit is Unit.PERCENT
            and _rounds_to(claimed.value, q.value)
            and _shared_measure(said, _row_of(ctx, q), ctx) - _REPORTED - _MONEY_MEASURES - _GENERIC_SHARED
        ):
            return _agreement(claimed, ctx, q)
    return None


# A number said bare is read as a percentage (`_bare_percent_agrees`) only below a hundred.
_BARE_PERCENT_MAX = 100.0


def _close_shares(claimed: Quantity, q: Quantity, settings: Settings) -> bool:
    """Both are percentages within `name_only_share_ratio` of each other, either way."""
    if claimed.unit is not Unit.PERCENT or q.unit is not Unit.PERCENT or claimed.value <= 0 or q.value <= 0:
        return False
    ratio = claimed.value / q.value
    return 1 / settings.name_only_share_ratio <= ratio <= settings.name_only_share_ratio


# Words that follow a figure in any sentence and say nothing of what it measures.
_FUNCTION_WORDS = STOP_WORDS | {"year", "years"}
# The word right after a figure, past a bracket: "(Total)" after "400B".
_WORD_AFTER = re.compile(r"(?<![\s(])[\s(]*+([A-Za-z]{3,}+)")


def _same_word_after(ctx: _Context, claimed: Quantity, q: Quantity) -> bool:
    """The claimed figure and `q` are each followed by the same word ("… billion total", "400B (Total)")."""
    said = _WORD_AFTER.match(ctx.claim_text, claimed.end)
    printed = _WORD_AFTER.match(ctx.passage.raw_text, q.end)
    if not (said and printed) or said.group(1).lower() != printed.group(1).lower():
        return False
    return said.group(1).lower() not in _FUNCTION_WORDS


def _agreement(claimed: Quantity, ctx: _Context, q: Quantity) -> NumberCheck:
    """`q` agrees with the claimed figure (set aside as other context when the passage's context differs).
    Its alignment is the measure words the claim says that its table row or sentence says too (no names: an
    agreement found this way is a printed amount read by its words alone): "Research and development
    expenses | 2021: 13,829" agrees with "R&D expenses were $13.8 billion" on three words, and so outweighs
    another passage's "Advertising expenses totaled approximately $2.0 billion", which shares one."""
    if _another_measure(ctx, claimed, q):
        return _no_figure(claimed, ctx)
    words = len(_shared_measure(_said_measure(ctx, claimed), _about(ctx, q), ctx))
    return NumberCheck(
        claim=claimed,
        evidence=q,
        outcome=Outcome.OTHER_CONTEXT if ctx.mismatch else Outcome.MATCH,
        relative_error=relative_difference(abs(q.value), abs(claimed.value)),
        context_mismatch=ctx.mismatch,
        alignment=words,
        row_terms=frozenset(measure_terms(_about(ctx, q), ctx.company)),
        passage_id=ctx.passage.passage_id,
    )


def _significant_digits(value: float) -> int:
    """How many significant digits a value is said with: 22e9 has 2, 36.8e9 has 3, 900e6 has 1."""
    mantissa = f"{abs(value):.6e}".split("e")[0].replace(".", "").rstrip("0")
    return len(mantissa)


def _rounds_to(claimed: float, actual: float) -> bool:
    """`actual` rounded to the significant digits of `claimed` is `claimed` (21,979 million is "twenty two
    billion"; 22,618 million is not "twenty two billion")."""
    if claimed == 0:
        return False
    step = 10.0 ** (math.floor(math.log10(abs(claimed))) - _significant_digits(claimed) + 1)
    return math.floor(abs(actual) / step + 0.5) == math.floor(abs(claimed) / step + 0.5)


def _earlier_versions(versions: set[str], claim_versions: set[str]) -> bool:
    """Every version a figure is about comes before every version the claim names ("3" before "3.1")."""
    try:
        said = [float(v) for v in claim_versions]
        own = [float(v) for v in versions]
    except ValueError:
        return False
    return bool(own) and bool(said) and max(own) < min(said)


def _moved_otherwise(ctx: _Context, claimed: Quantity, level: Quantity, claim_sign: int) -> bool:
    """A level said with the way it moved ("Net income was up though, like six billion"), the claim's only
    figure, read in a year-column row or a sentence whose year before says it moved the other way (5,921
    then 5,777)."""
    cell = ctx.cells.get(level.start)
    year = _figure_year(ctx, level)
    if claimed.change or year is None or len(figures(ctx.claim_text)) != 1:
        return False
    if cell is not None:
        same_row = [q for q in ctx.figures if q.start in ctx.cells and ctx.cells[q.start].row == cell.row]
    else:
        # or in a sentence of its years' figures ("Operating income was $2.2 billion, $4.2 billion, and $4.1
        # billion for 2015, 2016, and 2017")
        lo, hi = local_bounds(ctx.passage.raw_text, level, window=_SENTENCE_REACH)
        same_row = [
            q
            for q in ctx.figures
            if lo <= q.start < hi
            and q.start not in ctx.cells
            and q.unit == level.unit
            and not q.change
            # (a year's total is not the year before's per-share figure: "$4.858 billion, or $7.93 per share")
            and relative_difference(abs(q.value), abs(level.value)) <= _SAME_ORDER
        ]
    before = next((q for q in same_row if _figure_year(ctx, q) == year - 1), None)
    if before is None or before.value == level.value:
        return False
    return (level.value > before.value) != (claim_sign > 0)


# What a family of models took adds up over its sizes: compute, energy, emissions, cost.
_ADDS_UP = re.compile(
    r"\b(?:hours?|tons?|t?co2\w*|emissions?|emitted|energy|power|cost|spent|compute|megawatt\w*)\b",
    re.IGNORECASE,
)
# A claimed figure that is itself a model size ("with 8B, 70B and 405B models").
_SIZE_FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?B")


def _same_model(sizes: set[str] | None, claim_sizes: set[str]) -> bool:
    """Whether a figure about `sizes` (see `_size_context`) may settle a claim about `claim_sizes`."""
    return sizes is None or bool(sizes & claim_sizes)


def _size_context(about: str) -> set[str] | None:
    """The model sizes a figure's row or sentence names; an empty set for a total over models that names
    none; None when it says nothing about sizes (it may hold for every size)."""
    sizes = model_sizes(about)
    if sizes:
        return sizes
    return set() if _AGGREGATE.search(about) else None


# "128K tokens" of context is 131,072 (K = 1,024) as often as 128,000.
_BINARY_K = re.compile(r"[\da-z]\s?[kK]\b")  # "128K", "128 k", "a hundred and twenty eight K"
_KIBI = 1.024


def _agrees(claimed: Quantity, evidence: Quantity, settings: Settings) -> bool:
    """`within_tolerance`, reading a "K" of tokens or context as 1,000 or as 1,024."""
    if within_tolerance(claimed, evidence.value, settings, printed_step=stated_step(evidence) or 0.0):
        return True
    if claimed.unit not in (Unit.TOKENS, Unit.COUNT):
        return False
    if _BINARY_K.search(claimed.text):
        return within_tolerance(
            claimed.model_copy(update={"value": claimed.value * _KIBI}), evidence.value, settings
        )
    if _BINARY_K.search(evidence.text):
        return within_tolerance(claimed, evidence.value * _KIBI, settings)
    return False


def _size_outcome(claimed: float, actual: float) -> Outcome:
    ratio = max(abs(claimed), abs(actual)) / max(min(abs(claimed), abs(actual)), 1e-9)
    return Outcome.DIRECTION_ONLY if ratio <= PARTIAL_CHANGE_FACTOR else Outcome.MISMATCH


def _said_together(ctx: _Context, a: Quantity, b: Quantity) -> bool:
    """Two figures of one sentence, or of one table row."""
    cell_a, cell_b = ctx.cells.get(a.start), ctx.cells.get(b.start)
    if cell_a is not None and cell_b is not None:
        return cell_a.row == cell_b.row
    raw = ctx.passage.raw_text
    return _sentence(raw, a) == _sentence(raw, b)


def _check_growth(claimed: Quantity, ctx: _Context) -> NumberCheck:
    """A claimed change ("grew 16%", "doubled", "went up by 30 billion dollars") against two levels of one
    measure in two periods."""
    if not claimed.change:
        return _check_difference(claimed, ctx)
    units = {Unit.USD, Unit.COUNT, Unit.PARAMETERS, Unit.TOKENS}
    found = _two_levels(claimed, ctx, units, change_amounts=True)
    if found is None or found[0].value == 0:
        return _no_figure(claimed, ctx)
    old, new, alignment = found
    actual = _percent_change(old, new)
    change = actual.value * actual.direction
    sign = claimed.direction or direction_near(ctx.claim_text, claimed.start, claimed.end) or 1
    if (change >= 0) != (sign > 0):
        outcome = Outcome.MISMATCH
    elif within_tolerance(claimed, abs(change), ctx.settings, derived=True) or _multiple_agrees(
        claimed, change, ctx.settings
    ):
        outcome = Outcome.MATCH
    else:
        outcome = _size_outcome(claimed.value, change)
    far_apart = max(abs(old.value), abs(new.value)) > ctx.settings.growth_max_level_ratio * min(
        abs(old.value), abs(new.value)
    )
    if outcome != Outcome.MATCH and far_apart and not _said_together(ctx, old, new):
        return _no_figure(claimed, ctx)  # (levels this far apart, said apart, are seldom one measure's)
    if outcome != Outcome.MATCH and _SINCE.search(ctx.claim_text):
        # a change since a year runs to now: a passage whose last year may not be now ("2022 | 2023" in the
        # FY2023 fact sheet, for a claim said in 2026) agrees or settles nothing
        return _no_figure(claimed, ctx)
    return _derived_check(
        claimed,
        ctx,
        actual,
        outcome,
        (old, new),
        change,
        alignment,
        relative_difference(abs(change), claimed.value),
    )


# A change said as a multiple: "doubled" is x2, "halved" x0.5.
_MULTIPLE = re.compile(r"doubl\w*|tripl\w*|quadrupl\w*|halv\w*", re.IGNORECASE)


def _multiple_agrees(claimed: Quantity, change: float, settings: Settings) -> bool:
    """A multiple is compared as one: "nearly doubled" (x2) holds for +88% (x1.88), which is 6% short of
    it, though 88 is 12% short of 100."""
    if not _MULTIPLE.fullmatch(claimed.text) or claimed.bound not in (Bound.EXACT, Bound.APPROX):
        return False
    said = 1 + (claimed.value if claimed.direction >= 0 else -claimed.value) / 100
    tolerance = settings.approx_tolerance if claimed.bound == Bound.APPROX else settings.exact_tolerance
    return relative_difference(said, 1 + change / 100) <= tolerance


def _derived_check(
    claimed: Quantity,
    ctx: _Context,
    actual: Quantity,
    outcome: Outcome,
    levels: tuple[Quantity, Quantity],
    change: float | None,
    alignment: int,
    relative_error: float | None,
) -> NumberCheck:
    """The check of a change read off two levels (`levels`, earlier and later): `actual` is what they give,
    `change` the change in percent; another context in the passage makes it `OTHER_CONTEXT`."""
    return NumberCheck(
        claim=claimed,
        evidence=actual,
        outcome=outcome if ctx.mismatch is None else Outcome.OTHER_CONTEXT,
        relative_error=relative_error,
        context_mismatch=ctx.mismatch,
        alignment=alignment,
        passage_id=ctx.passage.passage_id,
        derived_from=levels,
        derived_change=change,
    )


def _two_levels(
    claimed: Quantity, ctx: _Context, units: set[Unit], *, change_amounts: bool = False
) -> tuple[Quantity, Quantity, int] | None:
    """The claim's measure in the two periods the claim names (else the last two the passage gives):
    (earlier, later, alignment), or None. Amounts said as changes count as levels only with
    `change_amounts` (the percent-change check has always read them)."""
    levels = [
        q
        for q in ctx.figures
        if q.unit in units
        and (change_amounts or not is_change_amount(ctx.passage.raw_text, q))
        and _row_fits(ctx, q)
    ]
    score = _alignment(ctx, claimed, levels)
    dated = [(_figure_year(ctx, q), q) for q in levels if score[id(q)][1] > 0]
    by_year: dict[int, Quantity] = {}
    for year, q in sorted(dated, key=lambda item: (-sum(score[id(item[1])]), item[1].start)):
        if year is not None and year not in by_year:
            by_year[year] = q
    wanted = _change_years(ctx.claim_text, by_year)
    if wanted is None:
        return None
    old, new = by_year[wanted[0]], by_year[wanted[1]]
    return old, new, max(sum(score[id(old)]), sum(score[id(new)]))


def _percent_change(old: Quantity, new: Quantity) -> Quantity:
    """The change from `old` to `new` as a figure: its size in percent, its direction, at `new`'s span."""
    change = (abs(new.value) - abs(old.value)) / abs(old.value) * 100
    return Quantity(
        value=abs(change),
        unit=Unit.PERCENT,
        text=f"{change:+.1f}%",
        start=new.start,
        end=new.end,
        change=True,
        direction=1 if change >= 0 else -1,
    )


# A change measured from a year to now: "since 2022", "since twenty twenty".
_SINCE = re.compile(
    r"\bsince\s++(?:the\s++end\s++of\s++)?+(?:fiscal\s++(?:year\s++)?+)?+(?:FY\s?)?+(?:(?:19|20)\d\d|twenty\b)",
    re.IGNORECASE,
)


def _change_years(claim_text: str, by_year: dict[int, Quantity]) -> tuple[int, int] | None:
    """The two years a change is measured between: the last two the claim names that the passage gives;
    one year named ("in 2024") is measured from the year before; none, the passage's last two."""
    named = sorted(set(years(claim_text)) & set(by_year))
    if len(named) == 1 and _SINCE.search(claim_text) and max(by_year) > named[0]:
        return named[0], max(by_year)  # "grown more than 70 percent since 2022": to the latest year
    if len(named) == 1 and named[0] - 1 in by_year:
        return named[0] - 1, named[0]
    wanted = named or sorted(by_year)
    return (wanted[-2], wanted[-1]) if len(wanted) >= 2 else None


def _check_difference(claimed: Quantity, ctx: _Context) -> NumberCheck:
    """A change said as an amount ("revenue went up by 30 billion dollars") against the difference of two
    levels of the measure."""
    found = _two_levels(claimed, ctx, set(_COMPATIBLE[claimed.unit]))
    if found is None:
        return _no_figure(claimed, ctx)
    old, new, alignment = found
    difference = abs(new.value) - abs(old.value)
    sign = direction_near(ctx.claim_text, claimed.start, claimed.end) or 1
    actual = claimed.model_copy(update={"value": abs(difference), "bound": Bound.EXACT})
    actual = actual.model_copy(update={"text": format_value(actual)})
    if (difference >= 0) != (sign > 0):
        outcome = Outcome.MISMATCH
    else:
        outcome = (
            Outcome.MATCH
            if within_tolerance(claimed, abs(difference), ctx.settings, derived=True)
            else Outcome.MISMATCH
        )
    return _derived_check(
        claimed,
        ctx,
        actual.model_copy(update={"start": new.start, "end": new.end}),
        outcome,
        (old, new),
        (difference / abs(old.value) * 100) if old.value else None,
        alignment,
        relative_difference(abs(difference), claimed.value),
    )


def local_bounds(text: str, q: Quantity, window: int = 60) -> tuple[int, int]:
    """The figure's own sentence or table row, at most `window` characters either side."""
    lo = max(0, q.start - window)
    hi = min(len(text), q.end + window)
    for stop in (". ", ".\n", "\n\n", "\n|", "|\n"):
        cut = text.rfind(stop, lo, q.start)
        if cut != -1:
            lo = cut + len(stop)
        nxt = text.find(stop, q.end, hi)
        if nxt != -1:
            hi = nxt
    return lo, hi


# The date a figure is given at, right after it: "$17.4 billion at December 31, 2021", "… as of fiscal
# 2022", "… in 2021".
_DATED_AT = re.compile(
    r"(?<!\s)\s*+(?:at|as\s++of|in|for|on|during)\s++(?:the\s++end\s++of\s++)?+(?:fiscal\s++(?:year\s++)?+)?+"
    r"(?:(?:" + "|".join(MONTH_NAMES) + r")\s++(?:\d{1,2},?\s++)?+)?+(?:FY\s?)?+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def local_year(text: str, q: Quantity, window: int = 60) -> int | None:
    """The year written nearest to a figure within its own sentence or table row, if any; a date said
    right after it is its own ("$15.9 billion at December 31, 2022 and $17.4 billion at December 31,
    2021": 2021 for the second, though 2022 is nearer)."""
    lo, hi = _clause_bounds(text, q, window)
    paired = _paired_within(text, q, lo, hi)
    if paired is not None:
        return paired
    dated = _DATED_AT.match(text, q.end)
    if dated is not None:
        return int(dated.group(1))
    # what the figure is compared with is another year's: "decreased 15% to $4.9 billion and were 76% of
    # consolidated net revenues, as compared to $5.8 billion and 77% … in 2018"
    compared = _COMPARED.search(text, q.end, hi)
    if compared is not None:
        hi = compared.start()
    # and a figure said after "compared to" is not of a year said before it: "21% … with 2023 star ratings
    # …, compared to 87% … with 2022 star ratings"
    said_before = [m.end() for m in _COMPARED.finditer(text, lo, q.start)]
    if said_before and _ANY_YEAR.search(text, lo, said_before[-1]):
        lo = said_before[-1]
        # (its own year may be written well after it, "87% of the Company's Medicare Advantage members being
        # in plans with 2022 star ratings")
        later = _ANY_YEAR.search(text, q.end, local_bounds(text, q, _SENTENCE_REACH)[1])
        if later is not None and not _ANY_YEAR.search(text, lo, q.start):
            hi = max(hi, later.end())
    best: tuple[int, int] | None = None
    for other in figures_and_years(text[lo:hi]):
        distance = min(abs(lo + other[1] - q.start), abs(lo + other[1] - q.end))
        if best is None or distance < best[0]:
            best = (distance, other[0])
    if best is None:
        return _opening_year(text, q)
    return None if best is None else best[1]


def _clause_bounds(text: str, q: Quantity, window: int) -> tuple[int, int]:
    """Where `local_year` reads a figure's year: its sentence within `window`, up to a semicolon either
    side ("3.19 billion … for December 2023; 3.35 billion … for December 2024")."""
    lo, hi = local_bounds(text, q, window)
    lo = max(lo, text.rfind(";", lo, q.start) + 1)
    stop = text.find(";", q.end, hi)
    return lo, hi if stop == -1 else stop


def paired_year(text: str, q: Quantity, window: int = 60) -> int | None:
    """The year a figure of a list is paired with one for one: "… were 5% and 4% … for 2022 and 2021,
    respectively", "increased 55% and 43% in 2016 and 2017"; None where the sentence pairs none."""
    return _paired_within(text, q, *_clause_bounds(text, q, window))


def _paired_within(text: str, q: Quantity, lo: int, hi: int) -> int | None:
    """`paired_year` with the figure's clause bounds (`_clause_bounds`) already read."""
    # "respectively" may close a sentence longer than the window: "… accounted for 5% and 4% of our
    # consolidated net revenue for the year ended December 31, 2022 and December 25, 2021, respectively"
    # (only "respectively" is looked for further: figures said before the window may be another list's, and
    # a year said well after it may be another clause's, "…, respectively, compared to recorded book values of
    # $5.5 billion and $6.1 billion as of December 31, 2022 and 2021")
    wide_hi = local_bounds(text, q, _SENTENCE_REACH)[1]
    wide_stop = text.find(";", q.end, wide_hi)
    paired = _respective_year(text, q, lo, hi, find_to=wide_hi if wide_stop == -1 else wide_stop)
    return paired if paired is not None else _listed_year(text, q, hi)


def _opening_year(text: str, q: Quantity) -> int | None:
    """The year of a period the figure's sentence opens with, every figure's in it however far: "During the
    year ended December 31, 2021, the Company administered more than 32 million COVID-19 tests and more than
    59 million COVID-19 vaccines"; None where another year, a comparison or a list of years follows it and
    may be the figure's ("… compared to $1,906 million in 2021", "… 2021 and 2020, respectively", "…;")."""
    start, end = local_bounds(text, q, _SENTENCE_REACH)
    while start < q.start and text[start].isspace():
        start += 1
    opening = _OPENING_PERIOD.match(text, start)
    if opening is None or opening.end() > q.start:
        return None
    rest = text[opening.end() : end]
    if _ANY_YEAR.search(rest) or _COMPARED.search(rest) or _RESPECTIVELY.search(rest) or ";" in rest:
        return None
    return int(opening.group(1))


# A year written anywhere.
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# How far before a figure (characters) the start of its sentence is looked for.
_SENTENCE_REACH = 400
# A sentence's opening period of time: "During the year ended December 31, 2021,", "For the fiscal year ended
# June 30, 2023," (not an event's date, "In May 2016, we entered into …", whose figures may still hold).
_OPENING_PERIOD = re.compile(
    r"(?:during|in|for|through|as\s++of|at)\s++(?:the\s++)?+(?:fiscal\s++)?+"
    r"(?:year|quarter|period|(?:three|six|nine|twelve)\s++months)\s++(?:ended|ending)\s++"
    r"(?:(?:" + "|".join(MONTH_NAMES) + r")\s++(?:\d{1,2},?\s++)?+)?+(?:fiscal\s++)?+((?:19|20)\d\d)\b,",
    re.IGNORECASE,
)


_COMPARED = re.compile(r"\b(?:as\s++)?+compared\s++(?:to|with)\b|\bversus\b", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# How far after "respectively" a year still says the figures pair with something else (", for 2019").
_AFTER_RESPECTIVELY = 25


def _respective_year(text: str, q: Quantity, lo: int, hi: int, *, find_to: int | None = None) -> int | None:
    """The year a figure is paired with by "respectively": "Our net debt as of June 30, 2023, and June 30,
    2022 was $6.1 billion and $5.7 billion, respectively" gives $6.1 billion to 2023. None when the
    sentence pairs nothing, or its years and figures do not come one for one. "respectively" is looked for
    up to `find_to` (`hi` unless given); a year after it, up to `hi` or `_AFTER_RESPECTIVELY` characters
    past it (within `find_to`), whichever is further."""
    end = max(hi, find_to or hi)
    said = _RESPECTIVELY.search(text, q.end, end)
    if said is None or figures_and_years(
        text[said.end() : max(hi, min(end, said.end() + _AFTER_RESPECTIVELY))]
    ):
        # "revenues of 17%, 13%, and 11%, respectively, for 2019": the figures pair with something else
        return None
    dates = [(int(m.group(1)), m.start(), m.end()) for m in _YEAR_AT.finditer(text, lo, said.start())]
    if len(dates) < 2 or not all(
        _BETWEEN_YEARS.fullmatch(text, end, nxt) for (_, _, end), (_, nxt, _) in itertools.pairwise(dates)
    ):
        return None  # "Compared with 2018, Americas and EMEA net revenues in 2019 were …": no list of years
    if all(end <= q.start for _, _, end in dates):  # "as of 2023 and 2022 was $6.1 billion and $5.7 billion"
        start, end = dates[-1][2], said.start()
    elif all(at > q.end for _, at, _ in dates):  # "was $5.1 billion and $4.2 billion in 2023 and 2022"
        start, end = lo, dates[0][1]
    else:
        return None
    listed = [start + f.start for f in figures(text[start:end])]
    if q.start not in listed or len(listed) != len(dates):
        return None
    return dates[listed.index(q.start)][0]


def _listed_year(text: str, q: Quantity, hi: int) -> int | None:
    """The year a figure of a list takes from the list of as many years said right after it, one for one
    with no "respectively": "Shipping costs … were $11.5 billion, $16.2 billion, and $21.7 billion in 2015,
    2016, and 2017" gives $21.7 billion to 2017. None unless the figures are parted only by commas and "and"
    and the years follow the last at once ("in 2015, 2016, and 2017")."""
    if _YEARS_OPEN.search(text, q.end) is None:
        # (no year said after it: the years may open the sentence, "As of December 31, 2022 and 2021,
        # Boeing's total workforce was approximately 156,000 and 142,000")
        return _opening_years(text, q, hi)
    scan = max(0, q.start - _LIST_SCAN)
    spans = [(scan + f.start, scan + f.end) for f in figures(text[scan:hi])]
    at = next((i for i, (start, _end) in enumerate(spans) if start == q.start), None)
    if at is None:
        return None
    first, last = _list_extent(text, spans, at)
    opened = _YEARS_OPEN.match(text, spans[last][1])
    if opened is None:
        return None
    joined = _joined_years(text, opened.start(1), hi)
    if len(joined) < 2 or last - first + 1 != len(joined) or _YEARS_TOGETHER.match(text, joined[-1][2]):
        return None  # ("… in 2022 and 2021 combined": one sum of both years)
    if _NAMES_LISTED.search(text, max(0, spans[first][0] - _LIST_REACH), spans[first][0]):
        return None  # "Sales to Walmart and Target were 15% and 12% in 2022 and 2021": a sum per name
    return joined[at - first][0]


def _list_extent(text: str, spans: list[tuple[int, int]], at: int) -> tuple[int, int]:
    """The first and last of the figures (`spans`) in the list the `at`-th is in: those before and after it
    parted only by commas and "and"."""
    first = last = at
    while first > 0 and _BETWEEN_FIGURES.fullmatch(text, spans[first - 1][1], spans[first][0]):
        first -= 1
    while last + 1 < len(spans) and _BETWEEN_FIGURES.fullmatch(text, spans[last][1], spans[last + 1][0]):
        last += 1
    return first, last


def _joined_years(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """The years said one after another from `start` (year, start, end), up to the first that something
    other than a list's joiner (`_BETWEEN_YEARS`) parts from the one before."""
    dates = [(int(m.group(1)), m.start(), m.end()) for m in _YEAR_AT.finditer(text, start, end)]
    joined = dates[:1]
    for date in dates[1:]:
        if not _BETWEEN_YEARS.fullmatch(text, joined[-1][2], date[1]):
            break
        joined.append(date)
    return joined


def _in_year_list(ctx: _Context, q: Quantity) -> bool:
    """`q` is one of a list of figures its sentence pairs one for one with a list of years it opens with
    (`_opening_years`): the year before the latest is where a change said "from" started."""
    raw = ctx.passage.raw_text
    return _opening_years(raw, q, local_bounds(raw, q, _SENTENCE_REACH)[1]) is not None


def _opening_years(text: str, q: Quantity, hi: int) -> int | None:
    """The year a figure of a list of two or more takes from the list of as many years its sentence opens
    with, one for one: "As of December 31, 2022 and 2021, Boeing's total workforce was approximately
    156,000 and 142,000" gives 156,000 to 2022. None unless the figures are parted only by commas and "and",
    no other figure stands between the years and them, and the years are said as the sentence's period."""
    start = local_bounds(text, q, _SENTENCE_REACH)[0]
    # (the last such period before the figure: a heading may run into the sentence, "Human Capital As of …")
    opening = next(reversed(list(_OPENING_YEARS.finditer(text, start, q.start))), None)
    if opening is None:
        return None
    joined = _joined_years(text, opening.start(1), opening.end())
    spans = [(opening.end() + f.start, opening.end() + f.end) for f in figures(text[opening.end() : hi])]
    at = next((i for i, (begin, _end) in enumerate(spans) if begin == q.start), None)
    if len(joined) < 2 or at is None:
        return None
    first, last = _list_extent(text, spans, at)
    if first != 0 or last - first + 1 != len(joined):
        return None  # (another figure first, or as many figures as years neither)
    return joined[at - first][0]


# A sentence opening on the period of several years: "As of December 31, 2022 and 2021,", "In 2022 and 2021,".
_OPENING_YEARS = re.compile(
    r"(?:as\s++of|at|in|for|during)\s++(?:(?:" + "|".join(MONTH_NAMES) + r")\s++\d{1,2},?\s++)?+"
    r"(?:fiscal\s++)?+((?:19|20)\d\d)(?:[\s,]++(?:and\s++)?+(?:(?:"
    + "|".join(MONTH_NAMES)
    + r")\s++\d{1,2},?\s++)?+(?:19|20)\d\d)++,",
    re.IGNORECASE,
)


# What parts the figures of one list: ", ", " , and ", " and ".
_BETWEEN_FIGURES = re.compile(r"(?<![ \t])[ \t]*+,?+[ \t]*+(?:and[ \t]++)?+")
# The years a list of figures is said of, right after its last: " in 2015".
_YEARS_OPEN = re.compile(
    r"(?<![ \t])[ \t]*+(?:in|for)[ \t]++(?:fiscal[ \t]++(?:years?[ \t]++)?+)?+((?:19|20)\d\d)\b", re.I
)
# How far back a list's names may be said before its first figure, and how far back its figures are read.
_LIST_REACH = 40
_LIST_SCAN = 400
# A list of years said of the sums together.
_YEARS_TOGETHER = re.compile(
    r"(?<![ \t\n])[ \t\n]*+,?+[ \t\n]*+(?:combined|together|in[ \t\n]++total)\b", re.IGNORECASE
)
# A list of names the sums are said of, right before them: "Walmart and Target were", "Americas and EMEA …
# of", "the U.S. and international plans were".
_NAMES_LISTED = re.compile(
    r"\b[\w&'’.-]++(?:[ \t\n]++[\w&'’.-]++)?+[ \t\n]++and[ \t\n]++[\w&'’.-]++(?:[ \t\n]++[\w&'’.-]++){0,2}"
    r"[ \t\n]++(?:were|was|of|totaled|totalled|had|reached)[ \t\n]++(?:approximately[ \t\n]++)?+\$?+\Z",
    re.IGNORECASE,
)


# What may part the years of one list: ", and June 30, ", " and ", ", and fiscal year ".
_BETWEEN_YEARS = re.compile(
    r"(?<![\s,])[\s,]*+(?:and\s++)?+(?:(?:at|as\s++of)\s++)?+(?:(?<![a-z])[A-Z][a-z]++\s++\d{1,2},?\s*+)?+"
    r"(?:fiscal\s++(?:year\s++)?+)?+",
    re.IGNORECASE,
)


def table_cell(passage: Passage, q: Quantity) -> TableCell | None:
    """For a passage that is one table row: the figure's cell, with the row's label and the cell's column
    header ("Llama 4 Scout | Context length: 10M"), read from the passage's embedding text."""
    return cell_at(passage.text, passage.raw_text, q.start, passage.cells)


def _figure_year(ctx: _Context, q: Quantity) -> int | None:
    """The year a passage ties a figure to: its column header in a table row, else the year before its
    sentence's for a figure said of "a year ago" or "the prior year", else the nearest one in its sentence."""
    cell = ctx.cells.get(q.start)
    if cell is not None:
        found = years(cell.header)
        return found[0] if found else None
    raw = ctx.passage.raw_text
    if _said_of_year_before(raw, q):
        # "net income of $7.5 billion, or $9.85 per share, compared with net income of $8.1 billion, or
        # $10.02 per share, a year ago" (For 2022): 2021's; "increased to 26.0% in 2022 compared to 24.2% in
        # the prior year": 2021's, though 2022 is written nearest
        said = _ANY_YEAR.findall(raw, local_bounds(raw, q, _SENTENCE_REACH)[0], q.start)
        base = int(said[-1]) if said else _fiscal_year(ctx.passage)
        if base is not None:
            return base - 1
    return local_year(raw, q)


def _said_of_year_before(text: str, q: Quantity) -> bool:
    """`q` is said of "a year ago" / "the prior year" (`_YEAR_BEFORE`)."""
    return _YEAR_BEFORE.match(text, q.end) is not None


# A figure said of the year before its sentence's, right after it (an aside "or $10.02 per share" between):
# "$8.1 billion, or $10.02 per share, a year ago", "24.2% in the prior year", "$929 million a year ago".
_YEAR_BEFORE = re.compile(
    r"(?<!\s)(?:,?+\s*+or\s++\$?+[\d.,]++(?:\s++per\s++(?:diluted\s++)?+share)?+,?+)?+"
    r"\s*+(?:in\s++)?+(?:a\s++year\s++(?:ago|earlier)|the\s++(?:prior|previous)\s++year)\b",
    re.IGNORECASE,
)


# A change figure followed by what changed: "15% growth in segment net sales in Optical Communications".
_GROWTH_IN = re.compile(r"(?<!\s)\s*+(?:growth|increase|decrease|decline|rise|drop)\s++in\b", re.IGNORECASE)
_AFTER_CHANGE = 120
# A share followed by what it is a share of: "22% of Corning’s total segment net sales".
_SHARE_OF = re.compile(r"(?<!\s)\s*+of\s++", re.IGNORECASE)
_SHARE_END = re.compile(r"[.;:()\n]")


# A line that holds one figure and nothing else: "$", "%", parentheses and spaces aside.
_LONE_CELL = re.compile(r"(?<![\s$(])[\s$(]*+[\d.,]++[\s%)]*+")


def row_or_sentence(text: str, q: Quantity) -> str:
    """What a figure is about: its table row (whole line) or its sentence."""
    start, end = _row_span(text, q)
    return text[start:end]


def _row_span(text: str, q: Quantity) -> tuple[int, int]:
    """Where `row_or_sentence` reads in `text`."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = line_end if line_end != -1 else len(text)
    if text[line_start:line_end].lstrip().startswith("|"):
        return line_start, line_end
    # In prose the measure sits just before the figure ("revenue was $X") or right after it ("400 people").
    lo, hi = local_bounds(text, q, window=200)
    start = max(lo, series_head(text, q, lo) - _BEFORE)
    end = min(hi, q.end + _AFTER)
    if _LONE_CELL.fullmatch(text[line_start:line_end]):
        # a figure alone on its line is a table's cell, printed under its row's label: the next line is
        # another row's ("Total Infectious Diseases\n5,449\n5,825\n(6.5)\nCOVID-19 VACCINE\n2,179"). (Its
        # start stays: in a table printed column by column, the labels stand far above the figures.)
        end = min(end, line_end)
    growth_in = _GROWTH_IN.match(text, q.end)
    if growth_in is not None:
        # "15% growth in segment net sales in Optical Communications of $674 million": what grew follows
        more = re.search(r"\$|\d", text[growth_in.end() : hi])
        end = min(
            hi, growth_in.end() + (more.start() if more else _AFTER_CHANGE), growth_in.end() + _AFTER_CHANGE
        )
    share_of = _SHARE_OF.match(text, q.end) if q.unit == Unit.PERCENT and not q.change else None
    if share_of is not None:
        # "22% of Corning’s total segment net sales in 2022": a share says what it is a share of after it
        stop = _SHARE_END.search(text, share_of.end(), hi)
        end = max(end, min(stop.start() if stop else hi, share_of.end() + _AFTER_CHANGE))
    # whole words at both ends: "capital expenditures" is not "penditures"
    while start > lo and text[start - 1].isalnum():
        start -= 1
    while end < hi and text[end].isalnum():
        end += 1
    # and a whole name: "Consumer Health segment sales in 2022 were $15.0 billion, a decrease of 0.5%" keeps
    # the "Consumer" its line starts with
    head_start = max(lo, line_start)
    head = text[head_start:start].split()
    if (
        start > head_start
        and 0 < len(head) <= _NAME_WORDS
        and all(w[:1].isupper() and w.lower() not in _HEADING_MEASURES for w in head)
        and text[start : start + 1].isupper()  # (the name runs on: "Consumer | Health segment sales")
    ):
        start = head_start
    return start, end


# Words that may sit between the figures of one comparison series: "$16.12 billion in 2023, compared with
# $13.72 billion in 2022 and $10.19 billion in 2021" — every figure measures what the first one does.
_SERIES_GLUE = frozenset(
    "compared with to from up down versus vs against and or in for the prior previous year years fiscal "
    "respectively as of same period a an net increase decrease of".split()
)


# An amount then its percentage: "$107 million, or 1%" (the group ends where the amount does).
_AMOUNT_THEN = re.compile(
    r"(\d(?:\s*+(?:million|billion|thousand|trillion))?)\s*+,?\s*+or\s++(?:about\s++)?\Z"
)


def series_head(text: str, q: Quantity, lo: int) -> int:
    """Start of the first figure of the comparison series `q` closes, within its sentence (from `lo`);
    `q.start` when `q` stands alone."""
    head, unit = q.start, q.unit
    if q.change and q.unit == Unit.PERCENT:
        # "a net increase of $107 million, or 1%": the percentage measures what its amount does
        amount = _AMOUNT_THEN.search(text, lo, q.start)
        if amount is not None:
            found = [f for f in figures(text[lo : amount.end(1)]) if f.end == amount.end(1) - lo]
            if found and found[-1].unit == Unit.USD:
                head, unit = lo + found[-1].start, Unit.USD
    for other in sorted(
        (f for f in figures(text[lo:head]) if f.unit == unit and not f.change),
        key=lambda f: -f.start,
    ):
        between = text[lo + other.end : head]
        words = [w for w in re.findall(r"[A-Za-z]+", between) if w != "FY"]
        if any(w.lower() not in _SERIES_GLUE for w in words):
            break
        head = lo + other.start
    return head


# Words that name the same measure in speech and in filings ("lost" in an interview, "loss" in a 10-K).
_CANONICAL: dict[str, str] = {
    **dict.fromkeys(("lost", "lose", "loses", "losing", "loss", "losses"), "loss"),
    **dict.fromkeys(("spent", "spend", "spending", "expenditure", "expenditures", "capex"), "spend"),
    **dict.fromkeys(("revenue", "revenues", "sales", "turnover"), "revenue"),
    **dict.fromkeys(
        (
            *("employees", "employee", "headcount", "staff", "workforce", "employ", "employs", "employed"),
            *("colleague", "colleagues"),  # (CVS Health's and American Express's word for them)
        ),
        "employee",
    ),
    **dict.fromkeys(("profit", "profits", "earnings", "earned", "earn"), "income"),
    **dict.fromkeys(("context", "window"), "context"),
    **dict.fromkeys(("parameters", "parameter", "params", "param"), "parameter"),
    **dict.fromkeys(("trained", "training", "train", "pretraining", "pre-training", "pretrained"), "train"),
    # a segment's spoken short name ("Pharma grew 1.7%": "Pharmaceutical segment sales … an increase of 1.7%")
    **dict.fromkeys(("pharma", "pharmaceutical", "pharmaceuticals"), "pharma"),
}


# Said of a sum of money with no measure named, these verbs mean sales: "they did 178 billion last year",
# "AWS brought in 17.5 billion", "booked", "pulled in". (Stemmed as `measure_terms` stems them.)
_SALES_VERBS = frozenset(
    {"did", "do", "does", "doing", "made", "make", "making", "brought", "book", "generat", "pull", "clock"}
    | {"post"}
)
# Measures that, once named, say what the money is ("spent 23 billion", "lost 4 billion").
_NAMED_MEASURES = frozenset(
    {"loss", "spend", "revenue", "income", "employee", "cost", "price", "cash", "debt", "user", "customer"}
)
# The measures a filing reports, none of which is another: money (`_NAMED_MEASURES`) and what a business
# counts.
_REPORTED = _NAMED_MEASURES | frozenset(
    {"churn", "addition", "connection", "subscriber", "account", "member", "stor", "deliveri", "order"}
    | {"backlog", "margin"}
)
# Words for a sum of any kind, which any row of money may be: never a measure that names another's row.
_SUMS = frozenset({"cost", "price"})


# The word after a count that says what is counted: "470 Whole Foods stores", "128 experts".
_COUNTED = re.compile(r"[ \t]{1,3}(?:(?:[A-Z][\w&'-]{0,40}|of)[ \t]{1,3}){0,3}([a-z][a-z-]{2,40})\b")
# Words after a count that are not what it counts.
_NOT_COUNTED = frozenset(
    """a an the in on at of to for by from and or but with as is was are were be been per each every
    last this next year years month months quarter quarters week weeks day days since over under about
    more less than total active people dollars dollar bucks times percent across into through after before
    around among between during against within without so then now just like up down out off back
    there here versus vs left""".split()
)


_TIME_NOUNS = frozenset({"year", "month", "quarter", "week", "day", "hour", "minute"})
_TIME_AFTER = re.compile(r"[ \t]{1,3}(?:years?|months?|quarters?|weeks?|days?|hours?|minutes?)\b", re.I)

# Tons as a speaker says them, and how a model card prints tons of CO2 (as `measure_terms` stems both).
_TONS = frozenset({"tons", "ton", "tonn", "tonne"})
_TON_UNITS = frozenset({"tco2eq", "tco2e"})
# What a filing counts a thing a speaker counts as, as `measure_terms` stems both: a chain's "stores" are its
# "retail locations", those who sue it "claimants" or "plaintiffs" ("people" are not always "employees": "laid
# off twenty one thousand people").
_COUNTED_AS: dict[str, tuple[frozenset[str], ...]] = {
    "stor": (frozenset({"retail", "location"}),),  # "retail locations", not "120 locations worldwide"
    "veteran": (frozenset({"claimant"}), frozenset({"plaintiff"})),
    "plaintiff": (frozenset({"claimant"}),),
    "claimant": (frozenset({"plaintiff"}),),
    # a pharmacy's "shots" are the "vaccines" (or "vaccinations") it gave
    "shot": (frozenset({"vaccin"}), frozenset({"vaccination"})),
    # "twenty two ninety tons of CO2" is what a model card prints as "2290 tCO2eq"
    **{ton: tuple(frozenset({unit}) for unit in sorted(_TON_UNITS)) for ton in sorted(_TONS)},
}


def _counted_as(noun: str, terms: set[str]) -> bool:
    """`terms` (a row's or a few words' `measure_terms`) count what `noun` counts, in the speaker's word or
    the filing's (`_COUNTED_AS`)."""
    return noun in terms or any(words <= terms for words in _COUNTED_AS.get(noun, ()))


def _counts_time(text: str, q: Quantity) -> bool:
    """The figure counts years, months, days… ("the next 20 years")."""
    return _TIME_AFTER.match(text, q.end) is not None


# What a count of people is called, in a claim and in the row or sentence of a figure that can settle it.
_PEOPLE_WORDS = re.compile(
    r"\b(?:people|persons?|users?|members?|customers?|subscribers?|employees?|employed|colleagues?|"
    r"associates?|staff|workers?|headcount|accounts?|visitors?|viewers?|patients?|DAP|MAP|DAUs?|MAUs?)\b",
    re.IGNORECASE,
)


def _counts_people(claim_text: str, claimed: Quantity) -> bool:
    """The claim's count is of people ("3.3 billion people", "79,000 employees", "110 million members")."""
    if claimed.unit != Unit.COUNT or claimed.change:
        return False
    m = _COUNTED.match(claim_text, claimed.end)
    return m is not None and _PEOPLE_WORDS.fullmatch(m.group(1)) is not None


def counted_noun(claim_text: str, claimed: Quantity) -> str | None:
    """What a bare count counts, stemmed ("stores" of "470 Whole Foods stores"), else None. Only for counts:
    money, percentages, parameters and tokens say what they are already."""
    if claimed.unit != Unit.COUNT or claimed.change:
        return None
    m = _COUNTED.match(claim_text, claimed.end)
    if m is None or m.group(1) in _NOT_COUNTED or m.group(1) in SCALES:
        return None
    if m.group(1).endswith("ing"):
        return None  # what was done with it ("six and a half billion buying back stock"), not what it counts
    word = _stem(m.group(1))
    # "a billion and a half buyback", "a ninety million write-down": money said with no "dollars"
    return None if word in _GENERIC or word == "revenue" or word in _MONEY_NOUNS else word


def _counts_other(text: str, q: Quantity, noun: str) -> bool:
    """The figure is followed by a word saying it counts something else, and `noun` is not among the few
    words after it ("186,700 retirees"; not "566,000 full-time and part-time employees")."""
    if _SIZE_OF_A_THING.match(text, q.end):
        return True
    after = measure_terms(" ".join(text[q.end : q.end + 60].split()[:5]))
    return not _counted_as(noun, after) and counted_noun(text, q) not in (noun, None)


# A figure joined to the word after it that sizes a thing rather than counting it: "100+ seat airplanes",
# "a 100-seat jet", "the 100-150 seat market" (a singular word, then the thing's own).
_SIZE_OF_A_THING = re.compile(r"(?:\+|[-–](?:\d[\d,]*)?)[ \t]*[a-z]{2,}(?<!s)[ \t\n]+[a-z]")


def _stem(word: str) -> str:
    if word.lower() in _CANONICAL:
        return _CANONICAL[word.lower()]
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# Words that name a measure, however a sentence writes them ("Net Sales", "Revenues").
_MEASURE_WORDS = frozenset(_CANONICAL.values()) | _NAMED_MEASURES | _MEASURE_KINDS

# Words that name no part of a company: months, "Fiscal", "U.S.", "segment" ("Pharmaceutical segment sales"
# are the segment's), "consolidated".
_NOT_PARTS = frozenset(
    _stem(w)
    for w in "january february march april may june july august september october november december "
    "fiscal fy us u s company corporation inc segment segments business businesses consolidated worldwide "
    "global annual combined "
    "overall "
    # who decided, not what part of the company the figure is of ("our Board of Directors increased our
    # quarterly dividend payment by 2.0%")
    "board directors director shareholders stockholders".split()
)

# What a figure counts, said beside many measures: "tokens" of training data, context or batch size.
_UNIT_NOUNS = frozenset({"token", "parameter"})

# Words that qualify a measure without naming one, as `measure_terms` stems them ("net", "gross").
_QUALIFIERS = frozenset(_stem(kind) for kind in _MEASURE_KINDS)


# Things a sum of money is, said after it: not what a count counts ("430 million of stock" is money; "twenty
# million shares" still counts shares).
_MONEY_NOUNS = frozenset(
    _stem(w)
    for w in "buyback buybacks charge charges gain gains write-down writedown impairment repurchase "
    "repurchases settlement fee fees deal payment payments cost costs dividend dividends debt cash "
    "profit profits loss losses income stock forecast forecasts".split()
)
# Words that say which money a figure is: a claim that says one is settled only by a row that says it too.
_MONEY_MEASURES = _NAMED_MEASURES | frozenset(
    _stem(w)
    for w in "sales revenues profit margin assets earnings expenses ebitda income loss spending capex"
    " dividend liabilities debt operating net gross".split()
)
# The sums a bare figure said as a table prints it may be (`_said_as_printed`): a measure of money, not only
# a word that qualifies one ("net adds").
_PRINTED_SUMS = (_MONEY_MEASURES | _OTHER_MEASURES) - frozenset(
    _stem(w) for w in ("net", "operating", "gross")
)


def _window(text: str, q: Quantity) -> str:
    """The words said around a figure in its sentence, an aside set off by commas left out ("Net bookings,
    which is the number they actually want you to look at, were 6,388 million": "Net bookings … were")."""
    lo, hi = local_bounds(text, q, window=200)
    lo = _own_clause_start(text, q, lo, hi)
    before = _ASIDE.sub(" ", text[lo : q.start])
    kept = before[-_BEFORE:]
    if len(before) > _BEFORE and before[-_BEFORE - 1].isalnum():
        kept = _PART_WORD.sub("", kept)  # "averick" of a cut "Maverick" is no word that was said
    after = _CONTRAST.search(text, q.end)  # (no end bound: the list pattern looks ahead past its comma)
    if (
        after is not None
        and after.start() < min(hi, q.end + _AFTER)
        and _SAYS_NUMBER.search(text, after.end(), min(hi, after.end() + _AFTER))
    ):
        hi = after.start()  # "… a hundred and nine billion total, sixteen experts": the next item's words
    end = min(hi, q.end + _AFTER)
    said = text[q.start : end]
    if end < len(text) and text[end].isalnum() and end > q.end:
        said = _without_last_part_word(said)  # "whi" of a cut "which" is no word that was said either
    return _PRAISE.sub(" ", kept + said)


def _own_clause_start(text: str, q: Quantity, lo: int, hi: int) -> int:
    """Where the words of `q`'s own clause start: "the same seventeen active but four hundred billion total",
    "Reality Labs lost $16.1 billion while Meta revenue reached $150 billion": what is said before a "but"
    with another number in it is said of that number, when what comes after the "but" says a measure of its
    own ("… but $330 billion in 2022" is still revenue's); else `lo`."""
    for cut in reversed([m for m in _CONTRAST.finditer(text, lo) if m.end() <= q.start]):
        if _SAYS_NUMBER.search(text, lo, cut.start()) and measure_terms(
            text[cut.end() : min(hi, q.end + _AFTER)]
        ):
            return cut.end()
    return lo


# A number said in digits or in words ("17B", "seventeen").
_NUMBER_WORDS = "|".join(
    sorted((w for w in WORD_NUMBERS if w.isalpha() and len(w) > 2), key=len, reverse=True)
)
_SAYS_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
# Where a clause turns to another figure: "17B active but 400B total", "…; …", "…, while …", and a list of
# figures each with its own measure ("seventeen billion active, a hundred and nine billion total").
_CONTRAST = re.compile(
    r"(?<!\s)(?:,?+\s++(?:but|while|whereas)\s++|;\s*+"
    rf"|,\s++(?=(?:(?:and|about|like|roughly|around|only|just)\s++)?+(?:an?\s++)?+(?:\d|(?:{_NUMBER_WORDS})\b))"
    # a clause of its own after a comma: a name and its verb ("Creative was up ten, Document Cloud was low
    # twenties"; "that's GSM-8K, MATH was like fifty")
    r"|,\s++(?=(?-i:[A-Z])[\w.-]*+(?:\s++(?-i:[A-Z])[\w.-]*+){0,3}\s++(?:was|is|were|are|did|does|had|has)\b))",
    re.IGNORECASE,
)


# The rest of a word cut at a window's start.
_PART_WORD = re.compile(r"^\w++")


def _without_last_part_word(text: str) -> str:
    """`text` without the letters and digits it ends with (the start of a word cut at a window's end)."""
    end = len(text)
    while end and text[end - 1].isalnum():
        end -= 1
    return text[:end]


# What a speaker calls a figure's subject, which says how it did, not what was measured: "OTC was the bright
# spot, Tylenol and all that, six billion".
_PRAISE = re.compile(
    r"\b(?:the|a)\s++(?:(?:real|big|only|one)\s++)?+(?:bright\s++spot|growth\s++(?:story|driver|engine)|"
    r"standout|laggard|weak\s++spot|problem\s++child)\b",
    re.IGNORECASE,
)
# A relative clause, or a "that's where …" aside, set off by commas: ", which is the number they actually want
# you to look at,", ", that's where the Prime fees go," (never ", that's Consumer,", which says whose it is).
_ASIDE = re.compile(
    r",\s*+(?:which|who|(?:that['’]s|that\s++is)\s++(?:where|what|how|why|when))\b[^,]*+,"
    r"(?=\s*+(?:is|was|were|are|came|hit|reached|totall?ed|did|made|grew|fell|rose)\b)"
)


def _sentence(text: str, q: Quantity) -> str:
    lo, hi = local_bounds(text, q, window=200)
    return text[lo:hi]


_SENTENCE_START = re.compile(r"(^|[.!?]\s+|^\[[^\]]*\]\s+)([A-Z])(?=[a-z])")


def measure_terms(
    text: str, exclude: frozenset[str] = frozenset(), *, lowercase_only: bool = False
) -> set[str]:
    """Content words that say what is measured ("net income", "context length", "tokens").

    With `lowercase_only`, capitalised words (names: Meta, Llama, Reality Labs) are left out, so that a
    figure aligns on what it measures rather than on whom it is about.
    """
    if lowercase_only:
        # a sentence's first word is capitalised by grammar, not because it is a name
        # (so is the first word after a name put in front: "[Boeing] Workforce went from …")
        text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).lower(), text)
    found = _TERM.findall(text) if lowercase_only else _TERM.findall(text.lower())
    kept = [w for w in found if not (lowercase_only and not w.islower()) and w.lower() not in _NOISE]
    # a compound says its parts too: "cards-in-force" counts cards, "full-time equivalents" employees
    parts = [p for w in kept if "-" in w for p in w.split("-") if len(p) > 2 and p.lower() not in _NOISE]
    words = {_stem(w) for w in [*kept, *parts]}
    if _PROFIT_SHARE_OF_SALES.search(text):
        words.add(_stem("margin"))  # "Adjusted EBIT as a percentage of net sales" is a margin
    return {w for w in words if w not in _GENERIC and w not in exclude and not w.isdigit()}


# A profit stated as a share of sales: what a speaker calls a margin.
_PROFIT_SHARE_OF_SALES = re.compile(
    r"\b(?:EBITDA?|income|profit|earnings)\b[^|\n]{0,40}?\bas\s++a\s++(?:percentage|percent|%)\s++of\s++"
    r"(?:net\s++)?(?:sales|revenues?)\b",
    re.IGNORECASE,
)


# A year written in digits, "FY" before it or not.
_YEAR_AT = re.compile(r"\b(?:FY\s?)?((?:19|20)\d{2})\b")


def figures_and_years(text: str) -> list[tuple[int, int]]:
    """(year, offset) for each year in text."""
    return [(int(m.group(1)), m.start()) for m in _YEAR_AT.finditer(text)]


def _years_text(values: set[int]) -> str:
    return ", ".join(str(v) for v in sorted(values))


# Where a claim's clauses part: "2 trillion tokens for Llama 2, then over 15 trillion for Llama 3".
_CLAUSE_BREAK = re.compile(r"[,;:]\s*|(?<!\s)\s+(?:then|and|while|whereas|but)\s+")


def model_variants(text: str) -> set[tuple[str, str, str]]:
    """The named models of a family `text` says ("Llama 4 Scout" → ("llama", "4", "scout")): a model told
    from its siblings by a name, not a size."""
    out = set()
    for m in MODEL_RE.finditer(text):
        for word in m.group("tail").split():
            if word.title() in VARIANTS:
                out.add((m.group("family").lower(), m.group("version") or "", word.lower()))
    return out


def _figure_versions(claim_text: str, claimed: Quantity) -> set[str]:
    """The model versions a claimed figure is about: those named in its own clause, else all the claim's."""
    start = 0
    for cut in _CLAUSE_BREAK.finditer(claim_text):
        if cut.start() >= claimed.end:
            clause = claim_text[start : cut.start()]
            break
        if cut.end() <= claimed.start:
            start = cut.end()
    else:
        clause = claim_text[start:]
    return _versions(clause) or _versions(claim_text)


def _versions(text: str) -> set[str]:
    return {version_key(q) for q in figures(text) if q.unit == Unit.VERSION}


def context_mismatch(claim_text: str, passage_text: str) -> str | None:
    """Another period or model version than the claim's: such a passage neither supports nor refutes."""
    claim_years = set(years(claim_text))
    passage_years = set(years(passage_text))
    if claim_years and passage_years and not (claim_years & passage_years):
        return f"period {_years_text(passage_years)} vs {_years_text(claim_years)}"
    claim_versions = _versions(claim_text)
    passage_versions = _versions(passage_text)
    if claim_versions and passage_versions and not (claim_versions & passage_versions):
        return f"version {', '.join(sorted(passage_versions))} vs {', '.join(sorted(claim_versions))}"
    return None


# Words that name no thing in common: measures, totals, segments, the verbs of sales.
_NOT_NAMING = (
    _MEASURE_WORDS
    | _MONEY_MEASURES
    | _REPORTED
    | _NOT_PARTS
    | _SALES_VERBS
    | frozenset(_stem(w) for w in "total organic business segment get gets did".split())
)
