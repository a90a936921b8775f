"""Notes that stay true when an article is added: none states how many sources say something.

"Two sources spell it so" is wrong the day a third does, and nothing would notice: a record's
``source_count`` and ``support`` are computed for that. A note names the sources instead
("istanbul-round-two-opens and toxic-legacy-talks spell it so"), or says it without a count.
"""

import re
from collections.abc import Iterator

from pydantic import BaseModel

from app.localized import LanguageOf

_NUMBER = r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|both|\d+)"
# A number, in words or digits, or "both", then at most one word, then sources or articles
# ("two sources", "the three other articles"); or a number that is itself the sources, saying
# something ("two call him", "three give the venue").
COUNT_OF_SOURCES = re.compile(
    _NUMBER
    + r"(?:\s+[\w-]+)?\s+(?:sources|articles|reports|outlets)\b|"
    + _NUMBER
    + r"\s+(?:call|give|say|name|spell|list|state|report|mention|describe|place|date)s?\b",
    re.IGNORECASE,
)
# The same in Arabic: the dual ("two sources"), a number before sources or articles, or "both".
ARABIC_COUNT_OF_SOURCES = re.compile(
    r"(?:ال)?(?:مصدر|مقال|تقرير)(?:ان|ين)\b|"
    r"(?:ثلاث|أربع|خمس|ست|سبع|ثماني|تسع|عشر|\d+)[ةه]?\s+(?:مصادر|مقالات|تقارير)|"
    r"كلا(?:\s+ال)(?:مصدرين|مقالين)"
)
# The curated prose a count could hide in: notes, and descriptions and summaries.
PROSE_TEXTS = ("description", "summary")


def _is_prose(model: BaseModel, name: str) -> bool:
    metadata = type(model).model_fields[name].metadata
    return any(
        isinstance(meta, LanguageOf)
        and (meta.text in PROSE_TEXTS or meta.text == "note" or meta.text.endswith("_note"))
        for meta in metadata
    )


def stated_counts(model: BaseModel, where: str) -> Iterator[tuple[str, str]]:
    """Each count of sources in the prose of ``model`` and the records nested in it: where it
    is, and the words."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, str) and _is_prose(model, name):
            for pattern in (COUNT_OF_SOURCES, ARABIC_COUNT_OF_SOURCES):
                for match in pattern.finditer(value):
                    yield f"{where} > {name}", match.group(0)
        elif isinstance(value, BaseModel):
            yield from stated_counts(value, f"{where} > {name}")
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                if isinstance(item, BaseModel):
                    yield from stated_counts(item, f"{where} > {name} {number}")
