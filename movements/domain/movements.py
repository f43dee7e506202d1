"""State changes of movements: recording and editing them, their status, the documents that launch, guide and
implement them, and the relay of a higher level's movement (the agency's implementing dispatch, drafted).

The status moves through the one gate (workflows.gate) by the table of movements.workflow.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activity.domain import log_action, snapshot
from documents import domain as documents
from documents.access import documents_for_user
from documents.body import item, paragraph, run
from documents.models import UNISSUED_STATES, Document, DocumentKind
from lib.access import require
from organisations.models import AgencyKind, Unit, UnitKind
from workflows.gate import lock, move

from ..access import can_manage_movements
from ..models import DocumentRole, Movement, MovementDocument
from ..workflow import MOVEMENTS

MOVEMENT_FIELDS = (
    "name",
    "theme",
    "kind",
    "level",
    "launched_by",
    "launched_on",
    "period_start",
    "period_end",
    "objectives",
    "criteria",
    "takes_registrations",
)
UNCITABLE_STATES = UNISSUED_STATES  # not yet issued: drafts, with their signer, returned, signed off
RELAY_ADDRESSEES = ["Thủ trưởng phòng, đơn vị trực thuộc Sở"]
RELAYED = "movements.movement.relayed"
HEAD_TITLES = {AgencyKind.DEPARTMENT: "Giám đốc", AgencyKind.PEOPLES_COMMITTEE: "Chủ tịch"}


def check_manager(actor, agency_id) -> None:
    require(actor is None or can_manage_movements(actor, agency_id))


def _check_units(agency, units) -> list:
    units = list(units)
    lineage = agency.lineage_ids()
    if any(unit.agency_id not in lineage for unit in units):
        message = _("The participating units must be units of the agency that holds the movement.")
        raise ValidationError({"units": ValidationError(message, code="unit_agency")})
    return units


def _snapshot(movement: Movement, names, units=None) -> dict:
    values = snapshot(movement, names)
    if units is not None:
        values["units"] = sorted(unit.pk for unit in units)
    return values


# --- recording and editing ------------------------------------------------------------------------------


@transaction.atomic
def create_movement(*, actor, agency, fields: dict, units=None) -> Movement:
    check_manager(actor, agency.pk)
    values = {name: value for name, value in fields.items() if name in MOVEMENT_FIELDS}
    movement = Movement(agency=agency, created_by=actor if getattr(actor, "pk", None) else None, **values)
    movement.full_clean()
    units = _check_units(agency, units or [])
    movement.save()
    movement.units.set(units)
    log_action(
        actor=actor,
        action="movements.movement.created",
        target=movement,
        agency=agency,
        after=_snapshot(movement, ("status", *values), units),
    )
    return movement


@transaction.atomic
def update_movement(*, actor, movement, fields: dict, units=None) -> Movement:
    check_manager(actor, movement.agency_id)
    lock(movement)
    names = [name for name in fields if name in MOVEMENT_FIELDS]
    old_units = list(movement.units.all()) if units is not None else None
    before = _snapshot(movement, names, old_units)
    for name in names:
        setattr(movement, name, fields[name])
    movement.full_clean()
    if units is not None:
        units = _check_units(movement.agency, units)
    movement.save()
    if units is not None:
        movement.units.set(units)
    log_action(
        actor=actor,
        action="movements.movement.updated",
        target=movement,
        agency=movement.agency,
        before=before,
        after=_snapshot(movement, names, units),
    )
    return movement


def allowed_moves(movement: Movement) -> tuple[str, ...]:
    """The statuses the movement may go to next."""
    return MOVEMENTS.targets_from(movement.status)


def move_movement(*, actor, movement, to: str) -> Movement:
    """Move the movement into the status `to` (the screens offer the statuses of allowed_moves)."""
    return move(MOVEMENTS, movement, to=to, actor=actor, fields=("updated_at",))


# --- documents ------------------------------------------------------------------------------------------


def _check_document(actor, movement: Movement, document: Document, role: str) -> None:
    if role not in DocumentRole.values:
        raise ValidationError({"role": ValidationError(_("Choose the document's role."), code="role")})
    visible = actor is None or documents_for_user(actor).filter(pk=document.pk).exists()
    if not visible or document.agency_id not in movement.agency.lineage_ids():
        message = _("Only a document of the movement's agency that you can see may be linked.")
        raise ValidationError({"document": ValidationError(message, code="document_agency")})
    if movement.document_links.filter(document=document).exists():
        message = _("This document is already linked to the movement.")
        raise ValidationError({"document": ValidationError(message, code="duplicate")})


@transaction.atomic
def link_document(*, actor, movement, document, role: str) -> MovementDocument:
    check_manager(actor, movement.agency_id)
    lock(movement)
    _check_document(actor, movement, document, role)
    link = MovementDocument.objects.create(movement=movement, document=document, role=role)
    log_action(
        actor=actor,
        action="movements.document.linked",
        target=movement,
        agency=movement.agency,
        after={"document": document.pk, "document_title": str(document), "role": role},
    )
    return link


@transaction.atomic
def unlink_document(*, actor, link) -> None:
    movement = link.movement
    check_manager(actor, movement.agency_id)
    before = {"document": link.document_id, "document_title": str(link.document), "role": link.role}
    link.delete()
    log_action(
        actor=actor,
        action="movements.document.unlinked",
        target=movement,
        agency=movement.agency,
        before=before,
    )


# --- the relay ------------------------------------------------------------------------------------------


def lower_first(text: str) -> str:
    """'Phát động phong trào' → 'phát động phong trào'; an acronym ('UBND tỉnh') is kept as written."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def quoted(text: str) -> str:
    """The text in curly quotes (quotes it already has are not doubled)."""
    return "“" + text.strip().strip('“”"').strip() + "”"


