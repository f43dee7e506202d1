import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from dissemination.models import Dissemination, Receipt
from documents import domain
from documents.models import Attachment, Direction, LegalBasis, SigningAuthority, Status
from tests.documents.bulk import bulk_documents
from tests.documents.signers import add_signers
from tests.documents.test_domain import PDF_BYTES, officer_draft
from tests.documents.test_search import make_document, paragraph
from tests.factories import account_with_role

NOT_FOUND = {"detail": "Không tìm thấy, hoặc bạn không có quyền xem."}


@pytest.fixture
def signers(world):
    return add_signers(world)


def ids(response):
    return [d["id"] for d in response.json()["items"]]


def url(name, *args):
    return reverse(name, args=args)


@pytest.fixture
def docs(world):
    agency = world.agency
    plan_25 = make_document(
        agency,
        "ke_hoach",
        subject="Phát động phong trào thi đua năm 2021",
        number=25,
        notation="KH-UBND",
        direction=Direction.INCOMING,
        status=Status.REGISTERED,
        sender_name="UBND tỉnh Sóc Trăng",
        arrival_number=3,
        arrival_date=dt.date(2021, 2, 10),
    )
    dispatch = make_document(
        agency,
        subject="V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh",
        number=12,
        notation="STNMT-VP",
        issued_on=dt.date(2021, 2, 20),
        issuer_name="SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        superior_name="UBND TỈNH SÓC TRĂNG",
        place_name="Sóc Trăng",
        body=["Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021;", "Đề nghị các đơn vị thực hiện./."],
        addressees=["Thủ trưởng phòng, đơn vị trực thuộc Sở"],
        recipients=["Như trên;", "Lưu: VT, VP."],
        signing_authority=SigningAuthority.KT,
        authority_title="GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn Đức",
        signer=world.division_person,
        drafting_unit=world.office,
    )
    draft = make_document(agency, subject="Dự thảo báo cáo đất đai", drafting_unit=world.division)
    other = make_document(
        world.other_agency, subject="Kế hoạch đất đai của Sở Khác", number=4, notation="KH-SK"
    )
    return {"plan_25": plan_25, "dispatch": dispatch, "draft": draft, "other": other}


def test_list_item_shape(world, docs, api_as):
    data = api_as(world.staff, "documents", q="12/STNMT-VP").json()
    dispatch = docs["dispatch"]
    assert data == {"count": 1, "count_exact": True, "items": [{
        "id": dispatch.pk, "kind": "cong_van", "kind_name": "Công văn", "direction": "outgoing",
        "status": "issued", "number": "12/STNMT-VP", "issued_on": "2021-02-20",
        "subject": "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh",
        "issuer": "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "agency": {"id": world.agency.pk, "name": "Sở Thử nghiệm"},
        "pdf_url": f"/api/v1/documents/{dispatch.pk}/pdf",
        "docx_url": f"/api/v1/documents/{dispatch.pk}/docx",
    }]}  # fmt: skip


def test_draft_has_no_number_and_the_agency_as_issuer(world, docs, api_as):
    item = api_as(world.secretariat, f"documents/{docs['draft'].pk}").json()
    assert (item["number"], item["issued_on"], item["status"]) == ("", None, "draft")
    assert item["issuer"] == "Sở Thử nghiệm"
    assert item["dissemination"] is None


def test_list_latest_first_drafts_last(world, docs, api_as):
    expected = [docs["dispatch"].pk, docs["plan_25"].pk, docs["draft"].pk]
    assert ids(api_as(world.secretariat, "documents")) == expected


@pytest.mark.parametrize("q", ["25/KH-UBND", "25 kh ubnd", "25/kh-ubnd", "số 25/KH-UBND", "25 KH UBND"])
def test_search_by_number_forms(world, docs, api_as, q):
    assert ids(api_as(world.staff, "documents", q=q)) == [docs["plan_25"].pk, docs["dispatch"].pk]


@pytest.mark.parametrize("q", ["phong trào thi đua", "phong trao thi dua", "PHONG TRÀO THI ĐUA"])
def test_search_ignores_accents_and_case(world, docs, api_as, q):
    assert set(ids(api_as(world.staff, "documents", q=q))) == {docs["plan_25"].pk, docs["dispatch"].pk}


