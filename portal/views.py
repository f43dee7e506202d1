"""The public portal's pages (issue 16): anonymous, server-rendered, cached whole (portal/cache.py).

Each page reads the portal of the request (portal/middleware.py) through publishing.public — plain data, never
a model instance. A withdrawn publication answers 410 with its notice; anything unknown the portal's 404.
"""

import mimetypes
from functools import wraps

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from nominations.public import public_postings
from publishing import public
from publishing.models import Kind

from .cache import cached_page
from .forms import DocumentFilterForm, ExemplaryFilterForm, HonourRollFilterForm, PageForm, SearchForm, read

NOT_INDEXED = ("/app/", "/api/", "/accounts/", "/admin/", "/xac-minh/")


def not_found(request, exception=None):
    """The portal's 404 page (also for thidua's handler404 on public paths)."""
    return render(request, "portal/404.html", {"portal": getattr(request, "portal", None)}, status=404)


def gone(request, withdrawn: public.Withdrawn):
    context = {"withdrawn": withdrawn, "portal": request.portal}
    return render(request, "portal/gone.html", context, status=410)


def portal_page(view):
    """A public page: GET/HEAD only, for a portal, cached; 404 and 410 answered with the portal's pages."""

    @require_GET
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, "portal", None) is None:
            return not_found(request)
        try:
            return view(request, *args, **kwargs)
        except public.Withdrawn as withdrawn:
            return gone(request, withdrawn)
        except Http404:
            return not_found(request)

    return cached_page(wrapper)


@require_GET
@cached_page
def home(request):
    """The portal's home; without a portal (no default one), the list of the installation's portals."""
    if request.portal is None:
        return render(request, "portal/portals.html", {"portals": public.all_portals()})
    postings = public_postings(agency_ids=request.portal.lineage_ids)
    context = {"portal": request.portal, "latest": public.home(request.portal), "postings": len(postings)}
    return render(request, "portal/home.html", context)


@portal_page
def documents(request):
    choices = public.document_filters(request.portal)
    agencies = [(request.portal.agency_id, request.portal.agency_name), *request.portal.predecessors]
    form = DocumentFilterForm(request.GET, choices=choices, agencies=agencies)
    found = read(form)
    listing = public.documents(
        request.portal,
        query=found.get("q", ""),
        kind=found.get("loai", ""),
        year=found.get("nam"),
        issuer=found.get("ban_hanh", ""),
        agency=found.get("co_quan"),
        page=found.get("page", 1),
    )
    context = {"portal": request.portal, "form": form, "listing": listing, "query": found.get("q", "")}
    return render(request, "portal/documents.html", context)


@portal_page
def document(request, key):
    """A document's page by its slug; its number and symbol ("46/STNMT-VP", "46-stnmt-vp") lead there."""
    try:
        detail = public.publication(request.portal, Kind.DOCUMENT, key)
    except Http404:
        slug = public.document_slug(request.portal, key)
        if slug is None or slug == key:
            raise
        return HttpResponsePermanentRedirect(reverse("portal:document", args=[slug]))
    return render(request, "portal/document.html", {"portal": request.portal, "item": detail})


@require_GET
def document_pdf(request, slug, name):
    """The document's official PDF, downloaded under its number."""
    if getattr(request, "portal", None) is None:
        return not_found(request)
    try:
        stored, reference = public.document_pdf(request.portal, slug)
    except public.Withdrawn as withdrawn:
        return gone(request, withdrawn)
    except Http404:
        return not_found(request)
    filename = (reference.replace("/", "-") or slug) + ".pdf"
    response = FileResponse(default_storage.open(stored, "rb"), as_attachment=True, filename=filename)
    response["Content-Type"] = "application/pdf"
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _list_page(request, template, lister, **extra):
    form = PageForm(request.GET)
    listing = lister(request.portal, page=read(form).get("page", 1))
    return render(request, template, {"portal": request.portal, "listing": listing, **extra})


@portal_page
def movements(request):
    return _list_page(request, "portal/movements.html", public.movements)


@portal_page
def movement(request, slug):
    detail = public.publication(request.portal, Kind.MOVEMENT, slug)
    context = {"portal": request.portal, "item": detail, "current": public.is_current(detail)}
    return render(request, "portal/movement.html", context)


@portal_page
def exemplars(request):
    form = ExemplaryFilterForm(request.GET)
    found = read(form)
    listing = public.exemplars(request.portal, model_kind=found.get("loai", ""), page=found.get("page", 1))
    context = {"portal": request.portal, "form": form, "listing": listing}
    return render(request, "portal/exemplars.html", context)


@portal_page
def exemplar(request, slug):
    detail = public.publication(request.portal, Kind.EXEMPLARY, slug)
    return render(request, "portal/exemplar.html", {"portal": request.portal, "item": detail})


@portal_page
def news(request):
    return _list_page(request, "portal/news.html", public.articles)


@portal_page
def article(request, slug):
    detail = public.publication(request.portal, Kind.ARTICLE, slug)
    return render(request, "portal/article.html", {"portal": request.portal, "item": detail})


@portal_page
def honour_roll(request):
    form = HonourRollFilterForm(request.GET, choices=public.honour_roll_filters(request.portal))
    found = read(form)
    listing = public.honour_roll(
        request.portal,
        year=found.get("nam"),
        award=found.get("danh_hieu"),
        unit=found.get("don_vi"),
        page=found.get("page", 1),
    )
    rolls = public.honour_rolls(request.portal, page=1)
    context = {"portal": request.portal, "form": form, "listing": listing, "rolls": rolls}
    return render(request, "portal/honour_roll.html", context)


@portal_page
def honour_roll_decision(request, slug):
    detail = public.publication(request.portal, Kind.HONOUR_ROLL, slug)
    listing = public.honour_roll(request.portal, slug=slug, page=read(PageForm(request.GET)).get("page", 1))
    context = {"portal": request.portal, "item": detail, "listing": listing}
    return render(request, "portal/honour_roll_decision.html", context)


@portal_page
def search(request):
    form = SearchForm(request.GET)
    found = read(form)
    query = found.get("q", "")
    listing = public.search(request.portal, query=query, page=found.get("page", 1))
    context = {"portal": request.portal, "form": form, "listing": listing, "query": query}
    return render(request, "portal/search.html", context)


@require_GET
def robots(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in NOT_INDEXED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def image(request, pk, name):
    """A photo of a published publication (resized, EXIF stripped at publishing): kept a day by browsers."""
    if getattr(request, "portal", None) is None:
        return not_found(request)
    try:
        found = public.public_image(request.portal, pk)
    except Http404:
        return not_found(request)
    if found["name"] != name:
        return HttpResponsePermanentRedirect(reverse("portal:image", args=[pk, found["name"]]))
    content_type = mimetypes.guess_type(found["name"])[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(found["file"], "rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
