"""Words a child may not know, each with one short sentence that explains it (issue 13).

The one dictionary of explanations: templates show them with the `explain` macro
(templates/components/glossary.html) beside the text that uses the word, as a
<details> a tap opens, so it works without JavaScript. `WORDS_SEEN` says how each word
is recognised in an English page (the glossary test reads a page's text with them).
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Word:
    """A word, the question a child would ask about it, and its one-sentence answer."""

    key: str
    asked: object
    meaning: object


WORDS = {word.key: word for word in (
    Word("review", _l("What is a review?"),
         _l("A meeting, every few months, to check you are getting the care and help you need.")),
    Word("iro", _l("What is an IRO?"),
         _l("Your Independent Reviewing Officer: the person who runs your reviews and makes sure people listen to you.")),
    Word("advocate", _l("What is an advocate?"),
         _l("Someone on your side who helps you say what you want and makes sure you are heard.")),
    Word("independent_visitor", _l("What is an Independent Visitor?"),
         _l("A grown-up volunteer who visits you to spend time with you and be your friend.")),
    Word("council", _l("What is the Children in Care Council?"),
         _l("A group of young people in care who tell the council how to make care better.")),
)}

# How each word shows in English text (a regular expression): the words come from portal/core/labels.py and the
# templates, so the glossary test can tell which explanations a page owes its reader.
WORDS_SEEN = {
    "review": r"(?i)\breviews?\b",
    "iro": r"\bIROs?\b",
    "advocate": r"(?i)\badvocates?\b",
    "independent_visitor": r"(?i)\bIndependent Visitors?\b",
    "council": r"(?i)\bChildren in Care Council\b",
}


def words(*keys: str) -> list[Word]:
    """The words to explain, in the order given, each once; unknown keys are a mistake in a template."""
    return [WORDS[key] for key in dict.fromkeys(keys)]
