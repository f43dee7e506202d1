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
