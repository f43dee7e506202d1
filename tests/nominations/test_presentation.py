"""nominations.presentation: statuses, verdicts and checks in words (never their codes), the appraisal
clock, the parts a return names, and what changed between two submitted versions."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils.translation import gettext as translate

from nominations.models import Status, Verdict
from nominations.presentation import (
    changes_between,
    check_words,
    clock_badge,
    returned_parts,
    status_badge,
    value_words,
    verdict_badge,
    version_rows,
)

TODAY = dt.date(2026, 12, 7)


def test_statuses_and_verdicts_read_as_their_labels():
    assert status_badge("returned").label == translate("Returned for correction")
    assert status_badge("returned").css == "status-returned"
    assert status_badge("ready").css == "done"
    assert verdict_badge("not_eligible").label == translate("Not eligible")
    assert verdict_badge("not_eligible").css == "closed"
    assert {verdict_badge(v).label for v in Verdict.values} == {str(label) for label in Verdict.labels}
    assert all(code not in status_badge(code).label for code in Status.values if code != "draft")


def test_a_check_reads_met_not_met_or_waiting():
    assert check_words({"passed": True}).label == translate("Met")
    assert check_words({"passed": False}).css == "closed"
    assert check_words({"passed": None}).label == translate("Waiting")


def proposal(status=Status.SUBMITTED, due=None, fields=()):
    return SimpleNamespace(status=status, appraisal_due_on=due, returned_fields=list(fields))


@pytest.mark.parametrize(
    ("status", "due", "css"),
    [
        (Status.SUBMITTED, TODAY - dt.timedelta(days=1), "closed"),
        (Status.SUBMITTED, TODAY + dt.timedelta(days=3), "pending"),
        (Status.SUBMITTED, TODAY + dt.timedelta(days=4), None),
        (Status.APPRAISED, TODAY - dt.timedelta(days=9), None),  # the clock stops at appraisal
        (Status.SUBMITTED, None, None),
    ],
)
def test_the_appraisal_clock(status, due, css):
    badge = clock_badge(proposal(status, due), today=TODAY)

    assert (badge.css if badge else None) == css
    if css == "closed":
        assert "06/12/2026" in badge.label


def test_the_parts_a_return_names_in_words():
    assert returned_parts(proposal(fields=["report", "line"])) == [
        translate("achievement report"),
        translate("line printed on the decision"),
    ]


def test_values_in_words():
    assert value_words("line_birth", "1985-05-17") == "17/05/1985"
    assert value_words("evidence", ["a.pdf", "b.pdf"]) == "a.pdf, b.pdf"
    assert value_words("verdict", "eligible") == translate("Eligible")
    assert value_words("report", "") == "—"


def test_what_changed_between_two_versions_field_by_field():
    older = {
        "report": "Bản 1",
        "line_birth": "1985-05-17",
        "evidence": [],
        "verdict": "eligible",
        "unit_votes": 7,
    }
    newer = {"report": "Bản 2", "line_birth": "1985-05-18", "evidence": ["a.pdf"], "verdict": "eligible",
             "unit_votes": 7}  # fmt: skip

    changes = changes_between(older, newer)

    assert [(c.label, c.before, c.after) for c in changes] == [
        (translate("achievement report"), "Bản 1", "Bản 2"),
        (translate("date of birth printed"), "17/05/1985", "18/05/1985"),
        (translate("evidence files"), "—", "a.pdf"),
    ]


def test_version_rows_compare_each_with_the_one_before():
    versions = [
        SimpleNamespace(number=n, data={"report": text}) for n, text in ((1, "A"), (2, "A"), (3, "B"))
    ]

    rows = version_rows(versions)

    assert [(row.first, len(row.changes)) for row in rows] == [(True, 0), (False, 0), (False, 1)]
    assert (rows[2].changes[0].before, rows[2].changes[0].after) == ("A", "B")
