"""POST /api/v1/eligibility: the rules engine on a subject given inline (issue 5's contract); stores nothing.

The caller describes a person or a collective with its dated history; the answer is the verdict under the rule
set governing the achievement year, every check with its Vietnamese explanation and citation, who awards the
title, and the money. Bad input answers 422 with one Vietnamese message per field: pydantic's type errors
(api.errors.FIELD_MESSAGES) and, for codes and periods, this module's own, named by their dotted path
("subject.discipline.0.to").
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Router, Schema

from awards.eligibility import Engine, EngineError, Verdict
from awards.facts import (
    DISCIPLINE_LEVELS,
    INITIATIVE_LEVELS,
    RATINGS,
    TRACKS,
    Discipline,
    Facts,
    Initiative,
    Members,
    Title,
)
from awards.money import Amount

from .errors import FieldErrors
from .schemas import FIRST_YEAR, LAST_YEAR, AwardCode, Documented, RuleYear

router = Router(tags=["awards"])

KINDS = ("individual", "collective")
YEAR_KEY = "^(19|20)[0-9]{2}$"
GENDERS = ("nam", "nu")
DESCRIPTION = """Evaluates a person (`kind` "individual") or a collective (`kind` "collective", with
`members`) for an award code of `GET /api/v1/awards` and an achievement year, under the rule set governing
that year, with the reference's default settings (not any agency's own). Nothing is stored.

