"""portal/views.py: every public page answers for published content with the right things on it; a withdrawn
publication 410 with its notice; anything else the portal's 404; drafts never appear."""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publishing.domain import publish_document, withdraw
from tests.portal.conftest import PORTAL_TITLE
from tests.publishing.conftest import RETURN_REASON, issued_dispatch

SEED = "/van-ban/46-stnmt-vp-trien-khai-ke-hoach-phat-dong-phong-trao-thi-dua-nam-2021/"


def text(response) -> str:
    return response.content.decode()


def test_home_shows_the_latest_of_each_kind_and_the_agency_with_its_archive(client, site):
    response = client.get("/")
    page = text(response)
    assert response.status_code == 200
    assert '<html lang="vi">' in page
    assert PORTAL_TITLE in page and site.world.agency.name in page
    assert "46/STNMT-VP" in page and "05/STN-VP" in page
    assert site.article.title in page and site.movement.title in page and site.exemplary.title in page
    assert "Về việc tặng danh hiệu Lao động tiên tiến năm 2021" in page
    assert "Sở Tài nguyên và Môi trường" in page  # the archive of its predecessor
    assert f"?co_quan={site.world.old_agency.pk}" in page
    assert 'href="/accounts/login/"' in page and "/lay-y-kien/" in page
    for tag in ("<header", "<nav", '<main id="main"', "<footer", 'class="skip-link"'):
        assert tag in page
    assert 'property="og:title"' in page and 'rel="canonical" href="http://testserver/"' in page
    assert "style=" not in page and "<script" not in page


def test_documents_list_filters_and_search(client, site, predecessor):
    page = text(client.get("/van-ban/"))
    assert "46/STNMT-VP" in page and "05/STN-VP" in page
    assert "Dự thảo chưa ban hành" not in page  # the movement's draft: never public
    archive = {"q": "trien khai ke hoach thi dua", "co_quan": predecessor.agency_id}
    only_seed = text(client.get("/van-ban/", archive))
    assert "46/STNMT-VP" in only_seed and "05/STN-VP" not in only_seed
    found = text(client.get("/van-ban/", {"q": "trien khai ke hoach thi dua"}))
    assert "46/STNMT-VP" in found
    assert "46/STNMT-VP" in text(client.get("/van-ban/", {"q": "46/stnmt-vp"}))
    assert "05/STN-VP" not in text(client.get("/van-ban/", {"q": "46/stnmt-vp"}))
    assert "No published document matches." not in found
    none = text(client.get("/van-ban/", {"q": "khong co van ban nao nhu the"}))
    assert "46/STNMT-VP" not in none and 'data-testid="no-documents"' in none
    assert "46/STNMT-VP" in text(client.get("/van-ban/", {"loai": "cong_van", "nam": "2021"}))
    assert 'data-testid="no-documents"' in text(client.get("/van-ban/", {"nam": "2020"}))
    unknown_kind = text(client.get("/van-ban/", {"loai": "quyet_dinh"}))  # none published: named, ignored
    assert "46/STNMT-VP" in unknown_kind and 'class="errorlist"' in unknown_kind


def test_document_page_shows_the_state_portal_metadata_and_no_internal_data(client, site):
    response = client.get(f"/van-ban/{site.dispatch.slug}/")
    page = text(response)
    assert response.status_code == 200
    for shown in ("Công văn", "05/STN-VP", "Sở Thử nghiệm", "Nguyễn Văn Bình", "10/02/2021", "15/02/2021"):
        assert shown in page
    assert "V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021" in page
    assert "Thi đua, khen thưởng" in page  # the field
    assert "Triển khai kế hoạch thi đua đến toàn thể" in page  # the body
    assert RETURN_REASON not in page and "ghi-chu-noi-bo" not in page
    assert 'property="og:type" content="article"' in page


def test_document_number_leads_to_its_page(client, site):
    for typed in ("46-stnmt-vp", "46/STNMT-VP", "46/stnmt-vp"):
        response = client.get(f"/van-ban/{typed}/")
        assert response.status_code == 301
        assert response["Location"] == SEED
    assert client.get(SEED).status_code == 200


