"""What a figure measures, carried from one clause to the next: "Corning did 14.2 billion in sales. That's up
like ten percent." — "That" is the sales. A clause that states a figure, names no measure and starts with
"That", "This" or "Which" (or "it went", "it was": the measure, not the company), or says "of that", takes
the measure the talk named last (within
`MEASURE_CARRY` clauses), so the figure check can read it: "[Corning's sales] That's up like ten percent."
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from spacy.tokens import Span

from claimcheck.companies import abbreviates
from claimcheck.quantities import NAME_UNITS, SCALES, Unit, figures, spoken_numbers

# Measures as talk and filings name them, the longer first ("net sales" before "sales").
_MEASURE = re.compile(
    r"\b(?:net sales|net revenues?|total revenues?|net income|net loss|operating income|operating loss|"
    r"operating expenses|operating margin|gross margin|margins?|free cash flow|operating cash flow|cash flow|"
    r"earnings per share|"
    r"EPS|capital expenditures?|revenues?|sales|profits?|ARR|capex|headcount|workforce|employees|backlog|"
    r"(?:net )?bookings|(?:total |long-term )?debt|dividends?|buybacks?|EBITDA|EBIT|R&D|GPV|pretax income|"
    r"(?:card )?fees|churn|net adds|"
    r"gross payment volume|"
    r"deliveries|subscribers|users|customers|downloads|GPU hours|parameters|tokens|context(?: window)?)\b",
    re.IGNORECASE,
)
# A clause that leans on the figure before it: "That's up 31%", "Which is triple…", "This grew 12%", "the
# 405B by itself was like 20 million of that".
_LEANING_START = re.compile(r"^\W*(?:(?:and|so|but)\W+)?(?:that|this|which)\b", re.IGNORECASE)
_LEANING_OF = re.compile(
    r"\b(?:of|in) (?:that|those|this)\b(?! (?:\w+ )?(?:year|quarter|month|period)s?\b)", re.IGNORECASE
)
# "No, it went up, five point three billion" after "So net income went down": an "it" that opens a clause
# saying where a figure went or stood is the measure just named, not the company.
_LEANING_IT = re.compile(
    r"^\W*(?:(?:no|yes|yeah|well|and|so|but|actually|nope)\W+)*it(?:['’]s\b|\s+(?:went|was|is|grew|fell|"
    r"dropped|rose|came in|hit|ended|jumped|climbed|declined|increased|decreased|doubled|tripled)\b)",
    re.IGNORECASE,
)
# "Down about three percent." after "3M did thirty four point two billion in sales last year": a clause that
# opens on where a figure went ("Up eight point six percent", "No, down, like nine percent"), or how it
# compares ("Slower, seventeen percent" after "net card fees grew even faster than that", "More like six"), is
# the measure just named (unless it says a share of its own base: `_OWN_BASE`).
_LEANING_MOVE = re.compile(
    r"^\W*+(?:(?:no|yes|yeah|well|and|so|but|actually|nope|oh|okay)\W++)*+(?:(?:only|just|still)\s++)?+"
    r"(?:down|up|slower|faster|higher|lower|bigger|smaller|more|less)\b"
    r"(?=\W*+(?:(?:actually|like|about|only|just|roughly|around|almost|nearly|by)\W++)*+"
    r"(?:\d|a\b|an\b|half\b|point\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred))",
    re.IGNORECASE,
)
# A share said of its own base ("More like twenty percent of the buyers use it"): no figure of the measure
# before.
_OWN_BASE = re.compile(r"\b(?:percent|%)\s++of\s++(?:the|its|their|our|all|them)\b", re.IGNORECASE)
# How many clauses a measure carries over.
MEASURE_CARRY = 3
# What a bare answer may say besides its figures ("Pfizer's about seventy nine thousand.", "Four and a half
# billion.", "Thirty nine, for the US.", "Forty one cents, up from thirty seven."): the words of a figure
# and its unit, and the period it is of; any other noun or verb says what the figure measures.
_BARE_NOUNS = frozenset(
    {
        *("half", "quarter", "third", "percent", "percentage", "point", "points", "dollar", "cent", "buck"),
        *("grand", "year", "k"),
        # a figure's own name: "Thirty nine and a half is the twenty one number"
        *("number", "figure"),
    }
)
_BARE_VERBS = frozenset({"be", "have"})
_NAME_ENTITIES = frozenset({"GPE", "LOC", "ORG", "PERSON", "NORP"})


def measure_in(text: str) -> str | None:
    """The last measure `text` names ("net sales"), lower-cased except for acronyms, else None."""
    found = list(_MEASURE.finditer(text))
    if not found:
        return None
    word = found[-1].group(0)
    return word if word.isupper() or word.startswith("GPU") else word.lower()


def leans_on_measure(span: Span, companies: Sequence[str] = ()) -> bool:
    """The clause states a figure but names no measure, and leans on the clause before ("That's up 31%"), or
    says nothing but its figures (`bare_answer`)."""
    text = span.text
    if measure_in(text) is not None or not (
        _LEANING_START.match(text)
        or _LEANING_OF.search(text)
        or _LEANING_IT.match(text)
        or (_LEANING_MOVE.match(text) and not _OWN_BASE.search(text))
        or bare_answer(span, companies)
    ):
        return False
    return any(q.unit not in NAME_UNITS for q in figures(text)) or bool(_parts_of_that(text))


# A number said of "that" ("about six of that was C-Band"): a part of the figure before, however small.
_OF_THAT_AFTER = re.compile(r"(?<!\s)\s++(?:of|in)\s++(?:that|those|this)\b", re.IGNORECASE)


def _parts_of_that(text: str) -> list[int]:
    """Where each whole or decimal number said in words right before "of that" ends ("six" of "about six of
    that"): a part of the figure said before, under a thousand, not a fraction of it ("a third of that")."""
    return [
        n.end
        for n in spoken_numbers(text)
        if not n.year
        and 1 <= n.value < _BARE_MAX
        and (n.value == int(n.value) or n.decimal)
        and _OF_THAT_AFTER.match(text, n.end)
    ]


def bare_answer(span: Span, companies: Sequence[str] = ()) -> bool:
    """The clause says figures and nothing they measure: no noun but a figure's unit or period, no verb but
    "be" or "have", no pronoun ("Pfizer's about seventy nine thousand." after "Pfizer's got like a hundred and
    fifty thousand employees"). Names it may say ("for the US", "Ben"), but not as the subject of its own
    figure ("And Business was like thirty five billion" is the Business segment's, whatever was said
    before), nor "here" or "there" (a part of what was said before: "Twenty six thousand here")."""
    return (
        any(t.like_num for t in span)
        and part_opening(span, companies) is None
        and all(
            t.like_num
            or t.is_punct
            or (t.pos_ == "ADV" and t.lower_ not in ("here", "there"))
            or t.pos_ in ("ADP", "DET", "CCONJ", "PART", "NUM", "INTJ", "SYM")
            # a name ("for the US", "Ben", "for J&J"), never a shorthand in capitals that may be a measure
            # ("in R&D", "GMV", "Q4")
            or (
                t.pos_ == "PROPN"
                and (
                    t.ent_type_ in _NAME_ENTITIES
                    or not t.text.isupper()
                    or any(abbreviates(t.text.rstrip("."), c) for c in companies)
                )
            )
            or (t.pos_ == "NOUN" and t.lemma_.lower() in _BARE_NOUNS)
            or (t.pos_ in ("AUX", "VERB") and t.lemma_.lower() in _BARE_VERBS)
            for t in span
        )
    )


# The scale words a figure of money or of people is said in: carried with its measure to a bare number
# ("J&J did ninety four point nine billion in sales. Pharma was fifty two point six of that.").
_SCALE_WORD = re.compile(r"\b(million|billion|trillion)\b", re.IGNORECASE)
# A bare number this small, said with no scale, leans on the scale of the measure it shares.
_BARE_MAX = 1000.0


def scale_of(text: str) -> str | None:
    """The scale word of the last figure of `text` said with one ("billion"), else None."""
    scaled = [q for q in figures(text) if q.unit not in NAME_UNITS and _SCALE_WORD.search(q.text)]
    if not scaled:
        return None
    match = _SCALE_WORD.search(scaled[-1].text)
    return match.group(1).lower() if match else None


def bare_figure_ends(text: str, *, small: bool = False) -> list[int]:
    """Where each bare number of `text` ends: a count under a thousand said with no scale, unit or percent
    ("fifty two point six" in "Pharma was fifty two point six of that"); with `small`, also a number said in
    words too small to be a figure alone, with nothing said after it ("Consumer was fifteen, and …")."""
    found = figures(text)
    ends = [
        q.end
        for q in found
        if q.unit is Unit.COUNT
        and abs(q.value) < _BARE_MAX
        and not q.change
        and not _SCALE_WORD.search(q.text)
        and _NO_NOUN_AFTER.match(text, q.end)
    ]
    if small:
        ends += [
            n.end
            for n in spoken_numbers(text)
            if not n.year
            and (n.value >= _SMALL_MIN or (n.decimal and n.value >= 1))
            and n.value < _BARE_MAX
            and not any(q.start < n.end and n.start < q.end for q in found)
            and _NOTHING_AFTER.match(text, n.end)
        ]
        ends += [end for end in _parts_of_that(text) if end not in ends]
    return sorted(ends)


# After a bare number, no word that says what it counts ("a hundred and twenty eight experts" is no sum of
# money): the end of its clause, or a word that names nothing.
_NO_NOUN_AFTER = re.compile(
    r"(?<![ \t])[ \t]*+(?:[,.;:!?)–—]|\Z|(?:of|in|for|on|at|and|or|but|so|versus|vs|against|was|were|is|"
    r"are|the|this|that|last|now|from|to|with|year|over|before|after|then|though|which|when|while|apiece|each)\b)",
    re.IGNORECASE,
)
# The smallest number said alone that a carried scale reads as a sum ("Consumer was fifteen [billion]"); a
# number said with a decimal part reads so from one up ("twenty seventeen was two point one [billion]").
_SMALL_MIN = 10.0
# Nothing said after a number: the end of its clause.
_NOTHING_AFTER = re.compile(r"(?<![ \t])[ \t]*+(?:[,.;:!?]|\Z|(?:and|but|so)\b)", re.IGNORECASE)


# A verb of sales said of a sum of money with no measure named: "Consumer did about a hundred and three and a
# half billion" is Consumer's revenue.
_SALES_DID = re.compile(r"\b(?:did|does|brought\s++in|pulled\s++in|booked|generated)\b", re.IGNORECASE)


def part_named(
    span: Span, companies: Sequence[str] = (), seen: frozenset[str] | set[str] | None = None
) -> str | None:
    """The part of a company a clause is about, named as its subject in capitals: "Consumer" of "Consumer did
    about a hundred and three and a half billion", "Safety and Industrial" of "Safety and Industrial was
    eleven point six billion"; not a measure ("Revenue was …"), a pronoun or one of `companies`. With `seen`
    (the words the talk has capitalised inside a sentence), a first word must be among them: "Management did
    about three billion in buybacks" names no part."""
    root = span.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    words = [t for t in subject.subtree if not t.is_punct]
    text = " ".join(t.text for t in words)
    if (
        not words
        or not all(t.text[:1].isupper() or t.lower_ in ("and", "&", "of") for t in words)
        or measure_in(text) is not None
        or any(t.like_num for t in words)
        or any(
            c.lower() == text.lower() or abbreviates(text, c) or c.lower().startswith(text.lower() + " ")
            for c in companies
        )
        or (seen is not None and words[0].i == span.start and words[0].text not in seen)
    ):
        return None
    return text


# What follows the "'s" of a part named at a clause's start when it is "is": "Pharma's the big one", "Pharma's
# about fifty".
_IS_AFTER = frozenset({"the", "a", "an", "about", "around", "roughly", "like", "up", "down", "only", "just"})


def part_opening(span: Span, companies: Sequence[str] = ()) -> str | None:
    """The part of a company a clause opens on (`part_named`), or one said as "Pharma's the big one" (where
    the parse reads the "'s" as a possessive)."""
    part = part_named(span, companies)
    if part is not None or len(span) < 3:
        return part
    first, mark, after = span[0], span[1], span[2]
    if (
        first.pos_ == "PROPN"
        and first.text[:1].isupper()
        and mark.lower_ in ("'s", "’s")
        and (after.lower_ in _IS_AFTER or after.like_num)
        and measure_in(first.text) is None
        and not any(c.lower() == first.lower_ or abbreviates(first.text, c) for c in companies)
    ):
        return first.text
    return None


def capitalised_inside(span: Span) -> set[str]:
    """The words `span` capitalises other than its first ("Consumer" of "top row is Consumer")."""
    return {t.text for t in span if t.i > span.start and t.text[:1].isupper() and t.is_alpha}


# Measures of money, whose figures are said in a scale.
_MONEY_MEASURE = re.compile(
    r"\b(?:sales|revenues?|income|loss|profits?|cash flow|expenditures?|capex|EPS|earnings|ARR|backlog)\b",
    re.IGNORECASE,
)
# A question about headcount that names no measure: "How many people work there now?"
_HEADCOUNT_ASKED = re.compile(
    r"\bhow\s++many\s++(?:people|folks|employees|staff)\s++(?:(?:do|does|did)\s++[\w&.'’]++(?:\s++[\w&.'’]++)?+"
    r"\s++(?:have|employ)\b|work\b|are\s++(?:employed|on\s++staff)\b)[^?]*+\?"
    r"|\bheadcount\b[^?]*+\?",
    re.IGNORECASE,
)


# Headcount said with no measure word: "They employ about three hundred fifteen thousand people" (not "They
# employ AI agents to serve two hundred million people").
_HEADCOUNT_STATED = re.compile(
    r"\bemploy(?:s|ed)?+\s++(?:(?:about|around|roughly|approximately|some|over|nearly|almost|like|just|"
    r"more\s++than|close\s++to)\s++)?+"
    r"(?:(?:[\d.,]++k?+|a|and|point|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|k)\s++)++(?:people|workers|staff|folks)\b",
    re.IGNORECASE,
)


# A short question that asks about one thing: "And bitcoin?", "And T and E?", "What about the US, though?"
_ASKED = re.compile(
    r"\A\W*+(?:(?:so|okay|ok|but|right)\W++)*+(?:and|what\s++about|how\s++about)\s++(?:the\s++)?+"
    r"(?P<name>[\w&.’'-]++(?:\s++(?:and\s++|&\s++)?+[\w&.’'-]++){0,3})"
    r"(?:\W++(?:though|then|now|there))?+\W*+\Z",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    "it that this them they you him her then so what how why when where who which in on at for per to "
    "compared versus vs than really now there here else overall total net gross".split()
)
# Words that say how a figure is read: GAAP or not, in which currency or unit.
_READINGS = frozenset({"gaap", "non-gaap", "organic", "organically", "dollars", "dollar", "percent", "share"})
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion".split()
)


