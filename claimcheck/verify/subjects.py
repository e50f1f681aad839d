"""Is a passage about the claim's subject and period? Only such a passage may settle the claim.

A claim with a typed subject (`Claim.subject`) is settled only by passages that name it: for a model, its
family and version as one phrase ("Llama 3.1") and, when the claim names one, its size or variant ("405B",
"Scout") unless the passage names no size or variant at all (it is then about the whole family); otherwise
its company, segment, product or name (a product sheet may name only the product).
The names are looked for in the passage's citation (company, title, section) and its text (which carries
its headings and table headers), after simple normalisation: case, punctuation, corporate suffixes
("Amazon.com, Inc." is "Amazon"), the former names in `claimcheck.companies.ALIASES`, and a short name of
the passage's company ("Amex" for American Express, `abbreviates`). A claim with a period ("2023",
"FY2017") is not settled by a passage tied to another period (its citation's period or title) whose text
never mentions the claim's year; year columns inside a passage are the figure check's business (numbers.py).
A claim with no period speaks of the time it was said: not of a later filing's year, nor of a filing whose
years all end before the year before (`stale_period`: a 2018 10-K for a talk in 2023).

A claim with no subject is about what its talk is about: a passage of a company the talk never names
(`Claim.talk_companies`) does not settle it; a claim checked on its own (no talk) may be settled by any.

A passage about another subject is at most related: it is never read for a verdict.

`subject_documents` picks, by citation alone, the documents about a subject (its model's card, its company's
filings), which retrieval searches again for a claim with that subject.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from claimcheck.claims.entities import FAMILY_BEFORE, MODEL_RE, SIZE_RE, VARIANTS, Entity, base_model
from claimcheck.claims.subjects import parse_model
from claimcheck.companies import abbreviates, company_key, tokens
from claimcheck.models import Citation, Claim, ClaimSubject, ClaimType, DocKind, Evidence, Passage
from claimcheck.quantities import FISCAL_SAID, spoken_to_digits

# A model's variant, which a passage must name when the claim does ("Scout" vs "Maverick"); sizes
# ("405B" vs a 70B row) are read by the claims stage's own pattern, `SIZE_RE`.
_VARIANTS = frozenset({v.lower() for v in VARIANTS} | {"vision"})
_NEVER_NAMED = ", a company the talk never names"
# Words a company's older or longer name adds to its filing's: "Adobe Systems", "Tesla Motors", "Philip Morris
# International".
_FORMER_CORPORATE = frozenset(
    "systems motors international group holdings technologies technology labs platforms corporation "
    "company incorporated communications".split()
)
# A claim whose subject is the speaker's own side: "We had about sixty seven thousand employees", "So our
# revenue …" (not "As we said, …", "They told us", "in the US").
_FIRST_PERSON = re.compile(
    r"^\W*+(?:(?:so|and|but|well|yeah|look|now|like|i mean|um|uh|okay|ok|right|honestly|you know|i think)"
    r"\W++)*+(?:we|we['’](?:re|ve|ll|d)|our)\b",
    re.IGNORECASE,
)
# A claim about a model family's text models ("the whole three point two text thing", "the text-only
# ones"), which its vision models' card does not settle.
_TEXT_MODELS = re.compile(
    r"\btext(?:[- ]only)?+\s++(?:models?|thing|ones?|versions?|side)\b|\btext[- ]only\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(?:FY\s?'?)?((?:19|20)\d{2})\b|\bFY\s?'?(\d{2})\b", re.IGNORECASE)


def _has_run(hay: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(list(hay[i : i + n]) == list(needle) for i in range(len(hay) - n + 1))


def _haystack(passage: Passage) -> list[str]:
    c = passage.citation
    said = " | ".join(x for x in (c.company, c.title, c.section, passage.text) if x)
    return tokens(said.replace("&", " and "))


def _model_needles(model: str) -> list[list[str]] | None:
    """What a passage must name for a model subject: its family and version as one phrase, then its size
    or variant, each on its own ("Llama 3.1 405B" → [llama 3.1], [405b]). None when it is not a model."""
    entity = parse_model(model)
    if entity is None or not entity.family:
        return None
    head = tokens(entity.family) + (tokens(entity.version) if entity.version else [])
    rest = [w for w in tokens(entity.name) if w not in head and (w in _VARIANTS or SIZE_RE.fullmatch(w))]
    return [head] + [[w] for w in rest]


def _names_a_size(passage: Passage, hay: Sequence[str]) -> bool:
    """Whether a passage names a model size or variant ("70b", "scout"). A figure written like a size that
    counts something else is none: "over 25M synthetically generated examples", "~15T tokens", "7.38M GPU
    hours" (a size in millions or trillions must say it counts parameters)."""
    if any(w in _VARIANTS for w in hay):
        return True
    c = passage.citation
    said = " | ".join(x for x in (c.title, c.section, passage.text) if x)
    return any(_counts_parameters(said, m) for m in _SIZE_SAID.finditer(said))


