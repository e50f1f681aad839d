"""Sentences that are not claims whatever their score, and pure opinions.

The check-worthiness score weighs signals; some sentences are not claims however many figures or names they
hold, and a rule says so with its reason (`NonClaim`): questions (real or rhetorical), hypotheticals ("If
they'd shipped it with a million tokens…"), descriptions of what is on screen ("This is the instruct
table…"), the speaker's own stories ("I ran the 8B on my RTX 4090"), talk about the show or the text ("We'll
put the link in the description", "The video discusses…"), fillers ("So, um, okay, where was I."), and in
articles the headings, bylines and captions.

A pure opinion ("I think Zuck is the best CEO in tech", "The Yahoo thing was a disaster") is typed
`ClaimType.OPINION` (`is_pure_opinion`): it reaches the editor, and the verdict stage never checks it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from claimcheck.claims.measures import measure_in
from claimcheck.claims.segment import Sentence
from claimcheck.claims.syntax import subjects_of
from claimcheck.models import NonClaim
from claimcheck.quantities import NAME_UNITS, Quantity, Unit, extract_quantities
from claimcheck.text import INITIALISM

_SCREEN_RE = re.compile(
    r"\b(?:on (?:the |my |your )?(?:big )?screen|on the slide|on the (?:left|right)(?: here| there)?\b|"
    r"you can see|"
    r"share my screen|scroll(?:ing|ed)?+ (?:down|up|back)|"
    r"(?:this|that|here|there)(?:'s|’s| is) (?:the |our |a )?(?:[\w-]+ ){0,3}"
    r"(?:table|chart|slide|graph|page|column|"
    r"row|note|card|screenshot|reconciliation|footnote|exhibit)s?|"
    # "I've got the FY22 10-K up", "I've got the table up here": what the speaker has open
    r"\b(?:i|we)(?:'ve|’ve| have) got (?:the|my|our|this|that|two|three|both) (?:[\w/&.-]++ ){0,5}?"
    r"(?:10-k|table|chart|slide|filing|deck|page|report|card|sheet|statement|release|summary|breakdown"
    r"|document)s? (?:up|open)\b|"
    r"(?:that|this)(?:'s|’s| is) (?:him|her|them) right (?:there|here)|"
    # "Alright, PepsiCo report is up", "Okay, Amcor's up", "I'm searching the PDF for Platinum"
    r"(?:report|deck|filing|10-k|pdf|card|statement)s? (?:is|are) up(?= *+(?:[,;.!?]|$))|"
    r"^\W*(?:alright|okay|ok|so)\W+[\w&-]+(?:'s|’s) up(?= *+(?:[,;.!?]|$))|"
    r"(?:i'm|i’m|i am|we're|we’re|we are),? (?:\w+,? ){0,2}?(?:searching|scrolling through) the "
    r"(?:pdf|doc|document|filing|report))\b",
    re.IGNORECASE,
)
# A row or column read off the screen, with no figure but the years of its headers ("the first column is
# fiscal twenty three"; "The top row is Comirnaty, thirty six point eight billion" is a claim).
_COLUMN_READ_RE = re.compile(
    r"\b(?:the )?(?:top|bottom|middle|left|right|first|second|third|next|last) (?:row|column)s? "
    r"(?:(?:on|of) (?:the|this|that) (?:slide|table|page) )?(?:is|are)\b",
    re.IGNORECASE,
)
# What is on screen when no figure is said with it ("So this is the Pfizer revenue breakdown,
# Comirnaty is right at the top"; "Here's the breakdown: Pharmacy Services did a hundred and sixty nine
# billion" is a claim): a chart described, a colour pointed at.
_SCREEN_BARE_RE = re.compile(
    r"\b(?:this|that|here|there)(?:'s|’s| is) (?:the |our |a )?(?:[\w-]+ ){0,3}"
    r"(?:breakdown|summary)s?\b|"
    r"\b(?:this|that) (?:chart|graph|slide|plot) (?:here |there )?(?:is|shows)\b|"
    r"\bthe (?:columns|rows|column headers|headers) (?:are|say)\b|"
    # "the slide I'm showing", "the next slide has the free cash flow bridge" (with no figure)
    r"\bthe (?:[\w-]+ )?(?:slide|chart|table|graph|screen) (?:that )?(?:i'm|i’m|we're|we’re|i am|we are) "
    r"(?:showing|sharing|looking at|pulling up)\b|"
    r"\bthe next (?:slide|chart|page|table|graph)s? (?:has|have|is|are|shows?)\b|"
    r"\bthe (?:red|green|blue|orange|yellow|purple|grey|gray|black|dotted|dashed) "
    r"(?:line|bars?|dots?|area)s?\b",
    re.IGNORECASE,
)
_META_RE = re.compile(
    r"^(?:(?:and|so|okay|ok|alright|anyway|then)\W+)*(?:then )?"
    r"(?:we(?:'ll|’ll| will)|let(?:'s|’s| us)|let me|i(?:'ll|’ll| will)) "
    r"(?:put|come back|get (?:back )?to|get into|dig into|circle back|talk about|move on|wrap|link|do|share|"
    r"switch|start with|go (?:back )?to|jump)\b"
    # "Quick break, and then we're gonna get into cash flow": the show's plan, opening the sentence (not
    # "Nvidia tripled, and then we're gonna talk about why", nor a company's "After that, we're going to
    # switch to a one-year cadence")
    r"|^(?:(?:and|so|okay|ok|alright|anyway|quick break)\W+)*(?:then|next|after the break),? "
    r"we(?:'re|’re| are) (?:gonna|going to) "
    r"(?:come back to|get back to|get into|dig into|circle back|talk about|wrap)\b"
    r"|\bwe(?:'re|’re| are) (?:gonna|going to) take a (?:quick |short )?break\b"
    r"|^(?:(?:and|so|okay|ok|alright)\W+)*that(?:'ll|’ll| will) do it for "
    r"(?:the show|today|this episode|this week)\b"
    r"|\b(?:where (?:was i|were we)|after the break)\b"
    # "we'll be right back", "stick around, more right after this" (not "Shares jumped right after this
    # announcement", "We'll be back in the black by the third quarter")
    r"|\b(?:back|stick around|stay tuned)\b[^.;!?]*\bright after this\W*$"
    r"|\bwe(?:'ll|’ll| will) be (?:right )?back"
    r"(?:\W*$|\s(?:after|in a (?:minute|moment|sec|second)|with more)\b)"
    r"|\bwe(?:'ll|’ll| will) (?:see you|catch you)\b|\bsee you (?:all )?next\b"
    r"|\bthat(?:'s|’s| is) all (?:we(?:'ve|’ve| have) got|we have) time for\b"
    r"|\bthat(?:'s|’s| is) (?:it|all) for (?:today|tonight|this week|this episode|the show)\b"
    # "Okay, dividends, and then we'll wrap": the next topic, then the end of the show
    r"|\bthen\s++we(?:'ll|’ll|\s++will)\s++(?:wrap|call\s++it)\b"
    r"|^(?:(?:and|so|okay|ok|alright)\W+)*(?:first|next) up\b|^up next\b"
    r"|^(?:the|this|in the) (?:video|presenter|narrator|episode)\b",
    re.IGNORECASE,
)
# The show's close and its listeners' mail, opening the sentence and with no figure in it: "Alright, that's
# all the time we have", "Thanks to everyone who wrote in", "Okay, one listener question from the Discord".
_SIGN_OFF_RE = re.compile(
    r"\A\W*+(?:(?:and|so|okay|ok|alright|all\s++right|well|um|uh)\W++)*+(?:"
    r"that(?:'s|’s|\s++is)\s++all\s++the\s++time\s++we(?:'ve|’ve)?+\s++(?:got|have)\b"
    r"|thanks?\s++(?:to\s++)?+(?:everyone|everybody|all\s++of\s++you|you\s++all)\s++(?:who|for)\b"
    r"|(?:one\s++|a\s++|another\s++)?+listener\s++(?:questions?|mail|emails?)\b"
    # "Okay, that's the show", "that's our episode", "that's a wrap", "Quick break, and then …"
    r"|that(?:'s|’s|\s++is)\s++(?:(?:the|our)\s++(?:show|episode)|a\s++wrap)"
    r"(?=\s*+(?:[,.!;—–-]|\Z|for\s++(?:today|tonight|this\s++week|now)\b|folks\b|everyone\b|everybody\b))"
    r"|(?:a\s++)?+quick\s++break\b)",
    re.IGNORECASE,
)
_BUT_CLAUSE = re.compile(r",[ \t]*+but\b", re.IGNORECASE)
# A topic announced: the sentence is a name and a word of haste, at most with the break or the listeners after
# it ("Activision, quickly, because we promised listeners", "Okay, Llama 3, real quick, for the AI folks",
# "Okay, and last one, Llama 2"; not "Tesla, quickly, became the most valuable automaker", nor "Nvidia,
# quickly, for those who missed it, overtook Apple"), or time running out; read only with no figure said.
_NAME_WORDS = r"(?:[A-Z0-9&][\w&.'’-]*+\s?){1,4}+"
# what may follow the word of haste: the break, or the listeners the topic is for
_HASTE_TAIL = (
    r"(?i:before\s++the\s++break|because\s++we\s++promised\s++\w++"
    r"|for\s++the\s++[\w-]++\s++(?:folks|people|nerds|crowd|fans))"
)
_TOPIC_ANNOUNCED = re.compile(
    rf"\A\W*+(?:(?i:and|so|okay|ok|alright|now|then)\W++)*+(?:"
    rf"{_NAME_WORDS},\s(?i:real\s|very\s)?(?i:quick(?:ly)?+)(?:\W*+\Z|,?\s++{_HASTE_TAIL}\W*+\Z)"
    rf"|(?i:the\s)?(?i:last|final)\sone,\s{_NAME_WORDS}[.!]?\Z)"
    r"|\b(?i:before we run out of time)\b"
    # "Today we're doing open weights, Mistral first", "So today it's, uh, it's Nike and then Coke"
    r"|\A\W*+(?:(?i:and|so|okay|ok|alright|um|uh)\W++)*+(?i:today|this\s++week|this\s++episode)\W++(?:"
    r"(?i:we(?:'re|’re|\s++are)\s++(?:doing|covering|talking\s++about|going\s++through|looking\s++at))\b"
    r"[^.;!?]*?\b(?i:first|then)\b"
    # (two names, not "Today it's the largest chipmaker and then some")
    r"|(?i:it(?:'s|’s|\s++is)),?\s++(?:(?i:uh|um),?\s++)*+(?:(?i:it(?:'s|’s))\s++)?+[A-Z][\w&.-]*+"
    r"(?:\s++[A-Z][\w&.-]*+){0,2},?\s++(?i:and\s++)?(?i:then)\s++[A-Z])",
)

# The episode's agenda, this one's or the next one's: "Today we're doing Amazon's twenty seventeen annual
# report", "Next week we're doing PepsiCo, so bring snacks", "and today it's Boeing twenty twenty-two and 3M
# twenty twenty-two" (read only where no figure but years is said and no other verb says anything:
# `_announces_agenda`; not "Today it's the biggest chipmaker in the world", "Today we're doing a ten billion
# buyback").
_AGENDA_RE = re.compile(
    r"(?:\A\W*+(?:(?i:and|so|okay|ok|alright|um|uh)\W++)*+|,\s*+(?:(?i:and|so)\s++)?+)"
    r"(?i:today|tonight|this\s++week|this\s++episode|next\s++week|next\s++time|next\s++episode)\W++"
    r"(?:(?i:we(?:'re|’re|\s++are)\s++(?:doing|covering|talking\s++about|going\s++through|looking\s++at))\b"
    r"|(?P<its>(?i:it(?:'s|’s|\s++is))),?\s++(?:(?i:uh|um),?\s++)*+(?:the,?\s++(?:(?i:uh|um),?\s++)*+)?+"
    r"(?=[A-Z0-9]))"
)
# What makes "today it's X" the episode's agenda rather than an answer ("Ten years ago our biggest customer
# was Walmart. Today it's Amazon."): the episode named, a document or a year, or two names ("Nike and then
# Coke").
_AGENDA_ITEMS = re.compile(
    r"\b(?:episode|show|10-?[KQ]|annual\s++report|model\s++cards?|filings?|deep[- ]dive|versus|vs)\b"
    r"|(?<![\w'’])(?:19|20)\d\d(?!\d)|\btwenty\s++(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty)\b|\btwenty\s++twenty[- ]\w++"
    r"|(?-i:\b[A-Z][\w&.-]*+(?:\s++[A-Z][\w&.-]*+)*+,?\s++and\s++(?:then\s++)?+[A-Z0-9])",
    re.IGNORECASE,
)


# The show's own past episodes ("We did an episode on the Blizzard lawsuit back in twenty twenty one, go
# listen to that"): talk about the show (a year only where the listener is sent to it; "in an episode of
# Acquired" is someone else's show).
_GO_LISTEN_WORDS = r"\bgo\s++(?:back\s++and\s++)?+(?:listen|watch)"
_OWN_SHOW_RE = re.compile(
    r"\b(?:we|i)\s++(?:did|had|recorded|covered\s++(?:it|that|this)\s++in)\s++(?:a|an|the|that|this|our|one)"
    r"\s++(?:whole\s++|full\s++|separate\s++|entire\s++)?+(?:episode|deep[- ]dive)\b"
    rf"|{_GO_LISTEN_WORDS}\s++to\s++(?:that|it|this|the)\b"
    r"|\bin\s++(?:a|an|our|one|that|the\s++last)\s++(?:whole\s++|full\s++|separate\s++|entire\s++|earlier\s++|"
    r"previous\s++)?+episode\b(?!\s++of\b)",
    re.IGNORECASE,
)
_GO_LISTEN = re.compile(rf"{_GO_LISTEN_WORDS}\b", re.IGNORECASE)
# What goes in the show notes or the description: a document named ("the FY22 earnings deck"), not a claim.
_SHOW_NOTES_RE = re.compile(
    r"\b(?:in|to)\s++the\s++show\s++notes\b|\b(?:link|links)\s++(?:is\s++|are\s++)?+in\s++the\s++description\b"
    r"|\bin\s++the\s++(?:episode|video|show)\s++description\b|\bin\s++the\s++description\s++below\b",
    re.IGNORECASE,
)
# A sponsor's read, or where a link is: an advertisement, whatever figures it says ("Today's episode is
# sponsored by GPUHut, rent an H100 by the hour starting at two dollars", "Use code BULL at checkout").
_SPONSOR_RE = re.compile(
    # the show's sponsor ("Today's episode is sponsored by GPUHut"; not "The trial was sponsored by Pfizer")
    r"\b(?i:this|our|the|today['’]s)\s++(?i:episode|show|podcast|video)\s++(?i:is|was)\s++"
    r"(?i:sponsored|supported|brought\s++to\s++you)\s++(?i:by)\b"
    # a sponsor, then what the listener should do ("Bull Case is supported by Northwind VPN, stream your …")
    r"|\b(?i:is|are|was)\s++(?i:sponsored|supported|brought\s++to\s++you)\s++(?i:by)\s++[^,.;]++,\s*+"
    r"(?i:go|visit|use|try|stream|rent|get|head|sign\s++up|check\s++out)\b"
    r"|\b(?i:a\s++)?(?i:quick\s++)?(?i:word\s++from\s++(?:our|today['’]s)\s++sponsors?)\b"
    # a show named at the sentence's start "brought to you by" someone ("Hard Assets is brought to you by
    # Drumline Boots, work boots that actually last"; not "This model is brought to you by the team that built
    # Llama")
    r"|\A\W*+(?!(?i:the|this|that|these|those|its|their|his|her|our|my)\b)(?:[A-Z][\w'’&-]*+\s++){1,4}"
    r"(?i:is|are)\s++(?i:brought\s++to\s++you)\s++(?i:by)\b"
    # a promo code in capitals ("Use code BULL"; not "developers use code assistants"), or an offer with one
    # ("fifty dollars of free credit with code WEIGHTS"; not "trained with code MBPP")
    r"|\b(?i:use|using)\s++(?i:the\s++)?(?i:promo\s++)?(?i:code)\s++[A-Z0-9]{2,}+\b"
    r"|\b(?i:off|free|credit|discount|trial)\b[^.;!?]*?\b(?i:with)\s++(?i:the\s++)?(?i:promo\s++)?(?i:code)"
    r"\s++[A-Z0-9]{2,}+\b"
    r"|\b(?i:dot\s++com\s++slash)\b"
    r"|\b(?i:linked\s++(?:in\s++the\s++(?:description|show\s++notes|notes|comments)|below|down\s++below))\b",
)
# A discount at the checkout ("for thirty percent off at checkout"; not "carts abandoned at checkout").
_CHECKOUT_RE = re.compile(
    r"\bat\s++checkout\b(?=.*?\b(?:code|promo|off|free|discount)\b)"
    r"|\b(?:code|promo|off|free|discount)\b.*?\bat\s++checkout\b",
    re.IGNORECASE,
)
_FILLER_RE = re.compile(
    r"^(?:\W*(?:so|and|but|yeah|like|um|uh|okay|well)\b)*\W*i (?:\w+ )?(?:don't|don’t|do not) know\b",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:(?:written\s+)?by\s+(?P<name>[^\W\d_][\w.'’-]*+)|(?:posted (?:on|by)|published(?: on| by)?"
    r"|updated(?: on)?|author)\b[\s:])",
    re.IGNORECASE,
)
_CAPTION_RE = re.compile(
    r"^(?:photo|image|picture|caption|credit|illustration|figure \d+|fig\. ?\d+)\b\s*(?:by\b|[:：(—–-])",
    re.IGNORECASE,
)
_TERMINAL_RE = re.compile(r"[.!?…:;\"”’)]$")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-–—•*]|\d+[.)])\s+")
# Verbs of belief that frame the clause after them as the speaker's view ("I think X").
_BELIEF_LEMMAS = frozenset({"think", "believe", "feel", "guess", "reckon", "suppose"})
# Verbs of a wager on what comes next ("I bet they raise it", "I predict they'll cut"): a guess, not a claim.
_GUESS_LEMMAS = frozenset({"bet", "predict", "wager"})
# Words that put a guessed clause in the future: "they raise it … this year", "they'll cut".
_AHEAD = frozenset({"will", "'ll", "’ll", "would", "gonna", "soon", "eventually", "next"})


def _looks_ahead(clause: Token) -> bool:
    """A guessed clause about what comes: a modal or "next", "soon", a bare present verb with "this year"
    ("I bet they raise it to a hundred and nineteen this year"), a year it runs into or by ("falls off a cliff
    by twenty twenty three", "drags into twenty twenty four"), or "end up"; not "I bet they have eighty
    percent"."""
    words = [t.lower_ for t in clause.subtree]
    said = " ".join(words)
    return (
        bool(_AHEAD & set(words))
        or (clause.tag_ in ("VB", "VBP") and "this year" in said and clause.lemma_ != "have")
        or (_RUNS_INTO.search(said) is not None and _still_to_come(clause))
        or (clause.lemma_ == "end" and any(c.dep_ == "prt" and c.lower_ == "up" for c in clause.children))
    )


def _still_to_come(clause: Token) -> bool:
    """A clause in the present of what is still to happen, not a term that runs ("the lease runs through
    2030", "the bonds mature in a few years") nor what happened ("grew … by 2022")."""
    progressive = clause.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in clause.children
    )
    return (
        (clause.tag_ in ("VB", "VBP", "VBZ") or progressive)
        and clause.lemma_.lower() not in _TERM_VERBS
        and not any(
            t.tag_ == "VBD" or (t.tag_ == "VBN" and t.dep_ in ("aux", "auxpass")) for t in clause.subtree
        )
        and not any(s.lemma_.lower() in _TERMS for s in subjects_of(clause))
        and not any(c.lemma_.lower() in ("exclusive", "valid") for c in clause.children if c.dep_ == "acomp")
    )


