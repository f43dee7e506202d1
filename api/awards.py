"""The catalogue of titles with their rule sets, and the council-vote check (issue 5's contract).

Both read law data only (awards.*): the catalogue is public law, readable by any authenticated caller.
"""

import datetime as dt
from typing import Annotated

from django.db.models import Prefetch
from ninja import Field, Router, Schema

from awards.council import council_result
from awards.models import Award, AwardRule, RuleSet, Subject

from .errors import FieldErrors
from .schemas import AwardCode, Documented

MAX_MEMBERS = 10_000
awards = Router(tags=["awards"])
council = Router(tags=["awards"])


class RuleSetOut(Schema):
    code: str
    name: str
    effective_from: dt.date
    effective_to: dt.date | None = Field(description="Null: still in force.")
    coefficient: str = Field(description='Money coefficient of the base salary, e.g. "0.3".')
    council_threshold: str | None = Field(description="Share of the whole council; null: simple majority.")
    citation: str
    status: str = Field(description="Reference status: V1/V2 verified, R reported, U unverified.")


class AwardOut(Schema):
    code: str
    name: str
    subject: Subject
    kind: str
    authority: str = Field(description="Who awards it.")
    citation: str
    status: str
    rule_sets: list[RuleSetOut]

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.source_status

    @staticmethod
    def resolve_rule_sets(obj) -> list[dict]:
        return [_rule_set(rule) for rule in obj.rules.all()]


def _rule_set(rule: AwardRule) -> dict:
    rule_set = rule.rule_set
    threshold = rule.council_threshold
    return {
        "code": rule_set.code,
        "name": rule_set.name,
        "effective_from": rule_set.effective_from,
        "effective_to": rule_set.effective_to,
        "coefficient": f"{rule.coefficient.normalize():f}",
        "council_threshold": f"{threshold.normalize():f}" if threshold is not None else None,
        "citation": rule.coefficient_citation,
        "status": rule.source_status,
    }


class AwardList(Schema):
    items: list[AwardOut]
    count: int


@awards.get("", response=AwardList, summary="The catalogue of titles and their rule sets")
def list_awards(request):
    rules = AwardRule.objects.select_related("rule_set").order_by("rule_set__effective_from")
    items = list(Award.objects.prefetch_related(Prefetch("rules", queryset=rules)))
    return {"items": items, "count": len(items)}


class VoteIn(Schema):
    award: AwardCode = Field(description="Award code, e.g. chien-si-thi-dua-co-so.")
    decision_date: dt.date = Field(
        description="Day of the council's vote (picks the rule set in force), from 01/10/2017."
    )
    members_total: Annotated[int, Documented(minimum=1, maximum=MAX_MEMBERS)] = Field(
        description="The council's whole membership, present or not."
    )
    votes_for: Annotated[int, Documented(minimum=0, maximum=MAX_MEMBERS)] = Field(
        description="Votes for, written votes of absent members included; at most `members_total`."
    )


class VoteOut(Schema):
    passes: bool
    required: int
    threshold: str = Field(description='Share of the whole membership; "0.5" with a simple majority.')
    rule_set: str
    citation: str


COUNCIL_DESCRIPTION = """The share of votes the award needs under the rule set in force on `decision_date`
(from 01/10/2017, the first rule set), and whether `votes_for` reach it. `votes_for` is at most
`members_total`; 422 otherwise, one Vietnamese message per field."""


@council.post(
    "",
    response=VoteOut,
    summary="Does the council's vote carry the award?",
    description=COUNCIL_DESCRIPTION,
)
def council_vote(request, vote: VoteIn):
    rule = _rule_for_vote(vote)
    result = council_result(rule, members_total=vote.members_total, votes_for=vote.votes_for)
    return {
        "passes": result.passes,
        "required": result.required,
        "threshold": f"{result.threshold.normalize():f}",
        "rule_set": rule.rule_set.code,
        "citation": result.citation,
    }


def _rule_for_vote(vote: VoteIn) -> AwardRule:
    errors = {}
    if vote.members_total < 1:
        errors["members_total"] = "Hội đồng phải có ít nhất một thành viên."
    elif vote.members_total > MAX_MEMBERS:
        errors["members_total"] = "Hội đồng có nhiều nhất 10.000 thành viên: kiểm tra lại tổng số thành viên."
    elif not 0 <= vote.votes_for <= vote.members_total:
        errors["votes_for"] = "Số phiếu đồng ý phải từ 0 đến tổng số thành viên Hội đồng."
    award = Award.objects.filter(code=vote.award).first()
    if award is None:
        errors["award"] = f"Không có danh hiệu hay hình thức khen thưởng mã “{vote.award}”."
    rule_set = RuleSet.objects.in_force_on(vote.decision_date)
    if rule_set is None:
        errors["decision_date"] = "Ngày này không thuộc bộ quy định nào của hệ thống (từ 01/10/2017)."
    rule = AwardRule.objects.filter(award=award, rule_set=rule_set).select_related("rule_set").first()
    if rule is None and not errors:
        errors["award"] = "Bộ quy định đang có hiệu lực vào ngày này không quy định danh hiệu này."
    if errors:
        raise FieldErrors(errors)
    return rule
