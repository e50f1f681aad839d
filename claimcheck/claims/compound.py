"""Compound claims: one card, several checks (`compound_parts`, `claim_parts`, `pair_parts`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Span, Token

from claimcheck.claims.entities import parse_model
from claimcheck.claims.syntax import clause_subject, subjects_of
from claimcheck.progress import NO_PROGRESS, Progress

# Subordinate clauses that assert a second fact of their own ("… while Y went up").
_ASSERTING_MARKS = frozenset({"while", "whereas", "although", "though"})
_PART_LEFT_DEPS = frozenset({"npadvmod", "prep", "advmod"})


def _is_second_predicate(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "conj":
        return True
    return tok.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _ASSERTING_MARKS for c in tok.children
    )


def _has_date(span: Sequence[Token]) -> bool:
    return any(t.ent_type_ == "DATE" or (t.like_num and len(t.text) == 4) for t in span)


def compound_parts(sent: Span, *, min_words: int = 3) -> list[str]:
    """The separately checkable assertions of one claim sentence; empty when it makes only one.

    "Last year Reality Labs grew its revenue and cut its losses" gives "Last year Reality Labs grew its
    revenue" and "Last year [Reality Labs] cut its losses": a second verb coordinated with the main one
    (or a "while/whereas/though" clause) is a second check. A second predicate without its own subject
    borrows the main one's in [brackets], with any date phrase in front of it. Coordinated nouns ("an 8B
    and a 70B model") are one assertion and are not split.
    """
    root = sent.root
    seconds: list[Token] = []
    frontier = [root]
    while frontier:  # chains: "grew X, cut Y and hired Z" hang each conjunct off the previous one
        head = frontier.pop()
        for child in head.children:
            if _is_second_predicate(child) and child not in seconds:
                seconds.append(child)
                frontier.append(child)
    if not seconds:
        return []
    owned = {t.i for s in seconds for t in s.subtree}
    # joiners: the "and"/"but"/"," between predicates, and the "while" marks
    drop = {
        c.i
        for h in [root, *seconds]
        for c in h.children
        if c.dep_ in ("cc", "punct") and c.i not in owned and c.i > root.i
    }
    drop |= {c.i for s in seconds for c in s.children if c.dep_ == "mark" or c.dep_ == "cc"}
    main = _trim([t for t in sent if t.i not in owned and t.i not in drop and not t.is_space])
    subject = clause_subject(root)
    subject_words = list(subject.subtree) if subject is not None else []
    dated = [
        c
        for c in root.children
        if c.dep_ in _PART_LEFT_DEPS and c.i not in owned and _has_date(list(c.subtree))
    ]
    lead = [t for c in dated if c.i < root.i for t in c.subtree]
    tail = [t for c in dated if c.i > root.i for t in c.subtree]
    if len(_words_of(main)) < min_words:
        return []
    parts = [_join(main)]
    for second in seconds:
        skip = drop | _chained_under(second, seconds)
        words = _trim([t for t in second.subtree if t.i not in skip and not t.is_space])
        # the predicate's own words must make a checkable statement ("cut its losses", not "inspect")
        if len(_words_of(words)) < min_words:
            return []
        text = _join(words)
        if not subjects_of(second) and subject_words:
            text = f"[{_borrowed(_join(subject_words))}] {text}"
        if not _has_date(list(second.subtree)):
            # the main clause's date applies to every part: "In 2023 …", "… [in 2023]"
            if lead:
                text = f"{_join(lead)} {text}"
            elif tail:
                text = f"{text} [{_join(tail)}]"
        parts.append(text)
    return parts


_EDGE_PUNCT = frozenset({".", ",", ";", ":", "!", "?", "-", "–", "—"})
_LEADING_JOINERS = frozenset({"even", "and", "but", "so", "yet", "while", "whereas", "though", "although"})


def _trim(tokens: list[Token]) -> list[Token]:
    """Without joiners in front ("even though") and sentence punctuation at either end ("9%" keeps "%")."""
    while tokens and (tokens[0].text in _EDGE_PUNCT or tokens[0].lower_ in _LEADING_JOINERS):
        tokens = tokens[1:]
    while tokens and tokens[-1].text in _EDGE_PUNCT:
        tokens = tokens[:-1]
    return tokens


def _words_of(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not t.is_punct and not t.is_space]


def _chained_under(second: Token, seconds: Sequence[Token]) -> set[int]:
    """Token indices of the later predicates chained under `second` ("grew X, cut Y and hired Z")."""
    return {
        t.i for other in seconds if other.i > second.i and second.is_ancestor(other) for t in other.subtree
    }


def _borrowed(subject: str) -> str:
    """The main clause's subject as a part borrows it: the name put in for it where there is one ("Scout
    [Llama 4 Scout]" → "Llama 4 Scout"), else its words without the brackets they came in ("[Pfizer]")."""
    named = re.findall(r"\[([^\[\]]+)\]", subject)
    return named[-1].strip() if named else subject.replace("[", "").replace("]", "").strip()


def _join(tokens: Sequence[Token]) -> str:
    out = ""
    for t in tokens:
        out += t.text + t.whitespace_
    return out.strip()


# Two models a pronoun was resolved to ("both of them" → "[Llama 4 Maverick and Llama 4 Scout]").
_MODEL_PAIR = re.compile(r"\[((?:(?! and )[^\[\]])++) and ([^\[\]]++)\]")


def pair_parts(text: str) -> list[str]:
    """A claim about two models at once, as one claim about each: "[Llama 4 Maverick and Llama 4 Scout] do
    the ten million context" holds only if it holds of both. Empty unless both names are models."""
    pair = _MODEL_PAIR.search(text)
    if pair is None or not all(parse_model(name) for name in pair.groups()):
        return []
    return [text[: pair.start()] + f"[{name}]" + text[pair.end() :] for name in pair.groups()]


def claim_parts(texts: Sequence[str], nlp: Language, *, progress: Progress = NO_PROGRESS) -> list[list[str]]:
    """`compound_parts` of each one-sentence claim text (empty for one assertion); each text done is
    reported to `progress` ("Splitting compound claims")."""
    out: list[list[str]] = []
    with progress.stage("Splitting compound claims", total=len(texts)) as advance:
        for doc in nlp.pipe(texts):
            sents = list(doc.sents)
            parts = compound_parts(sents[0]) if len(sents) == 1 else []
            out.append(parts or pair_parts(doc.text))
            advance(1)
    return out