# A figure written like a model size, also inside a name ("Llama-3.1-8B-Instruct").
_SIZE_SAID = re.compile(r"(?<![\w.])(?P<size>\d+(?:\.\d+)?[BMT])\b", re.IGNORECASE)
# What follows a figure written like a size when it counts something else ("25M synthetically generated
# examples", "15B tokens", "7.38M GPU hours"); and what says a size in millions or trillions counts
# parameters ("~2T total parameters").
_COUNTED_AFTER = re.compile(
    r"(?<!\s)(?:\*\*)?+\s++(?:\w++\s++){0,2}?(?:tokens?|examples?|samples?|hours?|images?|pairs?|prompts?|"
    r"conversations?|words?|users?|people|downloads?|dollars?)\b",
    re.IGNORECASE,
)
# How far before a size a model's name is read (`FAMILY_BEFORE`: "Llama 3.1 ", "Llama-3.2-").
_NAME_REACH = 30
_PARAMETERS_AFTER = re.compile(r"(?<!\s)(?:\*\*)?+\s++(?:(?:total|active)\s++)?+param", re.IGNORECASE)


def _counts_parameters(text: str, size: re.Match[str]) -> bool:
    """Whether a figure written like a size ("70B", "25M") is a model's size where `text` says it: always
    right after a model's name ("Llama 3.1 8B tokens per second", "Gemma 3 270M")."""
    if FAMILY_BEFORE.search(text, max(0, size.start() - _NAME_REACH), size.start()):
        return True
    if _COUNTED_AFTER.match(text, size.end()):
        return False
    return size.group("size")[-1] in "bB" or bool(_PARAMETERS_AFTER.match(text, size.end()))


def _possessed(name: str) -> str:
    """The thing a possessive name names ("Pfizer's Comirnaty" → "Comirnaty": it is named by "Comirnaty",
    in a filing of Pfizer's or not), else the name."""
    for mark in ("'s ", "’s "):
        owner_end = name.find(mark)
        thing = name[owner_end + len(mark) :].strip() if owner_end > 0 else ""
        if thing:
            return thing
    return name


def subject_mismatch(subject: ClaimSubject, passage: Passage) -> str | None:
    """Why the passage is about another subject than `subject` ("not about Llama 3.1 405B"), or None."""
    hay = _haystack(passage)
    if subject.model:
        needles = _model_needles(subject.model)
        if needles is not None:
            head, sizes = needles[0], needles[1:]
            if not _has_run(hay, head):
                return subject.model
            if all(_has_run(hay, n) for n in sizes) or not _names_a_size(passage, hay):
                # a passage about the family that names no size or variant holds for each of them
                # ("Llama 3.1 was released on July 23, 2024" is the 405B's release too)
                return None
            return subject.model
    names = [subject.company, subject.segment, subject.product, subject.name]
    keys = [company_key(_possessed(n)) for n in names if n]
    if not keys or any(_has_run(hay, k) for k in keys):
        return None
    company = passage.citation.company or ""
    if company and subject.company and abbreviates(subject.company, company):
        return None  # "Amex" is American Express
    return next(n for n in names if n)


def period_years(text: str) -> set[int]:
    """The years a period names ("FY2017" → 2017, "FY24" → 2024, "Q4 2024" → 2024)."""
    out: set[int] = set()
    for m in _YEAR.finditer(text):
        out.add(int(m.group(1)) if m.group(1) else 2000 + int(m.group(2)))
    return out


