import datetime as dt

import factory

from accounts.models import Role, RoleGrant, User
from organisations.models import Agency, AgencyKind, Unit, UnitKind
from people.models import Assignment, Gender, Person

PASSWORD = "mat-khau-thu-nghiem"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    short_name = factory.LazyAttribute(lambda o: o.name.upper())
    kind = AgencyKind.DEPARTMENT
    symbol = factory.Sequence(lambda n: f"STN{n}")
    place_name = "Sóc Trăng"
    valid_from = dt.date(2008, 1, 1)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phòng số {n}")
    symbol = factory.Sequence(lambda n: f"P{n}")
    kind = UnitKind.DIVISION
    valid_from = dt.date(2008, 1, 1)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    agency = factory.SubFactory(AgencyFactory)
    staff_code = factory.Sequence(lambda n: f"CB{n:05d}")
    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Sequence(lambda n: ["An", "Bình", "Cường", "Dũng", "Đức", "Hà"][n % 6])
    gender = Gender.MALE
    date_of_birth = dt.date(1985, 5, 17)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    position = "Chuyên viên"
    start_date = dt.date(2017, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def staff_in(unit, **kwargs) -> Person:
    """A person currently assigned to `unit`."""
    person = PersonFactory(agency=unit.agency, **kwargs)
    AssignmentFactory(person=person, unit=unit)
    return person


def account_with_role(role, *, agency=None, unit=None, person=None, username=None) -> User:
    user = UserFactory(person=person, **({"username": username} if username else {}))
    if role != Role.STAFF:
        RoleGrant.objects.create(
            user=user, role=role, agency=agency or (unit.agency if unit else None), unit=unit
        )
    return user


class MovementFactory(factory.django.DjangoModelFactory):
    """A movement of the agency itself, running through the current year (status: in progress)."""

    class Meta:
        model = "movements.Movement"

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    theme = "Đoàn kết, sáng tạo, thi đua hoàn thành xuất sắc nhiệm vụ"
    kind = "regular"
    level = "agency"
    launched_by = "Giám đốc Sở"
    period_start = factory.LazyFunction(lambda: dt.date(dt.date.today().year, 1, 1))
    period_end = factory.LazyFunction(lambda: dt.date(dt.date.today().year, 12, 31))
    status = "in_progress"


class RoundFactory(factory.django.DjangoModelFactory):
    """A registration round of the current year, open from 1 January until 60 days from today."""

    class Meta:
        model = "movements.RegistrationRound"

    movement = factory.SubFactory(MovementFactory)
    year = factory.LazyAttribute(lambda o: o.movement.period_start.year)
    opens_on = factory.LazyAttribute(lambda o: dt.date(o.year, 1, 1))
    deadline = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=60))


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "achievements.Initiative"

    unit = factory.SubFactory(UnitFactory)
    agency = factory.LazyAttribute(lambda o: o.unit.agency)
    title = factory.Sequence(lambda n: f"Sáng kiến số hóa hồ sơ số {n}")
    year = factory.LazyFunction(lambda: dt.date.today().year)


class ExemplaryModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "achievements.ExemplaryModel"

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Mô hình “Công sở xanh” số {n}")
    year = factory.LazyFunction(lambda: dt.date.today().year)
    story = "Đơn vị thu gom, phân loại rác tại nguồn và bỏ hẳn chai nhựa dùng một lần trong các cuộc họp."
