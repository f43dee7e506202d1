"""PostgreSQL reads an object's history (activity_for_object: every detail page) from the target index, in
its order, without sorting the object's rows (issue 12)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from activity.access import activity_for_object
from activity.models import ActivityLog
from tests.factories import AgencyFactory
from tests.planner import analyse, assert_uses_index, on_postgresql


@on_postgresql
@pytest.mark.django_db
def test_an_objects_history_reads_the_target_index_in_order():
    agencies = [AgencyFactory() for _ in range(50)]
    kind = ContentType.objects.get_for_model(agencies[0])
    ActivityLog.objects.bulk_create(
        [
            ActivityLog(action="test.changed", target_type=kind, target_id=str(agencies[n % 50].pk))
            for n in range(20_000)
        ],
        batch_size=5_000,
    )
    analyse(ActivityLog)

    history = activity_for_object(None, agencies[7])[:100]

    plan = assert_uses_index(history, "activity_target_history")
    assert "Sort Key" not in plan.split("activity_target_history")[0]  # read in the index's order
    assert len(list(history)) == 100
