"""The page's sections built from the cards and the corpus (pure): What's Real / What's Hype prose, one card
per claim, Tools Mentioned, What They Missed, Context & Connections, Further Reading, and the methodology
page's policy and settings.

Every sentence shown is either the card's own finding (its claim, figures and source) or an exact slice of a
corpus document; nothing is written that the evidence does not say.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from claimcheck.models import Breakdown, Citation, Claim, ClaimEvidence, DocKind, Evidence, Label, Passage
from claimcheck.publish.types import (
    CardContext,
    CitationContext,
    ConnectionContext,
    MethodologyRow,
    PageContext,
    SourceContext,
    SuggestionContext,
    TakeawayItem,
    Takeaways,
    ToolContext,
)
from claimcheck.settings import Settings
from claimcheck.verify.stance import StanceProbs, Verifier

# The editor's sections in page order, with their headings (whats_real / whats_hype replace the prose).
SECTION_HEADINGS: dict[str, str] = {
    "whats_real": "What's Real",
    "whats_hype": "What's Hype",
    "what_they_missed": "What They Missed",
    "the_one_thing": "The One Thing",
    "so_what": "So What?",
    "action_items": "Action Items",
    "tools_mentioned": "Tools Mentioned",
    "workflow_idea": "Workflow Idea",
    "context_connections": "Context & Connections",
    "further_reading": "Further Reading",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.'-]*[A-Za-z0-9]|[A-Za-z]|\d+(?:\.\d+)?")
_STOP = frozenset(
    """a an the is was were are be been of on in at to and or for with it its it's that this those these
    as by from about around nearly roughly some which who what we our us you your they their he she i my
    has have had do does did so but if then than there here not no just like really very also more most
    up down out over into only still even much many one ones will would can could should may might
    i'm we're it's""".split()
)


def content_terms(text: str) -> set[str]:
    """Lower-case content words (and figures) of a text, without brackets and stop words."""
    return {w.lower().strip(".'") for w in _WORD.findall(text.replace("[", " ").replace("]", " "))} - _STOP


# --------------------------------------------------------------------------------------------------
# cards


def dedupe_cards(cards: list[CardContext]) -> list[CardContext]:
    """One card per claim: a claim said again later (same label, same decisive figures from the same
    source, or the same wording) is folded into the first card as "also said at"."""
    kept: list[CardContext] = []
    keys: dict[tuple[object, ...], int] = {}
    for card in cards:
        card_keys = _card_keys(card)
        index = next((keys[k] for k in card_keys if k in keys), None)
        if index is None:
            for k in card_keys:
                keys[k] = len(kept)
            kept.append(card)
            continue
        first = kept[index]
        if card.said_at and card.said_at != first.said_at and card.said_at not in first.also_said:
            kept[index] = first.model_copy(update={"also_said": [*first.also_said, card.said_at]})
    return kept


def _card_keys(card: CardContext) -> list[tuple[object, ...]]:
    """Two cards are one claim when they share a key: the same words, or the same label and figures
    settled by the same document ("revenue was $134.9 billion in 2023", said twice in other words)."""
    keys: list[tuple[object, ...]] = [("text", card.badge.label, " ".join(sorted(card.subject_terms)))]
    if card.claim_figures:
        for doc in card.source_docs:
            keys.append(("figures", card.badge.label, doc, tuple(card.claim_figures)))
    return keys


# --------------------------------------------------------------------------------------------------
# What's Real / What's Hype


def build_takeaways(cards: list[CardContext]) -> Takeaways:
    """A sentence per approved card: the claim as checked, then what the source gives, and where."""
    speakers = {c.speaker for c in cards}

    def items(label: Label) -> list[TakeawayItem]:
        return [
            TakeawayItem(
                anchor=c.anchor,
                speaker=c.speaker if len(speakers) > 1 else None,
                claim=c.text.rstrip(".").strip(),
                finding=finding(c),
                badge=c.badge,
            )
            for c in cards
            if c.badge.label is label and not c.unreviewed
        ]

    return Takeaways(real=items(Label.REAL), partly=items(Label.PARTIALLY_TRUE), hype=items(Label.HYPE))


