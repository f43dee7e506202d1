"""The agency's council: its current term with the seats held today (role, name, unit, dates), the earlier
terms, the meetings (newest first, by year); for the secretariat, creating the council, starting a term,
adding a member, ending a seat, declaring a member's relative. A reader of several councils chooses one."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lib.forms import submit
from movements.forms import managed_agencies
from people.models import Assignment

from ..access import MANAGE, can_manage_council, councils_for_user, get_council_for_user, meetings_for_user
from ..domain import terms
from ..forms import CouncilChoiceForm, CouncilForm, EndSeatForm, MemberForm, RelativeForm, TermForm, YearForm
from ..models import Membership, Relative, Term
from ..presentation import status_badge

PAGE_SIZE = 20


def creatable_agencies(user):
    """The agencies she manages that have no council yet."""
    return managed_agencies(user).filter(council__isnull=True).order_by("name")


def newest_term(council):
    return Term.objects.filter(council=council).select_related("decision").order_by("-starts_on").first()


def held_seats(term, day):
    """The term's seats held on `day`, with the member's current unit (three queries)."""
    current = Assignment.objects.current(day).select_related("unit").order_by("-is_primary", "start_date")
    return (
        Membership.objects.on(day)
        .filter(term=term)
        .select_related("person", "role")
        .prefetch_related(Prefetch("person__assignments", queryset=current, to_attr="current_assignments"))
    )


def _meetings(request, council) -> dict:
    meetings = meetings_for_user(request.user).filter(council=council)
    years = [day.year for day in meetings.dates("date", "year", order="DESC")]
    year_form = YearForm(request.GET or None, years=years)
    if (year := year_form.value()) is not None:
        meetings = meetings.of_year(year)
    meetings = meetings.annotate(item_count=Count("items")).order_by("-date", "-id")
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    for meeting in page:
        meeting.badge = status_badge(meeting.status)
    return {"page": page, "year_form": year_form}


def _terms(council, today) -> dict:
    term = newest_term(council)
    if term is None:
        return {"term": None, "seats": [], "earlier": []}
    day = max(today, term.starts_on)
    earlier = (
        Term.objects.filter(council=council)
        .exclude(pk=term.pk)
        .select_related("decision")
        .annotate(seat_count=Count("memberships"))
        .order_by("-starts_on")
    )
    return {"term": term, "day": day, "seats": list(held_seats(term, day)), "earlier": list(earlier)}


def _council_page(request, council, chooser):
    today = timezone.localdate()
    context = {"council": council, "chooser": chooser, "manager": can_manage_council(request.user, council)}
    context["creatable"] = creatable_agencies(request.user).exists()
    context |= _terms(council, today) | _meetings(request, council)
    if context["manager"] and context["seats"]:
        people = [seat.person_id for seat in context["seats"]]
        relatives = Relative.objects.filter(person_id__in=people).select_related("person", "relative")
        context["relatives"] = list(relatives.order_by("person__sort_key", "relative__sort_key"))
    return render(request, "council/council.html", context)


@login_required
@require_GET
def council_home(request):
    """The council of her agency; a reader of several chooses (`?council=`)."""
    councils = councils_for_user(request.user).select_related("agency").order_by("name", "pk")
    chooser = CouncilChoiceForm(request.GET if "council" in request.GET else None, councils=councils)
    council = chooser.chosen()
    if council is None:
        context = {"creatable": creatable_agencies(request.user).exists()}
        return render(request, "council/none.html", context)
    return _council_page(request, council, chooser)


@login_required
@require_GET
def council_detail(request, pk):
    return _council_page(request, get_council_for_user(request.user, pk), None)


@login_required
@require_http_methods(["GET", "POST"])
def council_new(request):
    agencies = creatable_agencies(request.user)
    if not agencies.exists():
        raise PermissionDenied  # before the form: the secretariat of an agency without a council
    form = CouncilForm(request.POST or None, agencies=agencies)
    action = partial(terms.create_council, actor=request.user)
    if created := submit(request, form, action, _("The council was created; start its term.")):
        return redirect("council:council", created.pk)
    return render(request, "council/council_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def term_new(request, pk):
    council = get_council_for_user(request.user, pk, action=MANAGE)
    form = TermForm(request.POST or None, user=request.user, council=council)
    action = partial(terms.start_term, actor=request.user, council=council)
    if submit(request, form, action, _("The term was started; add its members.")):
        return redirect("council:council", council.pk)
    context = {"council": council, "form": form, "title": _("Start a term")}
    return render(request, "council/council_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def member_new(request, pk):
    council = get_council_for_user(request.user, pk, action=MANAGE)
    term = newest_term(council)
    if term is None:
        raise Http404  # no term, no seat: the page offers starting a term first
    form = MemberForm(request.POST or None, user=request.user, council=council)
    action = partial(terms.add_member, actor=request.user, term=term)
    if submit(request, form, action, _("The member was added to the council.")):
        return redirect("council:council", council.pk)
    context = {"council": council, "form": form, "title": _("Add a member"), "term": term}
    return render(request, "council/council_form.html", context)


def _seat_for_manager(user, pk) -> Membership:
    seat = (
        Membership.objects.filter(pk=pk, term__council__in=councils_for_user(user))
        .select_related("term__council__agency", "person", "role")
        .first()
    )
    if seat is None:
        raise Http404
    if not can_manage_council(user, seat.term.council):
        raise PermissionDenied
    return seat


@login_required
@require_http_methods(["GET", "POST"])
def member_end(request, pk):
    seat = _seat_for_manager(request.user, pk)
    council = seat.term.council
    form = EndSeatForm(request.POST or None)
    action = partial(terms.end_membership, actor=request.user, membership=seat)
    if submit(request, form, action, _("The seat was ended.")):
        return redirect("council:council", council.pk)
    title = _("End the seat of %(name)s") % {"name": seat.person.full_name}
    return render(request, "council/council_form.html", {"council": council, "form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def relative_new(request, pk):
    council = get_council_for_user(request.user, pk, action=MANAGE)
    term = newest_term(council)
    day = max(timezone.localdate(), term.starts_on) if term else None
    seats = held_seats(term, day).order_by("person__sort_key") if term else Membership.objects.none()
    form = RelativeForm(request.POST or None, user=request.user, council=council, seats=seats)
    action = partial(terms.declare_relative, actor=request.user, council=council)
    if submit(
        request, form, action, _("The relative was recorded: the member will not vote on her proposals.")
    ):
        return redirect("council:council", council.pk)
    context = {"council": council, "form": form, "title": _("Declare a member's relative")}
    return render(request, "council/council_form.html", context)
