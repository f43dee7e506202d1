"""State changes of movements, registrations and reviews, one module each: views, tasks, commands and the demo
call these functions; they check the permission (movements.access), save atomically, write the activity log
and schedule notifications. `actor=None` means the system (demo loader, tasks).
"""
