import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError

from organisations.models import (
    Agency,
    Unit,
    build_tree,
    descendant_ids,
    people_counts,
    unit_labels,
    validate_organisation_code,
)
from tests.factories import AgencyFactory, UnitFactory, staff_in

NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


@pytest.mark.parametrize("code", ["000.00.00.H55", "000.01.32.H55", ""])
def test_valid_organisation_codes(code):
    validate_organisation_code(code)


@pytest.mark.parametrize("code", ["H55", "000.00.00.h55", "000.00.00.H5", "00.00.00.H55", "000.00.00 .H55"])
def test_bad_organisation_code_is_refused_on_the_code_field(db, code):
    agency = AgencyFactory.build(code=code)
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert list(error.value.message_dict) == ["code"]


def test_agency_save_normalises_text(db):
    agency = AgencyFactory(
        name=NFD("  Sở Tài   nguyên "),
        short_name=NFD("SỞ TÀI NGUYÊN"),
        symbol=" stnmt",
        place_name=NFD("Sóc Trăng"),
        code="000.00.00.H55",
    )
    agency.refresh_from_db()
    assert agency.name == unicodedata.normalize("NFC", "Sở Tài nguyên")
    assert agency.short_name == unicodedata.normalize("NFC", "SỞ TÀI NGUYÊN")
    assert agency.symbol == "STNMT"
    assert agency.search_text == "so tai nguyen so tai nguyen stnmt 000.00.00.h55"


def test_unit_save_normalises_text(db):
    unit = UnitFactory(name=NFD(" Phòng  Kế hoạch "), symbol="pkh")
    unit.refresh_from_db()
    assert (unit.name, unit.symbol, unit.search_text) == ("Phòng Kế hoạch", "PKH", "phong ke hoach pkh")


def test_validity_period_end_before_start_is_refused(db):
    agency = AgencyFactory.build(valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2019, 12, 31))
    with pytest.raises(ValidationError) as error:
        agency.full_clean()
    assert list(error.value.message_dict) == ["valid_to"]


def test_is_active_and_active_queryset(db):
    closed = AgencyFactory(valid_from=dt.date(2008, 1, 1), valid_to=dt.date(2025, 6, 30))
    open_ended = AgencyFactory(valid_from=None, valid_to=None)
    future = AgencyFactory(valid_from=dt.date(2099, 1, 1))
    assert closed.is_active(dt.date(2025, 6, 30)) and not closed.is_active(dt.date(2025, 7, 1))
    assert not future.is_active()
    assert set(Agency.objects.active(dt.date(2025, 6, 30))) == {closed, open_ended}
    assert set(Agency.objects.active()) == {open_ended}


def test_lineage_and_current_successor(db):
    first, second, third, unrelated = AgencyFactory(), AgencyFactory(), AgencyFactory(), AgencyFactory()
    Agency.objects.filter(pk=first.pk).update(successor=second)
    Agency.objects.filter(pk=second.pk).update(successor=third)
    first.refresh_from_db()
    assert third.lineage_ids() == {first.pk, second.pk, third.pk}
    assert second.lineage_ids() == {first.pk, second.pk}
    assert unrelated.lineage_ids() == {unrelated.pk}
    assert first.current_successor() == third
    assert third.current_successor() == third


def test_successor_loops_do_not_hang(db):
    one, two = AgencyFactory(), AgencyFactory()
    Agency.objects.filter(pk=one.pk).update(successor=two)
    Agency.objects.filter(pk=two.pk).update(successor=one)
    one.refresh_from_db()
    assert one.lineage_ids() == {one.pk, two.pk}
    assert one.current_successor() == two


def test_unit_parent_in_another_agency_is_refused(world):
    unit = Unit(agency=world.agency, parent=world.other_unit, name="Tổ lạc", symbol="TL")
    with pytest.raises(ValidationError) as error:
        unit.full_clean()
    assert list(error.value.message_dict) == ["parent"]


@pytest.mark.parametrize("new_parent", ["division", "team"])
def test_unit_cannot_be_placed_under_itself(world, new_parent):
    world.division.parent = getattr(world, new_parent)
    with pytest.raises(ValidationError) as error:
        world.division.full_clean()
    assert list(error.value.message_dict) == ["parent"]


def test_unit_symbol_is_unique_in_its_agency(world):
    with pytest.raises(ValidationError) as error:
        Unit(agency=world.agency, name="Văn phòng 2", symbol="VP").full_clean()
    assert "__all__" in error.value.message_dict
    Unit(agency=world.other_agency, name="Phòng Kế hoạch", symbol="PKH").full_clean()


def test_descendant_ids_and_build_tree(world):
    units = list(Unit.objects.filter(agency=world.agency).order_by("pk"))
    assert descendant_ids({world.division.pk}, units) == {world.division.pk, world.team.pk}
    assert descendant_ids({world.team.pk}, units) == {world.team.pk}
    assert descendant_ids(set(), units) == set()
    tree = build_tree(units)
    assert [node["unit"] for node in tree] == [world.office, world.division]
    assert [child["unit"] for child in tree[1]["children"]] == [world.team]
    assert tree[0]["children"] == []


