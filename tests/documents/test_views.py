"""The document screens: registers, a document's page and its status buttons, the draft and incoming forms,
attachments and the PDF/DOCX files."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from documents import domain
from documents.models import Direction, Document, Status
from movements.domain.movements import link_document
from tests.documents.bulk import bulk_documents
from tests.documents.signers import signed_by
from tests.documents.test_domain import PDF_BYTES, kind, make_draft, make_issued, officer_draft
from tests.factories import AgencyFactory, MovementFactory, account_with_role


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def login(client, user):
    client.force_login(user)
    return client


# --- the list ----------------------------------------------------------------------------------------


def _queries(client, url, data=None) -> tuple[int, object]:
    """(number of queries, response) of a GET, after one warming request (session, the account's scope)."""
    client.get(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    return len(captured), response


@pytest.mark.parametrize(
    "data", [{}, {"q": "phong trao thi dua"}, {"q": "so 01/kh-stn"}, {"direction": "outgoing"}]
)
def test_list_and_search_query_count_does_not_grow_with_rows(client, world, data):
    login(client, world.secretariat)
    url = reverse("documents:list")
    bulk_documents(world.agency, 1)
    few, response = _queries(client, url, data)
    assert len(response.context["page"].object_list) == 1
    bulk_documents(world.agency, 199, first_number=2)
    many, response = _queries(client, url, data)
    shown = response.context["page"].object_list
    assert many == few
    assert len(shown) == (1 if "q" in data and "01" in data["q"] else 50)


def test_the_list_counts_up_to_the_cap_and_pages_up_to_it(client, world, settings, english):
    settings.LIST_COUNT_CAP = 60
    bulk_documents(world.agency, 130)
    login(client, world.secretariat)
    response = client.get(reverse("documents:list"))
    page = response.context["page"]
    assert (page.paginator.count, page.paginator.is_capped, page.paginator.num_pages) == (60, True, 2)
    assert [d.number for d in page][:2] == [130, 129]  # the latest first
    html = response.content.decode()
    assert "more than 60 documents" in html and "Page 1 of more than 2" in html
    last = client.get(reverse("documents:list"), {"page": 2}).context["page"]
    assert [d.number for d in last] == list(range(80, 30, -1))
    settings.LIST_COUNT_CAP = 130
    response = client.get(reverse("documents:list"))
    assert not response.context["page"].paginator.is_capped
    assert "130 documents" in response.content.decode() and "Page 1 of 3" in response.content.decode()


def test_drafts_come_last_in_the_register(client, world):
    bulk_documents(world.agency, 2, drafts=1)
    response = login(client, world.secretariat).get(reverse("documents:list"))
    assert [d.number for d in response.context["page"]] == [2, 1, None]


def test_a_search_of_common_words_shows_the_latest_first_and_says_so(client, world, settings, english):
    settings.SEARCH_RANK_LIMIT = 15
    bulk_documents(world.agency, 30)
    login(client, world.secretariat)
    response = client.get(reverse("documents:list"), {"q": "phong trao"})  # 12 of the 30: ranked
    assert not response.context["latest_first"] and "the latest first" not in response.content.decode()
    response = client.get(reverse("documents:list"), {"q": "thi dua"})  # 18 of the 30: the latest first
    numbers = [d.number for d in response.context["page"]]
    assert response.context["latest_first"] and len(numbers) == 18
    assert numbers == sorted(numbers, reverse=True)
    html = response.content.decode()
    assert "more than 15 documents" in html and "too many to sort by relevance: the latest first" in html


def test_list_filters_and_searches(client, world):
    make_issued(world.agency, subject="Khen thưởng đột xuất", on=dt.date(2021, 3, 1))
    make_issued(
        world.agency, code="cong_van", unit=world.office, subject="Triển khai thi đua", on=dt.date(2020, 5, 1)
    )
    domain.register_incoming(actor=None, agency=world.agency, kind=kind(), fields={"subject": "Kế hoạch đến"})
    login(client, world.staff)

    def subjects(**query):
        return [d.subject for d in client.get(reverse("documents:list"), query).context["page"]]

    assert subjects(direction="incoming") == ["Kế hoạch đến"]
    assert subjects(year="2020") == ["Triển khai thi đua"]
    assert subjects(q="khen thuong") == ["Khen thưởng đột xuất"]
    assert subjects(q="01/STN-VP") == ["Triển khai thi đua"]  # numbers restart each year
    assert subjects(status="draft") == []


def test_list_htmx_returns_the_table_only(client, world):
    make_issued(world.agency, subject="Khen thưởng", on=dt.date(2021, 3, 1))
    response = login(client, world.staff).get(
        reverse("documents:list"), {"q": "khen"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'id="documents-table"' in html and "<html" not in html and "Khen thưởng" in html


def test_staff_sees_no_drafting_buttons(client, world):
    html = login(client, world.staff).get(reverse("documents:list")).content.decode()
    assert reverse("documents:create") not in html
    assert login(client, world.staff).get(reverse("documents:create")).status_code == 403


# --- drafting ----------------------------------------------------------------------------------------


def draft_data(world, **overrides):
    return {
        "agency": world.agency.pk,
        "kind": kind("cong_van").pk,
        "drafting_unit": world.division.pk,
        "subject": "V/v triển khai Kế hoạch thi đua năm 2021",
        "addressees": "Thủ trưởng phòng, đơn vị trực thuộc Sở\n\n",
        "bases_text": "Căn cứ Luật Thi đua, khen thưởng;",
        "body": "Nhằm thực hiện tốt:\n\n1. Triển khai **chủ đề** thi đua.\n2. Báo cáo./.",
        "signer": "",
        "recipients": "Như trên;\nBan Giám đốc Sở;",
        "archive_note": "PKH",
        "urgency": "",
        "due_date": "15/03/2021",
        **overrides,
    }


def test_create_draft(client, world, signers):
    cited = make_issued(world.agency, on=dt.date(2021, 1, 20))
    response = login(client, world.officer).post(
        reverse("documents:create"), draft_data(world, cited=[cited.pk], signer=f"{signers.deputy.pk}:KT.")
    )
    document = Document.objects.exclude(pk=cited.pk).get()
    assert response.url == reverse("documents:detail", args=[document.pk])
    assert (document.status, document.created_by, document.drafting_unit) == (
        Status.DRAFT,
        world.officer,
        world.division,
    )
    assert document.addressees == ["Thủ trưởng phòng, đơn vị trực thuộc Sở"]
    assert document.recipients == ["Như trên;", "Ban Giám đốc Sở;"]
    assert document.due_date == dt.date(2021, 3, 15)
    assert [b["kind"] for b in document.body] == ["paragraph", "item", "item"]
    assert document.body[1]["runs"][1] == {"text": "chủ đề", "bold": True, "italic": False}
    assert [(b.cited, b.text) for b in document.bases.all()] == [
        (cited, ""),
        (None, "Căn cứ Luật Thi đua, khen thưởng;"),
    ]
    assert (document.signer, document.signing_authority, document.authority_title) == (
        signers.deputy,
        "KT.",
        "GIÁM ĐỐC",
    )
    assert (document.signer_position, document.signer_name) == ("PHÓ GIÁM ĐỐC", "Lý Thị Phó")


def test_the_signer_is_chosen_from_the_agencys_signers(client, world, signers):
    form = login(client, world.officer).get(reverse("documents:create")).context["form"]
    assert [label for _key, label in form.fields["signer"].choices] == [
        "— chọn —",
        "GIÁM ĐỐC Trần Văn Giám",
        "KT. GIÁM ĐỐC — PHÓ GIÁM ĐỐC Lý Thị Phó",
        "TL. GIÁM ĐỐC — TRƯỞNG PHÒNG Võ Văn Trưởng",
        "TUQ. GIÁM ĐỐC — TRƯỞNG PHÒNG Võ Văn Trưởng",
    ]
    outsider = draft_data(world, signer=f"{world.office_person.pk}:")
    assert client.post(reverse("documents:create"), outsider).context["form"].errors["signer"]
    assert not Document.objects.exists()


def test_create_draft_refuses_another_unit(client, world):
    response = login(client, world.officer).post(
        reverse("documents:create"), draft_data(world, drafting_unit=world.office.pk)
    )
    assert response.status_code == 200 and response.context["form"].errors["drafting_unit"]
    assert not Document.objects.exists()


def test_edit_draft_shows_the_text_and_saves(client, world, signers):
    fields = signed_by(signers.head, "TL.")
    document = make_draft(world.agency, actor=world.officer, unit=world.division, code="cong_van", **fields)
    login(client, world.officer)
    form = client.get(reverse("documents:edit", args=[document.pk])).context["form"]
    assert form.initial["subject"] == document.subject
    assert form.initial["signer"] == f"{signers.head.pk}:TL."
    data = draft_data(world, subject="V/v mới", signer=f"{signers.director.pk}:")
    client.post(reverse("documents:edit", args=[document.pk]), data)
    document.refresh_from_db()
    assert document.subject == "V/v mới" and document.archive_note == "PKH"
    assert (document.signer, document.signing_authority, document.signer_position) == (
        signers.director,
        "",
        "GIÁM ĐỐC",
    )


def test_an_issued_document_cannot_be_edited(client, world):
    document = make_issued(world.agency)
    response = login(client, world.secretariat).post(
        reverse("documents:edit", args=[document.pk]), draft_data(world)
    )
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.subject == "Phát động phong trào thi đua năm 2021"


# --- the document's page and its buttons -------------------------------------------------------------


def page_of(client, user, document) -> str:
    return login(client, user).get(reverse("documents:detail", args=[document.pk])).content.decode()


def test_submit_sign_off_and_issue_through_the_buttons(client, world, signers):
    fields = signed_by(signers.director)
    document = make_draft(world.agency, actor=world.officer, unit=world.division, code="cong_van", **fields)
    page = page_of(client, world.officer, document)
    assert 'data-testid="submit"' in page and 'data-testid="issue"' not in page
    client.post(reverse("documents:status", args=[document.pk, "submit"]))
    assert 'data-testid="withdraw"' in page_of(client, world.officer, document)
    page = page_of(client, world.leader, document)
    assert 'data-testid="approve"' in page and 'data-testid="return"' in page
    assert 'data-testid="issue"' not in page_of(client, world.clerk, document)
    login(client, world.leader).post(reverse("documents:status", args=[document.pk, "approve"]))
    document.refresh_from_db()
    assert document.status == Status.APPROVED
    page = page_of(client, world.clerk, document)
    assert 'data-testid="issue"' in page and "Trần Văn Giám đã ký duyệt" in page
    client.post(reverse("documents:issue", args=[document.pk]), {"issued_on": "10/02/2021"})
    document.refresh_from_db()
    assert (document.status, document.reference, document.issued_on) == (
        Status.ISSUED,
        "01/STN-PKH",
        dt.date(2021, 2, 10),
    )


def test_the_signer_returns_with_a_reason_shown_to_the_drafter(client, world, signers):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    url = reverse("documents:return", args=[document.pk])
    assert login(client, world.officer).get(url).status_code == 403
    response = login(client, world.leader).post(url, {"reason": ""})
    assert response.context["form"].errors["reason"] == [
        "Hãy ghi lý do trả lại để người soạn thảo biết cần sửa những gì."
    ]
    response = client.post(url, {"reason": "Bổ sung thời gian,\r\nđịa điểm."})
    assert response.url == reverse("documents:detail", args=[document.pk])
    document.refresh_from_db()
    assert (document.status, document.return_reason) == (Status.RETURNED, "Bổ sung thời gian,\nđịa điểm.")
    page = page_of(client, world.officer, document)
    assert 'data-testid="return-reason"' in page and "Bổ sung thời gian,<br>địa điểm." in page
    assert 'data-testid="submit"' in page


def test_issue_refused_to_the_officer_and_errors_shown(client, world):
    document = make_draft(world.agency, actor=world.officer, unit=world.division, signer_name="")
    Document.objects.filter(pk=document.pk).update(status=Status.APPROVED)
    assert (
        login(client, world.officer).post(reverse("documents:issue", args=[document.pk])).status_code == 403
    )
    response = login(client, world.secretariat).post(
        reverse("documents:issue", args=[document.pk]), follow=True
    )
    messages = [(m.level_tag, m.message) for m in response.context["messages"]]
    assert messages == [("error", "Chưa chọn người ký.")]
    document.refresh_from_db()
    assert document.status == Status.APPROVED


def test_staff_sees_an_issued_document_without_buttons(client, world):
    document = make_issued(
        world.agency,
        body=[{"kind": "paragraph", "runs": [{"text": "Nội dung chính./.", "bold": False, "italic": False}]}],
    )
    html = login(client, world.staff).get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "Nội dung chính./." in html and document.reference in html
    assert 'data-testid="status-actions"' not in html


def test_the_page_shows_a_linked_movement_only_to_who_may_see_the_movement(client, world):
    """The movements panel (movements/panels.py) loads them through movements.access: the secretariat of a
    predecessor agency sees its document, not the successor's movement that rests on it."""
    predecessor = AgencyFactory(name="Sở cũ", symbol="SC", successor=world.agency)
    document = make_issued(predecessor, on=dt.date(2021, 1, 20))
    movement = MovementFactory(agency=world.agency, name="Phong trào văn hóa công sở")
    link_document(actor=None, movement=movement, document=document, role="guiding")
    old_secretariat = account_with_role(Role.SECRETARIAT, agency=predecessor)
    url = reverse("documents:detail", args=[document.pk])
    link = reverse("movements:detail", args=[movement.pk])

    html = login(client, world.secretariat).get(url).content.decode()
    assert link in html and "Phong trào văn hóa công sở" in html

    response = login(client, old_secretariat).get(url)
    html = response.content.decode()
    assert response.status_code == 200 and document.reference in html
    assert link not in html and 'data-testid="document-movements"' not in html


def test_revoke_and_replace_pages(client, world):
    old, new = make_issued(world.agency), make_issued(world.agency)
    login(client, world.secretariat)
    client.post(reverse("documents:replace", args=[old.pk]), {"replacement": new.pk})
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == Status.REPLACED and new.replaces == old
    response = client.post(reverse("documents:revoke", args=[new.pk]), {"reason": ""})
    assert response.context["form"].errors["reason"]
    client.post(reverse("documents:revoke", args=[new.pk]), {"reason": "Sai thẩm quyền"})
    new.refresh_from_db()
    assert new.status == Status.REVOKED


@pytest.mark.parametrize("name", ["documents:revoke", "documents:replace"])
def test_revoke_and_replace_are_refused_before_their_form(client, world, name):
    """Issue 11, finding 5: staff who see an issued document got the form, and its errors on an empty post."""
    document = make_issued(world.agency)
    url = reverse(name, args=[document.pk])
    login(client, world.staff)

    page, empty = client.get(url), client.post(url, {"reason": "", "replacement": ""})

    assert (page.status_code, empty.status_code) == (403, 403)
    assert b"errorlist" not in empty.content
    document.refresh_from_db()
    assert document.status == Status.ISSUED


def test_issue_and_attach_are_refused_before_their_form(client, world, media):
    document = make_issued(world.agency)
    login(client, world.staff)

    issue = client.post(reverse("documents:issue", args=[document.pk]), {"issued_on": "x"})
    attach = client.post(reverse("documents:attachment_add", args=[document.pk]), {"file": ""})

    assert (issue.status_code, attach.status_code) == (403, 403)
    assert not list(issue.wsgi_request._messages) and not list(attach.wsgi_request._messages)
    assert not document.attachments.exists()


# --- incoming register and attachments ---------------------------------------------------------------


def incoming_data(world, file):
    return {
        "agency": world.agency.pk,
        "kind": kind().pk,
        "sender_name": "UBND tỉnh Sóc Trăng",
        "number": "25",
        "notation": "KH-UBND",
        "issued_on": "08/02/2021",
        "subject": "Phát động phong trào thi đua năm 2021",
        "arrival_date": "09/02/2021",
        "file": file,
    }


def test_register_incoming_with_its_file(client, world, media):
    upload = SimpleUploadedFile("25-KH-UBND.pdf", PDF_BYTES, content_type="application/pdf")
    response = login(client, world.secretariat).post(
        reverse("documents:incoming_create"), incoming_data(world, upload)
    )
    document = Document.objects.get()
    assert response.url == reverse("documents:detail", args=[document.pk])
    assert (document.direction, document.reference, document.arrival_number) == (
        Direction.INCOMING,
        "25/KH-UBND",
        1,
    )
    assert document.attachments.get().name == "25-KH-UBND.pdf"


def test_register_incoming_refuses_a_bad_file_and_keeps_nothing(client, world, media):
    upload = SimpleUploadedFile("25.pdf", b"MZ\x90\x00program", content_type="application/pdf")
    response = login(client, world.secretariat).post(
        reverse("documents:incoming_create"), incoming_data(world, upload)
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Document.objects.exists()


def test_attachment_upload_and_download(client, world, media):
    document = make_draft(world.agency, actor=world.officer, unit=world.division)
    login(client, world.officer)
    client.post(
        reverse("documents:attachment_add", args=[document.pk]),
        {"file": SimpleUploadedFile("kh.pdf", PDF_BYTES)},
    )
    attachment = document.attachments.get()
    url = reverse("documents:attachment", args=[document.pk, attachment.pk])
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"] == 'attachment; filename="kh.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    assert login(client, world.staff).get(url).status_code == 404  # staff cannot see the draft


def test_bad_attachment_is_refused_with_a_message(client, world, media):
    document = make_draft(world.agency, actor=world.officer, unit=world.division)
    response = login(client, world.officer).post(
        reverse("documents:attachment_add", args=[document.pk]),
        {"file": SimpleUploadedFile("a.zip", b"PK\x03\x04garbage")},
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not document.attachments.exists()


def test_pdf_and_docx_files(client, world):
    document = make_issued(world.agency, code="cong_van", unit=world.office, on=dt.date(2021, 2, 10))
    login(client, world.staff)
    pdf = client.get(reverse("documents:pdf", args=[document.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert pdf["Content-Disposition"] == 'inline; filename="01-STN-VP.pdf"'
    docx = client.get(reverse("documents:docx", args=[document.pk]))
    assert (
        docx.content.startswith(b"PK")
        and docx["Content-Disposition"] == 'attachment; filename="01-STN-VP.docx"'
    )


def test_forms_offer_only_what_the_user_may_use(client, world):
    login(client, world.officer)
    form = client.get(reverse("documents:create")).context["form"]
    assert set(form.fields["drafting_unit"].queryset) == {world.division, world.team}
    assert list(form.fields["agency"].queryset) == [world.agency]
    html = client.get(reverse("documents:list")).content.decode()
    assert reverse("documents:create") in html and reverse("documents:incoming_create") not in html
    assert client.get(reverse("documents:incoming_create")).status_code == 403
    form = login(client, world.secretariat).get(reverse("documents:incoming_create")).context["form"]
    assert list(form.fields["agency"].queryset) == [world.agency] and form.fields["agency"].widget.is_hidden