def finding(card: CardContext) -> str:
    """What settled a card, in a clause: the source's figures, else the editor's explanation, else the
    first sentence of the rationale."""
    partly = "partly true: " if card.badge.label is Label.PARTIALLY_TRUE else ""
    if card.badge.label is Label.REAL and card.figures and card.source:
        return f"the {card.source} gives {_and(card.figures)}"
    if card.explanation:
        return partly + card.explanation.rstrip(".")
    if card.figures and card.source:
        return f"{partly}the {card.source} gives {_and(card.figures)}"
    return partly + _first(card.rationale).rstrip(".")


def _and(items: list[str]) -> str:
    cleaned = [" ".join(i.split()).strip("()") for i in dict.fromkeys(items)]
    return cleaned[0] if len(cleaned) == 1 else ", ".join(cleaned[:-1]) + " and " + cleaned[-1]


def _first(text: str) -> str:
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return text[: match.start()] if match else text


# --------------------------------------------------------------------------------------------------
# Further Reading


def further_reading(cards: list[CardContext]) -> list[SourceContext]:
    """The primary sources that settled the page's verdicts, once each: a fact sheet counts as the filing
    or model card it was compiled from, listed with the sections cited; most cited first. Passages shown
    only as the closest found (settling nothing) are not reading to recommend."""
    found: dict[tuple[str, str | None], tuple[list[CitationContext], set[str]]] = {}
    for card in cards:
        for ev in card.evidence:
            if not (ev.decisive or ev.stance):
                continue
            c = ev.citation
            key = (c.compiled_from or c.title, c.url)
            entry = found.setdefault(key, ([], set()))
            entry[0].append(c)
            entry[1].add(card.claim_id)
    out: list[SourceContext] = []
    for (title, url), (citations, ids) in found.items():
        # a filing's items ("Item 7"), in order; a model card's sections are its whole outline: none
        items = {int(m.group(1)): m.group(0) for c in citations for m in _ITEM.finditer(c.section or "")}
        sections = [items[n] for n in sorted(items)]
        sheets = [c.title for c in citations if c.compiled_from]
        out.append(
            SourceContext(
                title=title[:1].upper() + title[1:],
                url=url,
                date=citations[0].date,
                sections=list(dict.fromkeys(sections)),
                fact_sheets=sorted(set(sheets)),
                cited=len(ids),
            )
        )
    return sorted(out, key=lambda s: (-s.cited, s.title))


_ITEM = re.compile(r"\bItem (\d+)[A-C]?\b")


# --------------------------------------------------------------------------------------------------
# Tools Mentioned

# Words that make a corpus sentence describe a product or a model (not a company or a segment).
_PRODUCT_NOUNS = re.compile(
    r"\b(?:glasses|headsets?|models?|app|assistant|chip|device|benchmark|language model)\b", re.IGNORECASE
)


def sentences(text: str) -> list[str]:
    """The sentences of a text, whitespace collapsed: each ends at a full stop (or ! ?) followed by a
    space or the end ("Llama 3.1 was …" is one sentence), and at a blank line. A plain scan, not a
    regular expression, so that no input can make it backtrack."""
    out: list[str] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        end: int | None = None
        if ch in ".!?" and (i + 1 == n or text[i + 1].isspace()):
            end = i + 1
        elif ch == "\n" and text[i + 1 : i + 2] == "\n":
            end = i
        if end is not None:
            sentence = " ".join(text[start:end].split())
            if sentence:
                out.append(sentence)
            start = end
        i += 1
    tail = " ".join(text[start:].split())
    if tail and tail[-1] in ".!?":
        out.append(tail)
    return out


