"""Reading the labelled safety sets (tests/safety_sets/<locale>.tsv) and scoring the matcher on them."""

from dataclasses import dataclass, field
from pathlib import Path

from portal.core.safety import assess

SETS = Path(__file__).with_name("safety_sets")
RECALL_TARGET = 0.95  # worrying sentences matched at any level
FALSE_FLAG_TARGET = 0.05  # ordinary sentences flagged
LABELS = ("urgent", "soon", "none")


def labelled(locale: str) -> list[tuple[str, str]]:
    """(label, sentence) pairs of one language's set; lines starting with # are notes."""
    pairs = []
    for number, line in enumerate((SETS / f"{locale}.tsv").read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, tab, sentence = line.partition("\t")
        if label not in LABELS or not tab or not sentence.strip():
            raise ValueError(f"{locale}.tsv line {number}: expected urgent, soon or none, a tab, then a sentence")
        pairs.append((label, sentence))
    return pairs


def set_locales() -> list[str]:
    """Languages that have a labelled set."""
    return sorted(path.stem for path in SETS.glob("*.tsv"))


@dataclass
class Score:
    """How the matcher did on one language's set."""

    locale: str
    worrying: int = 0
    ordinary: int = 0
    caught: int = 0
    same_level: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (label, sentence) not matched
    wrong_level: list[tuple[str, str, str]] = field(default_factory=list)  # (label, found, sentence)
    false_flags: list[tuple[str, str]] = field(default_factory=list)  # (found, sentence)

    @property
    def recall(self) -> float:
        return self.caught / self.worrying if self.worrying else 1.0

    @property
    def level_agreement(self) -> float:
        return self.same_level / self.caught if self.caught else 1.0

    @property
    def false_flag_rate(self) -> float:
        return len(self.false_flags) / self.ordinary if self.ordinary else 0.0

    @property
    def meets_targets(self) -> bool:
        return self.recall >= RECALL_TARGET and self.false_flag_rate <= FALSE_FLAG_TARGET


def score(locale: str, checked_as: str | None = "same") -> Score:
    """Assess every sentence of a set, checked as written in that language (or with every list, checked_as=None)."""
    result = Score(locale)
    for label, sentence in labelled(locale):
        level = assess(sentence, locale if checked_as == "same" else checked_as)
        found = level.value if level else "none"
        if label == "none":
            result.ordinary += 1
            if level:
                result.false_flags.append((found, sentence))
            continue
        result.worrying += 1
        if not level:
            result.misses.append((label, sentence))
            continue
        result.caught += 1
        if found == label:
            result.same_level += 1
        else:
            result.wrong_level.append((label, found, sentence))
    return result