def period_mismatch(period: str, passage: Passage, *, fiscal: bool = False) -> str | None:
    """The passage is tied to another period (its citation's period or title) and never mentions the
    claim's year: "FY2022", else None. A claim's year that is not said as a `fiscal` one may be the calendar
    year a fiscal year ended early in the next mostly is (Best Buy's FY2023 is 2022)."""
    claim_years = period_years(period)
    tied = period_years(passage.citation.period or "") or period_years(passage.citation.title)
    calendar = set() if fiscal else passage.citation.calendar_years()
    if not claim_years or not tied or claim_years & (tied | calendar):
        return None
    if claim_years & {int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", passage.text)}:
        return None
    return passage.citation.period or ", ".join(str(y) for y in sorted(tied))


def outside_talk(companies: Sequence[str], passage: Passage) -> str | None:
    """The company of a passage that is none of `companies` (those the talk names), or None: a claim that
    names no subject is about what the talk is about, never about a company nobody in it mentioned. A name
    is the company's when its words run in the company's name or title, when it cuts the name short
    ("Amex", "J&J"), or when, written without spaces or punctuation, it is the company's first words
    ("McDonald's" and "MCDONALDS CORP", "JP Morgan" and "JPMORGAN CHASE & CO") or most of its first word
    ("Pepsi" and "PepsiCo"; not "Square Enix" and "Square", "Intel" and "Intellia")."""
    company = passage.citation.company
    if not company or not companies:
        return None
    hay = tokens(f"{company} {passage.citation.title}".replace("&", " and "))
    words = company_key(company)
    heads = {"".join(words[:k]) for k in range(1, len(words) + 1)}
    for name in companies:
        if _has_run(hay, company_key(name)) or abbreviates(name, company):
            return None
        said_words = company_key(name)
        if said_words[: len(words)] == words and set(said_words[len(words) :]) <= _FORMER_CORPORATE:
            return None  # "Adobe Systems" is ADOBE INC., "Tesla Motors" TESLA, INC.
        for mark in ("s", ""):
            said = "".join(company_key(name.replace("'s", mark).replace("’s", mark)))
            if said in heads or (
                len(said) >= 5 and words[0].startswith(said) and len(said) >= 0.7 * len(words[0])
            ):
                return None
    return company


def other_subject(claim: Claim, passage: Passage) -> str | None:
    """Why `passage` may not settle `claim` ("Amazon", "Llama 3.1 405B", "period FY2022"), or None."""
    if claim.subject is not None:
        why = subject_mismatch(claim.subject, passage)
        if why:
            return why
        if (
            _TEXT_MODELS.search(claim.text)
            and "vision" in _haystack(passage)
            and "vision" not in tokens(claim.text)
        ):
            return f"{claim.subject.model or claim.subject.name} text models"
    elif not _FIRST_PERSON.search(claim.text):  # ("we", "our": the speaker's company, named or not)
        outside = outside_talk(claim.talk_companies, passage)
        if outside:
            return f"{outside}{_NEVER_NAMED}"
    if claim.period:
        other = period_mismatch(claim.period, passage, fiscal=bool(FISCAL_SAID.search(claim.text)))
        if other:
            return f"period {other}"
    elif claim.date is not None and claim.type != ClaimType.PREDICTIVE:
        later = later_period(claim.date, passage) or stale_period(claim.date, passage, claim.talk_years)
        if later:
            return f"period {later}"
    return None


def stale_period(date: dt.date, passage: Passage, talk_years: Sequence[int] = ()) -> str | None:
    """The period of a filing whose years all end before the year before `date` ("FY2018" for a claim said
    in February 2023): a claim that names no period speaks of the latest year, not of a filing four years
    old, unless the talk says it is about that year (`talk_years`: "Activision's 2019" in the title of a
    2023 episode); else None. Model cards and fact sheets are tied to no fiscal year."""
    if passage.citation.kind is not DocKind.TEN_K:
        return None
    tied = period_years(passage.citation.period or "")
    if not tied or max(tied) >= date.year - 1 or set(tied) & set(talk_years):
        return None
    return passage.citation.period


def later_period(date: dt.date, passage: Passage) -> str | None:
    """The period of a passage tied only to years after `date` ("FY2022" for a claim said in February
    2019): what is said about the present cannot be settled by a later year's filing; else None. A model
    card released after the claim was said ("2024-12" for a talk in August 2024) is later too: it reports
    what its own release knew (a filing, published weeks after its year ends, is judged by its year)."""
    released = passage.citation.date
    if passage.citation.kind is DocKind.MODEL_CARD and released is not None and released > date:
        return passage.citation.period or released.isoformat()
    tied = period_years(passage.citation.period or "") or period_years(passage.citation.title)
    if not tied or min(tied) <= date.year:
        return None
    return passage.citation.period or ", ".join(str(y) for y in sorted(tied))


def about_subject(claim: Claim, related: Sequence[Evidence]) -> tuple[list[Evidence], list[str]]:
    """The evidence about the claim's subject and period, and what the rest is about instead (each
    passage's title with why, once). A claim with no subject and no period keeps all its evidence."""
    kept: list[Evidence] = []
    dropped: list[str] = []
    for ev in related:
        why = other_subject(claim, ev.passage)
        if why is None:
            kept.append(ev)
        else:
            title = ev.passage.citation.title
            if why.startswith("period"):
                when = claim.period or f"what was true on {claim.date}"
                note = f"{title}: about {why.removeprefix('period ')}, not {when}"
            elif why.endswith(_NEVER_NAMED):
                note = f"{title}: of {why}"
            else:
                note = f"{title}: not {why}"
            if note not in dropped:
                dropped.append(note)
    record, set_aside = of_record(claim, kept)
    return record, dropped + [n for n in set_aside if n not in dropped]


def _card_of(model: Entity, citation: Citation) -> bool:
    """Whether a document is the model's card: its title names the model's family and version ("Llama 3.1
    model card" for Llama 3.1 405B)."""
    return _has_run(tokens(citation.title.replace("&", " and ")), tokens(base_model(model).name))


def _years_said(text: str) -> set[str]:
    """The years a claim says, in digits or in words ("twenty seventeen")."""
    return set(re.findall(r"\b(?:19|20)\d\d\b", spoken_to_digits(text)))


def _model_versions(text: str) -> set[tuple[str, str]]:
    """The (family, version) of each model a text names ("Llama 4 Maverick" and "Llama 3.1 405B": two)."""
    return {(m.group("family").lower(), (m.group("version") or "").lower()) for m in MODEL_RE.finditer(text)}


def of_record(claim: Claim, kept: Sequence[Evidence]) -> tuple[list[Evidence], list[str]]:
    """The evidence from the subject's documents of record, where some is at hand: for a claim about a
    year, the company's filing for that year, not a later filing that looks back on it (3M's FY2022 10-K on
    the 2018 Minnesota settlement, for a claim about 2018 beside the FY2018 10-K); for a claim about a
    model, its own card, not another card's column for it (the Llama 3.1 card's "Llama 3 70B Instruct"
    column beside the Llama 3 card). Returns the evidence kept and a note for each document set aside."""
    subject = claim.subject
    if subject is None:
        return list(kept), []
    years = period_years(claim.period or "")
    if subject.model and (model := parse_model(subject.model)) is not None and model.family:
        if len(_model_versions(claim.text)) > 1:
            # a claim about two models ("Maverick's eighty five point five, the four oh five is eighty five
            # point two") is read where both are scored, whichever card that is
            return list(kept), []

        def own(c: Citation) -> bool:
            return _card_of(model, c)

        def rival(c: Citation) -> bool:
            return c.kind is DocKind.MODEL_CARD and not own(c)

        why = f"not the {base_model(model).name} card"
    elif years and subject.company and len(_years_said(claim.text)) <= 1:
        # (a claim over two years, "from 31.7 billion in 2017 to 32.8 billion in 2018", reads both filings)
        fiscal = bool(FISCAL_SAID.search(claim.text))

        def own(c: Citation) -> bool:
            # (a year said plainly is the calendar year a filing mostly covers: Best Buy's FY2023, ended
            # January 28, 2023, is 2022's; a fiscal year said as one is that fiscal year)
            covered = (
                period_years(c.period or "") if fiscal else c.calendar_years() or period_years(c.period or "")
            )
            return c.kind is DocKind.TEN_K and bool(years & covered)

        company = {ev.passage.citation.company for ev in kept if own(ev.passage.citation)}

        def rival(c: Citation) -> bool:
            return c.kind is DocKind.TEN_K and c.company in company and not own(c)

        why = f"not the filing for {claim.period}"
    else:
        return list(kept), []
    if not any(own(ev.passage.citation) for ev in kept):
        return list(kept), []
    notes = [f"{ev.passage.citation.title}: {why}" for ev in kept if rival(ev.passage.citation)]
    return [ev for ev in kept if not rival(ev.passage.citation)], list(dict.fromkeys(notes))


def document_citations(passages: Sequence[Passage]) -> dict[str, Citation]:
    """Each document's citation (its first passage's), by document id."""
    out: dict[str, Citation] = {}
    for passage in passages:
        out.setdefault(passage.doc_id, passage.citation)
    return out


def subject_documents(subject: ClaimSubject, citations: Mapping[str, Citation]) -> frozenset[str] | None:
    """The documents about `subject` by their citation (`document_citations`): a card whose title names the
    model's family and version (a card is about each size and variant of its model, and its title names
    none: "Llama 3.1 model card"), else a filing of the company (its name or the name cut short: "Amex";
    not a name it merely contains: "Block" is no H&R Block). None when no document is, or every one is (no
    narrower search)."""
    model = parse_model(subject.model) if subject.model else None
    if model is not None:
        about = {doc for doc, c in citations.items() if _card_of(model, c)}
    elif subject.company:
        key = company_key(subject.company)
        about = {
            doc
            for doc, c in citations.items()
            if c.company
            and (company_key(c.company)[: len(key)] == key or abbreviates(subject.company, c.company))
        }
    else:
        return None
    return frozenset(about) if about and len(about) < len(citations) else None
