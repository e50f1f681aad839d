"""The one place that parses numbers, money, percentages, scale words, units and years.

Claims, the index, the verdicts and the verifier's data generator all go through here, so that
"$16.1 billion", "16,120 (in millions)", "sixteen billion dollars" and "16.1bn" mean the same thing
everywhere, and "H100" or "Llama three point one" never become a figure.

- `model`: `Quantity`, `Unit`, `Bound`, and how a figure reads back (`format_value`).
- `words`: numbers said in words ("twenty two", "three point three", "half a", "twenty twenty three").
- `names`: names with digits (H100, 10-K, 5G) and model versions ("Llama 3.1", "GPT-4o").
- `hedges`: tolerance words ("about", "north of", "give or take") as a `Bound`.
- `changes`: directions, change words ("doubled", "down a fifth") and shares ("a third of").
- `extract`: figures in text, ranges ("10-12%"), bands ("mid-teens"), years.
"""

from claimcheck.quantities.changes import Direction, changes, direction_near, directions, with_changes
from claimcheck.quantities.extract import extract_quantities, figures, stated_step, unit_scale, years
from claimcheck.quantities.hedges import bound_after, bound_before, bound_of
from claimcheck.quantities.model import (
    AMOUNT_UNITS,
    NAME_UNITS,
    Bound,
    Quantity,
    Unit,
    format_value,
    relative_difference,
    version_key,
)
from claimcheck.quantities.names import FISCAL_SAID, names_model
from claimcheck.quantities.words import (
    FRACTION_WORDS,
    SCALES,
    WORD_FOR_NUMBER,
    WORD_NUMBERS,
    parse_number,
    spoken_numbers,
    spoken_to_digits,
)

__all__ = [
    "AMOUNT_UNITS",
    "FISCAL_SAID",
    "FRACTION_WORDS",
    "NAME_UNITS",
    "SCALES",
    "WORD_FOR_NUMBER",
    "WORD_NUMBERS",
    "Bound",
    "Direction",
    "Quantity",
    "Unit",
    "bound_after",
    "bound_before",
    "bound_of",
    "changes",
    "direction_near",
    "directions",
    "extract_quantities",
    "figures",
    "format_value",
    "names_model",
    "parse_number",
    "relative_difference",
    "spoken_numbers",
    "spoken_to_digits",
    "stated_step",
    "unit_scale",
    "version_key",
    "with_changes",
    "years",
]