def test_document_pdf_downloads(client, site):
    page = text(client.get(SEED))
    assert 'data-testid="document-pdf"' in page
    response = client.get(f"/van-ban/{site.seed.slug}/{site.seed.slug}.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the official copy"
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="46-STNMT-VP.pdf"' in response["Content-Disposition"]
    no_pdf_yet = f"/van-ban/{site.dispatch.slug}/{site.dispatch.slug}.pdf"
    assert client.get(no_pdf_yet).status_code == 404


def test_movement_pages_link_their_published_documents(client, site):
    assert site.movement.title in text(client.get("/phong-trao/"))
    page = text(client.get(f"/phong-trao/{site.movement.slug}/"))
    assert site.movement.title in page
    assert f'href="/van-ban/{site.dispatch.slug}/"' in page
    assert "Dự thảo chưa ban hành" not in page


def test_exemplary_pages_show_names_photos_with_alt_and_no_personal_data(client, site):
    listing = text(client.get("/dien-hinh/"))
    assert site.exemplary.title in listing and 'alt="Tổ Kế hoạch thu gom rác"' in listing
    assert site.exemplary.title not in text(client.get("/dien-hinh/", {"loai": "mo-hinh-moi"}))
    assert site.exemplary.title in text(client.get("/dien-hinh/", {"loai": "dien-hinh"}))
    page = text(client.get(f"/dien-hinh/{site.exemplary.slug}/"))
    assert "Đặng Thị Hương" in page and "Tổ Kế hoạch" in page
    assert "0912345678" not in page and "example.test" not in page and "1988" not in page
    assert 'property="og:image" content="http://testserver/anh/' in page


def test_news_pages(client, site):
    assert site.article.title in text(client.get("/tin-tuc/"))
    page = text(client.get(f"/tin-tuc/{site.article.slug}/"))
    assert "Sáng nay, Sở tổ chức lễ phát động." in page and "Trung tâm Công nghệ thông tin" in page
    assert 'alt="Lãnh đạo Sở phát biểu tại lễ phát động"' in page


def test_honour_roll_lists_standing_awards_with_their_decision(client, site):
    page = text(client.get("/bang-vang/"))
    assert "Đặng Thị Hương" in page and "Trần Thị Lan" in page and "Tổ Kế hoạch" in page
    assert "Lê Văn Minh" not in page  # revoked
    assert "69/QĐ-STN" in page and "20/12/2021" in page
    assert page.index("Đặng Thị Hương") < page.index("Trần Thị Lan")  # Hương before Lan: by given name
    collective = text(client.get("/bang-vang/", {"danh_hieu": site.team.award_id}))
    assert "Tổ Kế hoạch" in collective and "Trần Thị Lan" not in collective
    assert "Đặng Thị Hương" not in text(client.get("/bang-vang/", {"nam": "2020"}))
    decision_page = text(client.get(f"/bang-vang/{site.roll.slug}/"))
    assert "Đặng Thị Hương" in decision_page and "Lê Văn Minh" not in decision_page


def test_site_search_across_kinds(client, site):
    page = text(client.get("/tim-kiem/", {"q": "khong rac nhua"}))
    assert site.exemplary.title in page and "46/STNMT-VP" not in page
    page = text(client.get("/tim-kiem/", {"q": "phat dong thi dua"}))
    assert site.article.title in page and "46/STNMT-VP" in page
    assert 'data-testid="search-results"' not in text(client.get("/tim-kiem/"))


def test_withdrawn_answers_410_with_its_notice_and_leaves_the_lists(client, site):
    withdraw(actor=site.editor, publication=site.seed, reason="Đăng nhầm bản dự thảo")
    response = client.get(SEED)
    page = text(response)
    assert response.status_code == 410
    day = site.seed.withdrawn_at.astimezone().strftime("%d/%m/%Y")
    assert f"Văn bản này đã được gỡ khỏi cổng ngày {day}: Đăng nhầm bản dự thảo" in page or (
        day in page and "Đăng nhầm bản dự thảo" in page
    )
    assert "46/STNMT-VP" not in text(client.get("/van-ban/"))
    assert client.get(f"/van-ban/{site.seed.slug}/{site.seed.slug}.pdf").status_code == 410
    withdraw(actor=site.editor, publication=site.exemplary, reason="Hồ sơ cần bổ sung")
    assert client.get(f"/dien-hinh/{site.exemplary.slug}/").status_code == 410
    photo = site.exemplary.images.first()
    assert client.get(f"/anh/{photo.pk}/{photo.file.name.rsplit('/', 1)[-1]}").status_code == 404


def test_unknown_pages_answer_the_portals_404(client, site):
    for path in ("/van-ban/khong-co/", "/phong-trao/x/", "/dien-hinh/x/", "/tin-tuc/x/", "/bang-vang/x/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert 'data-testid="portal-404"' in text(response)
    # a document of another agency's portal is not on this one
    other = publish_document(actor=None, document=issued_dispatch(site.world.other_agency, number=7))
    assert client.get(f"/van-ban/{other.slug}/").status_code == 404


def test_image_is_served_with_cache_headers(client, site):
    photo = site.article.images.first()
    name = photo.file.name.rsplit("/", 1)[-1]
    response = client.get(f"/anh/{photo.pk}/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg" and "max-age=86400" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert client.get(f"/anh/{photo.pk}/khac.jpg")["Location"] == f"/anh/{photo.pk}/{name}"
    assert client.get("/anh/999999/x.jpg").status_code == 404


def test_documents_list_queries_do_not_grow_with_rows(client, site, world):
    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    few = count("/van-ban/?q=thi+dua")
    for number in range(10, 15):
        document = issued_dispatch(world.agency, number=number)
        document.pdf = ContentFile(b"x", name="x.pdf")
        publish_document(actor=site.editor, document=document, effective_on=dt.date(2021, 3, 1))
    assert count("/van-ban/?q=thi+dua&x=1") == few
    assert count("/bang-vang/?x=2") == count("/bang-vang/?x=3")