def _author(document: Document) -> str:
    return document.sender_name or document.issuer_name or document.agency.name


def citation(document: Document) -> str:
    """'Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng về việc Phát động phong trào …'."""
    words = [document.kind.name]
    if document.reference:
        words.append(f"số {document.reference}")
    if document.issued_on:
        words.append(f"ngày {document.issued_on:%d/%m/%Y}")
    subject = document.subject
    if subject.lower().startswith("v/v "):
        subject = subject[4:]
    words.append(f"của {_author(document)} về việc {subject}")
    return " ".join(words)


def short_citation(document: Document) -> str:
    """'Kế hoạch số 25/KH-UBND ngày 08/02/2021 của UBND tỉnh Sóc Trăng' (for "kèm theo …")."""
    return citation(document).split(" về việc ", 1)[0]


def _launching_documents(movement: Movement) -> list[Document]:
    links = movement.document_links.filter(role=DocumentRole.LAUNCHING).exclude(
        document__status__in=UNCITABLE_STATES
    )
    return [link.document for link in links.select_related("document__kind", "document__agency")]


SUBJECT_LIMIT = Document._meta.get_field("subject").max_length


def fitting_subject(*candidates: str, movement: Movement) -> str:
    """The first of the generated subjects (most precise first) that fits a document's subject; never a cut
    one: when none fits, a clear error saying the limit and how long the movement's name may be."""
    for subject in candidates:
        if len(subject) <= SUBJECT_LIMIT:
            return subject
    shortest = min(candidates, key=len)
    room = SUBJECT_LIMIT - (len(shortest) - len(movement.name))
    message = _(
        "The subject drafted from the movement's name would have %(length)s characters, more than the "
        "%(limit)s a document's subject may have. Shorten the movement's name to at most %(room)s characters "
        "and try again."
    )
    params = {"length": len(shortest), "limit": SUBJECT_LIMIT, "room": max(room, 0)}
    raise ValidationError(message % params, code="subject_too_long")


def relay_subject(movement: Movement, launching: list[Document]) -> str:
    """'V/v triển khai Kế hoạch … của UBND tỉnh …'; without the plan when that is too long."""
    short = f"V/v triển khai {lower_first(movement.name)}"
    if len(launching) == 1:
        plan = launching[0]
        subject = lower_first(plan.subject[4:] if plan.subject.lower().startswith("v/v ") else plan.subject)
        full = f"V/v triển khai {plan.kind.name} {subject} của {_author(plan)}"
        return fitting_subject(full, short, movement=movement)
    return fitting_subject(short, movement=movement)


def _head_title(agency) -> str:
    return HEAD_TITLES.get(agency.kind, "Thủ trưởng")