def tools_mentioned(breakdown: Breakdown, passages: Sequence[Passage]) -> list[ToolContext]:
    """Products and models named in the talk (its front matter's entities and the claims' subjects),
    each with a sentence from the corpus that describes it; a model card of its own is linked and its
    sizes and context lengths shown. Names the corpus says nothing about as a product are left out."""
    names: list[str] = list(breakdown.entities)
    organisations = {p.citation.company.lower() for p in passages if p.citation.company}
    for verdict in breakdown.verdicts:
        subject = verdict.claim.subject
        if subject is not None:
            names.extend(n for n in (subject.model, subject.product) if n)
            organisations.update(n.lower() for n in (subject.company, subject.segment) if n)
    out: list[ToolContext] = []
    # companies and their segments are not tools ("Meta", "Reality Labs", "Family of Apps")
    seen: set[str] = {
        name.lower()
        for name in names
        if any(org.startswith(name.lower()) for org in organisations) or is_segment(name, passages)
    }
    cards = [p for p in passages if p.citation.source_kind is DocKind.MODEL_CARD]
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        key = name.lower()
        if key in seen:
            continue
        card_passages = [p for p in cards if _title_names(p.citation, name)]
        if card_passages:
            ordered = sorted(card_passages, key=lambda p: (p.start, p.passage_id))
            first = ordered[0]
            # the card's first sentence that names the model (a table row is no description)
            description = next(
                (found for p in ordered if (found := _first_sentence_of(p.raw_text, name))), None
            )
            out.append(
                ToolContext(
                    name=name,
                    description=description,
                    figures=_card_figures(card_passages),
                    citation=_citation(first.citation),
                )
            )
            seen.add(key)
            continue
        described = _describing_sentence(name, passages)
        if described is not None:
            sentence, passage = described
            out.append(ToolContext(name=name, description=sentence, citation=_citation(passage.citation)))
            seen.add(key)
    return out


def is_segment(name: str, passages: Sequence[Passage]) -> bool:
    """The corpus calls the name a segment ("the Reality Labs segment", "Family of Apps (FoA)")."""
    pattern = re.compile(rf"{re.escape(name)}\s+(?:\(\w+\)\s+)?segment", re.IGNORECASE)
    return any(pattern.search(p.raw_text) for p in passages)


def _title_names(citation: Citation, name: str) -> bool:
    """The model card is this model's own: its title starts with the name, as a whole version."""
    title = citation.title.removeprefix("Meta ").lower()
    wanted = name.removeprefix("Meta ").lower()
    return title.startswith(wanted) and not re.match(r"[\d.]", title[len(wanted) : len(wanted) + 2].strip())


def _first_sentence_of(raw: str, name: str) -> str | None:
    for sentence in sentences(raw):
        if name.split()[0].lower() in sentence.lower() and not sentence.startswith(("|", "#")):
            return sentence
    return None


def _card_figures(passages: Sequence[Passage]) -> list[str]:
    """The sizes and context lengths of a model card's table rows, sizes sharing a context length together
    ("8B / 70B / 405B: 128K tokens context"); a row not named by a size keeps its whole label."""
    by_context: dict[str, list[str]] = {}
    for passage in sorted(passages, key=lambda p: p.start):
        line = passage.text.rsplit("\n", 1)[-1]
        parts = line.split(" | ")
        for part in parts[1:]:
            header, _sep, value = part.partition(": ")
            if header.lower().startswith("context length") and value:
                size = _MODEL_SIZE.search(parts[0])
                names = by_context.setdefault(value, [])
                name = size.group(0) if size else parts[0]
                if name not in names:
                    names.append(name)
    return [f"{' / '.join(names)}: {value} context" for value, names in by_context.items()][:3]


# A model's size at the end of a row label ("Llama 3.1 405B", "Llama 4 Scout 17Bx16E").
_MODEL_SIZE = re.compile(r"\b\d+(?:\.\d+)?B(?:x\d+E)?$")


def _describing_sentence(name: str, passages: Sequence[Passage]) -> tuple[str, Passage] | None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for passage in sorted(passages, key=lambda p: (p.citation.date or _FAR, p.passage_id)):
        for sentence in sentences(passage.raw_text):
            if pattern.search(sentence) and _PRODUCT_NOUNS.search(sentence) and not sentence.startswith("|"):
                return sentence, passage
    return None


