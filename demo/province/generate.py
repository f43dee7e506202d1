"""Running the stages in order, in one transaction, and the summary of what the database holds."""

from django.db import connection, transaction

from accounts.models import RoleGrant, User
from achievements.models import ExemplaryModel, Initiative, InitiativeAuthor
from activity.models import ActivityLog
from awards.catalogue import ensure_catalogue
from awards.eligibility import Engine
from awards.law import ensure_law
from awards.models import AwardRecord
from awards.staleness import mark_records_changed
from council.models import Ballot, Council, Item, Meeting, Membership, Participation
from decisions.models import Decision, Line
from dissemination.models import Dissemination, Receipt
from documents.models import Document, NumberSequence
from movements.models import (
    Movement,
    MovementDocument,
    Registration,
    RegistrationEntry,
    RegistrationRound,
    Review,
    UnitReport,
)
from notifications.models import Notification
from organisations.models import Agency, Unit
from people.models import (
    Assignment,
    Discipline,
    Leave,
    Person,
    Proceeding,
    QualityRating,
    UnitHead,
    UnitQualityRating,
)

from .activity_rows import log_accounts, log_documents, log_posts
from .agencies import create_organisation
from .catalogue import MARKER_CODE
from .correspondence import create_documents
from .council import create_councils
from .emulation import create_emulation
from .history import create_history
from .ledger import create_ledger, decided_years
from .logins import create_accounts, create_notifications
from .nominations import create_nominations
from .receipts import create_dissemination
from .staff import create_staff
from .world import Config, World

SUMMARY = (
    Agency,
    Unit,
    Person,
    Assignment,
    QualityRating,
    UnitQualityRating,
    Discipline,
    Proceeding,
    Leave,
    UnitHead,
    User,
    RoleGrant,
    Document,
    NumberSequence,
    Dissemination,
    Receipt,
    Movement,
    MovementDocument,
    RegistrationRound,
    Registration,
    RegistrationEntry,
    Review,
    UnitReport,
    Initiative,
    InitiativeAuthor,
    ExemplaryModel,
    AwardRecord,
    Decision,
    Line,
    Council,
    Membership,
    Meeting,
    Item,
    Participation,
    Ballot,
    Notification,
    ActivityLog,
)


def is_generated() -> bool:
    """The province is there: its People's Committee (the marker code) exists."""
    return Agency.objects.filter(code=MARKER_CODE).exists()


@transaction.atomic
def generate(config: Config, stream=None) -> World:
    ensure_catalogue()  # the law as the migrations wrote it (a test database may have been flushed since)
    ensure_law()
    world = World(config, stream)
    create_organisation(world)
    create_staff(world)
    create_history(world)
    create_documents(world, decided_years(world, Engine()))
    create_emulation(world)
    create_nominations(world)
    create_councils(world)
    create_ledger(world)
    create_accounts(world)
    create_dissemination(world)
    create_notifications(world)
    log_posts(world)
    log_documents(world)
    log_accounts(world)
    _mark_records_changed()
    return world


def _mark_records_changed() -> None:
    """bulk_create sends no signal: tell the stored due lists that the records changed (awards.staleness)."""
    mark_records_changed()


def analyse() -> None:
    """Fresh planner statistics after a bulk load (autovacuum may be off, or not have run yet): without them
    PostgreSQL plans the first hours of queries on empty-table estimates."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def summary() -> list[tuple[str, str, int]]:
    """(model label, its name, row count) for every model the generator writes."""
    return [(m._meta.label, str(m._meta.verbose_name_plural), m.objects.count()) for m in SUMMARY]
