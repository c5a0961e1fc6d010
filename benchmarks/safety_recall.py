"""Benchmark: how well the safety matcher hears children, per language, and how fast it is.

    .venv/bin/python benchmarks/safety_recall.py [--all-lists]

Reads the labelled sets in tests/safety_sets/<locale>.tsv (urgent, soon or none, a tab, a sentence)
and prints per language: recall on worrying sentences (matched at any level), how often the level
agrees with the label, the false-flag rate on ordinary sentences, every miss and false flag, and the
time per sentence. Each sentence is checked as the portal checks it: that language's list and
English (--all-lists: every list, as when the language is not known). Exits 1 if a language misses
a target: recall at least 95%, false flags at most 5%.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.core.safety import assess  # noqa: E402
from tests.safety_scores import FALSE_FLAG_TARGET, RECALL_TARGET, labelled, score, set_locales  # noqa: E402

ROUNDS = 20


def _microseconds_per_sentence(locale: str, checked_as: str | None) -> float:
    sentences = [sentence for _label, sentence in labelled(locale)]
    assess(sentences[0], checked_as)  # compile outside the timing
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for sentence in sentences:
            assess(sentence, checked_as)
    return (time.perf_counter() - start) / (ROUNDS * len(sentences)) * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all-lists", action="store_true", help="check every sentence against every language's list")
    args = parser.parse_args()
    failed = []
    print(f"Targets: recall >= {RECALL_TARGET:.0%}, false flags <= {FALSE_FLAG_TARGET:.0%}"
          f"{' (every list)' if args.all_lists else ' (own list and English)'}\n")
    for locale in set_locales():
        checked_as = None if args.all_lists else locale
        result = score(locale, None if args.all_lists else "same")
        print(f"[{locale}] {result.worrying} worrying, {result.ordinary} ordinary")
        print(f"  recall          {result.recall:6.1%}  ({result.caught}/{result.worrying})")
        print(f"  level agreement {result.level_agreement:6.1%}  ({result.same_level}/{result.caught})")
        print(f"  false flags     {result.false_flag_rate:6.1%}  ({len(result.false_flags)}/{result.ordinary})")
        print(f"  speed           {_microseconds_per_sentence(locale, checked_as):6.1f} µs per sentence")
        for label, sentence in result.misses:
            print(f"  MISSED ({label}): {sentence}")
        for found, sentence in result.false_flags:
            print(f"  FALSE FLAG ({found}): {sentence}")
        for label, found, sentence in result.wrong_level:
            print(f"  level {found}, labelled {label}: {sentence}")
        if not result.meets_targets:
            failed.append(locale)
        print()
    if failed:
        print(f"Below target: {', '.join(failed)}")
        return 1
    print("All languages meet the targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