# --------------------------------------------------------------------------------------------------
# What They Missed


def missed_suggestions(
    breakdown: Breakdown, passages: Sequence[Passage], settings: Settings
) -> list[SuggestionContext]:
    """Corpus sentences on the talk's topics that no claim touched: for each topic, the sentence sharing
    most of its content words (at least `missed_min_overlap` of them), from a document dated no later than
    the talk and a passage no verdict cited; at most `missed_max` of them, one per document."""
    # a document any claim was checked against was not missed
    cited = {
        e.passage.doc_id
        for v in breakdown.verdicts
        for e in [*v.evidence, *(v.draft.evidence if v.draft else [])]
    }
    said = content_terms(" ".join(v.claim.text for v in breakdown.verdicts))
    out: list[SuggestionContext] = []
    used_docs: set[str] = set()
    # the talk's companies ("Meta") are named in every sentence about them: a topic is matched on its other
    # words
    from claimcheck.claims.lexicon import is_known_company

    names = content_terms(" ".join(e for e in breakdown.entities if is_known_company(e)))
    for topic in breakdown.topics:
        terms = content_terms(topic) - names
        if not terms:
            continue
        best: tuple[float, str, str, Passage] | None = None
        for passage in passages:
            if passage.doc_id in cited or passage.doc_id in used_docs:
                continue
            if breakdown.date and passage.citation.date and passage.citation.date > breakdown.date:
                continue
            for sentence in sentences(passage.raw_text):
                if sentence.startswith(("|", "#")):
                    continue
                words = content_terms(sentence)
                share = len(terms & words) / len(terms)
                novelty = len(words - said) / max(1, len(words))
                if share < settings.missed_min_overlap or novelty < settings.missed_min_novelty:
                    continue
                score = share + novelty
                if best is None or (score, passage.passage_id) > (best[0], best[2]):
                    best = (score, sentence, passage.passage_id, passage)
        if best is not None:
            used_docs.add(best[3].doc_id)
            out.append(SuggestionContext(topic=topic, quote=best[1], citation=_citation(best[3].citation)))
        if len(out) >= settings.missed_max:
            break
    return out


# --------------------------------------------------------------------------------------------------
# Context & Connections


def with_connections(
    pages: list[PageContext], settings: Settings, verifier: Verifier | None = None
) -> list[PageContext]:
    """Each page with the approved claims of the site's other pages that agree or disagree with its own,
    found by the verifier: the other claim is read as a passage and the verdict stage judges this claim
    against it (figures first, then the verifier's confident stance when a `verifier` is given). Real:
    they agree; Hype: they contradict. Only pairs sharing at least `connection_min_overlap` of their
    content words are judged. The same claim in other words on another page is "repeated"."""
    claims = {(p.slug, v.claim.id): v.claim for p in pages for v in p.published.verdicts}
    pairs: list[tuple[PageContext, CardContext, PageContext, CardContext]] = []
    for page in pages:
        for card in _connectable(page):
            for other in pages:
                if other.slug == page.slug:
                    continue
                for theirs in _connectable(other):
                    if _overlap(card, theirs) >= settings.connection_min_overlap:
                        pairs.append((page, card, other, theirs))
    stances: dict[tuple[str, str, str, str], StanceProbs] = {}
    if verifier is not None and pairs:
        texts = [(theirs.text, card.text) for _p, card, _o, theirs in pairs]
        for (page, card, other, theirs), probs in zip(pairs, verifier.score(texts), strict=True):
            key = (page.slug, card.claim_id, other.slug, theirs.claim_id)
            stances[key] = (float(probs[0]), float(probs[1]), float(probs[2]))
    found: dict[str, list[ConnectionContext]] = {}
    for page, card, other, theirs in pairs:
        relation: str | None
        if _overlap(card, theirs) >= _REPEATED_OVERLAP and card.badge.label is theirs.badge.label:
            relation = "repeated"
        else:
            probs = stances.get((page.slug, card.claim_id, other.slug, theirs.claim_id))
            relation = _judged(claims[(page.slug, card.claim_id)], theirs, other, probs, settings)
        if relation is None:
            continue
        found.setdefault(page.slug, []).append(
            ConnectionContext(
                relation=relation,
                claim=card.text,
                anchor=card.anchor,
                other_claim=theirs.text,
                other_title=other.title,
                other_url=f"{other.filename}#{theirs.anchor}",
                other_speaker=theirs.speaker,
                other_badge=theirs.badge,
            )
        )
    return [p.model_copy(update={"connections": found[p.slug]}) if p.slug in found else p for p in pages]