def _joined(names: list[str]) -> str:
    """'A, B và C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} và {names[-1]}"


def _item_disseminate(movement: Movement, launching: list[Document]) -> list[dict]:
    if launching:
        content = ", ".join(quoted(citation(d)) for d in launching)
        attached = " (kèm theo " + ", ".join(short_citation(d) for d in launching) + ")."
    else:
        content = f"{quoted(movement.name)} do {movement.launched_by} phát động"
        attached = "."
    runs = [
        run(
            f"Triển khai nội dung {content} đến toàn thể công chức, viên chức và người lao động thuộc đơn vị "
            "mình để biết và ra sức thi đua"
        )
    ]
    if movement.theme:
        runs += [run(" với chủ đề "), run(quoted(movement.theme), bold=True), run(attached)]
    else:
        runs.append(run(attached))
    return runs


def _item_other_movements(movement: Movement, on: dt.date) -> str:
    others = list(
        Movement.objects.ongoing(on)
        .filter(agency_id__in=movement.agency.lineage_ids())
        .exclude(pk=movement.pk)
        .order_by("period_start", "name", "id")
    )
    start = (
        "Tiếp tục triển khai và vận động công chức, viên chức, người lao động tích cực hưởng ứng và đẩy mạnh "
        "các phong trào thi đua yêu nước"
    )
    if not others:
        return f"{start} đã được phát động."
    launchers = _joined(list(dict.fromkeys(m.launched_by for m in others if m.launched_by)))
    names = ", ".join(quoted(m.name) for m in others)
    return (
        f"{start} do {launchers} đã phát động như: {names},..." if launchers else f"{start} như: {names},..."
    )


def _portal_unit_name(agency) -> str:
    unit = (
        Unit.objects.active()
        .filter(agency=agency, search_text__contains="cong nghe thong tin")
        .order_by("position", "name")
        .first()
    )
    return unit.name if unit else "Văn phòng Sở"


def relay_body(movement: Movement, launching: list[Document], on: dt.date) -> list[dict]:
    """The body of the implementing dispatch, as the seed's (shared/seed/cong-van-trien-khai-thi-dua-2021)."""
    agency, head = movement.agency, _head_title(movement.agency)
    return [
        paragraph(
            f"Nhằm thực hiện tốt các nhiệm vụ về công tác thi đua khen thưởng năm {on.year}, {head} "
            f"{agency.name} đề nghị thủ trưởng các phòng và các đơn vị trực thuộc Sở thực hiện một số nội "
            "dung như sau:"
        ),
        item("1.", *_item_disseminate(movement, launching)),
        item("2.", run(_item_other_movements(movement, on))),
        item(
            "3.",
            run(
                "Biểu dương, khen thưởng kịp thời, chính xác những tập thể, cá nhân, những điển hình tiên "
                "tiến, những mô hình mới, nhân tố mới đạt thành tích xuất sắc trong các phong trào thi đua, "
                "qua đó báo cáo và đề xuất Hội đồng thi đua khen thưởng Sở để khen thưởng hoặc đề nghị cấp "
                "có thẩm quyền xem xét khen thưởng theo quy định."
            ),
        ),
        item(
            "4.",
            run(
                f"Giao {_portal_unit_name(agency)} đăng tải nội dung công văn này trên Cổng thông tin điện "
                f"tử {agency.name} để công chức, viên chức và người lao động thuộc Sở biết và thực hiện."
            ),
        ),
        paragraph(
            f"Trên đây là ý kiến của {head} {agency.name} đề nghị các đơn vị nghiêm túc triển khai thực "
            "hiện./."
        ),
    ]


def default_drafting_unit(agency):
    """The agency's office (Văn phòng), which drafts its dispatches on emulation work."""
    return (
        Unit.objects.active().filter(agency=agency, kind=UnitKind.OFFICE).order_by("position", "name").first()
    )


def _check_relayable(movement: Movement) -> None:
    if not movement.is_higher_level:
        message = _("Only a movement launched by a higher level (State, ministry, province) can be relayed.")
        raise ValidationError(message, code="not_higher_level")
    if movement.document_links.filter(role=DocumentRole.IMPLEMENTING).exists():
        message = _("This movement has already been relayed: open its implementing dispatch instead.")
        raise ValidationError(message, code="already_relayed")


@transaction.atomic
def relay_movement(*, actor, movement, drafting_unit=None, on: dt.date | None = None) -> Document:
    """Draft the agency's công văn that relays a higher level's movement to its units, and link it."""
    check_manager(actor, movement.agency_id)
    lock(movement)
    _check_relayable(movement)
    on = on or timezone.localdate()
    launching = _launching_documents(movement)
    drafting_unit = drafting_unit or default_drafting_unit(movement.agency)
    fields = {
        "drafting_unit": drafting_unit,
        "subject": relay_subject(movement, launching),
        "addressees": RELAY_ADDRESSEES,
        "body": relay_body(movement, launching, on),
        "signer_position": _head_title(movement.agency).upper(),
        "recipients": ["Như trên"],
        "archive_note": drafting_unit.symbol if drafting_unit else "",
    }
    bases = [{"cited": d, "text": f"Căn cứ {citation(d)}"} for d in launching]
    kind = DocumentKind.objects.get(code="cong_van")
    document = documents.create_draft(
        actor=actor, agency=movement.agency, kind=kind, fields=fields, bases=bases
    )
    MovementDocument.objects.create(movement=movement, document=document, role=DocumentRole.IMPLEMENTING)
    _log_relay(actor, movement, document)
    return document


def _log_relay(actor, movement: Movement, document: Document) -> None:
    """A movement still being prepared is launched by its relay; one that runs keeps its status."""
    after = {"document": document.pk, "document_title": document.subject}
    if MOVEMENTS.find(movement.status, "launch"):
        move(MOVEMENTS, movement, "launch", actor=actor, fields=("updated_at",), after=after, log=RELAYED)
        return
    status = {"status": movement.status}
    log_action(
        actor=actor,
        action=RELAYED,
        target=movement,
        agency=movement.agency,
        before=status,
        after={**status, **after},
    )
