"""Spotting words that suggest a young person may be unsafe, the way children write, in each language.

The rules are data a safeguarding lead reads and extends: safety_rules/<locale>.txt, in blocks
headed `## urgent: …`, `## soon: …` or `## ignore: …` (the syntax is in safety_rules/README.md).
A match never blocks the young person: it raises a flag for their IRO and shows them where to get help.
"""

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RULES = Path(__file__).with_name("safety_rules")
GAP_WORDS = 3  # what `…` allows between two words
WORD_START, WORD_END = r"(?<!\w)", r"(?!\w)"


class Level(enum.StrEnum):
    """How soon someone should look: urgent (today) or soon."""

    URGENT = "urgent"
    SOON = "soon"


IGNORE = "ignore"  # a block of everyday phrases taken out of the text before the rules run
_KINDS = {Level.URGENT.value, Level.SOON.value, IGNORE}


class RuleError(ValueError):
    """A rules file line that cannot be read, with where it is."""


@dataclass(frozen=True)
class Rule:
    """One line of a rules file, compiled."""

    locale: str
    kind: str  # "urgent", "soon" or "ignore"
    block: str  # the block's header, e.g. "being hurt at home"
    source: str  # the line as written
    line: int
    regex: re.Pattern


@dataclass(frozen=True)
class Match:
    """A rule that matched: which one, its level and block, and the (normalised) words it found."""

    level: Level
    locale: str
    block: str
    rule: str
    line: int
    found: str


# --- normalising text ------------------------------------------------------------------------

# Arabic letters children often write interchangeably (hamza forms, ta marbuta, alef maqsura),
# folded so a rule written one way matches every spelling.
# Letters a keyboard may or may not give: Persian yeh and keheh typed on an Arabic keyboard (and the
# reverse), and Latin letters with a stroke that accents-off typing replaces ("đ" as "d", "ł" as "l").
_ARABIC = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": None, "ی": "ي", "ک": "ك"})
_STROKES = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ı": "i", "ħ": "h"})
_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NOT_WORD = re.compile(r"[\W_]+")
_REPEATED = re.compile(r"([^\W\d_])\1+")  # the same letter twice or more ("pleeease", "kill")


def normalise(text: str) -> str:
    """Lower case, no accents or Arabic vowel marks, no apostrophes, no repeated letters, single spaces.

    "I DON'T feel safe!!!" becomes "i dont fel safe": a doubled letter is one letter, so "pleeease"
    is "please", and "kil" and "kill" are the same word (rules are normalised the same way).
    """
    text = text.casefold()
    if not text.isascii():  # most answers are plain ASCII; the Unicode work is only for the rest
        text = unicodedata.normalize("NFKC", text).casefold()
        # NFD splits accents and Arabic hamza and vowel marks off their letters; all are then dropped.
        text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
        text = text.translate(_ARABIC).translate(_STROKES)
    text = _APOSTROPHES.sub("", text)
    text = _REPEATED.sub(r"\1", text)
    return " ".join(_NOT_WORD.sub(" ", text).split())


# --- compiling rules -------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\(|\)|\||\?|\*|…|\.\.\.|\{\d+,\d+\}|[^\s()|?*…{}.]+|.")
_GAP = re.compile(r"…|\.\.\.|\{(\d+),(\d+)\}")


def _literal(chunk: str, after: str) -> str:
    """A word of a rule as a regex over normalised text.

    Doubled letters are one letter in normalised text, so where a rule glues a part onto a word ending
    in the same letter ("hit(ting)" is "hitting", normalised "hiting") that letter is optional.
    """
    word = normalise(chunk)
    if after and word.startswith(after):
        return re.escape(word[0]) + "?" + re.escape(word[1:])
    return re.escape(word)


def _is_word(token: str) -> bool:
    """Letters and digits, with apostrophes, hyphens ("self-harm" is two words) and accents or vowel marks."""
    return bool(normalise(token)) and all(
        ch.isalnum() or ch in "-'’‘`´ʼ" or unicodedata.category(ch) == "Mn" or ch == "ـ" for ch in token)