def _connectable(page: PageContext) -> list[CardContext]:
    return [c for c in page.cards if not c.unreviewed and c.badge.label is not Label.UNVERIFIED]


def _overlap(a: CardContext, b: CardContext) -> float:
    terms_a, terms_b = set(a.subject_terms), set(b.subject_terms)
    return len(terms_a & terms_b) / max(1, len(terms_a | terms_b))


def _judged(
    claim: Claim,
    theirs: CardContext,
    other: PageContext,
    probs: StanceProbs | None,
    settings: Settings,
) -> str | None:
    """The verdict stage's judgement of `claim` with the other page's claim as its only passage."""
    from claimcheck.verify.policy import judge

    citation = Citation(title=other.title, kind=DocKind.OTHER, date=_date(other.date_iso))
    passage = Passage(
        passage_id=f"{other.slug}#{theirs.claim_id}",
        doc_id=other.slug,
        text=theirs.text,
        raw_text=theirs.text,
        start=0,
        end=len(theirs.text),
        citation=citation,
    )
    evidence = Evidence(
        passage=passage, quote=theirs.text, quote_start=0, quote_end=len(theirs.text), score=1.0
    )
    stances = {passage.passage_id: probs} if probs is not None else None
    label = judge(ClaimEvidence(claim=claim, evidence=[evidence]), settings, stances).label
    return {Label.REAL: "agrees", Label.HYPE: "contradicts"}.get(label)


def _date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


# Two claims are "the same claim repeated" when this share of their content words is shared (Jaccard).
# Chosen by hand: rewordings of one claim in the seeds share 0.7 or more; different claims about the same
# figure share under 0.5.
_REPEATED_OVERLAP = 0.7
_FAR = dt.date(9999, 12, 31)


# --------------------------------------------------------------------------------------------------
# methodology


def policy_rules() -> list[str]:
    """The verdict policy as the verify package states it, one rule per line."""
    from claimcheck.verify import policy

    doc = policy.__doc__ or ""
    rules: list[str] = []
    for block in doc.split("\n\n")[1:3]:
        for item in re.split(r"\n- ", "\n" + block.strip()):
            text = " ".join(item.split()).lstrip("- ")
            if text:
                rules.append(text)
    return rules


# The settings the methodology page explains, in the order a reader meets them.
_METHOD_SETTINGS = (
    "min_relevance",
    "exact_tolerance",
    "approx_tolerance",
    "stance_support_threshold",
    "stance_contradict_threshold",
    "review_confidence",
    "top_k",
    "retrieve_k",
    "search_mode",
)


def methodology_rows(settings: Settings) -> list[MethodologyRow]:
    """Each verdict setting with its value and the comment in claimcheck/settings.py that says how it was
    chosen (the same text as the README's settings table)."""
    from claimcheck.cli.docs import settings_docs

    comments = {name: doc.comment for doc in settings_docs() for name in doc.names}
    return [
        MethodologyRow(name=name, value=str(getattr(settings, name)), comment=comments.get(name, ""))
        for name in _METHOD_SETTINGS
    ]


def _citation(citation: Citation) -> CitationContext:
    from claimcheck.publish.context import citation_context

    return citation_context(citation)