def test_a_lower_case_duplicate_symbol_is_a_validation_error_not_a_database_error(world):
    from django.core.exceptions import ValidationError

    from organisations.models import Unit

    duplicate = Unit(agency=world.agency, name="Phòng mới", symbol=" pkh ")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert duplicate.symbol == "PKH"
    assert "symbol" in str(error.value) or "__all__" in error.value.message_dict


def test_surrounding_spaces_of_a_code_are_trimmed_before_validation(db):
    agency = AgencyFactory.build(code=" 000.00.00.H55 ")
    agency.full_clean()
    assert agency.code == "000.00.00.H55"


# --- what pickers offer: in force, not closed, and labels with the path -----------------------------------


def test_in_force_hides_closed_and_future_units_unless_asked(db):
    agency = AgencyFactory()
    current = UnitFactory(agency=agency)
    closed = UnitFactory(agency=agency, valid_to=dt.date(2020, 12, 31))
    future = UnitFactory(agency=agency, valid_from=dt.date(2099, 1, 1))
    units = Unit.objects.filter(agency=agency)

    assert set(units.in_force()) == {current}
    assert set(units.in_force(show_closed=True)) == {current, closed, future}
    assert set(units.not_closed()) == {current, future}
    assert set(units.in_force(dt.date(2020, 6, 1))) == {current, closed}


def test_merged_agency_is_not_in_force(db):
    successor = AgencyFactory()
    merged = AgencyFactory(valid_to=dt.date(2025, 2, 28), successor=successor)

    assert list(Agency.objects.filter(pk__in=[merged.pk, successor.pk]).in_force()) == [successor]


def test_units_of_the_same_name_are_labelled_with_their_path(db, django_assert_num_queries):
    first = AgencyFactory(name="Sở Nông nghiệp và Môi trường")
    second = AgencyFactory(name="Sở Tài chính")
    office = UnitFactory(agency=first, name="Văn phòng Đăng ký đất đai")
    board_1 = UnitFactory(agency=first, name="Ban Giám đốc")
    board_2 = UnitFactory(agency=second, name="Ban Giám đốc")
    branch = UnitFactory(agency=first, parent=office, name="Chi nhánh Mỹ Xuyên")

    with django_assert_num_queries(1):
        units = list(Unit.objects.filter(pk__in=[office.pk, board_1.pk, board_2.pk, branch.pk]).with_path())
        labels = unit_labels(units)

    assert labels == {
        office.pk: "Văn phòng Đăng ký đất đai",
        board_1.pk: "Ban Giám đốc — Sở Nông nghiệp và Môi trường",
        board_2.pk: "Ban Giám đốc — Sở Tài chính",
        branch.pk: "Chi nhánh Mỹ Xuyên",
    }
    assert branch.path_name == "Chi nhánh Mỹ Xuyên — Văn phòng Đăng ký đất đai — Sở Nông nghiệp và Môi trường"


def test_lineage_costs_one_query_then_none_until_an_agency_changes(db, django_assert_num_queries):
    """Three merger generations used to cost a query each, on every request (issue 12)."""
    first = AgencyFactory()
    second = AgencyFactory()
    third = AgencyFactory()
    first.successor, second.successor = second, third
    first.save()
    second.save()

    with django_assert_num_queries(1):
        assert third.lineage_ids() == {first.pk, second.pk, third.pk}
    with django_assert_num_queries(0):
        assert third.lineage_ids() == {first.pk, second.pk, third.pk}
        assert second.lineage_ids() == {first.pk, second.pk}

    newest = AgencyFactory()
    third.successor = newest
    third.save()  # post_save: TREE_VERSION bumped

    with django_assert_num_queries(1):
        assert newest.lineage_ids() == {first.pk, second.pk, third.pk, newest.pk}


def test_unit_search_folds_accents_and_d_and_needs_every_word(world):
    training = UnitFactory(agency=world.agency, name="Trung tâm Đào tạo", symbol="TTDT")

    assert list(Unit.objects.search("dao tao")) == [training]
    assert list(Unit.objects.search("ĐÀO")) == [training]
    assert list(Unit.objects.search("ttdt")) == [training]
    assert list(Unit.objects.search("dao hoach")) == []
    assert set(Unit.objects.search("  ")) == set(Unit.objects.all())


def test_people_counts_are_counted_once_then_kept_until_a_post_changes(world, django_assert_num_queries):
    units = [world.office.pk, world.division.pk, world.team.pk, world.other_unit.pk]

    with django_assert_num_queries(1):
        assert people_counts(units) == dict.fromkeys(units, 1)
    with django_assert_num_queries(0):
        assert people_counts(units) == dict.fromkeys(units, 1)

    staff_in(world.team)  # an assignment saved

    assert people_counts(units)[world.team.pk] == 2
    assert people_counts([]) == {}
