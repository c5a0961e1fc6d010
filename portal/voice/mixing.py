"""The mixing job: moves what young people shared from the encrypted queue into the council's tables, in batches.

Run by `flask --app wsgi council-mix` and by the outbox worker each time round its loop. It does
nothing until the queue holds entries from at least COUNCIL_MIX_MIN_PEOPLE different young people.
Then, touching no row that names a young person:

1. one transaction makes the batch's contributions (and their themes) in a shuffled order, and
   notes in each queue entry which contribution it became;
2. a second transaction deletes the batch's queue entries and inserts the young people's sealed
   rows, in another shuffled order.

So a contribution and its sealed row never share a transaction (PostgreSQL's `xmin`), and neither
the order rows were written in (SQLite's `rowid`, PostgreSQL's `ctid`) nor the moment pairs them
better than chance within the batch. Step 1 can be repeated safely if step 2 never ran: entries
already made are carried on, not made twice.
"""

import random
from datetime import date

from flask import current_app

from portal.extensions import db
from portal.models import MyContribution, Source
from portal.voice import queue
from portal.voice.services import make_contribution, queued_answers
from portal.voice.themes import theme_for_question

# Production shuffles with the operating system's randomness; tests may pass a seeded random.Random.
SHUFFLE = random.SystemRandom()


def mix(min_people=None, rng=None) -> int:
    """Move a batch if the queue is ready; returns how many sealed rows were written (0 when it waited)."""
    min_people = current_app.config["COUNCIL_MIX_MIN_PEOPLE"] if min_people is None else min_people
    rng = rng or SHUFFLE
    if queue.size() < max(min_people, 1):  # cheap: fewer rows than people needed, nothing decrypted
        db.session.rollback()
        return 0
    batch = _make_contributions(min_people, rng)
    return _move_to_sealed_lists(batch, rng)


def _make_contributions(min_people, rng) -> dict[str, int]:
    """Step 1: {queue token: young person id} of the entries made (or already made) in this batch."""
    entries = queue.entries(for_update=True)  # a second worker waits here, then finds them made
    waiting = [entry for entry in entries if entry.kind in (queue.NEW, queue.ANSWER)]
    if len({entry.young_person_id for entry in waiting}) < min_people:
        waiting = []
    answers, forms = queued_answers(waiting)
    made = {}
    rng.shuffle(waiting)
    for entry in waiting:
        made[entry.token] = [contribution.token for contribution in _make(entry, answers, forms)]
    for entry in waiting:  # after every contribution, so that they go in the shuffled order
        queue.rewrite(entry, queue.MADE, tokens=made[entry.token])
    db.session.commit()
    return {entry.token: entry.young_person_id for entry in entries if entry.kind == queue.MADE}


def _make(entry, answers, forms):
    data = entry.data
    period = date.fromisoformat(data["period"])
    if entry.kind == queue.NEW:
        return [make_contribution(Source(data["source"]), data["themes"], period, data["age_band"], data["language"],
                                  data["text"], campaign_id=data.get("campaign_id"), answer=data.get("answer"))]
    answer = answers.get((data["consultation"], data["question"]))
    question = forms[answer.consultation_id].question(answer.question_key) if answer else None
    if question is None or not answer.shared or answer.skipped or not (answer.text or answer.choice):
        return []  # no longer there to share: nothing is made
    return [make_contribution(Source.CONSULTATION, [theme_for_question(question)], period, data["age_band"],
                              data["language"], answer.text)]


def _move_to_sealed_lists(batch: dict[str, int], rng) -> int:
    """Step 2: delete the batch's queue entries and write the sealed rows, shuffled; returns how many."""
    sealed = []
    for token in batch:
        taken = queue.take(token)  # None if the young person withdrew it, or another worker moved it
        if taken is not None:
            sealed += [(taken.young_person_id, made) for made in taken.data["tokens"]]
    rng.shuffle(sealed)
    for young_person_id, token in sealed:
        db.session.add(MyContribution(young_person_id=young_person_id, sealed=token))
    db.session.commit()
    return len(sealed)
