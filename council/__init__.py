"""The Emulation and Reward Council (Hội đồng Thi đua - Khen thưởng): its terms and members, its meetings with
attendance, quorum and recusal, the ballot on each proposal of the agenda, the tally and the minutes
(law-nominations.md §2).

Threat model of the secret ballot
=================================

What is protected. For an agenda item whose ballot is secret, nothing the system stores, logs, shows or sends
links a member (his account, his person, his seat on the council) or a moment to the choice he made:

- the schema separates who has voted (``Participation``: the seat, how — in person, in writing, by a
  substitute —, when) from what was voted (``Ballot``: the item, a receipt fingerprint and the choice).
  A ballot has no voter reference, no timestamp and a random identifier (UUID4), never a sequential one;
- while the ballot is open, a ballot row does not even hold the choice in clear: it holds a seal, an HMAC of
  the item, the receipt and the choice keyed with the installation's secret key (``SECRET_KEY``, kept in a
  file of the application server, not in the database). Whoever reads the database alone — its owner, a
  backup, a dump — cannot count a partial tally, nor change a choice (a forged or moved seal no longer matches
  any choice and the close refuses the box), nor remove a ballot unseen (the close requires one ballot per
  participation);
- when the secretary closes the ballot, the box of each item is unsealed and rewritten in a random order, in
  one transaction: new identifiers, new physical order (and, on PostgreSQL, one transaction id for all), the
  receipt fingerprints re-keyed with the secret key, so neither insertion order nor storage order says
  anything, and the rows before and after the close cannot be matched without the key;
- the member receives a receipt code when he casts; the box stores only a fingerprint of it per item (an HMAC
  of the item keyed with the code), so one code cannot be followed from item to item by anyone who does not
  hold it. After the close, the member enters his code on the meeting's page and sees that his ballots were
  counted, and as what — on his own screen; the page keeps nothing;
- the activity log records that a member cast a ballot (or that the secretary entered a written vote), never
  the choice; notifications say that a ballot opened or closed; the API and the minutes give totals only;
- no screen, API or export shows a count of choices before the close, and no function changes a ballot after
  it was cast: ``Ballot.save`` refuses an update, and the results of a closed meeting are final.

What is not protected, and why.
- A member who shows his screen, his receipt code or his paper to someone reveals his own choice.
- The secretary who enters the written vote of an absent member reads it on the signed paper (the law makes
  the absentee's vote a written, signed one: law-nominations.md §2.3).
- Whoever controls the running application server during the ballot — its operating system, its secret key
  and the database at once, or the database's statement log and write-ahead log switched on to watch the
  transactions as they happen — can observe a cast as it is made. This is the limit of any system where the
  server receives the choice; the mitigations are operational (statement logging of the ballot tables off,
  the secret key readable only by the application's user) and are documented in the README.
- PostgreSQL keeps the dead row versions of the rewritten box in its pages until autovacuum reclaims them;
  they hold only seals and fingerprints (no choice in clear, no voter).
- The vote of an open (not secret) item is a public act: it is stored with the member's seat (``OpenVote``)
  and printed in the minutes.
"""