def test_search_d_stroke_in_body_and_subject(world, docs, api_as):
    assert ids(api_as(world.secretariat, "documents", q="de nghi")) == [docs["dispatch"].pk]
    assert ids(api_as(world.secretariat, "documents", q="dat dai")) == [docs["draft"].pk]
    assert set(ids(api_as(world.admin, "documents", q="Đất đai"))) == {docs["other"].pk, docs["draft"].pk}


def test_search_stays_in_scope(world, docs, api_as):
    empty = {"items": [], "count": 0, "count_exact": True}
    assert api_as(world.staff, "documents", q="dat dai").json() == empty
    assert api_as(world.staff, "documents", q="4/KH-SK").json() == empty


def test_filters(world, docs, api_as):
    user = world.secretariat
    assert ids(api_as(user, "documents", kind="ke_hoach")) == [docs["plan_25"].pk]
    assert ids(api_as(user, "documents", status="draft")) == [docs["draft"].pk]
    assert ids(api_as(user, "documents", direction="incoming")) == [docs["plan_25"].pk]
    assert set(ids(api_as(user, "documents", year=2021, q="thi dua"))) == {
        docs["dispatch"].pk,
        docs["plan_25"].pk,
    }
    assert api_as(user, "documents", year=2020).json()["count"] == 0
    assert api_as(user, "documents", status="nonsense").status_code == 422


