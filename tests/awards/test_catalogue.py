"""The catalogue of titles as data: the codes other systems use, the subjects, and idempotent loading."""

import pytest

from awards.catalogue import ENTRIES, ensure_catalogue
from awards.models import Award, AwardKind, Subject

pytestmark = pytest.mark.django_db

API_CODES = {  # issue 5's contract: these codes are stable (a form has one code per subject)
    "lao-dong-tien-tien": Subject.INDIVIDUAL,
    "chien-si-thi-dua-co-so": Subject.INDIVIDUAL,
    "chien-si-thi-dua-tinh": Subject.INDIVIDUAL,
    "chien-si-thi-dua-toan-quoc": Subject.INDIVIDUAL,
    "tap-the-lao-dong-tien-tien": Subject.COLLECTIVE,
    "tap-the-lao-dong-xuat-sac": Subject.COLLECTIVE,
    "co-thi-dua-tinh": Subject.COLLECTIVE,
    "giay-khen": Subject.INDIVIDUAL,
    "bang-khen-tinh": Subject.INDIVIDUAL,
    "bang-khen-thu-tuong": Subject.INDIVIDUAL,
    "giay-khen-tap-the": Subject.COLLECTIVE,
}


def test_the_migration_loads_every_title_with_its_subject():
    found = dict(Award.objects.values_list("code", "subject"))
    for code, subject in API_CODES.items():
        assert found[code] == subject
    assert Award.objects.count() == len(ENTRIES)
    assert set(Award.objects.values_list("kind", flat=True)) == {AwardKind.TITLE, AwardKind.FORM}
    assert not Award.objects.filter(
        kind=AwardKind.FORM, registrable=True
    ).exists()  # one registers for titles


def test_every_title_cites_its_article_and_reference_status():
    for award in Award.objects.all():
        assert "Điều" in award.citation
        assert award.source_status in {"V1", "V2", "R", "U"}


def test_registration_offers_the_titles_a_sở_registers_for():
    codes = set(Award.objects.registrable().values_list("code", flat=True))
    assert {"lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"} <= codes
    assert "chien-si-thi-dua-toan-quoc" not in codes  # chosen among provincial fighters, not registered for
    individual = Award.objects.registrable().for_subject(Subject.INDIVIDUAL)
    assert all(award.is_individual for award in individual)


def test_loading_again_restores_edited_rows_without_duplicates():
    Award.objects.filter(code="lao-dong-tien-tien").update(name="sửa tay")
    ensure_catalogue()
    ensure_catalogue()
    assert Award.objects.count() == len(ENTRIES)
    assert Award.objects.get(code="lao-dong-tien-tien").name == "Lao động tiên tiến"
