"""The end of the seed's 2021 round in the Sở TN&MT Sóc Trăng (issue 15): what the council of 15/02/2022
passed becomes decisions, through decisions' domain functions in the order the story happened, each step's
activity-log rows dated to its day (demo.nominations.dated):

- 15/02/2022: the meeting's minutes signed and numbered;
- 25/02/2022: the Giám đốc's decision on the passed proposals within his authority (Lao động tiên tiến,
  Tập thể lao động tiên tiến, Chiến sĩ thi đua cơ sở) — drafted from the meeting's passed list, submitted,
  signed off by the Giám đốc and issued: numbered in the Sở's outgoing series (after the numbers the Sở
  used that year by then), the amounts of NĐ 91/2017 on the base salary of 1.490.000 đồng (one paid title
  per person and period), the ledger rows, the certificates, the proposals decided; paid from the Sở's
  reward fund of 2022;
- the same day the tờ trình forwarding the Chiến sĩ thi đua cấp tỉnh to the Chủ tịch UBND tỉnh, signed off
  and issued, its package sent on 28/02/2022 (the proposal forwarded);
- 15/04/2022 the UBND tỉnh's decision awarding it, received on 20/04/2022: registered as an incoming
  document, matched to the package's proposal, recorded (the ledger row, the proposal awarded, the package
  answered; the difference of the provincial title's money after her Chiến sĩ thi đua cơ sở); her provincial
  initiative serves it.

Also the reward funds and the certificate templates of the Sở of 2021 and of today's Sở NN&MT thành phố Cần
Thơ, and a printer of today's Sở. The notices of long ago have been read. Numbers of the Province's decision
and the funds' figures are invented.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from achievements import domain as achievements
from achievements.models import Initiative
from council.models import Meeting
from decisions.certificates import ND85_CITATION, ND98_CITATION
from decisions.domain import drafting, forwarding, issuing, registering
from decisions.domain.funds import set_fund
from decisions.models import CertificateTemplate, Decision, Printer
from documents import domain as documents
from documents.models import NumberSequence
from nominations.models import Proposal
from nominations.models import Status as ProposalStatus
from notifications.models import Notification

from .awards import decision_number
from .documents import _director
from .nominations import dated

D = dt.date
DECIDED, SENT = D(2022, 2, 25), D(2022, 2, 28)
PROVINCE_DECIDED, PROVINCE_RECEIVED = D(2022, 4, 15), D(2022, 4, 20)
RECIPIENT = "Chủ tịch Ủy ban nhân dân tỉnh Sóc Trăng"
PROVINCE = {
    "number": 812,
    "notation": "QĐ-UBND",
    "issued_on": PROVINCE_DECIDED,
    "subject": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm 2021",
    "sender_name": "Ủy ban nhân dân tỉnh Sóc Trăng",
    "signer_name": "Trần Văn Lâu",
    "signer_position": "CHỦ TỊCH",
    "arrival_date": PROVINCE_RECEIVED,
}
FUNDS = {  # agency key → {year: allocation (đồng)}
    "TNMT": {2022: 180_000_000},
    "NNMT_CT": {2025: 240_000_000, None: 260_000_000},  # None: the current year
}
FUND_NOTE = "Dự toán chi quỹ thi đua, khen thưởng năm {year} được giao (số liệu mẫu)."


def load_decisions(*, agencies: dict, meeting: Meeting) -> dict:
    """The 2021 round's decisions (see the module); `meeting` is the council's of 15/02/2022. Returns the
    Giám đốc's decision, the package and the Province's decision."""
    mark = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    agency = agencies["TNMT"]
    load_settings(agencies)
    passed = Proposal.objects.filter(pk__in=meeting.items.values("proposal_id"), status=ProposalStatus.PASSED)
    passed = list(passed.select_related("award", "person", "unit", "round").order_by("pk"))
    director = _director(agency, DECIDED)
    with dated(meeting.date, 2):
        issue_minutes(meeting)
    with dated(DECIDED, 0):
        own = decide(meeting, [p for p in passed if p.award.within_agency_authority], director)
    with dated(DECIDED, 1):
        package = forward(meeting, [p for p in passed if not p.award.within_agency_authority], director)
    with dated(SENT, 0):
        package = forwarding.send_package(actor=None, package=package, sent_on=SENT)
    with dated(PROVINCE_RECEIVED, 0):
        province = answer(agency, package)
    Notification.objects.filter(pk__gt=mark, read_at__isnull=True).update(read_at=timezone.now())
    return {"own": own, "package": package, "province": province}


def load_settings(agencies: dict) -> None:
    """The funds, the certificate templates of each period, and today's Sở's printer."""
    today = timezone.localdate()
    for key, years in FUNDS.items():
        agency = agencies[key]
        for year, allocation in years.items():
            year = year or today.year
            set_on = min(max(D(year, 1, 10), agency.valid_from or D(year, 1, 10)), today)  # given then
            with dated(set_on, 0):
                set_fund(actor=None, agency=agency, year=year, allocation=allocation,
                         note=FUND_NOTE.format(year=year))  # fmt: skip
    old, now = agencies["TNMT"], agencies["NNMT_CT"]
    template(old, D(2014, 12, 1), old.valid_to, ND85_CITATION)
    template(now, now.valid_from, None, ND98_CITATION)
    printer = Printer(
        agency=now, name="Máy in màu phòng Văn thư", offset_x=Decimal("1.5"), offset_y=Decimal("-1.0")
    )
    printer.full_clean()
    printer.save()


def template(agency, valid_from: dt.date, valid_to, citation: tuple) -> CertificateTemplate:
    """The agency's certificate design for a period (set by its administrator: no domain function)."""
    found = CertificateTemplate(
        agency=agency, valid_from=valid_from, valid_to=valid_to,
        decider_title=f"GIÁM ĐỐC {agency.name.upper()}", place_name=agency.place_name, citation=citation[0],
        source_status=citation[1],
    )  # fmt: skip
    found.full_clean()
    found.save()
    return found


