"""What the organisations app tells the apps above it, without importing them.

Agencies and units are the bottom of the domain: the activity log, people and accounts hang on them. Their
changes are announced here and the upper apps connect in their AppConfig.ready(). Signals run in the
sender's transaction: a receiver's write commits or rolls back with the change, its ValidationError refuses
it.
"""

from django.dispatch import Signal

# An agency or a unit was created, changed or merged, or units were imported. Keyword arguments: actor,
# action (the activity log's action name), target, agency, before, after, extra. The activity app logs it.
changed = Signal()

# An agency is about to merge into its successor (agency, into, unit_map: old unit id → successor unit or
# None). A receiver raises ValidationError to refuse the merger (people: staff codes already taken).
merging = Signal()

# The agency and its units have closed (agency, into, last_day, closed: [(unit, successor unit or None)]).
# A receiver moves what hangs on them and answers how many of its records moved (people: assignments).
merged = Signal()


def announce(*, actor, action: str, agency, target=None, before=None, after=None, extra=None) -> None:
    """Tell the apps above that an agency or a unit changed (the activity log records it)."""
    data = {"before": before, "after": after, "extra": extra}
    changed.send(sender="organisations", actor=actor, action=action, target=target, agency=agency, **data)