# Verbs and subjects of a term that runs to a date: "the lease runs through 2030", "the deal lasts until".
_TERM_VERBS = frozenset({"run", "last", "expire", "mature", "extend"})
_TERMS = frozenset(
    {"lease", "contract", "deal", "bond", "note", "patent", "license", "agreement", "exclusivity"}
)
# A time a guessed clause runs into or up to: "by twenty twenty three", "into 2024", "for most of 2023".
_RUNS_INTO = re.compile(
    r"\b(?:by|into|until|through|for\s++(?:most|all|the\s++rest)\s++of)\s++(?:(?:19|20)\d\d|twenty)\b"
    r"|\bin\s++(?:a\s++(?:few|couple)\s++(?:of\s++)?+|\w++\s++)?+(?:years|months|decades)\b"
)


# Verbs after "I" that are a discourse marker, not a story ("I mean, three point three billion people…").
_MARKER_LEMMAS = frozenset({"mean", "say", "bet", "know", "remember", "wonder"})
# Judgements with nothing to check ("genius", "a mess", "the most underrated company"): a closed list of
# evaluative words, not sentences from any benchmark.
_EVALUATIVE = frozenset(
    "amazing awesome crazy insane phenomenal fantastic great annoying impressive incredible terrible awful "
    "ridiculous cool brilliant stupid beautiful wonderful horrible exciting scary weird genius disaster mess "
    "overkill underrated overrated smartest dumbest dumb silly absurd nuts wild best worst favourite "
    "favorite mistake joke nightmare masterpiece bold gorgeous boring lame sexy shady brutal rough ugly "
    "painful marketing gimmick overhyped hype shrewd savvy clever confusing frustrating disappointing "
    "underwhelming embarrassing hilarious pathetic messy clunky".split()
)
# Verbs that judge rather than report ("people underestimate how fast they scaled"; "you should try it").
_JUDGING_LEMMAS = frozenset(
    {
        "underestimate",
        "overestimate",
        "overrate",
        "underrate",
        "recommend",
        "suggest",
        "overpay",
        "overspend",
        "deserve",
    }
)
_EVALUATIVE_PHRASES = (
    "sweet spot",
    "no brainer",
    "no-brainer",
    "die on this hill",
    "game changer",
    "one to beat",
    # "better run than people give it credit for"
    "give it credit for",
    "gives it credit for",
    "give them credit for",
    "gives them credit for",
)
# "They got off cheap on Minnesota": a judgement of a settlement, when it says no figure ("they got off easy,
# they paid 2.5 billion" says one)
_LET_OFF = re.compile(
    r"\b(?:get|gets|got|gotten|getting|let)\s++off\s++(?:cheap|easy|lightly)\b", re.IGNORECASE
)
# Superlatives that judge rather than measure ("the saddest chart", "the cleverest thing"), by their base
# word; "the biggest segment", "the least profitable", "the busiest market" stay claims to check.
_JUDGING_SUPERLATIVES = frozenset(
    "sad clever smart dumb cool funny weird crazy wild nice pretty ugly lucky scary bold brave wise silly "
    "strange happy stupid lame cute sexy".split()
)
_FIGURE_UNITS = frozenset(
    {Unit.USD, Unit.PERCENT, Unit.PERCENT_POINTS, Unit.PARAMETERS, Unit.TOKENS, Unit.YEAR}
)
_FIRST_SINGULAR = frozenset({"i", "me", "my", "myself"})
# The auxiliaries of a clause about what will be.
_WILL = frozenset({"will", "'ll", "’ll", "wo", "gonna"})
# Tags of a verb that says something of someone: past, present, a modal.
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _quantities(text: str) -> list[Quantity]:
    """`extract_quantities(text)`, read once per text: the rules below ask it of the same sentence many
    times."""
    return list(_quantities_of(text))


@lru_cache(maxsize=4096)
def _quantities_of(text: str) -> tuple[Quantity, ...]:
    return tuple(extract_quantities(text))


