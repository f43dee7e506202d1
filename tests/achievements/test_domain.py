"""achievements.domain: recording initiatives with their authors and shares, evidence, exemplary models and
photos — each refusal with its code and nothing changed, each change with its activity row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from achievements import domain
from achievements.models import Evidence, ExemplaryModel, Initiative, InitiativeAuthor, Photo
from activity.models import ActivityLog
from tests.achievements.helpers import (
    LAST_YEAR,
    PDF_BYTES,
    fields,
    jpeg_bytes,
    make_initiative,
    make_model,
    png_bytes,
    recognised,
    upload,
)
from tests.factories import (
    AgencyFactory,
    AssignmentFactory,
    MovementFactory,
    UnitFactory,
    account_with_role,
    staff_in,
)

pytestmark = pytest.mark.django_db
D = Decimal


def actions() -> list[str]:
    return list(ActivityLog.objects.order_by("id").values_list("action", flat=True))


# --- recording an initiative --------------------------------------------------------------------------


def test_record_initiative_with_authors_and_recognition(world):
    movement = MovementFactory(agency=world.agency)
    initiative = domain.record_initiative(
        actor=world.secretariat,
        agency=world.agency,
        unit=world.division,
        fields=recognised(movement=movement, title="  Số hóa hồ sơ  "),
        authors=[(world.team_person, D("33.33")), (world.division_person, D("66.67"))],
    )
    initiative.refresh_from_db()
    assert (initiative.title, initiative.unit, initiative.movement, initiative.created_by) == (
        "Số hóa hồ sơ",
        world.division,
        movement,
        world.secretariat,
    )
    assert initiative.is_recognised and initiative.recognised_on == dt.date(LAST_YEAR, 12, 20)
    assert [(a.person, a.share) for a in initiative.authors.all()] == [
        (world.division_person, D("66.67")),
        (world.team_person, D("33.33")),
    ]
    log = ActivityLog.objects.get()
    assert (log.action, log.actor, log.agency, log.target_id) == (
        "achievements.initiative.recorded",
        world.secretariat,
        world.agency,
        str(initiative.pk),
    )
    assert log.data["after"]["authors"] == "Đặng Thị Hương (33.33%); Lê Văn Minh (66.67%)"
    assert log.data["after"]["recognition_level"] == "co-so"


def test_an_author_of_a_predecessor_agency_is_accepted(world):
    predecessor = AgencyFactory(name="Sở cũ", successor=world.agency)
    veteran = staff_in(UnitFactory(agency=predecessor))
    initiative = make_initiative(world, authors=[(veteran, D("100"))])
    assert list(initiative.authors.values_list("person", flat=True)) == [veteran.pk]


def test_a_predecessor_agency_records_the_past_work_of_someone_now_in_its_successor(world):
    """The 2021 Sở records an initiative of 2021 whose author has since moved to the merged agency."""
    predecessor = AgencyFactory(name="Sở cũ", successor=world.agency)
    old_unit = UnitFactory(agency=predecessor)
    AssignmentFactory(person=world.division_person, unit=old_unit, start_date=dt.date(2019, 1, 1))

    initiative = domain.record_initiative(
        actor=None,
        agency=predecessor,
        unit=old_unit,
        fields=fields(year=2021),
        authors=[(world.division_person, D("100"))],
    )

    assert initiative.agency == predecessor
    assert list(initiative.authors.values_list("person", flat=True)) == [world.division_person.pk]
    with pytest.raises(ValidationError) as refused:  # never posted there: still a stranger
        domain.record_initiative(
            actor=None,
            agency=predecessor,
            unit=old_unit,
            fields=fields(year=2021),
            authors=[(world.team_person, D("100"))],
        )
    assert refused.value.code == "author_agency"


def refusal_cases(world):
    movement_elsewhere = MovementFactory(agency=world.other_agency)
    p, q = world.division_person, world.team_person
    return {
        "no_authors": ({}, []),
        "duplicate_author": ({}, [(p, D("50")), (p, D("50"))]),
        "shares": ({}, [(p, D("60")), (q, D("30"))]),
        "shares_zero": ({}, [(p, D("100")), (q, D("0"))]),
        "shares_decimals": ({}, [(p, D("33.333")), (q, D("66.667"))]),
        "author_agency": ({}, [(p, D("50")), (world.other_person, D("50"))]),
        "unit_agency": ({"unit": world.other_unit}, [(p, D("100"))]),
        "recognition": ({"recognition_level": "co-so"}, [(p, D("100"))]),
        "future_date": (
            {"recognition_level": "tinh", "recognised_on": dt.date.today() + dt.timedelta(days=1)},
            [(p, D("100"))],
        ),
        "year": ({"year": dt.date.today().year + 1}, [(p, D("100"))]),
        "movement_agency": ({"movement": movement_elsewhere}, [(p, D("100"))]),
    }


CASES = [
    ("no_authors", "no_authors"),
    ("duplicate_author", "duplicate_author"),
    ("shares", "shares"),
    ("shares_zero", "shares"),
    ("shares_decimals", "shares"),
    ("author_agency", "author_agency"),
    ("unit_agency", "unit_agency"),
    ("recognition", "recognition"),
    ("future_date", "future_date"),
    ("year", "year"),
    ("movement_agency", "movement_agency"),
]


@pytest.mark.parametrize(("case", "code"), CASES)
def test_record_initiative_refusals(world, case, code):
    overrides, authors = refusal_cases(world)[case]
    unit = overrides.pop("unit", world.division)
    with pytest.raises(ValidationError) as caught:
        domain.record_initiative(
            actor=world.secretariat,
            agency=world.agency,
            unit=unit,
            fields=fields(**overrides),
            authors=authors,
        )
    assert caught.value.code == code
    assert not Initiative.objects.exists() and not InitiativeAuthor.objects.exists()
    assert actions() == []


def test_shares_message_says_the_total(world, english):
    with pytest.raises(ValidationError) as caught:
        make_initiative(world, authors=[(world.division_person, D("60")), (world.team_person, D("39.5"))])
    assert caught.value.messages == ["The authors' shares add up to 99,5%; they must add up to exactly 100%."]


def test_a_blank_title_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        make_initiative(world, title="   ")
    assert "title" in caught.value.error_dict
    assert not Initiative.objects.exists()


def test_who_may_record(world):
    authors = [(world.team_person, D("100"))]
    for actor, unit in (
        (world.staff, world.office),
        (world.officer, world.office),
        (world.head, world.division),
    ):
        with pytest.raises(PermissionDenied):
            domain.record_initiative(
                actor=actor, agency=world.agency, unit=unit, fields=fields(), authors=authors
            )
    assert not Initiative.objects.exists() and actions() == []
    initiative = domain.record_initiative(
        actor=world.officer, agency=world.agency, unit=world.team, fields=fields(), authors=authors
    )
    assert initiative.unit == world.team and initiative.created_by == world.officer


# --- updating an initiative ---------------------------------------------------------------------------


def test_update_initiative_fields_and_authors(world):
    initiative = make_initiative(world)
    domain.update_initiative(
        actor=world.officer,
        initiative=initiative,
        fields=recognised(title="Số hóa hồ sơ (bản 2)"),
        authors=[(world.team_person, D("100"))],
    )
    initiative.refresh_from_db()
    assert initiative.title == "Số hóa hồ sơ (bản 2)" and initiative.recognition_level == "co-so"
    assert [(a.person, a.share) for a in initiative.authors.all()] == [(world.team_person, D("100"))]
    log = ActivityLog.objects.filter(action="achievements.initiative.updated").get()
    assert log.actor == world.officer
    assert log.data["before"]["authors"] == "Lê Văn Minh (60%); Đặng Thị Hương (40%)"
    assert log.data["after"]["authors"] == "Đặng Thị Hương (100%)"
    assert (log.data["before"]["title"], log.data["after"]["title"]) == (
        "Số hóa hồ sơ thi đua, khen thưởng",
        "Số hóa hồ sơ (bản 2)",
    )


def test_update_refused_leaves_everything(world):
    initiative = make_initiative(world)
    with pytest.raises(ValidationError) as caught:
        domain.update_initiative(
            actor=world.secretariat,
            initiative=initiative,
            fields={"title": "Tên mới"},
            authors=[(world.team_person, D("50"))],
        )
    assert caught.value.code == "shares"
    initiative.refresh_from_db()
    assert initiative.title == "Số hóa hồ sơ thi đua, khen thưởng"
    assert initiative.authors.count() == 2
    assert actions() == ["achievements.initiative.recorded"]


def test_update_without_authors_keeps_them(world):
    initiative = make_initiative(world)
    domain.update_initiative(actor=None, initiative=initiative, fields={"scope": "Toàn tỉnh"})
    assert initiative.authors.count() == 2
    log = ActivityLog.objects.filter(action="achievements.initiative.updated").get()
    assert log.data == {"before": {"scope": "Toàn Sở"}, "after": {"scope": "Toàn tỉnh"}}


def test_officer_may_not_edit_or_move_beyond_her_units(world):
    office_initiative = make_initiative(world, unit=world.office)
    with pytest.raises(PermissionDenied):
        domain.update_initiative(actor=world.officer, initiative=office_initiative, fields={"title": "X"})
    own = make_initiative(world, unit=world.team)
    with pytest.raises(PermissionDenied):
        domain.update_initiative(actor=world.officer, initiative=own, fields={"unit": world.office})
    own.refresh_from_db()
    assert own.unit == world.team
    with pytest.raises(PermissionDenied):
        domain.update_initiative(actor=world.staff, initiative=own, fields={"title": "X"})


# --- evidence -----------------------------------------------------------------------------------------


def test_add_evidence_keeps_the_file(world, media):
    initiative = make_initiative(world)
    evidence = domain.add_evidence(
        actor=world.officer, initiative=initiative, upload=upload("thuyet-minh.pdf", PDF_BYTES)
    )
    evidence.refresh_from_db()
    assert (evidence.name, evidence.content_type, evidence.size) == (
        "thuyet-minh.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    with evidence.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert str(media) in evidence.file.path
    log = ActivityLog.objects.get(action="achievements.evidence.added")
    assert log.data["after"]["evidence"] == evidence.pk and log.data["after"]["name"] == "thuyet-minh.pdf"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"MZ\x90\x00" + b"\x00" * 64, "executable"), (b"", "empty"), (b"plain text", "unsupported")],
)
def test_refused_evidence(world, media, content, code):
    initiative = make_initiative(world)
    with pytest.raises(ValidationError) as caught:
        domain.add_evidence(actor=world.secretariat, initiative=initiative, upload=upload("x.pdf", content))
    assert caught.value.code == code
    assert not Evidence.objects.exists() and not list(media.rglob("*.*"))
    assert actions() == ["achievements.initiative.recorded"]


def test_staff_may_not_add_evidence(world, media):
    initiative = make_initiative(world)
    with pytest.raises(PermissionDenied):
        domain.add_evidence(actor=world.staff, initiative=initiative, upload=upload("a.pdf", PDF_BYTES))
    assert not Evidence.objects.exists()


# --- exemplary models ---------------------------------------------------------------------------------


def test_record_model_with_people_and_units(world):
    movement = MovementFactory(agency=world.agency)
    model = domain.record_model(
        actor=world.secretariat,
        agency=world.agency,
        fields={
            "kind": "dien-hinh",
            "title": "Gương sáng",
            "year": LAST_YEAR,
            "story": "Câu chuyện.",
            "movement": movement,
        },
        people=[world.division_person, world.office_person],
        units=[world.division],
    )
    model.refresh_from_db()
    assert (model.kind, model.movement, model.created_by) == ("dien-hinh", movement, world.secretariat)
    assert set(model.people.all()) == {world.division_person, world.office_person}
    assert list(model.units.all()) == [world.division]
    log = ActivityLog.objects.get()
    assert log.action == "achievements.model.recorded" and log.target_id == str(model.pk)
    assert log.data["after"]["units"] == "Phòng Kế hoạch"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"people": "other"}, "person_agency"),
        ({"units": "other"}, "unit_agency"),
        ({"year": 1900}, "year"),
        ({"movement": "other"}, "movement_agency"),
    ],
)
def test_record_model_refusals(world, overrides, code):
    elsewhere = {"people": [world.other_person], "units": [world.other_unit]}
    arguments = {"people": [world.division_person], "units": [world.division]}
    values = {"kind": "dien-hinh", "title": "Gương sáng", "year": LAST_YEAR, "story": "Câu chuyện."}
    for name, value in overrides.items():
        if name in arguments:
            arguments[name] = elsewhere[name]
        elif name == "movement":
            values["movement"] = MovementFactory(agency=world.other_agency)
        else:
            values[name] = value
    with pytest.raises(ValidationError) as caught:
        domain.record_model(actor=world.secretariat, agency=world.agency, fields=values, **arguments)
    assert caught.value.code == code
    assert not ExemplaryModel.objects.exists() and actions() == []


def test_who_may_record_a_model(world):
    values = {"kind": "dien-hinh", "title": "Gương sáng", "year": LAST_YEAR, "story": "Câu chuyện."}
    for actor, units in ((world.staff, [world.office]), (world.officer, [world.office]), (world.officer, [])):
        with pytest.raises(PermissionDenied):
            domain.record_model(actor=actor, agency=world.agency, fields=values, units=units)
    assert not ExemplaryModel.objects.exists()
    model = domain.record_model(
        actor=world.officer, agency=world.agency, fields=values, units=[world.office, world.team]
    )
    assert set(model.units.all()) == {world.office, world.team}


def test_update_model(world):
    model = make_model(world)
    domain.update_model(
        actor=world.officer, model=model, fields={"title": "Công sở xanh, sạch"}, people=[world.team_person]
    )
    model.refresh_from_db()
    assert model.title == "Công sở xanh, sạch" and list(model.people.all()) == [world.team_person]
    assert list(model.units.all()) == [world.division]
    log = ActivityLog.objects.get(action="achievements.model.updated")
    assert log.data["before"]["people"] == "Lê Văn Minh" and log.data["after"]["people"] == "Đặng Thị Hương"
    assert "units" not in log.data["after"]


def test_update_model_refusals_change_nothing(world):
    model = make_model(world, units=[world.office])
    with pytest.raises(PermissionDenied):
        domain.update_model(actor=world.officer, model=model, fields={"title": "X"})
    own = make_model(world)
    with pytest.raises(PermissionDenied):  # she may not hand the model to units that are not hers
        domain.update_model(actor=world.officer, model=own, fields={}, units=[world.office])
    with pytest.raises(ValidationError) as caught:
        domain.update_model(
            actor=world.secretariat, model=own, fields={"title": "Y"}, people=[world.other_person]
        )
    assert caught.value.code == "person_agency"
    own.refresh_from_db()
    assert own.title == "Mô hình “Công sở xanh”" and list(own.units.all()) == [world.division]
    assert list(own.people.all()) == [world.division_person]
    assert not ActivityLog.objects.filter(action="achievements.model.updated").exists()


# --- photos -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("anh.png", png_bytes(), "image/png"), ("anh.jpg", jpeg_bytes(), "image/jpeg")],
)
def test_add_photo(world, media, name, content, content_type):
    model = make_model(world)
    photo = domain.add_photo(
        actor=world.officer, model=model, upload=upload(name, content), caption=" Buổi ra quân "
    )
    photo.refresh_from_db()
    assert (photo.caption, photo.content_type, photo.size, photo.uploaded_by) == (
        "Buổi ra quân",
        content_type,
        len(content),
        world.officer,
    )
    with photo.file.open("rb") as stored:
        assert stored.read() == content
    log = ActivityLog.objects.get(action="achievements.photo.added")
    assert log.data["after"] == {"photo": photo.pk, "caption": "Buổi ra quân", "size": len(content)}


@pytest.mark.parametrize(
    "content",
    [PDF_BYTES, b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 3, b"MZ\x90\x00" + b"\x00" * 64, b"hello"],
)
def test_a_non_image_is_refused(world, media, content):
    model = make_model(world)
    with pytest.raises(ValidationError) as caught:
        domain.add_photo(actor=world.secretariat, model=model, upload=upload("anh.png", content))
    assert caught.value.code == "not_image"
    assert not Photo.objects.exists() and not list(media.rglob("*.*"))
    assert not ActivityLog.objects.filter(action="achievements.photo.added").exists()


def test_only_editors_add_photos(world, media):
    model = make_model(world)
    other_secretariat = account_with_role(Role.SECRETARIAT, agency=world.other_agency)
    for actor in (world.staff, world.head, other_secretariat):
        with pytest.raises(PermissionDenied):
            domain.add_photo(actor=actor, model=model, upload=upload("anh.png", png_bytes()))
    assert not Photo.objects.exists()
