"""The names a claim can be about: `EntityKind`, `Entity`, and model names.

A model name ("Llama 3.1 405B Instruct", "GPT-4o", "Llama 4 Scout") is parsed into its family, company,
version and size (`parse_model`, `model_entity`); `spoken_version` and `spoken_size` give the ways a version
or size is said aloud ("three point one", "four oh five"), from the number words in `claimcheck.quantities`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from claimcheck.models import ClaimSubject
from claimcheck.quantities import WORD_FOR_NUMBER


class EntityKind(StrEnum):
    COMPANY = "company"
    SEGMENT = "segment"
    PRODUCT = "product"
    MODEL = "model"
    PERSON = "person"


@dataclass(frozen=True)
class Entity:
    name: str
    kind: EntityKind
    company: str | None = None  # the owner of a segment, product or model
    family: str | None = None  # a model's family: "Llama"
    version: str | None = None  # "3.1"
    size: str | None = None  # "405B"

    def subject(self) -> ClaimSubject:
        return ClaimSubject(
            name=self.name,
            company=self.company if self.kind != EntityKind.COMPANY else self.name,
            segment=self._rest() if self.kind == EntityKind.SEGMENT else None,
            product=self.name if self.kind == EntityKind.PRODUCT else None,
            model=self.name if self.kind == EntityKind.MODEL else None,
            version=self.version,
            person=self.name if self.kind == EntityKind.PERSON else None,
        )

    def _rest(self) -> str:
        if self.company and self.name.startswith(self.company + " "):
            return self.name[len(self.company) + 1 :]
        return self.name

    def refines(self, other: Entity) -> bool:
        """`self` is a part or a more specific name of `other` (AWS of Amazon, Llama 3.1 405B of
        Llama 3.1)."""
        if self.company is not None and self.company == other.name:
            return True
        return (
            self.kind == other.kind == EntityKind.MODEL
            and self.name != other.name
            and self.name.startswith(other.name + " ")
        )


# Who makes each model family: a model's subject carries its company.
MODEL_FAMILIES: dict[str, str] = {
    "llama": "Meta",
    "gpt": "OpenAI",
    "gemma": "Google",
    "gemini": "Google",
    "claude": "Anthropic",
    "mistral": "Mistral AI",
    "mixtral": "Mistral AI",
    "qwen": "Alibaba",
    "deepseek": "DeepSeek",
    "phi": "Microsoft",
}
# The families as one alternation, the longest first.
FAMILY_RE = "|".join(sorted(MODEL_FAMILIES, key=len, reverse=True))
_SIZE = r"\d+(?:\.\d+)?[BMT]\b"
# A model family's name (and version) right before a size: "Mistral 7B", "Gemma 2 9B", "Llama 3.1 ",
# "Llama-3.2-": the size is that model's (read on the text before the size).
FAMILY_BEFORE = re.compile(rf"\b(?:{FAMILY_RE})(?:[ -]?+v?\d++(?:\.\d++)?+)?+[ -]$", re.IGNORECASE)
MODEL_RE = re.compile(
    rf"\b(?P<family>{FAMILY_RE})(?:[ -]?(?P<version>\d+(?:\.\d+)?o?|V\d+(?:\.\d+)?)\b)?"
    rf"(?P<tail>(?:[ -](?:{_SIZE}|Scout|Maverick|Behemoth|Large(?: \d+)?|mini|Vision|Instruct))*)",
    re.IGNORECASE,
)
# Sizes open models are commonly released in: said aloud ("the seventy B", "four oh five") they name a model.
COMMON_SIZES = frozenset({"1B", "3B", "7B", "8B", "11B", "13B", "34B", "70B", "90B", "405B"})
SIZE_RE = re.compile(rf"(?<![\w.-])(?P<size>{_SIZE})", re.IGNORECASE)
VARIANTS = ("Scout", "Maverick", "Behemoth")


def _words_for(number: int) -> list[str]:
    """Spoken forms of a small whole number: 3 -> ["three"], 70 -> ["seventy"], 405 -> ["four oh five", …]."""
    by_value = WORD_FOR_NUMBER
    if number in by_value:
        return [by_value[number]]
    if number < 100 and number % 10 and number // 10 * 10 in by_value and number % 10 in by_value:
        tens, unit = by_value[number // 10 * 10], by_value[number % 10]
        return [f"{tens} {unit}", f"{tens}-{unit}"]
    if 100 <= number < 1000:
        digits = [by_value[int(d)] if d != "0" else "oh" for d in str(number)]
        forms = [" ".join(digits)]
        hundreds, rest = divmod(number, 100)
        if rest and hundreds in by_value:
            forms += [f"{by_value[hundreds]} hundred and {w}" for w in _words_for(rest)]
        return forms
    return []


def spoken_version(version: str) -> list[str]:
    """ "3.1" -> ["three point one"]; "4" -> []: a bare "four" is too common to stand for a model."""
    if "." not in version:
        return []
    whole, _, part = version.partition(".")
    if not (whole.isdigit() and part.isdigit()):
        return []
    return [f"{a} point {b}" for a in _words_for(int(whole)) for b in _words_for(int(part))]


def spoken_size(size: str) -> list[str]:
    """ "405B" -> ["four oh five", "four hundred and five", "four oh five b", …]; "70B" -> ["seventy b"]."""
    number = size[:-1]
    if not number.isdigit():
        return []
    words = _words_for(int(number))
    forms = [f"{w} {size[-1].lower()}" for w in words]
    if int(number) >= 100:  # "four oh five" alone is a size; "seventy" alone is just a number
        forms += words
    return forms


def parse_model(text: str) -> Entity | None:
    """A model name ("Llama 3.1 405B Instruct", "GPT-4o", "Llama 4 Scout") as an `Entity`."""
    match = MODEL_RE.fullmatch(text.strip())
    if match is None:
        return None
    return model_entity(match)


def model_entity(match: re.Match[str]) -> Entity:
    family_word = match.group("family")
    family = {"gpt": "GPT", "deepseek": "DeepSeek", "qwen": "Qwen"}.get(
        family_word.lower(), family_word.title()
    )
    version = match.group("version")
    tail = match.group("tail").strip(" -")
    size_match = SIZE_RE.search(tail)
    size = size_match.group("size").upper() if size_match else None
    joiner = "-" if family == "GPT" else " "
    name = f"{family}{joiner}{version}" if version else family
    if tail:
        name = f"{name} {tail.replace('-', ' ')}"
    return Entity(
        name=name,
        kind=EntityKind.MODEL,
        company=MODEL_FAMILIES[family_word.lower()],
        family=family,
        version=version,
        size=size,
    )


def base_model(model: Entity) -> Entity:
    """The family and version of a model ("Llama 3.1" of "Llama 3.1 405B Instruct"); a family released with
    no version is its family ("Mistral" of "Mistral 7B")."""
    if model.family is not None and model.version is None and model.size is not None:
        return Entity(model.family, EntityKind.MODEL, model.company, model.family)
    if model.family is None or model.version is None:
        return model
    joiner = "-" if model.family == "GPT" else " "
    return Entity(
        f"{model.family}{joiner}{model.version}", EntityKind.MODEL, model.company, model.family, model.version
    )