def _has_no_figure(text: str) -> bool:
    """Nothing in `text` is a figure: at most names with digits ("Version 2", "H100")."""
    return all(q.unit in NAME_UNITS for q in _quantities(text))


def _only_years(text: str) -> bool:
    """No figure in `text` but years (and names with digits)."""
    return all(q.unit in NAME_UNITS or q.unit == Unit.YEAR for q in _quantities(text))


def _has_hard_figure(text: str, *, dated_documents: bool = True) -> bool:
    """Money, a percentage, parameters, tokens or a year: what a personal story is not built from. Without
    `dated_documents`, the year that names a document does not count ("First up is Activision's 10-K for
    twenty nineteen", "the FY22 earnings deck"), while the year of an event still does ("First up, Microsoft
    closed the deal in October 2023, per its 10-K")."""
    return any(
        q.unit in _FIGURE_UNITS and (dated_documents or q.unit != Unit.YEAR or not _dates_a_document(text, q))
        for q in _quantities(text)
    )


def _dates_a_document(text: str, year: Quantity) -> bool:
    """The year is a document's: said right after it ("10-K for twenty nineteen") or right before it ("the
    FY22 earnings deck", "its 2019 annual report")."""
    return bool(
        _DOCUMENT_THEN_YEAR.search(text[max(0, year.start - _DOCUMENT_REACH) : year.start])
        or _DOCUMENT_AFTER_YEAR.match(text, year.end)
    )


# A document a year names: "Activision's 10-K for twenty nineteen", "the FY22 earnings deck".
_DOCUMENT = r"(?:10-?[KQ]|annual\s++report|earnings\s++(?:deck|call|release)|deck|filing)"
_DOCUMENT_THEN_YEAR = re.compile(
    rf"\b{_DOCUMENT}\s++(?:for|from|of)\s++(?:the\s++)?+(?:fiscal\s++(?:year\s++)?+)?+\Z", re.IGNORECASE
)
_DOCUMENT_AFTER_YEAR = re.compile(rf"(?<!\s)\s++{_DOCUMENT}\b", re.IGNORECASE)
_DOCUMENT_REACH = 30  # characters from a document's name to the year after it


def _main_verb_and_subject(span: Span) -> tuple[Token, Token | None]:
    root = span.root
    subjects = [s for s in subjects_of(root) if span.start <= s.i < span.end]
    return root, subjects[0] if subjects else None


def is_question(sentence: Sentence) -> bool:
    return sentence.text.rstrip().endswith("?") or sentence.sentence_text.rstrip().endswith("?")


def is_hypothetical(span: Span) -> bool:
    """A conditional or a supposition: "If X, Y", "Y if X", "What if …", "Suppose …" ("even if" is not)."""
    first = next(
        (t for t in span if not t.is_punct and t.lower_ not in ("so", "and", "but", "like", "well")), None
    )
    if first is not None and (
        first.lower_ in ("suppose", "supposing")
        or (first.lower_ in ("assuming", "hypothetically") and _has_no_figure(str(span.text)))
        or (first.lower_ in ("imagine", "picture", "pretend") and _imagines(span, first))
        or (_INVERTED_CONDITIONAL.match(str(span.text)) is not None and first.dep_ != "ROOT")
    ):
        return True  # "Suppose the FAA lifts the cap next year, they could get back to fifty a month"
    if _LETS_SAY.match(str(span.text)) and (
        _supposes_after(span) or (_has_no_figure(str(span.text)) and not _says_what_happened(span))
    ):
        return True  # "Let's say the deal had closed, Adobe would own the whole design stack"
    for tok in span:
        if tok.lower_ not in ("if", "unless"):
            continue
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("even", "as", "what", "see", "ask", "wonder"):
            if tok.doc[tok.i - 1].lower_ == "what":
                return True
            continue
        if _is_framing_if(tok):
            continue
        if tok.i == span.start or (first is not None and tok.i == first.i):
            return True
        if tok.dep_ == "mark" and not _stated_before(span, tok):
            return True
    return False


def _imagines(span: Span, verb: Token) -> bool:
    """ "Imagine if …", "Picture an alternate world where Netflix bought Hulu", "Imagine Spotify owning the
    labels": the imperative that opens a supposition (not "Picture this table")."""
    if verb.tag_ != "VB":
        return False  # ("Picture quality improved 30% in markets where …", "Imagine Dragons sold …")
    after: list[Token] = []
    for t in span[verb.i - span.start + 1 :]:
        if t.text in (":", ";", "—", "–"):
            break  # ("Picture the scale here: we're serving 500 million users every week")
        after.append(t)
    if after and after[0].lower_ in ("that", "this"):
        return False  # "Imagine that, a chip company worth three trillion", "Picture this: …"
    return any(
        t.lower_ == "if"
        or (t.lower_ == "where" and t.i > 0 and t.doc[t.i - 1].pos_ == "NOUN")
        or t.tag_ == "VBG"
        for t in after
    )


# A condition said by inversion, then what would follow: "Had they bought ASML back in the day, none of this
# would be happening", "Were Apple to buy Disney, …".
_INVERTED_CONDITIONAL = re.compile(
    r"\A\W*+(?i:(?:so|and|but|honestly|well)\W++)*+(?:Had|Were|Should)\s++(?:they|we|you|he|she|it|the\s++\w++|"
    r"[A-Z][\w&.-]*+)\s++[^,;]{0,80}?,[^;]*?\b(?i:would|'d|’d|could|might)\b",
)


# "Let's say …", "Say they raise prices again next year, …": a supposition when a modal follows it, or when
# it says no figure and not the simple past ("Let's say Apple had about three hundred eighty billion" and "Say
# Microsoft paid sixty nine billion" report).
_LETS_SAY = re.compile(
    r"\A\W*+(?i:(?:so|and|but|okay|ok|well|now)\W++)*+(?i:let(?:'s|’s|\s++us)\s++(?:just\s++)?+say|say)\s++"
    r"(?i:that\s++)?+(?:(?i:they|we|you|he|she|the)\b|[A-Z])",
)


def _supposes_after(span: Span) -> bool:
    """A modal in the clause after a supposition: "Say Microsoft bought Nintendo, that would be huge"."""
    return any(t.tag_ == "MD" and t.lower_ in ("would", "'d", "’d", "could", "might") for t in span)


def _says_what_happened(span: Span) -> bool:
    """The clause after "say" is in the simple past: "Say Microsoft paid sixty nine billion for Activision"
    reports, where "Let's say the deal had closed" supposes."""
    verb = next(
        (t for t in span if t.pos_ in ("VERB", "AUX") and t.lower_ not in ("let", "'s", "’s", "say")), None
    )
    return verb is not None and verb.tag_ == "VBD" and verb.lower_ not in ("had", "were", "was")


def _stated_before(span: Span, if_token: Token) -> bool:
    """The clause before a trailing "if" states a dated or measured fact on its own ("we'll go public,
    probably in 2027 if the market cooperates"): the condition qualifies it, the claim stands."""
    before = span.doc[span.start : if_token.i]
    return _has_hard_figure(str(before.text))


# "If you go back to 2023, revenue was $134.9 billion": "if you look / go back / compare" points the listener
# at a fact; it supposes nothing.
_FRAMING_VERBS = frozenset(
    "look go compare think remember take consider add count include exclude check see read".split()
)


