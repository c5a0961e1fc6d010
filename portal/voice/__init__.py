"""Tell the Children in Care Council: young people's anonymous voice, moderation, figures, campaigns,
and "You said, we did".

Threat model: who can link a contribution to the young person who made it
==========================================================================

What is stored. A contribution (portal.models.voice.Contribution) keeps only its theme(s), the
month (as the 1st of the month), the age band (4–7, 8–11, 12–15, 16+), the language, the source
(review form, "Tell the council", campaign, with the campaign's id), the words (encrypted) and
their moderation (status and redacted words). It keeps no account id, no young person id, no
consultation or answer id and no timestamp; its key is a random 22-character token, and every
list is ordered by month then by that random token, never by when rows were added. The young
person's link to what they shared is a separate table, `my_contributions` (young person id, the
random id of the form that sent it, against double taps, and the contribution's token *sealed*:
Fernet-encrypted with a random IV, so the same token never encrypts to the same text, the column
cannot be joined or searched, and there is no foreign key).
Only the young person's own pages ("Your shared words", withdrawing, a campaign they answered)
decrypt it; no staff, council, moderator or admin page reads that table, and the young person's
URLs carry the id of their sealed row, never the contribution's token, so even web server logs
do not pair a young person's requests with a token.

Someone with only the council's pages, the moderator's pages and the CSV exports can learn:
the words (moderated and redacted for council members; as written, for moderators), their themes,
month, age band and language, and counts of these with small numbers suppressed
(portal/voice/suppression.py). They cannot learn, from anything the app shows or exports, which
account or young person made a contribution, when (finer than the month), or the order in which
contributions arrived.

What they could still do, and what we do about it:
- Words can identify. Someone's own words may name a school, a sibling or an event. Moderators
  see every word before council members do; the system pre-highlights names, places, schools,
  phone numbers, emails and postcodes; moderators redact or reject. Moderators read unredacted
  words, so the moderator permission is granted by an admin, to few people.
- Small groups. A month, an age band and a rare language together can describe very few young
  people (say, one 4–7-year-old who writes in Pashto). Counts of 1 to 4 are never shown, but a
  quote shows its month, age band and language: moderators should reject quotes that identify
  by context.
- Comparing views. Suppression protects each table on its own against adding and subtracting
  what it shows, totals included. Comparing two different views (months against quarters, all
  ages against one age band, two overlapping ranges of months) can narrow down a small number;
  that is the known limit of cell suppression in a table people can filter.
- Watching in real time. A moderator who refreshes the queue while knowing that a particular
  young person has just pressed "Send" (sitting beside them, say) can guess which new item is
  theirs. Several answers shared from one review form arrive together, with the same month, age
  band and language, so a moderator can guess they came from one person (not who).
- The IRO. Words shared from a review form are also, by design, in that form, which the young
  person's IRO reads. An IRO sees no council pages, but someone who is both an IRO and on the
  council could recognise words they have read.

What someone with more than the pages could do:
- With the database alone (no encryption keys): they see `my_contributions` rows (which young
  person shared how many things) but not which contributions they are; they cannot read any words.
  Database internals (the physical order of rows, write-ahead logs, backups taken at known
  times) can hint at which rows were written together; we do not defend against that.
- With the database AND the encryption keys (ENCRYPTION_KEYS): they can decrypt every sealed
  token and so link every contribution to the young person who made it, and read all the words.
  That is the price of letting young people see and withdraw what they shared. The keys must be
  held as tightly as the data they protect.
"""

from flask import Blueprint

bp = Blueprint("council", __name__, cli_group=None)

from portal.voice import cli, routes  # noqa: E402,F401  (routes and the mixing command register themselves on bp)

bp.record_once(cli.register_worker_job)
