"""Vietnam's working-day calendar: the national one computed by the `holidays` package, and each agency's
exceptions on top of it (workdays.calendar is what the other apps call)."""
