"""Normalising Arabic, Cyrillic and Latin text so that spellings a reader would call the same,
match: case folded, accents and other marks stripped (é→e, ё→е), Arabic letter forms merged.

Used on both sides of the search: on record text when the seed script builds the index, and on
the user's query. Every function is pure and total, and ``normalize`` is idempotent.
"""

import re
import unicodedata
from functools import lru_cache

# Snowball ships no type information.
import snowballstemmer  # type: ignore[import-untyped]

# Harakat, superscript alef and Quranic annotation marks: pronunciation aids, not spelling.
TASHKEEL = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
# Zero-width and bidirectional controls are invisible; pasted text is full of them.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c\u00ad]")
# Letter forms writers use interchangeably: hamza seats on alef, alef maqsura for ya,
# ta marbuta for ha; hamza on waw and ya seats are dropped to the bare letter for the same
# reason (e.g. "مسؤول"/"مسئول" meet as "مسوول"/"مسيول" only if both are folded).
LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
# Letters a mark makes a letter of its own, kept where other marks are stripped: Russian
# й is not и (мой "my", мои "my" plural), while ё is written е in most Russian print.
DISTINCT_LETTERS = {"й": "й", "Й": "й"}
COMBINING_BREVE = "\u0306"
WORD = re.compile(r"\w+")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# Conjunction/preposition + article clusters, longest first; then single proclitics.
PREFIXES = ("وبال", "وكال", "وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
# A stem shorter than this after stripping is probably a word that merely starts like a
# prefix ("ولد", "بلد", "لبنان" minus "ل"...), so the token is left whole.
MIN_STEM = 3


def _fold_char(char: str) -> str:
    """One character's normalised form: possibly empty, possibly several characters."""
    if char == TATWEEL or TASHKEEL.match(char) or INVISIBLE.match(char):
        return ""
    char = char.translate(LETTERS)
    if char.isascii():
        return char.lower()
    if char in DISTINCT_LETTERS:
        return DISTINCT_LETTERS[char]
    if ARABIC_LETTER.match(char):
        return char
    decomposed = unicodedata.normalize("NFKD", char)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    if folded == char:
        return folded
    # A compatibility form (an Arabic ligature such as ﵮ, a presentation form) decomposes into
    # letters that fold like typed ones: ى in it must become ي, as it does on its own.
    return "".join(_fold_char(piece) for piece in folded)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text, and for each of its characters the index it came from in ``text``.

    Whitespace runs collapse to one space; anything that is neither a word character nor
    whitespace becomes a space, so punctuation and typographic quotes separate words.
    """
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char == COMBINING_BREVE and out and out[-1] == "и" and text[index - 1] in "иИ":
            out[-1] = "й"  # и + breve, decomposed: the same letter as a precomposed й
            continue
        folded = _fold_char(char)
        for piece in folded:
            if not (piece.isalnum() or piece == "_"):
                piece = " "
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), origin


def normalize(text: str) -> str:
    return normalize_with_offsets(text)[0]


def strip_prefixes(token: str) -> str:
    """Drop a leading conjunction, preposition or article from an Arabic token."""
    if not ARABIC_LETTER.match(token[:1]):
        return token
    for prefix in PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= MIN_STEM:
            return token[len(prefix) :]
    return token


def tokens_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Each normalised, prefix-stripped token with its [start, end) span in the original."""
    normalised, origin = normalize_with_offsets(text)
    return [
        (strip_prefixes(match.group()), origin[match.start()], origin[match.end() - 1] + 1)
        for match in WORD.finditer(normalised)
    ]


def tokens(text: str) -> list[str]:
    return [token for token, _, _ in tokens_with_spans(text)]


# Snowball's stemmers, by the script a token starts with. Arabic keeps its own light prefix
# stripping above: Snowball's Arabic stemmer cuts names the articles print ("دارشيف") too far.
_ENGLISH = snowballstemmer.stemmer("english")
_RUSSIAN = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A normalised token's stem: "flights" and "flight" are "flight", "дарчиева" is
    "дарчиев". Other scripts, digits and Arabic are left as they are."""
    first = token[:1]
    if "a" <= first <= "z":
        return str(_ENGLISH.stemWord(token))
    if "\u0430" <= first <= "\u044f" or first == "\u0451":
        return str(_RUSSIAN.stemWord(token))
    return token


def variants(word: str) -> tuple[str, ...]:
    """What a query word matches: itself, and its stem. A name the stemmer cuts differently
    in two forms ("дарчиев" is "дарч", "дарчиева" is "дарчиев") still meets the other's word."""
    stemmed = stem(word)
    return (word,) if stemmed == word else (word, stemmed)
