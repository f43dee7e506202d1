"""The council's screens. The secretariat's side: the council, its terms, seats and declared relatives
(council.views.councils); a meeting from its preparation to its close — agenda, convening, attendance,
guests, opening the ballot (council.views.meetings) —, and, while the ballot is open, the written votes, the
seats not voting, the paper counts and the close (council.views.voting). The member's ballot
(council.views.ballot)."""