def _is_framing_if(tok: Token) -> bool:
    verb = tok.head
    subjects = [c.lower_ for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects == ["you"] and verb.lemma_.lower() in _FRAMING_VERBS


# What the speaker has or uses, and the people of their own life: "I still have my Gold card from like 2016",
# "My cousin was in the Army like twenty ten": a year in such a story dates the story, not a fact to check.
_OWNING_LEMMAS = frozenset("have keep own use buy wear carry remember".split())
_KIN = frozenset(
    "cousin dad father mom mother wife husband kid kids son daughter brother sister friend uncle aunt "
    "grandma grandpa grandmother grandfather parents family roommate neighbor neighbour partner".split()
)


# What a person does in their own life, dated by a year ("I worked the floor at a Best Buy back in twenty
# sixteen", "I flew Alaska to Seattle in twenty nineteen"); what an executive did ("I stepped down as CEO in
# 2018", "I cut the dividend in 2020", "I started the company in 2004") is left to the score.
_EXPERIENCE_LEMMAS = frozenset(
    "work play fly visit tour travel eat drink watch download install study graduate intern attend "
    "tune".split()
)


def _dated_story(subject: Token | None, root: Token) -> bool:
    """A story dated by a year: the speaker has or uses something, or lived through something in the simple
    past (`_EXPERIENCE_LEMMAS`: "I worked the floor at a Best Buy back in twenty sixteen", "I played way too
    much Warzone in twenty twenty"; not "I've got twenty nineteen at three seventy five", an executive's "I
    stepped down as CEO in 2018", nor "I heard Boeing stopped production in 2020", whose year is the
    clause's), or one of their own people does something."""
    if subject is None:
        return False
    if subject.lower_ == "i":
        lemma = root.lemma_.lower()
        if lemma in _OWNING_LEMMAS:
            return True
        return (
            # (a past participle with no auxiliary is a simple past misread: "I fine-tuned the seven B …")
            root.tag_ in ("VBD", "VBN")
            and root.pos_ == "VERB"
            # ("I signed up for Aetna through my old job in twenty nineteen"; not "I signed the agreement")
            and (
                lemma in _EXPERIENCE_LEMMAS
                or (lemma == "sign" and any(c.dep_ == "prt" for c in root.children))
                or (lemma == "get" and _got_my_own(root))
            )
            and not any(c.dep_ in ("aux", "auxpass", "ccomp") for c in root.children)
        )
    return subject.lower_ in _KIN and any(c.dep_ == "poss" and c.lower_ == "my" for c in subject.children)


def _got_my_own(verb: Token) -> bool:
    """ "I got my booster", "I got a Model 3", "I got into Nvidia" (not "I got Meta's revenue at …", "I got
    the CEO job", "I got FDA approval")."""
    for child in verb.children:
        if child.dep_ == "dobj" and any(
            (c.dep_ == "poss" and c.lower_ == "my") or (c.dep_ == "det" and c.lower_ in ("a", "an"))
            for c in child.children
        ):
            return True
        if child.dep_ == "prep" and child.lower_ == "into":
            return True
    return False


# Money that is a company's or a share's however it is said: "our IPO at thirty eight dollars a share".
_COMPANY_MONEY = re.compile(
    r"\b(?:our|we|us)\b|\b(?:a|per) (?:share|user|member|customer|subscriber)\b", re.I
)
# Money a person spends ("twenty bucks", "twelve hundred bucks" for a rented GPU node): an amount under this,
# said of the speaker, is their own story; a company's figures are millions and billions.
PERSONAL_MONEY_MAX = 100_000.0


def _personal_amounts(quantities: list[Quantity]) -> bool:
    """Every hard figure is a year or a person's sum of money (`PERSONAL_MONEY_MAX`), and one is money."""
    hard = [q for q in quantities if q.unit in _FIGURE_UNITS]
    return any(q.unit == Unit.USD for q in hard) and all(
        q.unit == Unit.YEAR or (q.unit == Unit.USD and not q.change and q.value < PERSONAL_MONEY_MAX)
        for q in hard
    )


# Subjects that go on with a story rather than name someone new: "it was forty minutes", "he had these".
_STORY_PRONOUNS = frozenset({"it", "that", "this", "he", "she", "they", "we", "i"})


def continues_story(span: Span) -> bool:
    """A clause that can only go on with the story before it: no figure of its own, and a pronoun for its
    subject ("and he had these exact earplugs"; not "and CVS bought Aetna after that")."""
    root = span.root
    return _has_no_figure(str(span.text)) and any(s.lower_ in _STORY_PRONOUNS for s in subjects_of(root))


# A count a person's story does not reach ("ten million consoles a year"): a company's.
_COMPANY_SCALE = 1_000_000.0
# The counts the person of a story is said with ("calls every plane a seven forty seven"): below a thousand.
_STORY_COUNT_MAX = 1_000.0


def goes_on_with_own_story(span: Span) -> bool:
    """A clause whose subject is the speaker doing something ("I"), the person of the story as they are ("he",
    "she"), or the speaker's crew doing it as a habit ("we'd", "we used to"), after a clause of the same
    sentence that told the speaker's own story: the story goes on, figure or not ("I worked the floor at a
    Best Buy back in twenty sixteen, and we'd sell like a hundred protection plans on a Saturday"; a
    founder's "I joined in 2015, and we grew revenue to ten billion" is a company's "we")."""
    root = span.root
    subject = next(iter(subjects_of(root)), None)
    if subject is None or root.lemma_.lower() in _BELIEF_LEMMAS | _MARKER_LEMMAS:
        return False
    # (a company's sums are no story: "…, and I doubled revenue to ten billion dollars", "we'd grow revenue
    # like forty percent a year")
    quantities = _quantities(str(span.text))
    if any(
        q.unit == Unit.PERCENT
        or (q.unit == Unit.USD and q.value >= PERSONAL_MONEY_MAX)
        or (q.unit != Unit.YEAR and q.value >= _COMPANY_SCALE)
        for q in quantities
    ):
        return False
    if subject.lower_ == "i":
        # (the speaker's own doing: not "…, and I heard Nvidia did twenty six billion")
        return _own_story(subject, root)
    if subject.lower_ in ("he", "she"):
        # the person of the story as they are ("My grandpa worked at the Everett plant for thirty one years
        # and he still calls every plane a seven forty seven"); not what a CEO did ("I worked at Twitter in
        # 2022, and he laid off 3,700 people"), nor a count a person's life does not reach
        return root.tag_ in ("VBZ", "VBP") and all(
            q.unit in NAME_UNITS or (q.unit == Unit.COUNT and abs(q.value) < _STORY_COUNT_MAX)
            for q in quantities
        )
    habit = any(c.dep_ == "aux" and c.lower_ in ("'d", "’d", "would") for c in root.children) or (
        root.lower_ == "used" and any(c.lower_ == "to" for c in root.subtree)
    )
    return subject.lower_ == "we" and habit


def _story_opening(span: Span) -> tuple[Token, Token | None] | None:
    """The clause a sentence opens with when it is not the main one: "I used a MinuteClinic once, it was
    forty minutes" has "it was" as its root and "I used" before it."""
    root = span.root
    if not any(s.lower_ in _STORY_PRONOUNS for s in subjects_of(root)):
        return None  # "When I joined, Walgreens had nine thousand stores": the main clause is a fact
    for tok in span:
        if tok.i >= root.i:
            return None
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ == "ccomp" and tok.head.i == root.i:
            subjects = subjects_of(tok)
            return (tok, subjects[0]) if subjects else None
    return None


def _own_story(subject: Token | None, verb: Token) -> bool:
    """ "I" does something (not "I think", "I mean", "I'm sure"), or one of the speaker's own people
    does ("my cousin", "a friend of mine")."""
    if subject is None:
        return False
    if subject.lower_ == "i":
        lemma = verb.lemma_.lower()
        if lemma in _BELIEF_LEMMAS and verb.tag_ == "VBD":
            return True  # "I really thought they were profitable": what the speaker once believed
        if lemma in _BELIEF_LEMMAS | _MARKER_LEMMAS or verb.tag_ == "MD":
            return False
        # "I'm sure that …", "I read somewhere Qwen was trained on …": the speaker frames a claim (a
        # reason or a time said of the story with no figure frames nothing: "I bought some because my nephew
        # would not shut up about it")
        return not any(
            c.dep_ == "acomp"
            or (
                c.dep_ in ("ccomp", "advcl")
                and any(g.lower_ not in _FIRST_SINGULAR for g in subjects_of(c))
                and not (
                    c.dep_ == "advcl"
                    and any(m.dep_ == "mark" and m.lower_ in _STORY_MARKS for m in c.children)
                    # ("I bought the stock because Nvidia did sixty billion …" reports a figure)
                    and not any(t.like_num for t in c.subtree)
                    and not _has_hard_figure(" ".join(t.text for t in c.subtree))
                )
            )
            for c in verb.children
        )
    return _one_of_mine(subject)


# What opens a clause of reason or time inside the speaker's story: "because my nephew …", "when it …".
_STORY_MARKS = frozenset({"because", "since", "when", "while", "after", "before", "until", "cause", "'cause"})


def _one_of_mine(subject: Token) -> bool:
    """ "my cousin", "a friend of mine", "our neighbour"."""
    if any(c.dep_ == "poss" and c.lower_ == "my" for c in subject.children):
        return True
    if subject.lower_ in _KIN - {"family", "partner", "friend"} and any(
        c.dep_ == "poss" and c.lower_ == "our" for c in subject.children
    ):
        return True  # "our neighbor" (not "our team", "our family of apps", "our partner", "our friend
        # Jensen": a company's, or a name's)
    return subject.lower_ in _KIN and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("mine", "ours") for g in c.children)
        for c in subject.children
    )


def is_anecdote(span: Span) -> bool:
    """The speaker's own experience: "I" (not "I think", "I mean") or "my someone" does it, or it is done
    to "me"; a sentence with money, a percentage or a year in it is left to the score, unless the year only
    dates the speaker's own story (`_dated_story`) or the money is the speaker's own (`_personal_amounts`)."""
    root, subject = _main_verb_and_subject(span)
    # ("the seven B" in "I fine-tuned the seven B on my gaming PC" names a model, no figure)
    quantities = [q for q in _quantities(str(span.text)) if not _named_size(span, q)]
    hard = {q.unit for q in quantities} & _FIGURE_UNITS
    if hard:
        if hard == {Unit.YEAR} and _dated_story(subject, root):
            return True
        if hard <= {Unit.TOKENS, Unit.PARAMETERS} and _on_my_own(span, subject, root):
            return True  # "I got three point three seventy B running on my M3 Max, like five tokens a second"
        return (
            _personal_amounts(quantities)
            and not _COMPANY_MONEY.search(str(span.text))
            and (_own_story(subject, root) or _done_to_me(span, possessive=False))
        )
    opening = _story_opening(span)
    if opening is not None and _own_story(opening[1], opening[0]):
        return True
    if subject is not None:
        if subject.lower_ == "i":
            return _own_story(subject, root)
        if _one_of_mine(subject):
            return True
    return _done_to_me(span)


def _on_my_own(span: Span, subject: Token | None, root: Token) -> bool:
    """The speaker did it with a thing of their own: "I" in the past and "my" before what it was done on
    or with ("I ran the 8B on my laptop", "I fine-tuned it on my gaming PC"; not "in my spreadsheet"), and
    no one else did anything in the clause."""
    return (
        subject is not None
        and subject.lower_ == "i"
        and root.tag_ in ("VBD", "VBN")
        and _own_story(subject, root)
        and any(
            t.lower_ == "my"
            and t.dep_ == "poss"
            and t.head.dep_ == "pobj"
            and t.head.head.lower_ in ("on", "with")
            for t in span
        )
        # (no one else does anything in it: "… and Llama 3 saw fifteen trillion tokens" reports a figure)
        and all(t.lower_ in ("i", "it") for t in span if t.dep_ in ("nsubj", "nsubjpass"))
        and not any(t.pos_ == "VERB" and t.dep_ == "conj" for t in span)
    )


def _named_size(span: Span, q: Quantity) -> bool:
    """A model named by its size: "the 8B", "the seven B" (a count of parameters after "the")."""
    return q.unit == Unit.PARAMETERS and bool(re.search(r"\bthe\s++\Z", str(span.text)[: q.start], re.I))


def _done_to_me(span: Span, *, possessive: bool = True) -> bool:
    """Something done to the speaker: "it cost me", "they sent me", "my booster" (not with `possessive`
    off: "at my company, revenue per user was forty five dollars" is no story)."""
    return any(
        tok.lower_ in (("me", "my", "myself") if possessive else ("me", "myself"))
        and tok.dep_ in ("dobj", "dative", "pobj", "poss", "iobj")
        and not (tok.lower_ == "me" and tok.head.lemma_.lower() in ("let", "tell", "give", "show", "walk"))
        # ("Mark my words, they lost five billion", "In my view, margins fell": the speaker's framing)
        and not (tok.lower_ == "my" and tok.head.lemma_.lower() in _FRAMING_NOUNS)
        for tok in span
    )


# What the speaker frames a claim with: "my words", "in my view", "my guess", "to my knowledge".
_FRAMING_NOUNS = frozenset(
    "word view opinion take guess prediction point understanding knowledge math read reading".split()
)


def non_claim_kind(
    sentence: Sentence, *, line_text: str | None = None, article: bool = False
) -> NonClaim | None:
    """Why `sentence` is not a claim, when a rule says so; None leaves it to the score.

    `line_text` is the whole line or turn the sentence came from (for headings, bylines and captions, which
    stand alone on their line); `article` says it is a written line, not a turn of speech (for action
    items: a turn said with no verb is an answer or a fragment, left to the score).
    """
    span = sentence.span
    text = sentence.text
    whole = sentence.sentence_text
    if line_text is not None:
        line = _LIST_MARK_RE.sub("", line_text.strip().lstrip("#").strip())
        if line and whole.strip() == line_text.strip().lstrip("#").strip():
            if _is_byline(line):
                return NonClaim.BYLINE
            if _CAPTION_RE.match(line):
                return NonClaim.CAPTION
            if _is_heading(line, listed=line != line_text.strip().lstrip("#").strip()):
                return NonClaim.HEADING
            if article and _is_bare_item(span, line):
                return NonClaim.FILLER
    if is_question(sentence):
        return NonClaim.QUESTION
    if (_META_RE.search(whole.strip()) or _META_RE.search(text.strip())) and not _has_hard_figure(
        whole, dated_documents=False
    ):
        return NonClaim.META
    if _SIGN_OFF_RE.match(whole.strip()) and _has_no_figure(whole) and not _BUT_CLAUSE.search(whole):
        # (not "That's all the time we have, but Nvidia reports after the bell tomorrow")
        return NonClaim.META
    if _SHOW_NOTES_RE.search(whole) and not _has_hard_figure(whole, dated_documents=False):
        return NonClaim.META
    if _SPONSOR_RE.search(whole) or _CHECKOUT_RE.search(whole):
        return NonClaim.META
    if _OWN_SHOW_RE.search(whole) and (
        _has_no_figure(whole) or (_only_years(whole) and _GO_LISTEN.search(whole))
    ):
        # (a year only where the listener is sent to the old episode: "We did an episode on Activision, and
        # Microsoft bought them in 2023" is a claim)
        return NonClaim.META
    if _announces_agenda(sentence):
        return NonClaim.META
    if (
        (_ASKS_LISTENERS.search(whole) or _MOVES_ON.search(whole))
        and _only_years(whole)
        # (not "Let me know if I'm wrong, but Pepsi owns Frito-Lay", nor "let's turn to Microsoft, which
        # bought Activision")
        and not _BUT_CLAUSE.search(whole)
        and not _TELLS_OF_IT.search(whole)
    ):
        # "And send us your worst AWS bill stories", "let's get to Whole Foods", "the plan is top line first"
        return NonClaim.META
    if _TOPIC_ANNOUNCED.search(whole) and _has_no_figure(whole):
        return NonClaim.META
    if (
        _SCREEN_RE.search(text)
        or (_SCREEN_BARE_RE.search(text) and _has_no_figure(text))
        or (_COLUMN_READ_RE.search(text) and _only_years(text))
    ):
        return NonClaim.SCREEN
    if _FILLER_RE.match(text) and not _has_hard_figure(text):
        return NonClaim.FILLER
    if _is_fragment(span) or _is_call_to_action(span):
        return NonClaim.FILLER
    if is_hypothetical(span) or (sentence.whole is not None and is_hypothetical(sentence.whole)):
        return NonClaim.HYPOTHETICAL
    if is_anecdote(span):
        return NonClaim.ANECDOTE
    if _hearsay(span):
        return NonClaim.HEARSAY
    if _defines(span):
        return NonClaim.DEFINITION
    if _crowd_talk(span):
        return NonClaim.VAGUE
    return None


