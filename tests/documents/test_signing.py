"""documents.signing: who may sign for an agency, and the signature block each one prints."""

from accounts.domain import revoke_role
from accounts.models import Role, RoleGrant
from documents.signing import signing_option, signing_options, signing_options_by_agency
from tests.factories import account_with_role, staff_in


def blocks(agency) -> list[str]:
    return [option.label for option in signing_options(agency)]


def test_heads_deputies_and_unit_heads_sign_as_the_decree_says(world, signers):
    assert blocks(world.agency) == [
        "GIÁM ĐỐC Trần Văn Giám",
        "KT. GIÁM ĐỐC — PHÓ GIÁM ĐỐC Lý Thị Phó",
        "TL. GIÁM ĐỐC — TRƯỞNG PHÒNG Võ Văn Trưởng",
        "TUQ. GIÁM ĐỐC — TRƯỞNG PHÒNG Võ Văn Trưởng",
    ]
    option = signing_option(world.agency, signers.deputy, "KT.")
    assert option.fields() == {
        "signer": signers.deputy,
        "signing_authority": "KT.",
        "authority_title": "GIÁM ĐỐC",
        "signer_position": "PHÓ GIÁM ĐỐC",
        "signer_name": "Lý Thị Phó",
    }
    assert signing_option(world.agency, signers.deputy, "") is None  # a deputy signs KT., not in his name
    assert signing_option(world.agency, world.office_person, "") is None  # staff do not sign


def test_only_active_grants_and_accounts_of_the_agency_count(world, signers):
    revoke_role(actor=None, grant=RoleGrant.objects.get(user=world.deputy, role=Role.AGENCY_LEADER))
    world.head.is_active = False
    world.head.save()
    assert blocks(world.agency) == ["GIÁM ĐỐC Trần Văn Giám"]
    assert signing_options(world.other_agency) == []


def test_an_agency_without_a_head_account_still_names_the_title(world):
    head = staff_in(world.division, family_name="Hồ", middle_name="Văn", given_name="Nam")
    head.assignments.update(position="Trưởng phòng")
    account_with_role(Role.UNIT_HEAD, unit=world.division, person=head, username="truongphong2")
    assert blocks(world.agency)[0] == "TL. THỦ TRƯỞNG CƠ QUAN — TRƯỞNG PHÒNG Hồ Văn Nam"


def test_the_choices_take_two_queries_whatever_the_number_of_signers(
    world, signers, django_assert_num_queries
):
    for n in range(5):
        person = staff_in(world.team, family_name="Phan", given_name=f"Tổ{n}")
        person.assignments.update(position="Tổ trưởng")
        account_with_role(Role.UNIT_HEAD, unit=world.team, person=person, username=f"totruong{n}")
    with django_assert_num_queries(2):  # the grants with their people; the people's current posts
        options = signing_options_by_agency([world.agency.pk, world.other_agency.pk])
    assert len(options[world.agency.pk]) == 4 + 2 * 5 and options[world.other_agency.pk] == []
