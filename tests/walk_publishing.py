"""The publishing's part of tests/test_permission_walk.py: the objects its URLs are filled with — from the
demo's portal where it holds them (a published and a withdrawn publication), made here through the domain
otherwise — each in the state where its form is offered, and who may use each form (the page that offers it:
the portal's panel of a document, a movement, an exemplary model, a decision; the editor's screens)."""

from achievements.models import ExemplaryModel
from decisions.models import Decision
from documents.models import Document
from movements.models import Movement
from nominations.models import Posting
from publishing import domain
from publishing.models import Kind, Publication, PublicImage


def publishing_cast(agency) -> dict:
    lineage = agency.lineage_ids()
    article = domain.create_article(
        actor=None,
        agency=agency,
        title="Tin đi dạo",
        summary="Tóm tắt",
        body="Nội dung",
        author="Ban biên tập",
    )
    published_article = domain.create_article(
        actor=None,
        agency=agency,
        title="Tin đã đăng",
        summary="Tóm tắt",
        body="Nội dung",
        author="Ban biên tập",
    )
    published = domain.publish_article(actor=None, article=published_article)
    withdrawn = Publication.objects.filter(agency_id__in=lineage, status="withdrawn").order_by("pk").first()
    if withdrawn is None:
        other = domain.create_article(
            actor=None, agency=agency, title="Tin rút", summary="S", body="B", author="A"
        )
        withdrawn = domain.withdraw(
            actor=None, publication=domain.publish_article(actor=None, article=other), reason="Đăng nhầm"
        )
    return {
        **_portal_cast(lineage),
        "publication": published,
        "withdrawn_publication": withdrawn,
        "article": article,
        "unpublished_document": _unpublished(
            Document.objects.filter(
                agency_id__in=lineage, direction="outgoing", status__in=["issued", "published"]
            )
        ),
        "unpublished_movement": _unpublished(
            Movement.objects.filter(agency_id__in=lineage).exclude(status="preparing")
        ),
        "unpublished_model": _unpublished_model(agency, lineage),
        "unpublished_decision": _unpublished(
            Decision.objects.filter(agency_id__in=lineage, kind="reward", status="issued")
        ),
    }


def _portal_cast(lineage) -> dict:
    """What the public portal's URLs are filled with: a published publication of each kind, a photo, the
    posting open today on the portal and one of its proposals."""
    published = Publication.objects.filter(agency_id__in=lineage, status="published").order_by("pk")
    posting = (
        Posting.objects.filter(round__agency_id__in=lineage, channel="portal").order_by("-closes_on").first()
    )
    return {
        **{f"portal_{kind}": published.filter(kind=kind).first() for kind in Kind.values},
        "portal_image": PublicImage.objects.filter(publication__in=published).order_by("pk").first(),
        "portal_posting": posting,
        "portal_proposal": posting.proposals.order_by("pk").first(),
    }


def _unpublished(objects):
    """One of `objects` not on the portal: one the demo left unpublished, else the first, its publication
    removed (the walk rolls everything back)."""
    found = objects.filter(publications__isnull=True).order_by("pk").first()
    if found is None:
        found = objects.order_by("pk").first()
        found.publications.all().delete()
    return found


def _unpublished_model(agency, lineage):
    """An exemplary model not on the portal: the demo's, or one recorded here."""
    found = ExemplaryModel.objects.filter(agency_id__in=lineage, publications__isnull=True).order_by("pk")
    return found.first() or ExemplaryModel.objects.create(
        agency=agency, title="Mô hình “Công sở không khói thuốc”", year=2025, story="Toàn Sở không hút thuốc."
    )


FILL = {
    "publishing/<int:pk>": "publication",
    "publishing/<int:pk>/images/<int:image_pk>": ["1"],
    "publishing/documents/<int:pk>": "unpublished_document",
    "publishing/movements/<int:pk>": "unpublished_movement",
    "publishing/exemplary/<int:pk>": "unpublished_model",
    "publishing/honour-rolls/<int:pk>": "unpublished_decision",
    "publishing/articles/<int:pk>": "article",
    # the public portal
    "van-ban/<slug:slug>": "portal_document.slug",
    "van-ban/<slug:slug>/<slug:name>": "portal_document.slug",
    "van-ban/<path:key>": "portal_document.slug",
    "phong-trao/<slug:slug>": "portal_movement.slug",
    "dien-hinh/<slug:slug>": "portal_exemplary.slug",
    "tin-tuc/<slug:slug>": "portal_article.slug",
    "bang-vang/<slug:slug>": "portal_honour_roll.slug",
    "anh/<int:pk>": "portal_image",
    "anh/<int:pk>/<str:name>": ["anh.jpg"],
    "lay-y-kien/<int:posting>": "portal_posting",
    "lay-y-kien/<int:posting>/<int:proposal>": ("portal_proposal", {"posting": "posting_id"}),
}


def _pk(*attributes):
    return lambda cast: [{"pk": getattr(cast, attribute).pk} for attribute in attributes]


BY_NAME = {
    "publishing:republish": _pk("withdrawn_publication"),
}


def _decision_document(cast, kwargs):
    return Decision.objects.get(pk=kwargs["pk"]).document_id


def oracles(on) -> dict:
    """The forms' oracles (the pages that only show something need none: a POST there answers 405)."""
    publication_page = on("publishing:detail", pk="pk")
    return {
        "publishing:withdraw": publication_page,
        "publishing:republish": publication_page,
        "publishing:publish_document": on("documents:detail", pk="pk"),
        "publishing:publish_movement": on("movements:detail", pk="pk"),
        "publishing:publish_exemplary": on("achievements:model_detail", pk="pk"),
        "publishing:publish_honour_roll": [
            on("decisions:detail", pk="pk"),
            on("documents:detail", pk=_decision_document),
        ],
        "publishing:article_create": [on("publishing:list"), on("publishing:articles")],
        "publishing:article": on("publishing:articles"),
        "publishing:article_publish": on("publishing:article", pk="pk"),
    }