def _hearsay(span: Span) -> bool:
    """What someone no one can name told the speaker or the show, passed on, not asserted: "Somebody on Reddit
    told me Kotick owns every copy of Call of Duty", "A listener emailed us saying Pepsi is owned by Coke"
    (not "Bourla told investors revenue would hit a hundred billion", a named person's word)."""
    root = span.root
    if root.lemma_.lower() not in _PASSING_ON:
        return False
    told = any(
        (c.lower_ in ("me", "us") and c.dep_ in ("dobj", "dative", "iobj"))
        or (c.dep_ == "advcl" and c.lemma_.lower() == "say")  # "emailed us saying …"
        for c in root.children
    )
    text = str(span.text)
    return (
        told
        and any(_anyone(s) for s in subjects_of(root))
        # (not a figure passed on, nor one told on the record or confirmed: "… told us on the call gross
        # margin would be 75%", "… told me Tesla delivered 1.8 million, and that's right")
        and not _has_hard_figure(text)
        and _ON_RECORD.search(text) is None
        and not any(t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") for t in root.children)
    )


# Where what is passed on was said for the record: "on the call", "on the record".
_ON_RECORD = re.compile(r"\bon\s++the\s++(?:record|call|earnings\s++call|podcast)\b", re.IGNORECASE)


# How a thing is passed on to the speaker: "told me", "emailed us saying", "swears".
_PASSING_ON = frozenset({"tell", "email", "message", "text", "write", "dm", "tweet", "swear", "insist"})
# Someone no one can name: "somebody", "some guy on a forum", "a listener", "a caller".
_ANYONE = frozenset({"somebody", "someone"})
_SOME_PERSON = frozenset(
    "guy dude person listener caller commenter viewer reader stranger fan redditor poster".split()
)


def _anyone(subject: Token) -> bool:
    """ "Somebody", "a listener", "some guy on a forum": someone the speaker does not name."""
    if subject.lower_ in _ANYONE:
        return True
    return subject.lower_ in _SOME_PERSON and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "some", "this", "one") for c in subject.children
    )


def _defines(span: Span) -> bool:
    """What a term means, said to the listener: a term with no name and no "the" (a bare noun or one said
    with "a") "is just" / "is basically" / "means" / "is when" a phrase of four words or more (a plain "is"
    after "quick definition,"), with no figure but a small count ("Churn is just the share of customers who
    leave each month", "A fiscal year is just whatever twelve month period a company picks"; not "Capex is
    basically all 5G", "The PBM is basically Caremark", "Pfizer is basically a vaccine company now", nor
    "Revenue is just under eighty one billion"). Read on the words, not the parse, which often takes "is" for
    an auxiliary here ("margin is just operating income divided by revenue")."""
    text = str(span.text)
    found = _DEFINITION.search(text)
    if found is None or found.group("term").lower().split()[0] in _NOT_TERMS:
        return False
    if found.group("told") is not None and not _EXPLAINING.search(text, 0, found.start("term") + 1):
        return False  # a plain "is" defines only after "quick definition,"
    if any(
        q.unit not in NAME_UNITS and (q.unit != Unit.COUNT or abs(q.value) >= _SMALL_COUNT)
        for q in _quantities(text)
    ):
        return False
    start = span.start_char + found.start("term")
    end = span.start_char + found.end("term")
    told = [t for t in span if t.idx >= span.start_char + found.start("meaning")]
    if not _tells_a_meaning(told):
        return False
    # (a capitalised word of the term is a name, "Pfizer is basically a vaccine company now", though a
    # sentence's first word may be a term's, "Net adds is basically …", and is lost so)
    # (an initialism is a term's, "adjusted EPS is basically earnings with certain charges taken out")
    return not any(
        t.ent_type_ in _NAME_ENTS or (t.tag_ in ("NNP", "NNPS") and not INITIALISM.fullmatch(t.text))
        for t in span
        if start <= t.idx < end
    )


def _tells_a_meaning(told: list[Token]) -> bool:
    """What follows "is just" / "means" reads as what a term means: it opens on a thing ("the share of …", "a
    temporary green light", "revenue minus …") or a clause of what or when ("whatever twelve month period …",
    "how many distinct people …", "when several heads share …"), names no one and tells nothing in the past
    (not "flat", "all defense contracts", "the same as last year", "the deal with Walmart", "they made
    money")."""
    words = [t for t in told if not t.is_punct and t.lower_ not in _DEFINING | {"is", "are", "means", "mean"}]
    if not words or any(
        t.pos_ == "PROPN"
        or t.ent_type_ in _NAME_ENTS
        # (a past that describes the thing is part of it: "cash a company got for stuff")
        or (t.tag_ == "VBD" and t.dep_ != "relcl")
        or t.lower_ in _NO_MEANING
        for t in told
    ):
        return False
    first = words[0]
    return (
        first.lower_ in _MEANING_OPENS
        or (first.pos_ == "NOUN" and first.tag_ != "VBG")
        or (
            first.pos_ in ("ADJ", "VERB") and first.dep_ in ("amod", "compound") and first.head.pos_ == "NOUN"
        )
    )


# What a meaning opens on: "a …", "the …", "whatever …", "how many …", "when …", "what …".
_MEANING_OPENS = frozenset({"a", "an", "the", "one", "whatever", "how", "when", "what", "whichever"})
# Words that make a predicate a state or a share, not a meaning: "all …", "mostly …", "the same", "flat".
_NO_MEANING = frozenset({"all", "mostly", "same", "flat", "where", "only"})


# "<a term> is just <what it means>": a term of up to four words, after the sentence's start or a comma.
_DEFINITION = re.compile(
    r"(?:\A\W*+|,\s*+)(?:(?i:so|and|okay|well|yeah|sure|um|uh)\W++)*+"
    r"(?P<term>(?:(?i:an?)\s++)?+[A-Za-z][\w-]*+(?:\s++[A-Za-z][\w-]*+){0,3}?)"
    # (an aside between: "a token, for folks at home, is just …")
    r"(?:\s*+,[^,]{1,40},)?+\s++"
    r"(?:(?:is|are)\s++(?:just\s++|basically\s++|simply\s++|essentially\s++)?+when\b"
    r"|(?:is|are)\s++(?:just|basically|simply|essentially)\b|(?:just\s++|basically\s++)?+means\b|refers\s++to\b"
    # (a plain "is" where the speaker says they are explaining: "quick definition, free cash flow is …")
    r"|(?<=(?P<told>.))(?:is|are)\b)"
    r"\s++(?P<meaning>\S++)(?:\s++\S++){3}"
)
# What a speaker says before explaining a term: "quick definition", "for anyone who doesn't know".
_EXPLAINING = re.compile(
    r"\b(?:definition|explainer|for\s++(?:anyone|folks|people|those)\b[^,]{0,30}|refresher)\s*+,",
    re.IGNORECASE,
)
# A count a definition may say ("whatever twelve month period"); a larger one is a company's figure.
_SMALL_COUNT = 100
# First words that make no term: pronouns and what points back ("It is basically …", "That's just …").
_NOT_TERMS = frozenset(
    "it this that these those they he she which what who there here everything the their its our his her my "
    "your most all some every each both".split()
)


def _owned(noun: Token) -> bool:
    return any(c.dep_ == "poss" for c in noun.children)


def _loose_crowd(noun: Token) -> bool:
    """A crowd said of no one in particular: no owner, and no phrase but one of where it talks ("folks on
    Reddit", not "everybody at Boeing", "people in Europe")."""
    if _owned(noun):
        return False
    return all(
        any(g.lower_ in _MEDIA for g in c.subtree)
        for c in noun.children
        if c.dep_ in ("prep", "relcl", "acl")
    )


def _reacts(root: Token) -> bool:
    """The crowd only reacts: talks, complains, has a take, loses it, is caught off guard."""
    lemma = root.lemma_.lower()
    if lemma == "have":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _REACTIONS | {"lot"} for c in root.children)
    return lemma in _REACTING