def _used_numbers(agency, day: dt.date) -> None:
    """The Sở's outgoing numbers of the year used by `day` (about six in five days), before its own."""
    used = decision_number(agency, day) - 1
    sequence, _ = NumberSequence.objects.get_or_create(
        agency=agency, year=day.year, series="outgoing", defaults={"last_number": used}
    )
    if sequence.last_number < used:
        NumberSequence.objects.filter(pk=sequence.pk).update(last_number=used)


def issue_minutes(meeting) -> None:
    """The meeting's biên bản (and biên bản kiểm phiếu), signed by the chair and the secretary as the
    council drafted them, numbered on the meeting's day: the decision and the tờ trình cite them."""
    _used_numbers(meeting.council.agency, meeting.date)
    for minutes in (meeting.minutes, meeting.count_minutes):
        if minutes is not None:
            minutes = documents.submit_for_signature(actor=None, document=minutes)
            minutes = documents.approve_document(actor=None, document=minutes)
            documents.issue_document(actor=None, document=minutes, issued_on=meeting.date)
    meeting.refresh_from_db()


def _sign(document, director):
    """The printed signature block (the Giám đốc of the day has no account in today's thidua), submitted and
    signed off."""
    fields = {"signer_name": director.full_name, "signer_position": "GIÁM ĐỐC"}
    document = documents.update_draft(actor=None, document=document, fields=fields)
    document = documents.submit_for_signature(actor=None, document=document)
    return documents.approve_document(actor=None, document=document)


def decide(meeting, proposals: list, director) -> Decision:
    """The Giám đốc's decision: one decision, an article per award, issued on DECIDED."""
    (decision,) = drafting.draft_decisions(
        actor=None, meeting=meeting, proposals=proposals, signer=director, decided_on=DECIDED
    )
    _sign(decision.document, director)
    _used_numbers(meeting.council.agency, DECIDED)
    decision.refresh_from_db()
    return issuing.issue_decision(actor=None, decision=decision, issued_on=DECIDED)


def forward(meeting, proposals: list, director):
    """The tờ trình to the Province with the beyond-authority proposals, issued on DECIDED (sent on SENT)."""
    package = forwarding.draft_package(
        actor=None, meeting=meeting, proposals=proposals, recipient=RECIPIENT, signer=director
    )
    document = _sign(package.document, director)
    documents.issue_document(actor=None, document=document, issued_on=DECIDED)
    package.refresh_from_db()
    return package


def _line(proposal) -> dict:
    """The awardee as the Province's decision names her: as the Sở's list did."""
    return {
        "award": proposal.award, "person": proposal.person, "unit": proposal.unit,
        "name": proposal.line_name or proposal.subject_name, "position_title": proposal.line_position,
        "unit_name": proposal.line_unit or proposal.unit.name, "amount": None, "year": proposal.round.year,
    }  # fmt: skip


def answer(agency, package) -> Decision:
    """The Province's decision awarding every proposal of the package, registered and recorded; the
    provincial initiative of each awardee serves her title."""
    items = package.items.select_related(
        "proposal__award", "proposal__person", "proposal__unit", "proposal__round"
    )
    proposals = [item.proposal for item in items.order_by("position")]
    decision = registering.register_decision(
        actor=None, agency=agency, fields=PROVINCE, lines=[_line(p) for p in proposals],
        issuer=f"Chủ tịch {PROVINCE['sender_name']}", year=package.year, package=package,
    )  # fmt: skip
    decision = registering.record_decision(actor=None, decision=decision)
    for line in decision.lines.select_related("person", "record"):
        initiative = Initiative.objects.filter(
            year=line.year, recognition_level="tinh", authors__person=line.person,
            authors__award_record__isnull=True,
        ).first()  # fmt: skip
        if initiative is not None:
            achievements.serve_initiative(initiative=initiative, person=line.person, record=line.record)
    return decision