def test_drafts_are_invisible_to_staff(world, docs, api_as):
    assert docs["draft"].pk not in ids(api_as(world.staff, "documents"))
    response = api_as(world.staff, f"documents/{docs['draft'].pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert docs["draft"].pk in ids(api_as(world.head, "documents"))  # head of the drafting unit


def test_other_agency_document_is_404(world, docs, api_as):
    response = api_as(world.leader, f"documents/{docs['other'].pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert docs["other"].pk not in ids(api_as(world.leader, "documents"))
    assert api_as(world.admin, f"documents/{docs['other'].pk}").json()["number"] == "04/KH-SK"


def test_detail(world, docs, api_as):
    dispatch = docs["dispatch"]
    LegalBasis.objects.create(document=dispatch, position=1, cited=docs["plan_25"], text="")
    LegalBasis.objects.create(document=dispatch, position=2, text="Luật Thi đua, khen thưởng năm 2022;")
    LegalBasis.objects.create(
        document=dispatch, position=3, cited=docs["other"], text="Kế hoạch của Sở Khác;"
    )
    attachment = Attachment.objects.create(
        document=dispatch, file="documents/2021/02/kh25.pdf", name="KH 25.pdf",
        content_type="application/pdf", size=1234, sha256="0" * 64,
    )  # fmt: skip
    data = api_as(world.staff, f"documents/{dispatch.pk}").json()
    assert data["body"] == [
        paragraph("Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021;"),
        paragraph("Đề nghị các đơn vị thực hiện./."),
    ]
    assert data["bases"] == [
        {"text": "25/KH-UBND — Phát động phong trào thi đua năm 2021", "cited": {
            "id": docs["plan_25"].pk, "number": "25/KH-UBND",
            "subject": "Phát động phong trào thi đua năm 2021"}},
        {"text": "Luật Thi đua, khen thưởng năm 2022;", "cited": None},
        {"text": "Kế hoạch của Sở Khác;", "cited": None},  # the other agency's document is not shown
    ]  # fmt: skip
    assert data["addressees"] == ["Thủ trưởng phòng, đơn vị trực thuộc Sở"]
    assert data["recipients"] == ["Như trên;", "Lưu: VT, VP."]
    assert data["signer"] == {
        "authority": "KT.", "authority_title": "GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC",
        "name": "Nguyễn Văn Đức", "person": {"id": world.division_person.pk, "name": "Lê Văn Minh"},
    }  # fmt: skip
    assert data["attachments"] == [{
        "id": attachment.pk, "name": "KH 25.pdf", "content_type": "application/pdf", "size": 1234,
        "url": f"/api/v1/documents/{dispatch.pk}/attachments/{attachment.pk}",
    }]  # fmt: skip
    assert (data["superior_name"], data["place_name"]) == ("UBND TỈNH SÓC TRĂNG", "Sóc Trăng")
    assert data["drafting_unit"] == {"id": world.office.pk, "name": "Văn phòng"}


def test_detail_of_incoming_document(world, docs, api_as):
    data = api_as(world.staff, f"documents/{docs['plan_25'].pk}").json()
    assert (data["direction"], data["status"], data["number"]) == ("incoming", "registered", "25/KH-UBND")
    assert (data["sender_name"], data["arrival_number"], data["arrival_date"]) == (
        "UBND tỉnh Sóc Trăng",
        3,
        "2021-02-10",
    )


def test_dissemination_status(world, docs, api_as):
    now = timezone.now()
    sending = Dissemination.objects.create(
        document=docs["dispatch"], due_date=dt.date(2021, 3, 1), requires_implementation=True
    )
    Receipt.objects.create(
        dissemination=sending,
        person=world.office_person,
        via_unit=world.office,
        read_at=now,
        implemented_at=now,
    )
    Receipt.objects.create(dissemination=sending, person=world.team_person, via_unit=world.team, read_at=now)
    Receipt.objects.create(dissemination=sending, person=world.division_person, via_unit=world.division)
    everything = api_as(world.secretariat, f"documents/{docs['dispatch'].pk}").json()["dissemination"]
    own = api_as(world.staff, f"documents/{docs['dispatch'].pk}").json()["dissemination"]
    assert {k: everything[k] for k in ("total", "read", "implemented", "complete")} == {
        "total": 3, "read": 2, "implemented": 1, "complete": 1
    }  # fmt: skip
    assert sorted(everything["units"], key=lambda u: u["unit"]) == [
        {"unit": "Phòng Kế hoạch", "read": 0, "done": 0, "total": 1},
        {"unit": "Tổ Kế hoạch", "read": 1, "done": 0, "total": 1},
        {"unit": "Văn phòng", "read": 1, "done": 1, "total": 1},
    ]
    assert own == {
        "total": 1, "read": 1, "implemented": 1, "complete": 1,
        "units": [{"unit": "Văn phòng", "read": 1, "done": 1, "total": 1}],
    }  # fmt: skip


def _documents(agency, rows):
    for n in range(rows):
        make_document(agency, "ke_hoach", subject=f"Kế hoạch thi đua số {n}", number=n + 1, notation="KH-STN")


def _queries(client, params) -> tuple[int, dict]:
    """(number of queries, answer) of GET /api/v1/documents, after one warming request."""
    client.get("/api/v1/documents", params)
    with CaptureQueriesContext(connection) as captured:
        data = client.get("/api/v1/documents", params).json()
    return len(captured), data


@pytest.mark.parametrize("params", [{}, {"q": "ke hoach thi dua"}, {"q": "01/KH-STN"}, {"kind": "ke_hoach"}])
def test_list_and_search_query_count_does_not_grow_with_rows(world, client, params):
    client.force_login(world.staff)
    bulk_documents(world.agency, 1, subject="Kế hoạch thi đua")
    few, data = _queries(client, params)
    assert data["count"] == 1
    bulk_documents(world.agency, 199, first_number=2, subject="Kế hoạch thi đua")
    many, data = _queries(client, params)
    assert many == few
    assert (data["count"], len(data["items"])) == ((1, 1) if "01" in params.get("q", "") else (200, 50))


def test_search_ranks_the_best_first_when_few_match(world, client):
    _documents(world.agency, 3)
    client.force_login(world.staff)
    data = client.get("/api/v1/documents", {"q": "ke hoach thi dua so 1"}).json()  # "Kế hoạch … số 1"
    assert [d["number"] for d in data["items"]] == ["02/KH-STN"]
    data = client.get("/api/v1/documents", {"q": "3 kh stn"}).json()  # its own number first
    assert data["items"][0]["number"] == "03/KH-STN"
    data = client.get("/api/v1/documents", {"q": "ke hoach thi dua"}).json()
    assert [d["number"] for d in data["items"]] == ["03/KH-STN", "02/KH-STN", "01/KH-STN"]


def test_the_count_stops_at_the_cap_and_the_offset_walks_past_it(world, client, settings):
    settings.LIST_COUNT_CAP = 40
    bulk_documents(world.agency, 70)
    client.force_login(world.staff)
    data = client.get("/api/v1/documents", {"limit": 20}).json()
    assert (data["count"], data["count_exact"]) == (40, False)
    beyond = client.get("/api/v1/documents", {"limit": 20, "offset": 60}).json()
    assert [d["number"] for d in beyond["items"]] == [f"{n:02d}/KH-STN" for n in range(10, 0, -1)]
    assert client.get("/api/v1/documents", {"offset": 70}).json() == {
        "items": [],
        "count": 40,
        "count_exact": False,
    }
    settings.SEARCH_RANK_LIMIT = 30
    searched = client.get("/api/v1/documents", {"q": "thi dua"}).json()  # 42 of the 70: the latest first
    assert (searched["count"], searched["count_exact"]) == (30, False)
    assert searched["items"][0]["number"] == "69/KH-STN"  # 70 is a decision without "thi đua"
    settings.LIST_COUNT_CAP = 70
    assert client.get("/api/v1/documents").json()["count_exact"] is True


def test_openapi_describes_the_filters(openapi):
    schema = openapi
    parameters = schema["paths"]["/api/v1/documents"]["get"]["parameters"]
    assert {p["name"] for p in parameters} == {"q", "kind", "status", "direction", "year", "limit", "offset"}
    assert "/api/v1/documents/{document_id}" in schema["paths"]


def test_the_pdf_and_docx_urls_answer_an_api_client_with_its_token(world, client, bearer):
    import io

    import docx
    import pdfplumber

    from tests.documents.seed_dispatch import seed_dispatch

    document = seed_dispatch(issued=True)
    document.agency = world.agency
    document.save()
    headers = bearer(world.staff)
    item = client.get("/api/v1/documents", {"q": document.reference}, **headers).json()["items"][0]
    pdf = client.get(item["pdf_url"], **headers)
    word = client.get(item["docx_url"], **headers)
    stem = document.reference.replace("/", "-")
    assert (pdf.status_code, pdf["Content-Type"], pdf["Content-Disposition"]) == (
        200, "application/pdf", f'inline; filename="{stem}.pdf"'
    )  # fmt: skip
    assert (word.status_code, word["Content-Type"], word["Content-Disposition"]) == (
        200,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        f'attachment; filename="{stem}.docx"',
    )
    with pdfplumber.open(io.BytesIO(pdf.content)) as reader:
        assert document.reference in reader.pages[0].extract_text()
    assert any(document.reference in p.text for t in docx.Document(io.BytesIO(word.content)).tables
               for row in t.rows for c in row.cells for p in c.paragraphs)  # fmt: skip


def test_the_files_are_scoped_like_the_detail(world, docs, client, bearer):
    headers = bearer(world.staff)
    for document in (docs["other"], docs["draft"]):  # another agency's; a draft staff may not see
        for kind in ("pdf", "docx"):
            response = client.get(f"/api/v1/documents/{document.pk}/{kind}", **headers)
            assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = client.get(f"/api/v1/documents/{docs['draft'].pk}/pdf", **bearer(world.secretariat))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert client.get(f"/api/v1/documents/{docs['dispatch'].pk}/pdf").status_code == 401  # no token


def test_an_attachment_url_answers_with_the_token(world, docs, client, bearer, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    incoming = docs["plan_25"]
    domain.add_attachment(actor=None, document=incoming, upload=SimpleUploadedFile("KH 25.pdf", PDF_BYTES))
    headers = bearer(world.staff)
    detail = client.get(f"/api/v1/documents/{incoming.pk}", **headers).json()
    response = client.get(detail["attachments"][0]["url"], **headers)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content) == PDF_BYTES
    outsider = account_with_role(Role.STAFF, person=world.other_person, username="ngoai")
    assert client.get(detail["attachments"][0]["url"], **bearer(outsider)).status_code == 404


def test_the_schema_lists_the_file_endpoints_and_the_states(openapi):
    schema = openapi
    pdf = schema["paths"]["/api/v1/documents/{document_id}/pdf"]["get"]
    docx_answer = schema["paths"]["/api/v1/documents/{document_id}/docx"]["get"]["responses"]["200"]
    assert list(pdf["responses"]["200"]["content"]) == ["application/pdf"]
    assert list(docx_answer["content"]) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ]
    assert "/api/v1/documents/{document_id}/attachments/{attachment_id}" in schema["paths"]
    states = set(schema["components"]["schemas"]["DocumentStatus"]["enum"])
    assert {"submitted", "returned", "approved", "issued"} <= states


def test_a_signed_off_document_shows_its_state(world, signers, api_as):
    document = officer_draft(world, signers.director)
    domain.submit_for_signature(actor=world.officer, document=document)
    domain.approve_document(actor=world.leader, document=document)
    item = api_as(world.clerk, f"documents/{document.pk}").json()
    assert (item["status"], item["number"], item["signer"]["name"]) == ("approved", "", "Trần Văn Giám")
    assert ids(api_as(world.clerk, "documents", status="approved")) == [document.pk]
