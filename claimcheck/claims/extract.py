"""From a transcript to check-worthy claims: score each clause, type it, reword it, merge duplicates.

Claims with the same normalised wording are merged into one with every occurrence; a claim's id hashes the
transcript id and that wording, so re-runs keep editor decisions attached.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Span, Token

from claimcheck.claims.checkworthiness import CheckworthinessModel, claim_type, load_checkworthiness_model
from claimcheck.claims.claim_filter import filter_talk
from claimcheck.claims.compound import claim_parts
from claimcheck.claims.corrections import (
    Answer,
    FigureClause,
    corrected_text,
    could_be_year,
    echoes,
    last_figure,
    read_answer,
    says_year,
    words_of,
)
from claimcheck.claims.entities import EntityKind
from claimcheck.claims.features import sentence_features
from claimcheck.claims.kinds import continues_story, goes_on_with_own_story, is_pure_opinion, non_claim_kind
from claimcheck.claims.lexicon import OwnerLookup
from claimcheck.claims.measures import MeasureCarry, bare_figure_ends
from claimcheck.claims.rewrite import decontextualise
from claimcheck.claims.segment import Sentence, segment, split_overlong, split_run_on
from claimcheck.claims.subjects import (
    EditMode,
    Lexicon,
    SubjectEdit,
    SubjectTracker,
    claim_period,
    subject_fields,
    talk_years,
)
from claimcheck.companies import abbreviates, said_without_co
from claimcheck.embedding import Embedder
from claimcheck.models import Claim, ClaimType, Format, NonClaim, Occurrence, Transcript
from claimcheck.progress import NO_PROGRESS, Advance, Progress
from claimcheck.settings import Settings
from claimcheck.text import normalise_claim_text

# A clause as a later answer may read it: (said, checkable text, speaker, subject fields).
_Said = tuple[str, str, str | None, dict[str, Any]]

# Names said in a question, about the screen or in a story count this much toward who "it" is next.
NON_CLAIM_SALIENCE = 0.5


# Words a clause that turns the talk to a name may say besides the name: "Okay, now Pepsi.", "Let's do
# PepsiCo next.", "Moving on to Boeing.", "What about Pepsi?".
_TOPIC_WORDS = frozenset(
    """okay ok alright all right so now and then next let let's 's us do talk about what how over to on onto
    turn turning move moving switch switching gears quick quickly real with the""".split()
)


# Words that open a name said back rather than a turn: "Right, Pepsi.", "Wow, PepsiCo.", "Yeah, Boeing."
_ECHO_WORDS = frozenset("right wow yeah yes yep exactly sure true oh huh hmm ha".split())


def announces_topic(span: Span) -> bool:
    """The clause says nothing but a name and the words that turn the talk to it ("Okay, Pepsi.", "Now
    PepsiCo.", "What about Pepsi?"): one run of proper nouns, the rest `_TOPIC_WORDS`, interjections and
    punctuation, and it does not open on a word that says a name back ("Right, Pepsi.")."""
    names = [t for t in span if _name_word(t)]
    if not names or any(t.like_num for t in span) or span[0].lower_ in _ECHO_WORDS:
        return False  # (not a name said back: "Right, Pepsi.", "Wow, PepsiCo.")
    if names[-1].i - names[0].i + 1 != len(names):
        return False  # one name, not a list
    return all(_name_word(t) or t.is_punct or t.pos_ == "INTJ" or t.lower_ in _TOPIC_WORDS for t in span)


def _name_word(token: Token) -> bool:
    """A word of a name: a proper noun, or a capitalised noun the tagger took for a common one ("PepsiCo")."""
    if token.lower_ in _TOPIC_WORDS:
        return False
    return token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.text[:1].isupper())


def claim_id(transcript_id: str, text: str) -> str:
    """First 12 hex digits of sha1(transcript id, newline, normalised text): stable across runs."""
    digest = hashlib.sha1(f"{transcript_id}\n{normalise_claim_text(text)}".encode())
    return digest.hexdigest()[:12]


def _context(sentences: Sequence[Sentence], index: int, width: int) -> tuple[list[str], list[str]]:
    before = [s.text for s in sentences[max(0, index - width) : index]]
    after = [s.text for s in sentences[index + 1 : index + 1 + width]]
    return before, after


def _occurrence(sentence: Sentence) -> Occurrence:
    return Occurrence(
        start=sentence.start,
        end=sentence.end,
        timecode=sentence.timecode,
        utterance_index=sentence.utterance_index,
        line=sentence.line,
        quote=sentence.text,
    )


def score_sentence(
    sentence: Sentence, model: CheckworthinessModel, *, min_words: int
) -> tuple[dict[str, float], float]:
    """(features, check-worthiness) of one sentence."""
    features = sentence_features(sentence.span, min_words=min_words)
    return features, model.score(features)


def score_sentences(
    sentences: Iterable[Sentence], model: CheckworthinessModel, *, min_words: int
) -> list[tuple[dict[str, float], float]]:
    """(features, check-worthiness) for each sentence."""
    return [score_sentence(sentence, model, min_words=min_words) for sentence in sentences]


def with_full_names(
    edits: tuple[SubjectEdit, ...], span: Span, companies: Sequence[str]
) -> tuple[SubjectEdit, ...]:
    """`edits` with a company's full name after the short name a clause calls it by ("Amex's [American
    Express] revenue", "Pepsi [PepsiCo]"), when the front matter names the company and neither the clause nor
    an edit does."""
    edits = tuple(_full_named(e, companies) for e in edits)  # "[Amex]" for "they" is "[American Express]"
    said = " ".join([span.text, *(e.text for e in edits)]).lower()
    added: list[SubjectEdit] = []
    for token in span:
        if not token.text[:1].isupper() or any(e.start <= token.i < e.end for e in edits):
            continue
        name = next((c for c in companies if c.lower() not in said and _calls(token.text, c)), None)
        if name is None:
            continue
        after = token.i + 1
        if after < span.end and span.doc[after].lower_ in ("'s", "’s"):
            after += 1  # "Amex's [American Express] revenue"
        added.append(SubjectEdit(EditMode.AFTER, f"[{name}]", after - 1, after))
        said += f" {name.lower()}"
    return (*edits, *added)


def _calls(short: str, name: str) -> bool:
    """`short` is what a talk calls the company `name`: "Amex", "J&J" (`abbreviates`), "Pepsi"."""
    return abbreviates(short, name) or said_without_co(short, name)


def _full_named(edit: SubjectEdit, companies: Sequence[str]) -> SubjectEdit:
    """An edit naming a company by a short name ("[Amex]", "[Amex's]") names it in full."""
    match = re.fullmatch(r"\[([^\]]+?)(['’]s)?\]", edit.text)
    if match is None:
        return edit
    name = next((c for c in companies if _calls(match.group(1), c)), None)
    if name is None:
        return edit
    return SubjectEdit(edit.mode, f"[{name}{match.group(2) or ''}]", edit.start, edit.end)


def with_scale(edits: tuple[SubjectEdit, ...], scale: str | None, span: Span) -> tuple[SubjectEdit, ...]:
    """`edits` with the carried `scale` named after each bare number of the clause: "fifty two point six
    [billion] of that"."""
    if scale is None:
        return edits
    ends = set(bare_figure_ends(span.text, small=True))
    added = tuple(
        SubjectEdit(EditMode.AFTER, f"[{scale}]", token.i, token.i + 1)
        for token in span
        if token.idx + len(token.text) - span.start_char in ends
    )
    return (*edits, *added)


# How far into a clause (tokens) the pronoun a carried measure renames may stand ("No, it went up").
_OPENING_TOKENS = 3


def with_measure(
    edits: tuple[SubjectEdit, ...],
    measure: str | None,
    at: int,
    part: str | None = None,
    companies: Sequence[str] = (),
) -> tuple[SubjectEdit, ...]:
    """`edits` with the carried `measure` named in front: "[Amazon]" becomes "[Amazon's net sales]"; with
    the `part` of the company it was said of, a company named there (one of `companies`) becomes that part's:
    "[Verizon Consumer's revenue]"."""
    if measure is None:
        return edits

    def owned(name: str) -> str:
        if part and name in companies and part.lower() not in name.lower():
            name = f"{name} {part}"
        return _measure_of(name, measure)

    prefix = next((e for e in edits if e.mode == EditMode.PREFIX), None)
    if prefix is None:
        # "No, it went up": the "it" named as the company ("[3M]") becomes the company's measure
        opening = next(
            (e for e in edits if e.mode == EditMode.REPLACE and e.start <= at + _OPENING_TOKENS), None
        )
        if opening is not None:
            named = owned(opening.text.strip("[]"))
            return tuple(SubjectEdit(e.mode, named, e.start, e.end) if e is opening else e for e in edits)
        return (
            *edits,
            SubjectEdit(EditMode.PREFIX, f"[{part}'s {measure}]" if part else f"[{measure}]", at, at),
        )
    named = owned(prefix.text.strip("[]"))
    return tuple(SubjectEdit(e.mode, named, e.start, e.end) if e is prefix else e for e in edits)


def _measure_of(name: str, measure: str) -> str:
    """ "[3M's net income]"; a name that already says the measure stays as it is ("[Verizon Fios service
    revenue]", never "[Verizon Fios service revenue's revenue]")."""
    if re.search(rf"\b{re.escape(measure)}\b", name, re.IGNORECASE):
        return f"[{name}]"
    return f"[{name}'s {measure}]"


def claim_units(
    sentences: Sequence[Sentence], *, min_words: int, max_words: int
) -> list[tuple[int, Sentence]]:
    """Every separately checkable clause, with the index of the sentence it came from (a sentence longer
    than `max_words` words is first cut into windows, see `split_overlong`)."""
    return [
        (index, piece)
        for index, sentence in enumerate(sentences)
        for window in split_overlong(sentence, max_words=max_words)
        for piece in split_run_on(window, min_words=min_words)
    ]


def extract_claims(
    transcript: Transcript,
    nlp: Language,
    settings: Settings,
    *,
    include_all: bool = False,
    model: CheckworthinessModel | None = None,
    progress: Progress = NO_PROGRESS,
    corpus_companies: frozenset[str] = frozenset(),
    corpus_sizes: Mapping[str, frozenset[str]] | None = None,
    corpus_owner: OwnerLookup | None = None,
    embedder: Embedder | None = None,
) -> list[Claim]:
    """Check-worthy claims in transcript order (every clause when `include_all`), de-duplicated.
    `corpus_companies`: the companies the corpus has documents of (`Engine.corpus_companies`), which the
    front matter's names are read against; `corpus_sizes`: the sizes the corpus prints each model with
    (`ModelAliases.sizes`), which a bare "the 1B" is read against; `corpus_owner`: the company whose
    documents alone print a product's name (`CorpusOwners.owner`), whose that product is; `embedder`: the
    embedder the learnt claim filter reads (`filter_talk`; `Engine.embedder`) in a transcript of turns (not
    prose: an article); without one, the rules and the check-worthiness score alone decide.

    A run-on sentence gives one claim per independent clause (`split_run_on`); they share the sentence's
    speaker, span and context, and each quotes its own clause. Three passes report to `progress`:
    "Parsing sentences" (runs of turns), "Finding claims" (clauses), "Splitting compound claims".
    """
    scorer = model or load_checkworthiness_model()
    sentences = segment(transcript, nlp, chunk_chars=settings.parse_chunk_chars, progress=progress)
    units = claim_units(sentences, min_words=settings.min_claim_words, max_words=settings.max_claim_words)
    with progress.stage("Finding claims", total=len(units)) as advance:
        lexicon = Lexicon.from_meta(transcript.meta, nlp, corpus_companies, corpus_sizes, corpus_owner)
        claims, answers = _claims_of_units(transcript, lexicon, settings, scorer, sentences, units, advance)
    ordered = list(claims.values())
    if transcript.format != Format.PROSE:
        # the filter was fitted on speech in turns; an article's written sentences are not talk to it
        filter_talk(ordered, embedder, settings, keep=frozenset(answers))
    selected = ordered if include_all else [claim for claim in ordered if claim.is_claim]
    texts = [c.text for c in selected]
    for claim, parts in zip(selected, claim_parts(texts, nlp, progress=progress), strict=True):
        claim.parts = parts
    return selected


def _claims_of_units(
    transcript: Transcript,
    lexicon: Lexicon,
    settings: Settings,
    scorer: CheckworthinessModel,
    sentences: Sequence[Sentence],
    units: Sequence[tuple[int, Sentence]],
    advance: Advance,
) -> tuple[dict[str, Claim], set[str]]:
    """Every clause scored, typed, resolved and reworded, in order; one claim per wording (keyed by
    `claim_id`) with every occurrence; and the ids of the answers that correct a figure said before.
    `advance` is told of each clause done."""
    tracker = SubjectTracker(lexicon, settings)
    years_talked = talk_years(transcript.meta)
    companies = sorted({e.name for e in lexicon.names.values() if e.kind == EntityKind.COMPANY})
    measures = MeasureCarry(lexicon.is_company)
    lines = {utt.index: utt.text for utt in transcript.utterances}
    article = transcript.format == Format.PROSE  # written lines: action items and headings of their own
    anecdotes: set[int] = set()  # sentences whose first clause is the speaker's own story
    claims: dict[str, Claim] = {}
    answers: set[str] = set()
    # the clauses of this turn and of the one before, as (said, checkable text, speaker, subject): what a
    # bare number opening a turn may answer, read only when one does
    said_in: dict[int, list[_Said]] = {}
    turn: int | None = None  # the turn of the clause before
    answering = False  # every clause of this turn so far is a bare number answering the turn before
    # the speakers' first names, which an answer may say to whom it answers ("Twenty five percent, Joel.")
    speakers = frozenset(
        name.split()[0].lower()
        for name in [*transcript.meta.speakers, *(utt.speaker or "" for utt in transcript.utterances)]
        if name.split()
    )
    for index, unit in units:
        advance(1)
        answer = None
        if unit.utterance_index != turn or answering:
            # an answer may also say words of the clause it corrects ("Seventy six percent, digital.")
            allowed = frozenset[str]().union(
                *(words_of(said) for said, _, _, _ in said_in.get(unit.utterance_index - 1, []))
            )
            answer = read_answer(unit.text, speakers, allowed)
        answering = answer is not None
        if unit.utterance_index != turn:
            said_in = {k: v for k, v in said_in.items() if k == unit.utterance_index - 1}
        turn = unit.utterance_index
        features, score = score_sentence(unit, scorer, min_words=settings.min_claim_words)
        non_claim = non_claim_kind(unit, line_text=lines.get(unit.utterance_index), article=article)
        resolution, _ = tracker.resolve(
            unit.span,
            antecedent=unit.antecedent,
            weight=NON_CLAIM_SALIENCE if non_claim is not None else 1.0,
            content=not features["short"],
            # "Okay, Pepsi.", "Now PepsiCo.", "Let's do Pepsi now.": the talk turns to that company
            announced=announces_topic(unit.span),
        )
        if (
            non_claim is None
            and index in anecdotes
            and (
                unit.antecedent is not None or continues_story(unit.span) or goes_on_with_own_story(unit.span)
            )
        ):
            # "I ran it on my laptop, and it was fine", "I got my booster at a CVS, and they were out of the
            # other one": the rest of the story (a clause with a figure of its own is left to the score)
            non_claim = NonClaim.ANECDOTE
        if non_claim == NonClaim.ANECDOTE:
            anecdotes.add(index)
        is_claim = non_claim is None and score >= settings.checkworthiness_threshold and not features["short"]
        edits = resolution.edits
        if non_claim is not None or features["short"]:  # no name put in front of "Totally." or a question
            edits = tuple(e for e in edits if e.mode != EditMode.PREFIX)
        else:
            edits = with_measure(
                edits,
                measures.carried(unit.span, companies),
                unit.span.start,
                measures.carried_part(unit.span, companies),
                companies,
            )
            edits = with_scale(edits, measures.carried_scale(unit.span, companies), unit.span)
            edits = with_full_names(edits, unit.span, companies)
        measures.observe(unit.span, companies)
        date = transcript.meta.date
        text = decontextualise(unit.span, settings=settings, date=date, edits=edits) or unit.text
        subject = subject_fields(resolution)
        corrects = (
            None if answer is None else _answered(said_in.get(unit.utterance_index - 1, []), unit, answer)
        )
        corrected = None if corrects is None or answer is None else corrected_text(answer, corrects)
        if corrects is not None and corrected is not None:
            # "Fifteen, not fifty." after "It was pretrained on about fifty trillion tokens": the clause it
            # corrects, with its figure, about that clause's subject
            text, subject, non_claim = corrected, corrects.subject, None
            is_claim, score = True, max(score, settings.checkworthiness_threshold)
            features = {**features, "figure": 1.0}
        said_in.setdefault(unit.utterance_index, []).append((unit.text, text, unit.speaker, subject))
        cid = claim_id(transcript.id, text)
        if corrected is not None:
            answers.add(cid)
        existing = claims.get(cid)
        if existing is not None:
            existing.occurrences.append(_occurrence(unit))
            existing.checkworthiness = max(existing.checkworthiness, round(score, 4))
            existing.is_claim = existing.is_claim or is_claim
            continue
        before, after = _context(sentences, index, settings.context_sentences)
        claims[cid] = Claim(
            id=cid,
            transcript_id=transcript.id,
            text=text,
            quote=unit.text,
            speaker=unit.speaker,
            start=unit.start,
            end=unit.end,
            timecode=unit.timecode,
            occurrences=[_occurrence(unit)],
            type=ClaimType.OPINION if is_pure_opinion(unit.span) else claim_type(features),
            checkworthiness=round(score, 4),
            is_claim=is_claim,
            sentence=unit.sentence_text,
            context_before=before,
            context_after=after,
            date=transcript.meta.date,
            talk_years=years_talked,
            period=claim_period(text),
            non_claim=non_claim,
            overlong=unit.overlong,
            **subject,
        )
    talked_of = tracker.companies_named()
    for claim in claims.values():
        claim.talk_companies = list(talked_of)
    return claims, answers


def _answered(before: Sequence[_Said], unit: Sentence, answer: Answer) -> FigureClause | None:
    """The clause a bare number opening `unit`'s turn answers: the last clause of the turn just before
    (`before`), said by someone else, that says every word the answer names besides its number and holds a
    figure it can correct (`last_figure`); None when there is none, when that clause is a question ("Is it
    twenty dollars per seat, or per month?": its figure is asked, not said), when the answer repeats its
    words ("All three." after "…for all three sizes?"), or when that turn named a year and the number could
    be one said short ("Twenty one, I'm pretty sure." after "announced in November twenty two")."""
    if not before or before[-1][2] == unit.speaker:
        return None
    if could_be_year(unit.text) and any(says_year(said) for said, _, _, _ in before):
        return None
    for said, text, speaker, subject in reversed(before):
        if not answer.named <= words_of(said):
            continue
        if echoes(unit.text, said):
            return None
        figure = last_figure(text, answer)
        if figure is not None:
            if said.rstrip().endswith("?"):
                return None
            return FigureClause(speaker, unit.utterance_index - 1, text, figure, subject)
    return None