- `verdict`: `eligible`, `not_eligible`, or `deferred` (pending discipline, inspection or complaint).
- `checks`: one line per criterion; `passed` is false for the check that defers the award; `message` says
  what was found for this subject, `criterion` the condition itself (the award page's words).
- `amount`: the reward money (coefficient × base salary in force on `decision_date`, rounded up to the next
  10.000 đồng); **null** unless the verdict is `eligible` and a `decision_date` is given (also null for a
  decision before the first base salary known, 01/07/2017).
- Optional fields: `decision_date` null; `hired_on` null (service unknown: the service check fails);
  `gender` "" (or "nam", "nu"); lists empty; `pending_review` false; `members` only for collectives;
  `track` "cong-trang"; `used_for` null (the initiative is still free); `to` null (still running).
- Rules between fields (422 otherwise): the subject's `kind` is the award's `subject`; `members` only for a
  collective, no count above `total`; `decision_date` not before 1 January of `year`; a period's `to` not
  before its `from`; `ratings` keys are years from 1900 to 2099.
- 422: one Vietnamese message per field; the codes and periods this endpoint checks itself are named by
  their dotted path, e.g. `subject.ratings.2021`, `subject.discipline.0.to`."""


# --- Request ----------------------------------------------------------------------------------------------


def _codes(codes, text: str, default=...):
    return Field(default, description=text, json_schema_extra={"enum": list(codes)})


HistoryYear = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Ratings = Annotated[
    dict[str, str],
    Documented(
        propertyNames={"pattern": YEAR_KEY}, additionalProperties={"type": "string", "enum": list(RATINGS)}
    ),
]


class TitleIn(Schema):
    award: AwardCode = Field(description="Award code already received, e.g. lao-dong-tien-tien.")
    year: HistoryYear = Field(description="Achievement year it rewarded.")
    track: str = _codes(TRACKS, "Kind of achievement: merit, ad hoc, thematic or long service.", "cong-trang")


class InitiativeIn(Schema):
    year: HistoryYear = Field(description="Year the initiative was recognised.")
    level: str = _codes(INITIATIVE_LEVELS, "Level of recognition.")
    used_for: AwardCode | None = Field(
        None, description="Award code it was already the basis of; null: free."
    )


class PeriodIn(Schema):
    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(None, alias="to", description="Null: still running.")


class DisciplineIn(PeriodIn):
    level: str = _codes(DISCIPLINE_LEVELS, "Disciplinary measure.")


class MembersIn(Schema):
    total: int = Field(ge=1, description="Number of members of the collective.")
    completed_tasks: int = Field(0, ge=0)
    lao_dong_tien_tien: int = Field(0, ge=0)
    chien_si_thi_dua_co_so: int = Field(0, ge=0)
    disciplined_canh_cao_or_above: int = Field(0, ge=0)
    women: int = Field(0, ge=0)


class SubjectIn(Schema):
    kind: str = _codes(KINDS, "individual or collective.")
    hired_on: dt.date | None = None
    gender: str = _codes(("", *GENDERS), '"nam", "nu" or "" (unknown).', "")
    ratings: Ratings = Field(
        default_factory=dict,
        description='Year → rating, e.g. {"2021": "HTXSNV"}; HTXSNV, HTTNV, HTNV, KHTNV.',
    )
    titles: list[TitleIn] = Field(default_factory=list)
    initiatives: list[InitiativeIn] = Field(default_factory=list)
    discipline: list[DisciplineIn] = Field(default_factory=list)
    pending_review: bool = False
    maternity_leave: list[PeriodIn] = Field(default_factory=list)
    members: MembersIn | None = Field(None, description="Collectives only.")


class EligibilityIn(Schema):
    award: AwardCode = Field(description="Award code, e.g. chien-si-thi-dua-co-so.")
    year: RuleYear = Field(description="Achievement year (picks the rule set).")
    decision_date: dt.date | None = Field(None, description="Day of the decision (picks the base salary).")
    subject: SubjectIn


# --- Response ---------------------------------------------------------------------------------------------


class CheckOut(Schema):
    code: str
    passed: bool
    message: str
    criterion: str = Field(
        description="The condition the check verifies, in words — the text of the award's page "
        "(/app/awards/<code>/) for the same criterion, e.g. “Thời gian công tác trong năm từ 6 tháng trở "
        "lên”."
    )
    citation: str
    status: str = Field(description="Reference status: V1/V2 verified, R reported, U unverified.")


class AuthorityOut(Schema):
    code: str
    name: str


class AmountOut(Schema):
    coefficient: str = Field(description='Coefficient of the base salary, e.g. "1.0".')
    base_salary: int
    amount: int
    in_words: str


class EligibilityOut(Schema):
    award: str
    year: int
    rule_set: str
    verdict: Literal["eligible", "not_eligible", "deferred"]
    checks: list[CheckOut]
    authority: AuthorityOut
    within_agency_authority: bool = Field(description="The head of the Sở awards it himself.")
    amount: AmountOut | None


@router.post(
    "", response=EligibilityOut, summary="Is this subject eligible for the award?", description=DESCRIPTION
)
def evaluate(request, payload: EligibilityIn):
    engine = Engine()
    errors = _errors(payload, engine)
    if errors:
        raise FieldErrors(errors)
    facts = _facts(payload.subject)
    try:
        verdict = engine.evaluate(facts, payload.award, payload.year, decision_date=payload.decision_date)
    except EngineError as error:
        raise FieldErrors({error.field: str(error)}) from error
    return _answer(verdict)


# --- Validation -------------------------------------------------------------------------------------------


def _one_of(codes, what: str, value) -> str:
    allowed = ", ".join(codes)
    return f"{what} “{value}” không hợp lệ: dùng một trong các mã {allowed}."


def _errors(payload: EligibilityIn, engine: Engine) -> dict[str, str]:
    errors = {}
    if payload.award not in engine.awards:
        errors["award"] = (
            f"Không có danh hiệu hay hình thức khen thưởng mã “{payload.award}”: "
            "xem danh sách mã tại GET /api/v1/awards."
        )
    try:
        engine.rule_set_for(payload.year)
    except EngineError as error:
        errors[error.field] = str(error)
    if payload.decision_date and payload.decision_date < dt.date(payload.year, 1, 1):
        errors["decision_date"] = f"Ngày quyết định không thể trước năm thành tích {payload.year}."
    errors.update(_subject_errors(payload.subject, engine.awards))
    return errors


def _subject_errors(subject: SubjectIn, awards: dict) -> dict[str, str]:
    errors = {}
    if subject.kind not in KINDS:
        errors["kind"] = "Loại đối tượng phải là “individual” (cá nhân) hoặc “collective” (tập thể)."
    elif subject.kind == "individual" and subject.members is not None:
        errors["members"] = (
            "Chỉ tập thể (kind “collective”) mới có số liệu thành viên: bỏ trường members hoặc sửa kind."
        )
    if subject.gender not in ("", *GENDERS):
        errors["gender"] = "Giới tính phải là “nam”, “nu” hoặc để trống."
    for year, rating in subject.ratings.items():
        if not re.fullmatch(YEAR_KEY, year):
            errors[f"ratings.{year}"] = "Khoá của ratings phải là một năm từ 1900 đến 2099, ví dụ “2021”."
        elif rating not in RATINGS:
            errors[f"ratings.{year}"] = _one_of(reversed(RATINGS), "Mã xếp loại", rating)
    errors.update(_history_errors(subject, awards))
    if subject.members is not None:
        errors.update(_member_errors(subject.members))
    return {f"subject.{name}": text for name, text in errors.items()}


def _history_errors(subject: SubjectIn, awards: dict) -> dict[str, str]:
    errors = {}
    unknown = "Không có danh hiệu hay hình thức khen thưởng mã “{}”."
    for n, title in enumerate(subject.titles):
        if title.award not in awards:
            errors[f"titles.{n}.award"] = unknown.format(title.award)
        if title.track not in TRACKS:
            errors[f"titles.{n}.track"] = _one_of(TRACKS, "Loại khen thưởng (track)", title.track)
    for n, initiative in enumerate(subject.initiatives):
        if initiative.level not in INITIATIVE_LEVELS:
            errors[f"initiatives.{n}.level"] = _one_of(INITIATIVE_LEVELS, "Cấp sáng kiến", initiative.level)
        if initiative.used_for is not None and initiative.used_for not in awards:
            errors[f"initiatives.{n}.used_for"] = unknown.format(initiative.used_for)
    for n, discipline in enumerate(subject.discipline):
        if discipline.level not in DISCIPLINE_LEVELS:
            errors[f"discipline.{n}.level"] = _one_of(
                DISCIPLINE_LEVELS, "Hình thức kỷ luật", discipline.level
            )
    periods = [("discipline", subject.discipline), ("maternity_leave", subject.maternity_leave)]
    for name, items in periods:
        for n, period in enumerate(items):
            if period.end is not None and period.end < period.start:
                errors[f"{name}.{n}.to"] = (
                    f"Ngày kết thúc ({period.end:%d/%m/%Y}) trước ngày bắt đầu ({period.start:%d/%m/%Y}): "
                    "kiểm tra lại thời hạn."
                )
    return errors


def _member_errors(members: MembersIn) -> dict[str, str]:
    counts = members.dict(exclude={"total"})
    return {
        f"members.{name}": f"Không thể lớn hơn tổng số thành viên ({members.total})."
        for name, count in counts.items()
        if count > members.total
    }


# --- Conversion -------------------------------------------------------------------------------------------


def _facts(subject: SubjectIn) -> Facts:
    members = subject.members
    return Facts(
        kind=subject.kind,
        ratings={int(year): rating for year, rating in subject.ratings.items()},
        titles=[Title(t.award, t.year, t.track) for t in subject.titles],
        initiatives=[Initiative(i.year, i.level, i.used_for) for i in subject.initiatives],
        discipline=[Discipline(d.level, d.start, d.end) for d in subject.discipline],
        hired_on=subject.hired_on,
        gender=subject.gender,
        pending_review=subject.pending_review,
        maternity_leave=[(m.start, m.end) for m in subject.maternity_leave],
        members=Members(**members.dict()) if members is not None else None,
    )


def coefficient_text(value: Decimal) -> str:
    """Decimal("1.00") → "1.0", Decimal("0.30") → "0.3", Decimal("12.00") → "12.0": at least one decimal."""
    text = f"{value.normalize():f}"
    return text if "." in text else f"{text}.0"


def _amount(amount: Amount | None) -> dict | None:
    if amount is None:
        return None
    return {
        "coefficient": coefficient_text(amount.coefficient),
        "base_salary": amount.base_salary,
        "amount": amount.amount,
        "in_words": amount.in_words,
    }


def _answer(verdict: Verdict) -> dict:
    award = verdict.award
    checks = [
        {
            "code": check.code,
            "passed": bool(check.passed),  # None (deferred) → false; the verdict says "deferred"
            "message": check.message,
            "criterion": check.criterion,
            "citation": check.citation,
            "status": check.status,
        }
        for check in verdict.checks
    ]
    return {
        "award": award.code,
        "year": verdict.year,
        "rule_set": verdict.rule_set.code,
        "verdict": verdict.verdict,
        "checks": checks,
        "authority": {"code": award.authority_code, "name": award.authority},
        "within_agency_authority": award.within_agency_authority,
        "amount": _amount(verdict.amount),
    }