def asks_about(text: str) -> str | None:
    """What a short question asks about ("bitcoin" of "And bitcoin?", "T and E" of "And T and E?", "US" of
    "What about the US, though?"), if it names a thing, not a period or a pronoun."""
    text = text.strip()
    match = _ASKED.match(text) if text.endswith("?") else None
    if match is None:
        return None
    name = match.group("name")
    words = [w.lower() for w in name.split()]
    if (
        set(words) & _NOT_NAMES
        or set(words) & {"year", "years", "quarter", "quarters", "month", "months"}
        or any(w != "&" and not w.replace("&", "").replace(".", "").isalpha() for w in words)  # "2019", "Q4"
        or any(w in _NUMBER_WORDS for w in words)  # "twenty twenty"
        # a word that says how a measure is read, not what it is of: "And operating?", "And adjusted?",
        # "And globally?", "And GAAP?"
        or any(w.endswith(("ing", "ed", "ly")) or w in _READINGS for w in words)
    ):
        return None
    return name


def asked_about(
    span: Span, companies: Sequence[str] = (), is_company: Callable[[str], bool] | None = None
) -> str | None:
    """The thing a short question that names no measure asks about (`asks_about`), when it is no company:
    neither one of the talk's `companies` nor one `is_company` knows ("And Moderna?")."""
    name = asks_about(span.text)
    if name is None or _of_the_talk(name, companies) or (is_company is not None and is_company(name)):
        return None
    return name