# The entity types that name someone or something (not a date, a time or a number).
_NAME_ENTS = frozenset(
    {"ORG", "PERSON", "GPE", "PRODUCT", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# What a speaker says a term "is" when telling what it means: "is just", "is basically".
_DEFINING = frozenset({"just", "basically", "simply", "essentially"})
# Who a crowd is: "everybody was talking about it", "people had a lot of opinions".
_CROWDS = frozenset({"everybody", "everyone", "nobody", "people", "folks", "internet"})
# Where a crowd talks: "half of aviation Twitter", "people on every AI forum", "folks on Reddit".
_MEDIA = frozenset(
    "internet twitter reddit forum forums discord linkedin youtube tiktok media x threads online web".split()
)
# What a crowd does when it only reacts: talks, complains, freaks out, has a take, loses it.
_REACTING = frozenset(
    "talk complain argue freak panic lose joke obsess rave melt blow catch love hate mock meme roast dunk "
    "react debate speculate say decide have go blindside surprise shock stun".split()
)
# What a crowd has when it only reacts: "a take", "a lot of feelings", "a field day".
_REACTIONS = frozenset("take opinion feeling thought reaction day view meltdown field".split())
# How much of a crowd: "half the internet", "half of aviation Twitter".
_SHARES_OF_CROWD = frozenset({"lot", "lots", "half", "most", "some", "all"})
# Phrases of where a crowd is or what it talks about: "on social media", "in the industry", "about it".
_WHERE_OR_ABOUT = frozenset({"in", "on", "about", "at", "over"})
# What a crowd made of it: "there was a lot of noise about the price increases".
_CROWD_NOISE = frozenset({"noise", "buzz", "chatter", "talk", "hype", "drama", "speculation", "debate"})


def _crowd_talk(span: Span) -> bool:
    """What a crowd felt or said, with no figure and no name outside a phrase of where or what about
    ("Everybody was kind of caught off guard by it", "A lot of people had a lot of feelings about the
    dividend", "Everybody in design Twitter had a take", "There was a lot of noise about the price increases
    last year")."""
    root = span.root
    text = str(span.text)
    if not _only_years(text) or any(_checkable_number(t) and t.lower_ != "one" for t in span):
        return False
    # (a passive's subject may hang on its auxiliary: "Everybody was kind of caught off guard by it")
    subjects = [
        t
        for t in span
        if t.dep_ in ("nsubj", "nsubjpass")
        and (t.head == root or (t.head.head == root and t.head.dep_ in ("aux", "auxpass")))
    ]
    # (not a company's own people: "most of their people are in the US" counts its staff; nor people somewhere
    # or of someone, "everybody at Boeing got a bonus", only a crowd where it talks, "folks on Reddit")
    crowd = any(
        (s.lower_ in _CROWDS and _loose_crowd(s))
        or (
            s.lower_ in _SHARES_OF_CROWD
            and any(
                (g.lower_ in _CROWDS and _loose_crowd(g)) or g.lower_ in _MEDIA
                for c in s.children
                for g in [c, *c.children]
            )
        )
        for s in subjects
    ) and _reacts(root)
    noise = (
        root.lemma_.lower() == "be"
        and any(c.dep_ == "expl" for c in root.children)
        and any(t.lemma_.lower() in _CROWD_NOISE for t in span)
    )
    if noise:
        # (a name only in what the noise was about: "a lot of noise about the price increases")
        about = {
            t.i for p in span if p.dep_ == "prep" and p.lower_ in ("about", "over", "on") for t in p.subtree
        }
        return not any((t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS) and t.i not in about for t in span)
    if not crowd:
        return False
    # a name said of its own ("Everybody bought Nvidia") is a claim; one in a phrase of where or what about is
    # not ("on social media", "in the industry", "about the license")
    phrases = {t.i for p in span if p.dep_ == "prep" and p.lower_ in _WHERE_OR_ABOUT for t in p.subtree}
    # ("Folks on Reddit …", "half of aviation Twitter": the crowd itself)
    crowds = {t.i for s in subjects for t in s.subtree if t.lower_ in _CROWDS or t.i == s.i}
    return not any(
        (t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS) and t.i not in phrases | crowds for t in span
    )


# A clause that tells something of the name just said: ", which bought Activision", ", whose CEO …".
_TELLS_OF_IT = re.compile(r",\s*+(?:which|who|whose)\b", re.IGNORECASE)
# A request to the listeners: "send us your …", "email us", "let us know", "hit us up".
_ASKS_LISTENERS = re.compile(
    r"\A\W*+(?:(?:and|so|please|just|definitely|seriously|also|okay|go\s++ahead\s++and)\W++)*+"
    r"(?:(?:send|email|e-mail|tweet|dm|message|text|write)\s++(?:us|me|in)\b|let\s++(?:us|me)\s++know\b"
    r"|hit\s++(?:us|me)\s++up\b)",
    re.IGNORECASE,
)
# The show moving on, said first: "let's get to Whole Foods", "the plan is …", "today's a double feature".
_MOVES_ON = re.compile(
    r"(?:\A\W*+|[,;]\s*+)(?:(?:and|so|okay|ok|alright|but|anyway|um|uh)\W++)*+(?:let(?:'s|’s)\W++(?=let\b))?+"
    r"let(?:'s|’s|\s++us)\s++(?:(?:get|move|jump|turn|go)\s++(?:on\s++)?+to|(?:start|begin)\s++with)\b"
    r"|\A\W*+(?:(?:and|so|okay|ok|alright|but|anyway|um|uh)\W++)*+"
    r"(?:the\s++plan\s++(?:for\s++(?:today|tonight|this\s++episode)\s++)?+is\s++(?!to\b)[^.;!?]{0,60}?\b(?:first|then)\b"
    r"|(?:today|tonight|this\s++week)(?:'s|’s|\s++is)\s++(?:(?:uh|um),?+\s++)*+(?:a|an|our),?+\s++(?:[\w-]++,?+\s++){0,3}?"
    r"(?:episode|feature|special|bonus|two-fer|double[\s-]?header|mailbag|deep[\s-]dive|show)\b"
    r"|(?:next\s++week|next\s++time),?+\s++we(?:'re|’re|\s++are)\s++(?:gonna|going\s++to|doing)\b)",
    re.IGNORECASE,
)


def _announces_agenda(sentence: Sentence) -> bool:
    """The episode's agenda (`_AGENDA_RE`) with no figure but years, and no verb but the agenda's own and a
    request to the listener ("so bring snacks"): names and documents, nothing said of them."""
    whole = sentence.sentence_text
    found = _AGENDA_RE.search(whole)
    if found is None or not _only_years(whole):
        return False
    if found.group("its") is not None and not _AGENDA_ITEMS.search(whole, found.end()):
        return False
    span = sentence.whole if sentence.whole is not None else sentence.span
    base = _text_start(span)
    agenda = range(base + found.start(), base + found.end())
    for tok in span:
        if tok.idx in agenda or tok.tag_ not in _FINITE_TAGS | {"VBG", "VBN", "JJS", "RBS", "JJR", "RBR"}:
            continue
        if tok.tag_ == "VBG" and tok.idx > 0 and tok.nbor(-1).idx in agenda:
            continue  # "doing" of "we're doing", parsed apart
        if tok.tag_ in ("VB", "VBP") and tok.lemma_.lower() != "be" and not subjects_of(tok):
            continue  # a request with no subject: "so bring snacks"
        if _introduces_speaker(tok):
            continue  # "I'm Amara, and today it's …"
        return False
    return True


def _text_start(span: Span) -> int:
    """Where the span's stripped text (the one its patterns are read on) starts in its document."""
    return span.start_char + len(span.text) - len(span.text.lstrip())


def _introduces_speaker(verb: Token) -> bool:
    """ "I'm Amara": "am" with "I" for its subject and a name for what it says."""
    return (
        verb.lower_ in ("'m", "’m", "am")
        and any(s.lower_ == "i" for s in subjects_of(verb))
        and any(c.dep_ in ("attr", "acomp", "dobj") and c.tag_ == "NNP" for c in verb.children)
    )


def _is_fragment(span: Span) -> bool:
    """No main verb and no number: "Something Cloud from Andreessen Horowitz before I got acquired",
    "Millions of specialized AIs serving diverse needs". (An answer with a figure, "Fifteen, not fifty.",
    is left to the score.)"""
    if any(t.like_num for t in span) or _has_hard_figure(str(span.text)):
        return False
    root = span.root
    first = next((t for t in span if not t.is_punct), None)
    if first is not None and first.tag_ == "PRP":  # "We fine-tune open-weight models …", parsed badly
        return False
    if any(_contracted_is(t, span) for t in span):  # "Consumer's like a quarter of the company"
        return False
    return root.pos_ not in ("VERB", "AUX") and not any(t.tag_ in _FINITE_TAGS for t in span)


# Words a possessive "'s" never stands before, which a contracted "is" does: "Consumer's like a quarter of the
# company", "Pharma's the big one", "Stelara's still number one" (spaCy may read each "'s" as a possessive).
_AFTER_IS = frozenset(
    "a an the like about around just only still now basically roughly almost nearly not also really "
    "actually".split()
)


def _contracted_is(token: Token, span: Span) -> bool:
    """`token` is an "'s" said for "is", whatever the parse: a word after it no possessive precedes, said as a
    word of its own (not a name or a compound's first part: "Facebook's Like button", "Zuck's still-unreleased
    glasses", "Amazon's Just Walk Out stores"), and "like" only before a determiner or a number ("Meta's like
    button" is a possessive)."""
    following = token.i + 1
    if token.lower_ not in ("'s", "’s") or following >= span.end:
        return False
    word = span.doc[following]
    after = span.doc[following + 1] if following + 1 < len(span.doc) else None
    if word.lower_ not in _AFTER_IS or word.text[:1].isupper():
        return False
    if after is not None and (after.tag_ == "HYPH" or after.text in ("-", "–")):
        return False
    return word.lower_ != "like" or (after is not None and (after.pos_ in ("DET", "NUM") or after.like_num))


def _is_bare_item(span: Span, line: str) -> bool:
    """A line of its own of five words or more with no verb said of anyone and no figure (a version or a
    size is a name): an action item ("Experiment with Llama 3.1 fine-tuning for niche applications"), not a
    fact. A figure alone ("Seventy six point seven.") is an answer, left to the claim stage."""
    if len(line.split()) < 5 or any(t.tag_ in _FINITE_TAGS or t.tag_ == "PRP" for t in span):
        return False  # (a pronoun says who: "We fine-tune open-weight models …", whatever its verb's tag)
    return all(q.unit in NAME_UNITS for q in _quantities(line))


def _is_call_to_action(span: Span) -> bool:
    """A request to the reader or listener: a bare verb first with no subject ("Experiment with Llama 3.1
    fine-tuning", "Walk me through the numbers")."""
    first = next((t for t in span if not t.is_punct and t.lower_ not in ("so", "and", "now", "then")), None)
    root = span.root
    return (
        first is not None
        and first.i == root.i
        and root.tag_ == "VB"
        and not subjects_of(root)
        and not any(c.dep_ in ("aux", "auxpass", "ccomp") for c in root.children)
        # "Remember that Microsoft paid sixty nine billion for Activision": a fact, however it is asked
        and not _has_hard_figure(str(span.text))
        # "Mark my words, they lost five billion last year": a figure said of someone after the request
        and not _figure_said_of_someone(span)
    )


def _figure_said_of_someone(span: Span) -> bool:
    """A number (not an ordinal, nor a span of time) in a clause whose verb has a subject of its own."""
    for tok in span:
        if not _checkable_number(tok):
            continue
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        # (a clause that describes what is asked for says nothing of anyone: "Imagine a company that makes
        # forty billion a year")
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ != "relcl" and subjects_of(verb):
            return True
    return False


def _is_byline(line: str) -> bool:
    """A line that says who wrote or posted a piece: "By Jane Doe", "Posted on March 3" (not "By my math,
    they lost five billion" nor "By Verizon's count, …", said on a line of their own)."""
    match = _BYLINE_RE.match(line)
    if match is None:
        return False
    name = match.group("name")
    return name is None or (
        # (a name: "By then", "By my math, …" are a speaker's; "By Verizon's own count, …" is whose count)
        name[0].isupper() and not name.lower().endswith(("'s", "’s"))
    )


def _is_heading(line: str, *, listed: bool) -> bool:
    """A title or section heading: a short line of its own with no closing punctuation, mostly in Title
    Case ("Why Open Source Defines Meta's AI Future"); list items are not headings."""
    if listed or _TERMINAL_RE.search(line) or len(line.split()) > 14:
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    if len(words) < 2:
        return False
    small = {
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "vs",
        "at",
        "by",
        "from",
        "is",
    }
    titled = [w for w in words if w.lower() not in small]
    return bool(titled) and sum(w[0].isupper() for w in titled) / len(titled) >= 0.75


# Ordinals and spans of time in a judgement ("since the first Llama", "the best thing in ten years") are
# no figure the judgement could be checked by.
_ORDINALS = frozenset("first second third fourth fifth last".split())
_TIME_SPANS = frozenset("year years decade decades month months week weeks day days".split())


def _checkable_number(tok: Token) -> bool:
    """A number a judgement could be checked by: not an ordinal, not a span of time after a preposition
    ("in ten years"; "the average lease term is seven years" is a figure)."""
    if not tok.like_num or tok.lower_ in _ORDINALS:
        return False
    span = tok.head
    return not (span.lower_ in _TIME_SPANS and tok.dep_ == "nummod" and span.dep_ == "pobj")


def _evaluative(tokens: list[Token]) -> bool:
    text = " ".join(t.lower_ for t in tokens)
    return (
        any(t.lower_ in _EVALUATIVE for t in tokens)
        or any(p in text for p in _EVALUATIVE_PHRASES)
        or any(t.tag_ == "JJS" and t.lemma_.lower() in _JUDGING_SUPERLATIVES for t in tokens)
    )


# The speaker calling a shot: "And AWS gets spun off by twenty twenty-two, mark my words", "Prediction, 3M
# stock is lower a year from now", "calling it now" (read only of what is to come, with nothing told in the
# past: `_calls_a_shot`).
_CALLED_SHOT = re.compile(
    r"\bmark\s++my\s++words\b|\bcall(?:ing)?+\s++it\s++(?:right\s++)?+now\b|\byou\s++heard\s++it\s++here\s++first\b"
    r"|\bmy\s++(?:guess|bet|prediction|money)\s++is\b|\bI(?:'d|’d|\s++would)\s++put\s++(?:\w++\s++){0,3}?on\s++it\b"
    r"|\A\W*+watch\s*+[,:—–-]"
    r"|\A\W*+(?:(?:and|so|okay|ok|alright|um|uh)\W++)*+(?:my\s++)?+(?:bold\s++|hot\s++)?+predictions?"
    r"(?:\s++is)?+\s*+[:,—–-]",
    re.IGNORECASE,
)


def _calls_a_shot(span: Span) -> bool:
    """The sentence calls a shot (`_CALLED_SHOT`) on what is to come (`_TO_COME`), and tells nothing in the
    simple past ("Mark my words, they lost five billion last year and they'll lose more" tells a fact; "Mark
    my words, Nvidia has over ninety percent of the market" says what is)."""
    sentence = span.sent if span.doc.has_annotation("SENT_START") else span
    text = str(sentence.text).strip()
    return (
        bool(_CALLED_SHOT.search(text))
        and bool(_TO_COME.search(text))
        and not any(t.tag_ == "VBD" and t.pos_ in ("VERB", "AUX") for t in sentence)
    )


# What puts a sentence in the future: a modal of what will be, or a time to come ("by twenty twenty-two", "a
# year from now", "next year", "within a year").
_TO_COME = re.compile(
    r"\b(?:will|gonna|going\s++to)\b|['’]ll\b|\bnext\s++(?:year|quarter|decade|month|week)\b"
    r"|\ba\s++year\s++from\s++now\b|\b(?:years?|months?)\s++from\s++now\b|\bwithin\s++(?:a|the\s++next|\w++)\s++"
    r"(?:years?|months?|quarters?|decade)\b|\bby\s++(?:the\s++end\s++of\s++)?+(?:(?:19|20)\d\d|twenty\b|next\b)",
    re.IGNORECASE,
)


def _likens(root: Token, text: str) -> bool:
    """An analogy: "So it's like a gas station selling cigarettes" ("is like" a thing said with "a" or "the",
    or a doing: "is kind of like owning a toll booth"), with no figure ("it's like a third of revenue", "it's
    like a ten percent cut" measure)."""
    likes = _likes_of(root) if root.lemma_.lower() == "be" else []
    if not any(_like_a_thing(like) and not _likened_to_itself(root, like) for like in likes):
        return False
    likened = frozenset(t.i for like in likes for t in like.subtree)
    # (the words past "like" and its head describe the likened thing: "who went on a long hiking trip")
    described = likened - {t.i for like in likes for t in (like, *like.children)}
    clause = root.doc[root.left_edge.i : root.right_edge.i + 1]
    return (
        _has_no_figure(text)
        and _likeness_only(clause, likened)
        and not any(c.dep_ == "advcl" and c.tag_ in _FINITE_TAGS for c in root.children)
        # (a comparative or a measure says a size, "like a bigger version", "like a third of revenue"; one
        # that only describes the likened thing does not, "like a friend who skipped a year")
        and not any(
            t.like_num
            or t.tag_ in ("JJR", "JJS", "RBR", "RBS")
            or (t.lemma_.lower() in _MEASURING_NOUNS and t.i not in described)
            for t in root.subtree
        )
        # (a past told of the likened thing is part of the likeness: "like a friend who went on a long hiking
        # trip")
        and not _past_clause(clause, likened)
    )


def _likeness_only(span: Span, likened: frozenset[int] = frozenset()) -> bool:
    """A likeness that tells nothing else: no name but its subject's, nothing in the past but of the likened
    thing (`likened`: "like a kid who skipped a year"), no share of something ("Kind of like their Azure deal,
    which gives …", "Like, most of their revenue …")."""
    subject = {t.i for s in subjects_of(span.root) for t in s.subtree}
    return not any(
        ((t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS) and t.i not in subject)
        or (t.tag_ == "VBD" and t.i not in likened)
        or t.lower_ in ("most", "half", "all")
        for t in span
    )


def _likened_to_itself(root: Token, like: Token) -> bool:
    """ "The new license is like the old license": a thing likened to another of its kind ("one", "version")
    is compared, not likened."""
    own = {s.lemma_.lower() for s in subjects_of(root)}
    return any(
        g.dep_ == "pobj" and (g.lemma_.lower() in own or g.lower_ in ("one", "version", "ones"))
        for g in like.children
    )


# A likeness said alone: "Kind of like quoting your paycheck …", "Like roommates sharing one Netflix login".
_LIKENESS_FRAGMENT = re.compile(
    r"\A\W*+(?:(?:so|and|honestly|yeah|or)\W++)*+(?:(?:kind|sort)\s++of\s++|kinda\s++|a\s++bit\s++)?+like\s++"
    r"(?!(?:I|we|you|they|he|she|it)\b)",
    re.IGNORECASE,
)
# "It's like, uh, buying a wider highway": a likeness to a doing, "like" said as a filler before it.
_LIKE_DOING = re.compile(
    r"\b(?:it|that|this)(?:['’]s|\s++is)\s++(?:(?:kind|sort)\s++of\s++|a\s++bit\s++|just\s++)?+like,?+\s++"
    r"(?:(?:uh|um|you\s++know),?+\s++)*+(?!(?:no|some|any|every)thing\b)\w+ing\b",
    re.IGNORECASE,
)


# What makes "like a …" a measure rather than a likeness: "like a dollar a share", "like a week of Apple's
# revenue", "like an order of magnitude cheaper", "like a quarter of sales".
_MEASURING_NOUNS = frozenset(
    "half quarter dollar buck cent penny grand day week month year decade hour minute order magnitude "
    "fraction percent share".split()
)


def _likes_of(root: Token) -> list[Token]:
    """The "like" said of `root`: its own ("is like"), or one a hedge holds ("is kind of like", "is a bit
    like", "is sort of like")."""
    found = []
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "like":
            found.append(c)
        elif c.lower_ in ("kind", "sort", "bit"):
            found += [g for g in c.subtree if g.lower_ == "like" and g.dep_ == "prep"]
    return found


def _like_a_thing(like: Token) -> bool:
    """What follows "like" is a thing said with "a" or "the" and no name ("like a gas station", "like the
    nutrition label on a cereal box"), or a doing ("like owning a toll booth")."""
    for g in like.children:
        if g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG":
            return True
        if (
            g.dep_ == "pobj"
            and g.pos_ == "NOUN"
            and (_said_with_a(g) or any(d.dep_ == "det" and d.lower_ == "the" for d in g.children))
            and not any(t.pos_ == "PROPN" or t.dep_ == "poss" for t in g.subtree)
        ):
            return True
    return False


def _said_with_a(noun: Token) -> bool:
    return any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in noun.children)


# A scoff closing a sentence with no verb: "Twenty five percent growth for a company that old, come on",
# "And honestly eight K in twenty twenty four, come on".
_COME_ON = re.compile(r",\s*+come\s++on\W*+\Z", re.IGNORECASE)


def _scoffs(span: Span) -> bool:
    """A phrase with no verb of its own, then ", come on": the speaker scoffs at a figure said before."""
    text = str(span.text).strip()
    found = _COME_ON.search(text)
    if found is None:
        return False
    cut = _text_start(span) + found.start()
    # (not "Two hundred billion in buybacks since twenty twelve, come on", "Apple's three trillion, come on":
    # a time or a name the figure is said of)
    return not any(
        t.idx < cut
        and (t.tag_ in _FINITE_TAGS or t.pos_ == "PROPN" or t.lower_ == "since" or t.dep_ == "poss")
        for t in span
    )


# Who characterises rather than reports: "One analyst I read called Block 'a payments company cosplaying as a
# crypto fund'".
_COMMENTATORS = frozenset(
    "analyst analysts critic critics commentator commentators reviewer reviewers journalist journalists "
    "writer columnist pundit pundits someone somebody people folks guy article piece headline twitter "
    "reddit".split()
)


def _quotes_a_label(root: Token) -> bool:
    """A commentator (or the speaker) "called" something a phrase in quotes: a characterisation, not a fact
    about the company ("Microsoft called it 'the largest deal in gaming history'" is a company's word)."""
    if root.lemma_.lower() != "call" or any(c.dep_ == "prep" for c in root.children):
        return False  # ("Analysts called for at least twenty percent growth": a forecast of the figure)
    quoted = _quoted_tokens(root.doc[root.left_edge.i : root.right_edge.i + 1])
    label = [c for c in root.children if c.dep_ in ("oprd", "ccomp", "xcomp")]
    if not quoted or not any(c.i in quoted for lab in label for c in lab.subtree):
        return False
    subject = next(iter(subjects_of(root)), None)
    if subject is None or not (
        subject.lemma_.lower() in _COMMENTATORS or subject.lower_ in _FIRST_SINGULAR or subject.lemma_ in _KIN
    ):
        return False
    # the label and whom it was given are all that is said: no clause of a fact beside it ("… after shares
    # fell forty percent", "…, and the FTC sued"), no figure, and no one named as who said it ("The guy who
    # runs Nvidia called it …"); a present "which is mean but fair" judges the label
    who = {t.i for t in subject.subtree}
    for tok in root.subtree:
        if tok.i in quoted or tok.i == root.i:
            continue
        if (tok.like_num and tok.lower_ != "one") or (tok.pos_ == "PROPN" and tok.i in who):
            return False
        told = tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")
        told = told and tok.tag_ not in ("VBZ", "VBP")
        # ("One analyst I read": the speaker's own reading names no one)
        my_reading = (
            tok.head.i == subject.i
            and tok.dep_ == "relcl"
            and any(s.lower_ in _FIRST_SINGULAR for s in subjects_of(tok))
        )
        if told and not my_reading:
            return False
    return True


def _quoted_tokens(span: Span) -> set[int]:
    """The indices of the tokens between a pair of double quotes."""
    inside: set[int] = set()
    opened = False
    for tok in span:
        if tok.text in ('"', "“", "”", "``", "''"):
            opened = not opened
            continue
        if opened:
            inside.add(tok.i)
    return inside


# Words that make what is said of a figure a fact to check: "thirty one percent is a record", "is the high".
_FACT_OF_A_FIGURE = frozenset(
    "record high low peak majority minority double triple twice half most least all-time first last top "
    "bottom average median total rest same standard typical normal usual common norm".split()
)


def _judges_a_figure(span: Span, root: Token) -> bool:
    """What a figure is like, said of the figure alone: "Four tokens a second is, honestly, a lifestyle",
    "Three billion on that much revenue is a rounding error for a software company", "Four billion a year is
    not nothing". The subject is a quantity of no one named; what "is" says of it names no one, no measure,
    no figure and no comparison ("Ten million tokens is the context window", "Thirty one percent is a
    record", "Two billion is more than Pfizer made" are facts to check); no other clause says anything but
    the speaker's own doing ("every email I've ever ignored")."""
    if root.lemma_.lower() != "be" or root.tag_ not in ("VBZ", "VBP"):
        return False
    subject = next(iter(subjects_of(root)), None)
    if subject is None:
        return False
    said_of = list(subject.subtree)
    if not any(_checkable_number(t) for t in said_of) or any(
        t.pos_ == "PROPN" or t.dep_ == "poss" for t in said_of
    ):
        return False
    predicate = [c for c in root.children if c.dep_ in ("attr", "acomp")]
    if not predicate:
        return False
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for p in predicate for c in p.children):
        return False  # "Ten billion is the guidance", "Thirty percent is the commission": which figure it is
    said = [t for p in predicate for t in p.subtree]
    if any(
        t.like_num
        or t.pos_ == "PROPN"
        or t.dep_ == "poss"
        or t.tag_ in ("JJS", "RBS", "JJR", "RBR", "WP", "WRB", "WDT")
        or t.lower_ in _FACT_OF_A_FIGURE
        for t in said
    ) or measure_in(" ".join(t.text for t in said)):
        return False
    inside = {t.i for t in said} | {t.i for t in said_of}
    for tok in span:
        if tok.i == root.i or tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("aux", "auxpass"):
            continue
        if tok.i not in inside:
            return False  # a clause of its own ("…, and they lost five billion")
        if tok.tag_ in ("VBD", "VBN") and not any(s.lower_ in _FIRST_SINGULAR for s in subjects_of(tok)):
            return False  # a fact told inside ("a rounding error Amazon made up in a quarter")
    return True


