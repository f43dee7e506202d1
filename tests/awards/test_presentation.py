"""The law's values in words (awards/presentation.py): settings, coefficients, shares, evidence tags and
verdicts — never a code or a raw decimal."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from awards import presentation
from awards.eligibility import CheckResult
from awards.models import Setting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.mark.parametrize(
    ("code", "value", "words"),
    [("rounding", "up", "làm tròn lên hàng chục nghìn đồng"), ("rounding", "none", "không làm tròn"),
     ("min-service-months", "6", "6 tháng"), ("council-presence", "0.8", "80% tổng số thành viên"),
     ("publicity-days", "10", "10 ngày làm việc")],
)  # fmt: skip
def test_every_setting_value_reads_in_words(code, value, words):
    assert presentation.setting_value_words(Setting.objects.get(code=code), value) == words


def test_the_choices_of_a_setting_are_words_in_their_order():
    choices = presentation.setting_choices(Setting.objects.get(code="rounding"))
    assert [value for value, _words in choices] == ["up", "nearest", "down", "none"]
    assert choices[2][1] == "làm tròn xuống hàng chục nghìn đồng"
    assert presentation.setting_choices(Setting.objects.get(code="min-service-months")) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [(Decimal("0.80"), "hệ số 0,8"), (Decimal("1.00"), "hệ số 1,0"), (Decimal("0.15"), "hệ số 0,15"),
     (Decimal("12.00"), "hệ số 12,0")],
)  # fmt: skip
def test_coefficients_are_written_as_the_decrees_write_them(value, words):
    assert presentation.coefficient_words(value) == words


def test_shares_and_numbers_take_the_vietnamese_comma():
    assert presentation.share_words(Decimal("0.15")) == "15%"
    assert presentation.share_words("0,875") == "87,5%"
    assert presentation.decimal_words("10000") == "10.000"


def test_only_a_row_read_in_full_needs_no_confirmation():
    assert not presentation.needs_confirmation("V1")
    assert all(presentation.needs_confirmation(tag) for tag in ("V2", "R", "U", ""))
    assert presentation.status_reason("R").startswith("Chỉ theo các nguồn thứ cấp")


def verdict(year: int, outcome: str, *checks):
    return SimpleNamespace(year=year, verdict=outcome, checks=list(checks))


RATING = CheckResult("rating-at-least", False, "Chưa có kết quả xếp loại năm.", "Điều 24", "V2",
                     "Xếp loại chất lượng năm xét từ mức “hoàn thành tốt nhiệm vụ” trở lên")  # fmt: skip
SERVICE = CheckResult("service-months", True, "Công tác 12 tháng.", "TT 01/2024", "V1", "Từ 6 tháng")


def test_a_year_not_ended_is_not_yet_due_and_names_the_missing_step():
    words = presentation.verdict_words(verdict(2026, "not_eligible", SERVICE, RATING), dt.date(2026, 12, 4))
    assert (words.label, words.css, words.open_year) == ("Chưa đến kỳ xét", "status-submitted", True)
    assert words.missing == [RATING.criterion]


def test_an_ended_year_is_not_met_and_eligible_meets():
    today = dt.date(2026, 12, 4)
    assert presentation.verdict_words(verdict(2025, "not_eligible", RATING), today).label == "Chưa đạt"
    assert presentation.verdict_words(verdict(2025, "eligible", SERVICE), today).label == "Đạt tiêu chuẩn"
    assert presentation.verdict_words(verdict(2025, "deferred", SERVICE), today).label == "Hoãn xét"


def render(text: str, **context) -> str:
    return Template("{% load law_words %}" + text).render(Context(context))


def test_the_evidence_mark_shows_the_tag_to_readers_of_the_law_only():
    ordinary = render("{% evidence 'R' %}")
    assert 'data-testid="needs-confirmation"' in ordinary and "<details" in ordinary
    assert 'data-testid="status"' not in ordinary and "Chỉ theo các nguồn thứ cấp" in ordinary
    assert render("{% evidence 'V1' %}").strip() == ""
    assert ">V1</span>" in render("{% evidence 'V1' %}", law_reader=True)


def test_the_filters_say_the_law_in_words():
    setting = Setting.objects.get(code="rounding")
    assert render("{{ c|coefficient }} {{ s|share }}", c=Decimal("1.5"), s=Decimal("0.9")) == "hệ số 1,5 90%"
    assert (
        render("{{ v|setting_value:setting }}", v="up", setting=setting)
        == "làm tròn lên hàng chục nghìn đồng"
    )
    missing = render("{{ v|missing_steps|join:'; ' }}", v=verdict(2025, "not_eligible", SERVICE, RATING))
    assert missing == render("{{ t }}", t=RATING.criterion)  # the criterion in words, escaped alike