def compile_pattern(source: str) -> re.Pattern:
    """Turn one rule line into a whole-word regex over normalised text (raises ValueError if malformed)."""
    tokens = _TOKEN.findall(source.strip())
    out: list[str] = []
    opened: list[tuple[int, bool, str]] = []  # each open group: where it starts in out, whether it starts
    # a word, and the letter of the word it is glued to ("hit" in "hit(ting)")
    last_letter = ""  # the last letter of the literal just emitted, if nothing came after it
    i = 0
    while i < len(tokens):
        token = tokens[i]
        at_word_start = not out or out[-1] in (" ", ") )?")  # after a space, or after an optional word
        glued_to, last_letter = last_letter, ""
        if token.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        elif gap := _GAP.fullmatch(token):
            low, high = (int(gap[1]), int(gap[2])) if gap[1] else (0, GAP_WORDS)
            if not at_word_start or not out or low > high:
                raise ValueError("a gap (…) must stand between two words")
            out.append(rf"(?:\w+ ){{{low},{high}}}")
            if i + 1 < len(tokens) and tokens[i + 1].isspace():
                i += 1  # the gap already ends with a space
        elif token == "(":
            opened.append((len(out), at_word_start, glued_to))
            out.append("(?:")
        elif token == "|":
            if not opened:
                raise ValueError("| is only allowed inside brackets")
            while out and out[-1] == " ":
                out.pop()
            out.append("|")
        elif token == ")":
            if not opened:
                raise ValueError("a ) without its (")
            start, whole_word, _glued = opened.pop()
            spaced = out[-1] == " "  # "(to )?" written with the space inside
            while out and out[-1] == " ":
                out.pop()
            optional = i + 1 < len(tokens) and tokens[i + 1] == "?"
            at_end = all(token.isspace() for token in tokens[i + 2:])
            if optional and whole_word and not at_end:
                # "he (really)? hit me", "want (to )?die": an optional word takes its space with it.
                out[start:] = ["(?:", *out[start:], ") )?"]
                i += 2 if i + 2 < len(tokens) and tokens[i + 2].isspace() else 1
            elif optional and whole_word and start and out[start - 1] == " ":
                # "hit me (again)?" at the end: the optional word takes the space before it.
                out[start - 1:] = ["(?: ", *out[start:], "))?"]
                i += 1
            else:
                out.append(")")
                if spaced:
                    out.append(" ")
        elif token == "?":
            if not out or out[-1] not in (")",):
                raise ValueError("? may only follow a ) (it makes the brackets optional)")
            out.append("?")
        elif token == "*":
            glued_before = out and out[-1] not in (" ", "(?:", "|")
            glued_after = i + 1 < len(tokens) and not tokens[i + 1].isspace() and tokens[i + 1] not in ("|", ")", "?", "*")
            if not (glued_before or glued_after):
                raise ValueError("* must touch a word (it means any ending, or any beginning)")
            out.append(r"\w*")
        elif _is_word(token):
            if out and out[-1] in ("(?:", "|") and opened:
                glued_to = opened[-1][2]  # the first word of an alternative continues the word before the (
            out.append(_literal(token, glued_to))
            last_letter = normalise(token)[-1]
        else:
            raise ValueError(f"unexpected character {token!r}")
        i += 1
    if opened:
        raise ValueError("a ( without its )")
    body = "".join(out).strip()
    if not body:
        raise ValueError("an empty rule")
    try:
        return re.compile(rf"{WORD_START}(?:{body}){WORD_END}")
    except re.error as error:  # a mistake the checks above did not name
        raise ValueError(str(error)) from None


def parse(text: str, locale: str) -> list[Rule]:
    """The rules in one file's text (raises RuleError naming the line when something is wrong)."""
    rules, kind, block = [], None, None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("##"):
            kind, _, block = line[2:].partition(":")
            kind, block = kind.strip().lower(), block.strip()
            if kind not in _KINDS or not block:
                raise RuleError(f"{locale}.txt line {number}: a block starts '## urgent: what it is for' "
                                f"(or soon: / ignore:), not {line!r}")
        elif not line or line.startswith("#"):
            continue
        elif kind is None:
            raise RuleError(f"{locale}.txt line {number}: {line!r} comes before any '## urgent:' or '## soon:' header")
        else:
            try:
                regex = compile_pattern(line)
            except ValueError as error:
                raise RuleError(f"{locale}.txt line {number}: {line!r}: {error}") from None
            rules.append(Rule(locale, kind, block, line, number, regex))
    return rules


@cache
def locales() -> tuple[str, ...]:
    """Languages that have a rules file."""
    return tuple(sorted(path.stem for path in RULES.glob("*.txt")))


@cache
def rules(locale: str) -> tuple[Rule, ...]:
    """The compiled rules of one language (read once per process)."""
    return tuple(parse((RULES / f"{locale}.txt").read_text(encoding="utf-8"), locale))


@cache
def _combined(locale: str, kind: str) -> re.Pattern | None:
    """All of a language's rules of one kind as one regex, so assessing is one search per level."""
    bodies = [rule.regex.pattern.removeprefix(WORD_START) for rule in rules(locale) if rule.kind == kind]
    # One word-start check up front lets the engine skip the middle of words without trying every rule.
    return re.compile(WORD_START + "(?:" + "|".join(bodies) + ")") if bodies else None


def language_with_rules(locale: str | None) -> str | None:
    """The language of a locale ("es_MX" -> "es") if it has a rules file, else None."""
    language = (locale or "").replace("-", "_").split("_")[0].lower()
    return language if language in locales() else None


def _languages(locale: str | None) -> tuple[str, ...]:
    """The lists to check: the page's language and English (children mix them), or all when unknown."""
    language = language_with_rules(locale)
    return tuple(dict.fromkeys((language, "en"))) if language else locales()


def _prepared(text: str, languages: tuple[str, ...]) -> str:
    """The normalised text with everyday phrases (ignore blocks) blanked out."""
    text = normalise(text)
    for language in languages:
        if ignore := _combined(language, IGNORE):
            text = " ".join(ignore.sub(" ", text).split())
    return text


def assess(text: str | None, locale: str | None = None) -> Level | None:
    """The highest level of concern the text suggests, or None."""
    if not text:
        return None
    languages = _languages(locale)
    prepared = _prepared(text, languages)
    for level in Level:
        if any((combined := _combined(language, level.value)) and combined.search(prepared) for language in languages):
            return level
    return None


def matches(text: str | None, locale: str | None = None) -> list[Match]:
    """Every rule the text matches, most urgent first (for the safety-check command and the benchmark)."""
    if not text:
        return []
    languages = _languages(locale)
    prepared = _prepared(text, languages)
    found = [Match(Level(rule.kind), rule.locale, rule.block, rule.source, rule.line, " ".join(hit[0].split()))
             for language in languages for rule in rules(language) if rule.kind != IGNORE
             if (hit := rule.regex.search(prepared))]
    order = list(Level)
    return sorted(found, key=lambda match: order.index(match.level))


def suggests_risk(text: str | None, locale: str | None = None) -> bool:
    """True when the text suggests any concern, urgent or "look soon"."""
    return assess(text, locale) is not None


def is_urgent(text: str | None, locale: str | None = None) -> bool:
    """True when the text suggests the young person may not be safe now."""
    return assess(text, locale) == Level.URGENT