def is_pure_opinion(span: Span) -> bool:
    """A judgement with nothing checkable in it: the main clause (or the clause after "I think") says what
    something is like with an evaluative word ("is the best CEO", "was genius", "is a mess"), and its
    predicate holds no figure; no other clause reports a fact in the past tense."""
    root = span.root
    clause = root
    text = str(span.text)
    subject = next(iter(subjects_of(root)), None)
    if (
        _calls_a_shot(span)
        or _likens(root, text)
        # ("Honestly the model card is like the nutrition label on a cereal box, everyone glances at it")
        or any(c.dep_ == "ccomp" and c.i < root.i and _likens(c, text) for c in root.children)
        or (_LIKE_DOING.search(text) is not None and _has_no_figure(text) and _likeness_only(span))
        # ("Like roommates sharing one Netflix login instead of everybody paying for their own")
        or (
            _LIKENESS_FRAGMENT.match(text) is not None
            and root.tag_ not in _FINITE_TAGS
            and not any(t.tag_ in _FINITE_TAGS and t.dep_ in ("ROOT", "conj") for t in span)
            and _has_no_figure(text)
            and _likeness_only(span)
        )
        or _scoffs(span)
        or _quotes_a_label(root)
        or _judges_a_figure(span, root)
    ):
        return True
    if (
        subject is not None
        and subject.lower_ in _FIRST_SINGULAR
        # ("I'd guess the stock stays flat for most of twenty twenty three": a wager too)
        and (
            root.lemma_.lower() in _GUESS_LEMMAS
            # ("I'd guess …", "I'm guessing we see a Llama 4 next year")
            or (root.lemma_.lower() == "guess" and (_said_as_would(root) or root.tag_ == "VBG"))
        )
    ):
        inner = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if inner is not None and (
            _looks_ahead(inner)
            or (
                _said_as_would(root)
                and inner.tag_ in ("VB", "VBP", "VBZ")
                and any(t.lower_ == "again" for t in inner.subtree)
                # ("I'd bet nobody remembers that Pfizer made over twenty billion": a figure to check)
                and not any(_checkable_number(t) for t in inner.subtree)
            )
        ):
            # "I bet they raise it to a hundred and nineteen this year", "I'd bet they raise prices again
            # before the summer": a guess at what comes ("I'd bet Apple sells more iPhones" is a view of now)
            return True
    if subject is not None and subject.lower_ in _FIRST_SINGULAR and _frames_a_view(root):
        inner = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if inner is None:
            return _picks_one(span, root, text)
        clause = inner
        if (
            (
                any(c.dep_ == "aux" and c.lower_ in _WILL for c in inner.children)
                # ("I honestly think they're back to a real annual profit by twenty twenty four")
                or (_RUNS_INTO.search(text) is not None and _still_to_come(inner))
            )
            and _only_years(text)
            and not _past_clause(span)
            and not _second_clauses(span, inner)
        ):
            # "I think they'll release a Llama 4.1 with a reasoning mode before the end of the year": the
            # speaker's forecast (not "I think you'll find Apple made 383 billion", nor "I think Meta will
            # spend 40 billion on capex, because Zuck guided to that": figures and facts to check)
            return True
        # "I think CVS is turning into a health insurer": a view with no figure or date to check
        if (
            inner.tag_ not in ("VBD", "VBN")  # "I think CVS bought Aetna": a hedged fact, to check
            and not any(_checkable_number(t) for t in inner.subtree)
            and not _has_hard_figure(text)
            and not _second_clauses(span, clause)
        ):
            return True
    if (
        any(t.lemma_.lower() in _JUDGING_LEMMAS and t.pos_ == "VERB" for t in span)
        and not _has_hard_figure(text)
        # ("The company deserves credit, it cut debt by two billion": a figure to check; "Boeing deserves the
        # FAA fine it got for the door plug": a fact in the past, told in a relative clause)
        and not any(_checkable_number(t) for t in span)
        and not any(t.tag_ == "VBD" and t.dep_ == "relcl" for t in span)
    ):
        return True
    if any(t.lower_ == "should" and t.tag_ == "MD" for t in span) and not any(t.like_num for t in span):
        return True  # a recommendation: "Enterprises should also monitor Meta's AR glasses"
    if _reads_into(root) and not _has_hard_figure(text) and not any(t.like_num for t in span):
        return True  # an analyst's reading: "this reveals Meta's core differentiation"
    if _LET_OFF.search(text) and not any(t.like_num for t in span) and not _has_hard_figure(text):
        return True  # "I think they got off cheap on Minnesota"
    if (
        not _has_hard_figure(text)
        # ("the fixed wireless one" counts nothing)
        and not any(_checkable_number(t) and t.lower_ != "one" for t in span)
        and not _past_clause(span)
        and (_moves_me(span) or _my_taste(span) or _vague_forecast(span))
    ):
        # "Don't do the math, it'll make me sad", "the segment I find most interesting is the fixed wireless
        # one", "that's going to hurt" (not "that made me mad, Google killed Stadia", nor "the segment I find
        # most interesting is cloud, which grew faster than ads": a fact told beside the feeling)
        return True
    predicate = [c for c in clause.children if c.dep_ in ("acomp", "attr", "oprd")]
    if clause.lemma_.lower() not in ("be", "seem", "sound", "look", "feel", "become") or not predicate:
        return bool(any(p in str(span.text).lower() for p in _EVALUATIVE_PHRASES)) and not _has_hard_figure(
            str(span.text)
        )
    predicate_tokens = [t for p in predicate for t in p.subtree]
    if not _evaluative(predicate_tokens):
        return False
    if any((_checkable_number(t) and t.lower_ != "one") or t.text[:1] in "$€£" for t in predicate_tokens):
        return False
    # a clause that describes the judged thing is part of the judgement ("the best COVID antiviral anybody's
    # made"); a clause hung on that clause is not ("the worst deal Meta made after it bought Oculus")
    judged = {t.i for t in predicate_tokens}
    return not [t for t in _second_clauses(span, clause) if not _describes_judged(t, judged)]


