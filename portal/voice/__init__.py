"""Tell the Children in Care Council: young people's anonymous voice, moderation, figures, campaigns,
and "You said, we did".

Threat model: who can link a contribution to the young person who made it
==========================================================================

Tests that prove each line are named in brackets: [A] tests/views/test_council_anonymity.py,
[V] tests/views/test_voice_anonymity.py, [W] tests/views/test_voice.py, [R] tests/views/test_records.py. All run on SQLite and PostgreSQL.

How a contribution is stored
----------------------------
When a young person tells the council something, answers a campaign, or sends a review form with
answers they chose to share, their request writes no contribution. It writes one row per thing
shared into `council_queue`: a random token and one Fernet-encrypted payload (whose it is, and what
to make), padded to one fixed size; and, for a form, a keyed digest (HMAC with the app's secret) of
the form's random value in `council_submissions`, so a double tap is stored once. Sending a review
form writes the queue rows in the sending transaction; the contributions come later.

The mixing job (portal/voice/mixing.py: `flask --app wsgi council-mix`, and the outbox worker each
time round its loop) waits until the queue holds entries from at least COUNCIL_MIX_MIN_PEOPLE (5)
different young people. Then one transaction makes the whole batch's contributions, in an order
shuffled with `random.SystemRandom`; a second transaction deletes the batch's queue rows and
inserts the young people's sealed rows (`my_contributions`: young person id, random id, the
contribution's token Fernet-encrypted with a random IV), in another shuffled order. Neither
transaction writes any other table.

A contribution keeps its theme(s), the month, the age band, the language, the source (review form,
"Tell the council", campaign with its id), the words (encrypted, padded to one of a few sizes) and
their moderation. No account, young person, consultation or answer id, no timestamp; its key is a
random token; every list is ordered by month then token, never by arrival.

A database reader without the keys (a leaked backup, a DBA, an SQL injection)
------------------------------------------------------------------------------
Cannot:
- link a contribution to a young person through a shared transaction: no contribution shares
  PostgreSQL's `xmin` with a sealed row, nor with any row of any table but the council's own
  ([A] test_without_your_name_the_xmin_join_links_no_contribution_to_its_young_person); on both
  databases, the only transaction that writes contributions writes contributions, their themes and
  the queue, and the only one that writes sealed rows writes those and the queue
  ([A] test_no_transaction_writes_a_contribution_beside_anything_that_names_a_young_person);
- link them by the order rows were written in (`rowid`, `ctid`): within a batch, pairing the n-th
  contribution with the n-th sealed row is right no more often than chance
  ([A] test_the_order_rows_were_written_in_links_no_better_than_chance, with its control
  test_without_shuffling_the_order_attack_would_link_everyone, and
  test_production_shuffles_with_the_operating_systems_randomness);
- link them by time: contributions are written by the job, not by the young person's request, so
  their place among PostgreSQL transaction ids says only which batch they were in;
- read the queue or the sealed lists: no plain token, young person id or words, and every queue
  row is the same length ([A] test_the_queue_and_the_sealed_lists_say_nothing_without_the_keys,
  [V] test_only_the_young_person_can_link_their_words_and_their_pages_never_show_the_token,
  test_sealing_the_same_token_twice_gives_different_text);
- match a shared answer's words to its contribution by the length of the ciphertext, except by size
  band (PAD_SIZES in portal/models/voice.py; [A] same test);
- find a form's random value: only its keyed digest is stored ([A] test_a_double_tap_stores_once_and_keeps_no_plain_form_value).

Can:
- see which young people shared how many things, and in which batch: the sealed rows carry the
  young person id, and each batch's rows share a transaction. Within a batch the contributions
  of five or more young people are mixed, so a contribution is one of theirs, no better than chance;
- see when someone queued something (a queue row appears at the time of their request) and that a
  review form had shared answers (`consultation_answers.shared` and `question_key` are plain, in the
  consultation's tables), and so which themes a young person shared from their form. That pattern,
  or an age band, language or campaign that only one young person in a batch has (dates of birth
  are plain in `young_people`), can single out their contributions within the batch. The batch
  threshold counts people, not people per age band; moderators see the same fields.
- see dead rows and write-ahead logs: PostgreSQL keeps a deleted queue row (its `xmin` is the young
  person's request) until vacuum. That links a request to the batch, not to one contribution.

Data rights (portal/records)
----------------------------
The young person's own "See my records" download reads their sealed list for them alone, as their
"What I shared" page does, through the "record_sections" registry (`services.record_section`); a
carer's download and a subject access export made by staff never include council words, so no export
links a contribution to a young person for anyone else ([R] tests/views/test_records.py). Retention
deletes a young person's sealed rows and anything of theirs still queued (`services.forget_young_person`,
through the "record_erasers" registry); their contributions stay, linked to no one.

An admin (admin pages only)
---------------------------
Sees the council's figures and quotes like a council member, users and the audit log; no admin page
reads the sealed lists or the queue ([V] test_no_council_moderator_or_admin_page_reads_the_young_peoples_sealed_lists).
Whoever runs the service sets COUNCIL_MIX_MIN_PEOPLE (an environment setting, not an admin page):
set to 1, each batch is one young person and the batch is the link. Keep it at 5 or more.

A council member or moderator (their pages, the CSV exports)
------------------------------------------------------------
Learns the words (redacted for council members; as written, for moderators), themes, month, age band
and language, and counts with small numbers suppressed (portal/core/suppression.py). Not who,
not when finer than the month, not the order of arrival ([V] test_nothing_on_the_council_side_names_or_dates_the_young_people,
test_the_order_things_were_sent_in_is_not_the_order_anyone_sees). A quote shows its month and age band
only when at least 5 contributions share them ([A] test_a_quote_shows_its_month_and_age_band_only_when_at_least_5_contributions_share_them).
Limits, by design:
- Words can identify (a school, a sibling). Moderators see every word first, with names, places,
  phone numbers, emails and postcodes highlighted, and redact or reject; so the moderator
  permission is given by an admin to few people.
- The quotes page can be filtered by month range and age band, and is ordered by month: someone who
  narrows the filters can still place a quote whose caption is hidden. The caption rule stops a quote
  carrying its small group on its face, not a determined search.
- Comparing two views (months against quarters, all ages against one band) can narrow a suppressed
  number: the known limit of cell suppression.
- Answers shared from one review form reach the council in the same batch, with the same month, age
  band and language; a moderator may guess they came from one person (not who).
- An IRO reads the review form, so someone who is both an IRO and on the council could recognise
  words shared from it.

Someone with the database AND the keys (ENCRYPTION_KEYS)
--------------------------------------------------------
Can decrypt the queue and every sealed token, and so link every contribution to its young person,
and read every word. That is the price of letting young people see, and take back, what they
shared (while it waits: [A] test_before_five_young_people_have_shared_nothing_reaches_the_council_and_you_still_see_and_withdraw_yours).
The keys must be held as tightly as the data they protect.
"""

from flask import Blueprint

from portal.core.events import consultation_sent

bp = Blueprint("council", __name__, cli_group=None)

from portal.voice import cli, dashboard, routes, services  # noqa: E402,F401  (routes and the mixing command register themselves on bp)

bp.record_once(cli.register_worker_job)
bp.record_once(services.register_home_section)
bp.record_once(services.register_data_rights)
bp.record_once(dashboard.register_figure_source)
# What a young person chose to share from their review form is queued when the form is sent.
consultation_sent.connect(services.queue_shared_answers)