def _of_the_talk(name: str, companies: Sequence[str]) -> bool:
    """`name` is one of the talk's `companies`, or a short form of one ("J&J")."""
    return any(c.lower() == name.lower() or abbreviates(name, c) for c in companies)


# How many clauses back a figure said again is looked for.
_REPEAT_REACH = 6
# The smallest whole number said again that is taken for the same figure ("fifty five", not "two").
_REPEAT_MIN = 10.0


def _said_numbers(text: str, *, levels_only: bool = False) -> list[tuple[float, str]]:
    """The numbers `text` says, as said (without their scale: "thirty nine and a half billion" is 39.5), of
    ten or more or with a decimal part, never a year or a name; each with how it was said: "percent",
    "scaled" or "bare". With `levels_only`, a change said ("up twenty percent") is left out."""
    found = []
    for q in figures(text):
        if q.unit in NAME_UNITS or q.unit is Unit.YEAR or (levels_only and q.change):
            continue
        scale = _SCALE_WORD.search(q.text)
        number = round(abs(q.value) / SCALES[scale.group(1).lower()] if scale else abs(q.value), 6)
        kind = "percent" if q.unit is Unit.PERCENT else "scaled" if scale else "bare"
        if number >= _REPEAT_MIN or not number.is_integer():
            found.append((number, kind))
    return found


