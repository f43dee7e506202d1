"""The editor's screens: the list (filters, query count), publishing from a document's page, withdrawing
with a reason and publishing again, the articles, the panels on the sources' pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Status as DocumentStatus
from publishing import domain
from publishing.models import Article, Publication, Status
from tests.publishing.conftest import issued_dispatch, photo_with_location


def publish_articles(world, count: int):
    for n in range(count):
        article = domain.create_article(
            actor=None, agency=world.agency, title=f"Tin số {n}", summary="S", body="B", author="A"
        )
        domain.publish_article(actor=None, article=article)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_editors_list_queries_do_not_grow_with_rows(world, login):
    client = login(world.editor)
    publish_articles(world, 1)
    client.get(reverse("publishing:list"))  # the session, the scope and the menu's kept values
    one = queries_for(client, reverse("publishing:list"))
    publish_articles(world, 4)
    client.get(reverse("publishing:list"))
    assert queries_for(client, reverse("publishing:list")) == one
    response = client.get(
        reverse("publishing:list"), {"q": "tin so 3", "kind": "article", "status": "published"}
    )
    assert [p.title for p in response.context["page"]] == ["Tin số 3"]


def test_the_list_is_for_those_who_publish(world, login):
    assert login(world.staff).get(reverse("publishing:list")).status_code == 403
    response = login(world.editor).get(reverse("home"))
    assert reverse("publishing:list") in response.content.decode()  # the menu entry


def test_publish_from_the_document_page(world, document, login):
    client = login(world.editor)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    url = reverse("publishing:publish_document", args=[document.pk])
    assert f'href="{url}"' in page and 'data-testid="portal-panel"' in page
    assert client.get(url).status_code == 200
    response = client.post(url, {"field": "Thi đua, khen thưởng", "effective_on": "01/03/2021"})
    publication = Publication.objects.get(document=document)
    assert response.status_code == 302 and response.url == reverse("publishing:detail", args=[publication.pk])
    assert (publication.field, publication.effective_on) == ("Thi đua, khen thưởng", dt.date(2021, 3, 1))
    document.refresh_from_db()
    assert document.status == DocumentStatus.PUBLISHED
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert reverse("publishing:detail", args=[publication.pk]) in page


def test_a_staff_member_is_refused_before_the_form_is_read(world, document, login):
    url = reverse("publishing:publish_document", args=[document.pk])
    response = login(world.staff).post(url, {"effective_on": "not a date"})
    assert response.status_code == 403 and not Publication.objects.exists()


def test_a_draft_cannot_be_published(world, login, english):
    draft = issued_dispatch(world.agency, number=None, status=DocumentStatus.APPROVED)
    url = reverse("publishing:publish_document", args=[draft.pk])
    response = login(world.secretariat).post(url, {"field": ""})
    assert response.status_code == 400
    assert "Only an issued document can be published." in response.content.decode()
    assert not Publication.objects.exists()


def test_withdraw_with_a_reason_and_publish_again(world, document, login):
    publication = domain.publish_document(actor=world.editor, document=document)
    client = login(world.editor)
    detail = reverse("publishing:detail", args=[publication.pk])
    assert 'data-testid="withdraw-form"' in client.get(detail).content.decode()
    response = client.post(reverse("publishing:withdraw", args=[publication.pk]), {"reason": ""})
    assert response.status_code == 400
    publication.refresh_from_db()
    assert publication.status == Status.PUBLISHED
    response = client.post(reverse("publishing:withdraw", args=[publication.pk]), {"reason": "Đăng nhầm"})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert (publication.status, publication.withdrawal_reason) == (Status.WITHDRAWN, "Đăng nhầm")
    assert "Đăng nhầm" in client.get(detail).content.decode()
    client.post(reverse("publishing:republish", args=[publication.pk]))
    publication.refresh_from_db()
    assert publication.status == Status.PUBLISHED


def test_another_agencys_secretariat_cannot_see_a_publication(world, document, login):
    from accounts.models import Role
    from tests.factories import account_with_role

    publication = domain.publish_document(actor=world.editor, document=document)
    outsider = account_with_role(Role.SECRETARIAT, agency=world.other_agency)
    client = login(outsider)
    assert client.get(reverse("publishing:detail", args=[publication.pk])).status_code == 404
    assert (
        client.post(reverse("publishing:withdraw", args=[publication.pk]), {"reason": "x"}).status_code == 404
    )


def test_write_an_article_with_a_photo_then_publish_it(world, login):
    client = login(world.editor)
    photo = SimpleUploadedFile("anh.jpg", photo_with_location((2000, 1500)), content_type="image/jpeg")
    response = client.post(
        reverse("publishing:article_create"),
        {
            "agency": world.agency.pk,
            "title": "Ngày hội thi đua",
            "summary": "Tóm tắt",
            "body": "Đoạn một.\nĐoạn hai.",
            "author": "Trung tâm CNTT",
            "photo": photo,
            "photo_alt": "Ảnh ngày hội",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response.url == reverse("publishing:article", args=[article.pk])
    assert article.photo and article.created_by == world.editor
    assert client.get(reverse("publishing:article_photo", args=[article.pk])).status_code == 200
    response = client.post(reverse("publishing:article_publish", args=[article.pk]))
    publication = Publication.objects.get(article=article)
    assert response.url == reverse("publishing:detail", args=[publication.pk])
    assert publication.images.count() == 1
    image = publication.images.get()
    assert client.get(reverse("publishing:image", args=[publication.pk, image.pk])).status_code == 200
    response = client.post(
        reverse("publishing:article", args=[article.pk]),
        {"title": "Ngày hội thi đua 2021", "summary": "Tóm tắt", "body": "Đoạn một.", "author": "TT CNTT",
         "photo_alt": "Ảnh ngày hội"},
    )  # fmt: skip
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.title == "Ngày hội thi đua 2021"
    assert client.get(reverse("publishing:articles")).status_code == 200


def test_an_article_photo_needs_its_description(world, login, english):
    photo = SimpleUploadedFile("anh.jpg", photo_with_location((200, 100)), content_type="image/jpeg")
    data = {
        "agency": world.agency.pk,
        "title": "T",
        "summary": "S",
        "body": "B",
        "author": "A",
        "photo": photo,
    }
    response = login(world.editor).post(reverse("publishing:article_create"), data)
    assert response.status_code == 200 and not Article.objects.exists()
    assert "Describe the photo for visitors who cannot see it." in response.content.decode()


@pytest.mark.parametrize(
    ("fixture", "page", "publish"),
    [
        ("movement", "movements:detail", "publishing:publish_movement"),
        ("exemplary", "achievements:model_detail", "publishing:publish_exemplary"),
        ("decision", "decisions:detail", "publishing:publish_honour_roll"),
    ],
)
def test_the_panels_lead_to_the_publish_forms(world, login, request, fixture, page, publish):
    source = request.getfixturevalue(fixture)
    client = login(world.secretariat)
    url = reverse(publish, args=[source.pk])
    assert f'href="{url}"' in client.get(reverse(page, args=[source.pk])).content.decode()
    response = client.post(url)
    publication = Publication.objects.get()
    assert response.url == reverse("publishing:detail", args=[publication.pk])
    assert publication.source == source


def test_the_editor_publishes_the_honour_roll_from_the_decisions_document(world, decision, login):
    client = login(world.editor)
    url = reverse("publishing:publish_honour_roll", args=[decision.pk])
    assert url in client.get(reverse("documents:detail", args=[decision.document_id])).content.decode()
    client.post(url)
    assert Publication.objects.get().decision == decision


def test_the_stored_pdf_is_downloaded(world, document, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publication = domain.publish_document(actor=world.editor, document=document)
    response = login(world.editor).get(reverse("publishing:pdf", args=[publication.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_article_list_queries_do_not_grow_with_rows(world, login):
    client = login(world.editor)
    url = reverse("publishing:articles")
    publish_articles(world, 1)
    client.get(url)
    one = queries_for(client, url)
    publish_articles(world, 4)
    client.get(url)
    assert queries_for(client, url) == one
    assert len(client.get(url).context["page"]) == 5
