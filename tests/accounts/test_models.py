import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.models import ApiToken, Role, RoleGrant, TwoFactorInvitation
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("role", "where", "field"),
    [
        (Role.UNIT_HEAD, "agency", "unit"),  # a unit role needs a unit
        (Role.SECRETARIAT, "agency+unit", "unit"),  # an agency role takes no unit
        (Role.COUNCIL_MEMBER, "nowhere", "agency"),  # only the installation admin has no agency
        (Role.UNIT_OFFICER, "unit_of_other_agency", "unit"),
    ],
)
def test_role_grant_validation(world, role, where, field):
    agency, unit = {
        "agency": (world.agency, None),
        "agency+unit": (world.agency, world.office),
        "nowhere": (None, None),
        "unit_of_other_agency": (world.agency, world.other_unit),
    }[where]
    with pytest.raises(ValidationError) as error:
        RoleGrant(user=world.staff, role=role, agency=agency, unit=unit).full_clean()
    assert field in error.value.message_dict


def test_valid_role_grants(world):
    RoleGrant(user=world.staff, role=Role.SYSTEM_ADMIN).full_clean()
    RoleGrant(user=world.staff, role=Role.UNIT_OFFICER, agency=world.agency, unit=world.team).full_clean()


@pytest.mark.parametrize("persona", ["council", "admin", "officer"])
def test_one_active_grant_per_role_and_place_is_validated(world, persona):
    grant = RoleGrant.objects.get(user=getattr(world, persona))
    twin = RoleGrant(user=grant.user, role=grant.role, agency=grant.agency, unit=grant.unit)
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "__all__" in error.value.message_dict
    grant.revoked_at = timezone.now()
    grant.save()
    twin.full_clean()
    twin.save()
    assert RoleGrant.objects.active().filter(user=grant.user).get() == twin


NULLS_NOT_DISTINCT = any(getattr(c, "nulls_distinct", None) is False for c in RoleGrant._meta.constraints)


@pytest.mark.skipif(
    connection.vendor == "sqlite" and NULLS_NOT_DISTINCT,
    reason="SQLite cannot build a NULLS NOT DISTINCT index",
)
@pytest.mark.parametrize("persona", ["council", "admin"])
def test_one_active_grant_per_role_and_place_in_the_database(world, persona):
    grant = RoleGrant.objects.get(user=getattr(world, persona))
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=grant.user, role=grant.role, agency=grant.agency, unit=grant.unit)
    assert RoleGrant.objects.filter(user=grant.user).count() == 1


def test_role_grant_str_names_the_place(world):
    assert str(RoleGrant.objects.get(user=world.officer)).endswith("— Phòng Kế hoạch")
    assert str(RoleGrant.objects.get(user=world.secretariat)).endswith("— Sở Thử nghiệm")
    assert str(world.admin) == "admin"


def test_api_token_generation_and_hash(db):
    raw = ApiToken.generate()
    assert raw.startswith("thd_") and len(raw) > 40 and raw != ApiToken.generate()
    assert len(ApiToken.hash(raw)) == 64 and ApiToken.hash(raw) == ApiToken.hash(raw)
    token = ApiToken.objects.create(user=UserFactory(), key_hash=ApiToken.hash(raw), hint=raw[:10])
    assert list(ApiToken.objects.active()) == [token]
    token.revoked_at = timezone.now()
    token.save()
    assert list(ApiToken.objects.active()) == []
    assert str(token).startswith(raw[:10])


def test_an_expired_token_is_not_active_but_still_listed_until_revoked(db):
    token = ApiToken.objects.create(user=UserFactory(), key_hash="x" * 64, hint="thd_x")
    assert (token.expires_at - timezone.now()).days == 89  # 90 days unless chosen
    token.expires_at = timezone.now()
    token.save()
    assert token.expired
    assert list(ApiToken.objects.active()) == []
    assert list(ApiToken.objects.unrevoked()) == [token]


def test_invitation_codes_are_random_groups_of_unambiguous_characters():
    codes = {TwoFactorInvitation.generate() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(TwoFactorInvitation.ALPHABET)
        assert not set("".join(groups)) & set("IO01")


def test_invitation_codes_are_compared_as_typed(db):
    code = "ABCD-EFGH-JKLM-NPQR"
    invitation = TwoFactorInvitation(code_hash=TwoFactorInvitation.hash(code))
    assert invitation.matches("abcd efgh jklm npqr") and invitation.matches("ABCDEFGHJKLMNPQR")
    assert not invitation.matches("ABCD-EFGH-JKLM-NPQS")
    assert TwoFactorInvitation.hash(code) != TwoFactorInvitation.hash("ABCD-EFGH-JKLM-NPQS")
