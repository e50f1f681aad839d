"""Dependency-parse helpers shared by segmentation, features, rewording and compound splitting."""

from __future__ import annotations

from spacy.tokens import Span, Token

# Dependency labels of a clause's subject.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# Pronoun subjects that may refer back to an organisation or an earlier clause's subject.
SUBJECT_PRONOUNS = frozenset({"it", "they"})


def content_words(span: Span) -> list[Token]:
    """The span's tokens without punctuation and whitespace."""
    return [tok for tok in span if not tok.is_punct and not tok.is_space]


def subjects_of(tok: Token) -> list[Token]:
    """The subjects `tok` governs directly."""
    return [child for child in tok.children if child.dep_ in SUBJECT_DEPS]


def clause_subject(tok: Token) -> Token | None:
    """The subject of the clause `tok` heads, looking through auxiliaries and xcomp chains."""
    current = tok
    for _ in range(4):
        subjects = subjects_of(current)
        if subjects:
            return subjects[0]
        if current.dep_ in ("xcomp", "aux", "auxpass", "conj") and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None
