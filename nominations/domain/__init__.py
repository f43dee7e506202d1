"""State changes of rounds, proposals and postings, one module each: views, the API, tasks, commands and the
demo call these functions; they check the permission (nominations.access) before anything else, save
atomically, write the activity log, and move every status through the gate (nominations.workflow).
`actor=None` means the system (the demo loader, tasks)."""
