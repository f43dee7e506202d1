"""Who may sign for an agency, and the signature block each of them prints (Điều 13 and Phụ lục I §II.7,
Nghị định 30/2020/NĐ-CP). Documents use it for the signing step; a later app (decisions) calls the same
functions for its own "submit → signer signs off or returns → clerk numbers and issues".

The rule: the signers of an agency are the people whose active account holds, in that agency,

- Role.AGENCY_LEADER: the head signs in his own name ("GIÁM ĐỐC"); a deputy — his post starts with "Phó" —
  signs for the head ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC");
- Role.UNIT_HEAD: the head of a unit signs by order of the head ("TL. GIÁM ĐỐC" / "CHÁNH VĂN PHÒNG"), or,
  under a written authorisation, "TUQ. GIÁM ĐỐC".

The printed position is the person's current primary post, in capitals. TM. (for a collective body) and Q.
(an acting head) are not offered: an agency records them by typing the history in (the system actor).
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from accounts.models import Role, RoleGrant, User
from people.models import Assignment, Person

from .models import SigningAuthority

SIGNING_ROLES = (Role.AGENCY_LEADER, Role.UNIT_HEAD)
DEPUTY_PREFIX = "phó "
UNNAMED_HEAD = "THỦ TRƯỞNG CƠ QUAN"  # printed when the agency has no leader account to take the title from


@dataclass(frozen=True)
class SigningOption:
    """One way a person may sign for the agency: the signature block it prints."""

    person: Person
    authority: str  # a SigningAuthority value ("" for the head in his own name)
    position: str  # SignerInfo.Position, e.g. "PHÓ GIÁM ĐỐC"
    authority_title: str = ""  # the title signed for: "GIÁM ĐỐC" in "KT. GIÁM ĐỐC"

    @property
    def key(self) -> str:
        """The value of the option in a form: "<person id>:<authority>"."""
        return f"{self.person.pk}:{self.authority}"

    @property
    def label(self) -> str:
        """ "KT. GIÁM ĐỐC — PHÓ GIÁM ĐỐC Trần Văn Bình", as the block reads from the top."""
        block = f"{self.authority} {self.authority_title} — " if self.authority else ""
        return f"{block}{self.position} {self.person.full_name}"

    def fields(self) -> dict:
        """The document's frozen signature fields (kept for the printed block)."""
        return {
            "signer": self.person,
            "signing_authority": self.authority,
            "authority_title": self.authority_title,
            "signer_position": self.position,
            "signer_name": self.person.full_name,
        }


def _grants(agency_ids):
    """The signing grants of the agencies, with each person's current posts: two queries, bounded by the
    number of leaders and unit heads of those agencies."""
    posts = Assignment.objects.current().order_by("-is_primary", "start_date")
    return (
        RoleGrant.objects.active()
        .filter(
            agency_id__in=agency_ids, role__in=SIGNING_ROLES, user__is_active=True, user__person__isnull=False
        )
        .select_related("user__person")
        .prefetch_related(
            Prefetch("user__person__assignments", queryset=posts, to_attr="current_assignments")
        )
    )


def _post(person: Person) -> str:
    posts = getattr(person, "current_assignments", [])
    return posts[0].position.strip() if posts and posts[0].position else ""


def _deputy(post: str) -> bool:
    return post.lower().startswith(DEPUTY_PREFIX)


def _head_of(post: str) -> str:
    """The head's title a post signs for: "Phó Giám đốc" → "GIÁM ĐỐC"."""
    return (post[len(DEPUTY_PREFIX) :] if _deputy(post) else post).upper()


ORDER = {SigningAuthority.NONE: 0, SigningAuthority.KT: 1, SigningAuthority.TL: 2, SigningAuthority.TUQ: 3}


def _options(grants) -> list[SigningOption]:
    leaders = [(g.user.person, _post(g.user.person)) for g in grants if g.role == Role.AGENCY_LEADER]
    leaders = [(person, post) for person, post in leaders if post]  # no post: no block to print
    titles = sorted((_deputy(post), _head_of(post)) for _person, post in leaders)
    head_title = titles[0][1] if titles else UNNAMED_HEAD
    options = [
        SigningOption(person, SigningAuthority.KT, post.upper(), _head_of(post))
        if _deputy(post)
        else SigningOption(person, SigningAuthority.NONE, post.upper())
        for person, post in leaders
    ]
    for grant in grants:
        person, post = grant.user.person, _post(grant.user.person)
        if grant.role == Role.UNIT_HEAD and post:
            for authority in (SigningAuthority.TL, SigningAuthority.TUQ):
                options.append(SigningOption(person, authority, post.upper(), head_title))
    unique = {option.key: option for option in options}.values()
    return sorted(unique, key=lambda o: (ORDER[o.authority], o.person.sort_key, o.person.pk))


def signing_options(agency) -> list[SigningOption]:
    """The ways the agency's signers may sign (heads first, then deputies, then unit heads)."""
    return signing_options_by_agency([agency.pk])[agency.pk]


def signing_options_by_agency(agency_ids) -> dict[int, list[SigningOption]]:
    """signing_options for several agencies at once (the draft form of someone drafting for several)."""
    grants = list(_grants(agency_ids))
    return {pk: _options([g for g in grants if g.agency_id == pk]) for pk in agency_ids}


def signing_option(agency, person, authority: str) -> SigningOption | None:
    """The option of `person` signing with `authority` for the agency, if the rule allows it."""
    if person is None:
        return None
    key = f"{person.pk}:{authority or ''}"
    return next((o for o in signing_options(agency) if o.key == key), None)


def signer_accounts(person):
    """The active account of the chosen signer (whom the signing step tells)."""
    if person is None:
        return User.objects.none()
    return User.objects.filter(person=person, is_active=True)
