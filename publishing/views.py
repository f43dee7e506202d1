"""Staff screens of the portal's editor: the publications (list, a publication's public copy, withdrawal
and publishing again), the news articles, and the publish forms reached from the panels of a document, a
movement, an exemplary model and a decision (publishing/panels.py). Objects load through the access helpers
of their apps; who may publish is checked before a form is validated."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from achievements.access import get_model_for_user
from activity.access import activity_for_object
from documents.access import get_document_for_user
from lib.access import require
from lib.counting import CappedPaginator
from lib.files import private_file
from lib.forms import submit
from movements.access import get_movement_for_user

from . import domain
from .access import (
    articles_for_user,
    can_publish,
    get_article_for_user,
    get_honour_roll_decision_for_user,
    get_publication_for_user,
    publications_for_user,
    publishes,
    publishing_agencies,
)
from .facts import fact_rows
from .forms import ArticleForm, ConfirmForm, PublicationFilterForm, PublishDocumentForm, WithdrawForm

PAGE_SIZE = 50
HISTORY_LIMIT = 50


def _list_response(request, template, context):
    """The whole page, or only its table for an htmx search request."""
    table_only = request.htmx and not request.htmx.history_restore_request
    response = render(request, f"{template}#table" if table_only else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _posted(request):
    """The submitted data of a POST (a form without fields included), None otherwise."""
    return request.POST if request.method == "POST" else None


def _require_publisher(user) -> None:
    if not publishes(user):
        raise PermissionDenied


# --- publications -----------------------------------------------------------------------------------------
@login_required
@require_GET
def publication_list(request):
    _require_publisher(request.user)
    form = PublicationFilterForm(request.GET)
    publications = form.filter(publications_for_user(request.user)).select_related("agency")
    ordered = publications.order_by("-published_at", "-id")
    page = CappedPaginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    return _list_response(request, "publishing/list.html", {"form": form, "page": page})


def _detail_context(request, publication, withdraw_form=None) -> dict:
    return {
        "publication": publication,
        "facts": fact_rows(publication),
        "images": publication.images.all(),
        "may_publish": can_publish(request.user, publication.agency_id),
        "withdraw_form": withdraw_form or WithdrawForm(),
        "history": activity_for_object(request.user, publication)[:HISTORY_LIMIT],
    }


@login_required
@require_GET
def publication_detail(request, pk):
    publication = get_publication_for_user(request.user, pk)
    return render(request, "publishing/detail.html", _detail_context(request, publication))


@login_required
@require_POST
def withdraw(request, pk):
    publication = get_publication_for_user(request.user, pk)
    require(can_publish(request.user, publication.agency_id))
    form = WithdrawForm(request.POST)
    done = _("It was withdrawn from the portal; its address now says so.")
    if submit(request, form, partial(domain.withdraw, actor=request.user, publication=publication), done):
        return redirect("publishing:detail", publication.pk)
    publication.refresh_from_db()
    context = _detail_context(request, publication, withdraw_form=form)
    return render(request, "publishing/detail.html", context, status=400)


@login_required
@require_POST
def republish(request, pk):
    publication = get_publication_for_user(request.user, pk)
    require(can_publish(request.user, publication.agency_id))
    action = partial(domain.republish, actor=request.user, publication=publication)
    if not submit(request, ConfirmForm(request.POST), action, _("It is published on the portal again.")):
        messages.error(request, _("It could not be published again: its source is no longer public."))
    return redirect("publishing:detail", publication.pk)


@login_required
@require_GET
def publication_pdf(request, pk):
    publication = get_publication_for_user(request.user, pk)
    if not publication.pdf:
        raise Http404
    return private_file(publication.pdf, filename=publication.pdf.name.rsplit("/", 1)[-1], inline=True)


@login_required
@require_GET
def publication_image(request, pk, image_pk):
    publication = get_publication_for_user(request.user, pk)
    image = get_object_or_404(publication.images, pk=image_pk)
    return private_file(image.file, inline=True)


# --- publishing a source ----------------------------------------------------------------------------------
def _publish_page(request, source, form, publish, *, title: str, back: str):
    """The publish form of `source` (loaded by its app's access helper): permission first, then the form."""
    require(can_publish(request.user, source.agency_id))
    publication = submit(
        request, form, partial(publish, actor=request.user), _("It is published on the portal.")
    )
    if publication is not None:
        return redirect("publishing:detail", publication.pk)
    context = {"form": form, "source": source, "title": title, "back": back}
    return render(
        request, "publishing/publish_form.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish_document(request, pk):
    document = get_document_for_user(request.user, pk)
    form = PublishDocumentForm(_posted(request))
    publish = partial(domain.publish_document, document=document)
    back = reverse("documents:detail", args=[document.pk])
    return _publish_page(request, document, form, publish, title=str(document), back=back)


@login_required
@require_http_methods(["GET", "POST"])
def publish_movement(request, pk):
    movement = get_movement_for_user(request.user, pk)
    publish = partial(domain.publish_movement, movement=movement)
    back = reverse("movements:detail", args=[movement.pk])
    return _publish_page(
        request, movement, ConfirmForm(_posted(request)), publish, title=movement.name, back=back
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish_exemplary(request, pk):
    model = get_model_for_user(request.user, pk)
    publish = partial(domain.publish_exemplary, model=model)
    back = reverse("achievements:model_detail", args=[model.pk])
    return _publish_page(request, model, ConfirmForm(_posted(request)), publish, title=model.title, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def publish_honour_roll(request, pk):
    decision = get_honour_roll_decision_for_user(request.user, pk)
    publish = partial(domain.publish_honour_roll, decision=decision)
    back = reverse("documents:detail", args=[decision.document_id])
    title = _("Honour roll of %(decision)s") % {"decision": decision}
    return _publish_page(request, decision, ConfirmForm(_posted(request)), publish, title=title, back=back)


# --- articles ---------------------------------------------------------------------------------------------
@login_required
@require_GET
def article_list(request):
    _require_publisher(request.user)
    articles = articles_for_user(request.user).select_related("agency").prefetch_related("publications")
    page = CappedPaginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publishing/article_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def article_create(request):
    _require_publisher(request.user)
    agencies = publishing_agencies(request.user)
    form = ArticleForm(request.POST or None, request.FILES or None, agencies=agencies)
    create = partial(domain.create_article, actor=request.user)
    article = submit(request, form, create, _("The article was saved; publish it when it is ready."))
    if article is not None:
        return redirect("publishing:article", article.pk)
    return render(request, "publishing/article_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request, pk):
    article = get_article_for_user(request.user, pk)
    require(can_publish(request.user, article.agency_id))
    form = ArticleForm(request.POST or None, request.FILES or None, agencies=None, article=article)
    update = partial(domain.update_article, actor=request.user, article=article)
    if submit(request, form, update, _("The article was saved.")):
        return redirect("publishing:article", article.pk)
    publication = article.publications.first()
    context = {"form": form, "article": article, "publication": publication, "publish_form": ConfirmForm()}
    return render(request, "publishing/article_form.html", context)


@login_required
@require_POST
def article_publish(request, pk):
    article = get_article_for_user(request.user, pk)
    require(can_publish(request.user, article.agency_id))
    publish = partial(domain.publish_article, actor=request.user, article=article)
    publication = submit(request, ConfirmForm(request.POST), publish, _("It is published on the portal."))
    if publication is None:
        messages.error(request, _("It is already on the portal."))
        return redirect("publishing:article", article.pk)
    return redirect("publishing:detail", publication.pk)


@login_required
@require_GET
def article_photo(request, pk):
    article = get_article_for_user(request.user, pk)
    if not article.photo:
        raise Http404
    return private_file(article.photo, inline=True)
