"""The council's changes, one module each: terms and seats, meetings (agenda, attendance, opening and closing
the ballot), the ballot itself. Views, the API, commands and the demo call these functions; they check the
permission (council.access) first, save atomically, log, and move every status through the gate
(council.workflow). `actor=None` means the system (the demo loader)."""