def _same_said(again: tuple[float, str], said: tuple[float, str]) -> bool:
    """A number said again is the one said before: the same number, said the same way, or said bare."""
    return again[0] == said[0] and (again[1] == "bare" or again[1] == said[1])


class MeasureCarry:
    """The measure the talk named last (and the scale its figure was said in, and the part of the company it
    was said of), and for how many more clauses it carries."""

    def __init__(self, is_company: Callable[[str], bool] | None = None) -> None:
        self.is_company = is_company  # whether a name is a company's (of any talk), not a part's
        self.measure: str | None = None
        self.scale: str | None = None
        self.part: str | None = None
        self.left = 0
        self.seen: set[str] = set()  # the words the talk has capitalised inside a clause so far
        # the scale the last part named with a scaled figure was said in, and that part ("billion", "Pharma"
        # of "Pharma's the big one, fifty two point six billion"), and for how many more clauses it carries
        # to another part's bare number
        self.part_scale: tuple[str, str] | None = None
        self.part_left = 0
        # the numbers said lately, each with the measure and scale it was said with and for how many more
        # clauses it is in reach
        self.said: list[tuple[tuple[float, str], tuple[str | None, str | None], int]] = []
        # what the clause being read leans on (`_leaned_on`), read once for the several questions asked of it
        # before it is observed: the clause (its doc, start and end) and the answer
        self._leaning: tuple[tuple[int, int, int], tuple[str | None, str | None]] | None = None

    def observe(self, span: Span, companies: Sequence[str] = ()) -> None:
        named = measure_in(span.text)
        # the figures this clause says, with what they measure (named, or carried to it), for a clause that
        # says one of them again
        of_span = (named, scale_of(span.text)) if named is not None else self._leaned_on(span, companies)
        self._leaning = None  # (what is said next is read against the state this clause leaves)
        self.said = [(n, m, left - 1) for n, m, left in self.said if left > 1]
        self.said += [(n, of_span, _REPEAT_REACH) for n in _said_numbers(span.text)]
        if named is None and of_span[0] is not None and of_span[0] != self.measure:
            # a figure said again brings its measure back: "It was thirty seven point one last year" after
            # "Thirty nine and a half is the twenty one number" is operating cash flow again
            named = of_span[0]
        else:
            of_span = (None, None)
        part = part_named(span, companies, self.seen)
        self.seen |= capitalised_inside(span)
        scale = scale_of(span.text) or of_span[1]
        opening = part_opening(span, companies) if scale is not None else None
        if scale is not None and opening is not None:
            self.part_scale, self.part_left = (scale, opening), MEASURE_CARRY
        elif self.part_left:
            self.part_left -= 1
            if not self.part_left:
                self.part_scale = None
        if named is None and part is not None and _SALES_DID.search(span.text) and scale:
            named = "revenue"  # "Consumer did about a hundred and three and a half billion"
        if named is None and (_HEADCOUNT_ASKED.search(span.text) or _HEADCOUNT_STATED.search(span.text)):
            named = "employees"  # "How many people work there now, roughly?", "They employ about …"
        question = span.text.rstrip().endswith("?")
        asked = (
            asked_about(span, companies, self.is_company)
            if named is None and self.measure is not None
            else None
        )
        if asked is not None:
            # "And bitcoin? In dollars?" after Square's revenue: the answer is bitcoin's revenue
            self.part, self.left = asked, MEASURE_CARRY
        elif named is not None:
            self.measure, self.scale, self.left = named, scale, MEASURE_CARRY
            self.part = part
            if question:
                # "What was EBITDA, roughly?": the answer is of what is asked, whatever figure it says again
                self.said = []
        elif question and self._asks_elsewhere(span, companies):
            self.measure = self.scale = self.part = None
            self.left = 0
            self.said = []
        elif (
            self.left == MEASURE_CARRY
            and self.scale is None
            and scale is not None
            and self.measure is not None
            and _MONEY_MEASURE.search(self.measure)
        ):
            # "Net income, real quick. Pfizer made twenty two billion …": a measure of money named alone
            # takes the scale its figure is said in, in the clause right after
            self.scale = scale
            self.left -= 1
        elif self.left:
            self.left -= 1
            if not self.left:
                self.measure = self.scale = self.part = None

    def _asks_elsewhere(self, span: Span, companies: Sequence[str]) -> bool:
        """A question about something else ("What was EBITDA, roughly?", "What's their debt load look
        like?"), or about a company the talk does not name ("And Moderna?"): what the answer measures is the
        question's, and the carry ends ("And Johnson & Johnson?" asks the same of a company named)."""
        other = asks_about(span.text)
        if other is not None:
            return (
                self.is_company is not None and self.is_company(other) and not _of_the_talk(other, companies)
            )
        return any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in _BARE_NOUNS for t in span)

    def carried_part(self, span: Span, companies: Sequence[str] = ()) -> str | None:
        """The part of the company a clause that leans on the measure is about, if the measure was said of
        one ("Up eight point six percent." after "Consumer did …")."""
        if self.carried(span, companies) is None:
            return None
        # a bare answer that says a name of its own ("Thirty nine, for the US") is about that name
        if bare_answer(span, companies) and any(t.pos_ == "PROPN" for t in span):
            return None
        return self.part

    def carried_scale(self, span: Span, companies: Sequence[str] = ()) -> str | None:
        """The scale a clause that leans on the measure takes for its bare numbers, if any; else, for a clause
        about another part of the company that says a bare number with no scale, the scale the part before
        was said in ("MedTech was twenty seven point four" after "Pharma's the big one, fifty two point six
        billion")."""
        measure, scale_said = self._leaned_on(span, companies)
        if measure is not None:
            return scale_said
        if self.part_scale is None:
            return None
        scale, part = self.part_scale
        if (
            scale_of(span.text) is None
            and bare_figure_ends(span.text, small=True)
            # another part, not the same one said again ("Reality Labs has about seventeen")
            and part_opening(span, companies) not in (None, part)
        ):
            return scale
        return None

    def carried(self, span: Span, companies: Sequence[str] = ()) -> str | None:
        """The measure `span` leans on, if it does and one is in reach."""
        return self._leaned_on(span, companies)[0]

    def _leaned_on(self, span: Span, companies: Sequence[str]) -> tuple[str | None, str | None]:
        """The measure `span` leans on and the scale it was said in: that of a figure said again ("Thirty
        nine and a half is the twenty one number" after "Operating cash flow was thirty nine and a half
        billion. And free cash flow fell …"; none if that figure was said with no measure), else the
        measure the talk named last, if one is in reach; (None, None) if it leans on none."""
        key = (id(span.doc), span.start, span.end)
        if self._leaning is None or self._leaning[0] != key:
            self._leaning = (key, self._read_leaning(span, companies))
        return self._leaning[1]

    def _read_leaning(self, span: Span, companies: Sequence[str]) -> tuple[str | None, str | None]:
        """`_leaned_on`, read afresh."""
        if not leans_on_measure(span, companies):
            return None, None
        again = _said_numbers(span.text, levels_only=True)
        repeated = next(
            (m for n, m, _left in reversed(self.said) if any(_same_said(a, n) for a in again)), None
        )
        if repeated is not None:
            return repeated
        return (self.measure, self.scale) if self.measure is not None else (None, None)