def _picks_one(span: Span, root: Token, text: str) -> bool:
    """ "I'd say 3M, because at least people want Boeing's planes": the speaker's pick, a name with no figure
    and no fact in the past beside it (not "I'd say Amazon, because they made five hundred billion")."""
    return (
        _said_as_would(root)
        and any(c.dep_ == "dobj" for c in root.children)
        and not _has_hard_figure(text)
        # ("3" of "3M" names a company)
        and not any(
            _checkable_number(t) and not (t.dep_ == "compound" and t.head.tag_ == "NNP") for t in span
        )
        and not _past_clause(span)
    )


def _past_clause(span: Span, aside: frozenset[int] = frozenset()) -> bool:
    """A verb in the past besides the sentence's root (and the tokens `aside`): a fact told in a clause of its
    own ("…, which Apple launched in February", "… that Intel cut its dividend")."""
    return any(
        t.tag_ in ("VBD", "VBN")
        and t.dep_ in _CLAUSE_DEPS
        and t.pos_ in ("VERB", "AUX")
        and t.i != span.root.i
        and t.i not in aside
        for t in span
    )


# The dependencies of a clause's verb (not "the fixed wireless one": an adjective).
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "conj", "xcomp", "acl", "pcomp", "csubj", "parataxis"})


def _moves_me(span: Span) -> bool:
    """Something makes the speaker feel a way: "it'll make me sad", "that made me so mad"."""
    for t in span:
        if t.lower_ != "me":
            continue
        # "make me sad": "me" the object of "make" beside the adjective, or the subject of the adjective
        if t.head.lemma_.lower() == "make" and any(c.pos_ == "ADJ" for c in t.head.children):
            return True
        if t.head.pos_ == "ADJ" and t.head.head.lemma_.lower() == "make":
            return True
    return False


# Verbs of the speaker's taste in a clause that describes what is judged ("the segment I find most
# interesting", "the model I like best").
_TASTE_LEMMAS = frozenset({"find", "like", "love", "prefer", "enjoy"})


def _my_taste(span: Span) -> bool:
    """What the speaker finds interesting or likes best is said of: "the segment I find most interesting is
    the fixed wireless one"."""
    return any(
        t.dep_ == "relcl"
        and t.lemma_.lower() in _TASTE_LEMMAS
        and any(s.lower_ in _FIRST_SINGULAR for s in subjects_of(t))
        for t in span
    )


def _vague_forecast(span: Span) -> bool:
    """ "That's going to hurt": what "that" or "this" will do, with no name, no figure and no date."""
    root = span.root
    subject = next(iter(subjects_of(root)), None)
    return (
        subject is not None
        and subject.lower_ in ("that", "this")
        and root.lemma_.lower() == "go"
        and root.tag_ == "VBG"
        and any(c.dep_ == "xcomp" for c in root.children)
        and not any(t.pos_ == "PROPN" or t.like_num for t in span)
        # ("that's going to hurt margins, since they cut prices": a reason told)
        and not any(t.dep_ in ("advcl", "ccomp", "relcl", "conj") and t.pos_ in ("VERB", "AUX") for t in span)
    )


def _describes_judged(clause: Token, judged: set[int]) -> bool:
    """`clause` is, or is the complement of, a clause that describes a word of the judgement ("the most
    impressive thing I've ever seen a company do": "do" completes "seen", which describes "thing"); a
    clause hung on that clause is not ("the worst acquisition Meta made after it bought Oculus")."""
    tok = clause
    while tok.i in judged:
        if tok.head.pos_ in ("NOUN", "PROPN", "ADJ") and tok.dep_ in ("relcl", "ccomp"):
            return True
        if tok.dep_ not in ("ccomp", "xcomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _frames_a_view(root: Token) -> bool:
    """ "I think …", "I believe …", and "I'd say …" (said as a view, not "I said")."""
    lemma = root.lemma_.lower()
    return lemma in _BELIEF_LEMMAS or (lemma == "say" and _said_as_would(root))


def _said_as_would(verb: Token) -> bool:
    """ "I'd say", "I would bet"."""
    return any(c.dep_ == "aux" and c.lower_ in ("'d", "’d", "would") for c in verb.children)


# Verbs of an analyst reading something into the facts: "Zuckerberg's stance further demonstrates strategic
# clarity", "This approach acknowledges a fundamental truth".
_READING_LEMMAS = frozenset(
    "reveal demonstrate underscore highlight signal illustrate acknowledge reflect showcase exemplify embody "
    "epitomize".split()
)


def _reads_into(root: Token) -> bool:
    """The main verb reads a quality into something ("demonstrates strategic clarity"): its object is a
    common noun, not a name ("reveals Llama 4") nor a clause of reported fact ("reveals that revenue …")."""
    if root.lemma_.lower() not in _READING_LEMMAS or root.pos_ != "VERB":
        return False
    objects = [c for c in root.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.pos_ == "NOUN" for o in objects)


def _second_clauses(span: Span, clause: Token) -> list[Token]:
    """Clauses besides `clause` (and the sentence's root) that report something: "… is amazing and it
    launched in Norway" has a factual core."""
    return [
        t
        for t in span
        if t.i != clause.i
        and t.i != span.root.i
        and t.pos_ == "VERB"
        and t.dep_ in ("conj", "advcl", "ccomp")
        and t.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        and not _said_of_no_one(t)
        and not _hearsay_frame(t)
    ]


# Verbs that frame what someone said ("A friend of mine said, and I'm quoting, …").
_SAYING_LEMMAS = frozenset({"say", "tell", "quote"})


def _hearsay_frame(verb: Token) -> bool:
    """A clause that only says who said the rest: the speaker or someone of their own life quoting ("a friend
    of mine at a startup said, and I'm quoting, Maverick is the best model nobody uses"), not a company's
    word ("Zuck said")."""
    return verb.lemma_.lower() in _SAYING_LEMMAS and any(
        s.lower_ in _FIRST_SINGULAR or s.lemma_.lower() in _KIN for s in subjects_of(verb)
    )


# Who a clause in the present says something of when it reports nothing: "the best run retailer nobody
# talks about" (parsed as a second clause), "the stock everyone loves".
_NO_ONE_IN_PARTICULAR = frozenset([*"nobody everybody everyone anyone anybody".split(), "no one"])
# What such a clause does when it reports nothing: it talks of, knows, minds ("nobody uses their foundry",
# "everybody gets their drugs through Caremark" report something)
_HEEDING_LEMMAS = frozenset(
    "talk know care notice mention remember love hate like want say expect believe realize realise "
    "understand appreciate discuss mind trust admit".split()
)


def _said_of_no_one(verb: Token) -> bool:
    """A clause in the present whose subject is no one in particular and whose verb heeds rather than does
    ("nobody talks about", "everybody knows it"), with no figure or comparison in it ("nobody else knows
    more about chips than they do" compares)."""
    subject = next(iter(subjects_of(verb)), None)
    if (
        verb.tag_ not in ("VBZ", "VBP")
        or subject is None
        or verb.lemma_.lower() not in _HEEDING_LEMMAS
        or any(t.like_num or t.lower_ in ("more", "than", "else", "only", "except") for t in verb.subtree)
    ):
        return False
    said = subject.lower_
    if said == "one" and any(c.lower_ == "no" for c in subject.children):
        said = "no one"
    return said in _NO_ONE_IN_PARTICULAR
