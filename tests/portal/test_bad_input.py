"""Absurd query strings and addresses: a clear answer, never a 500."""

import pytest

from publishing.public import QUERY_MAX


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999999999"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "9" * 5000},
        {"nam": "x"},
        {"nam": "99999"},
        {"loai": "<script>"},
        {"co_quan": "1;drop"},
        {"q": "a" * 10_000},
        {"q": "trien\x00khai"},
        {"q": "%%%'\"<>"},
    ],
)
def test_documents_list_answers_every_query_string(client, site, query):
    response = client.get("/van-ban/", query)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>" not in page


def test_a_page_beyond_the_last_shows_the_last(client, site):
    page = client.get("/van-ban/", {"page": "999999999"}).content.decode()
    assert "46/STNMT-VP" in page


def test_a_wrong_year_is_named_and_ignored(client, site):
    page = client.get("/van-ban/", {"nam": "x"}).content.decode()
    assert 'class="errorlist"' in page and "46/STNMT-VP" in page


def test_an_overlong_query_is_cut(client, site):
    page = client.get("/tim-kiem/", {"q": "thi dua " + "a" * 10_000}).content.decode()
    assert "a" * QUERY_MAX not in page and "a" * (QUERY_MAX - 10) in page


def test_nul_bytes_are_dropped_from_a_query(client, site):
    response = client.get("/tim-kiem/", {"q": "khong\x00rac nhua"})
    assert response.status_code == 200
    assert site.exemplary.title in response.content.decode()


@pytest.mark.parametrize("path", ["/bang-vang/", "/dien-hinh/", "/tin-tuc/", "/phong-trao/", "/tim-kiem/"])
def test_other_lists_answer_absurd_pages(client, site, path):
    for page in ("999999999", "abc", "0", "1" * 50):
        assert client.get(path, {"page": page, "q": "x", "danh_hieu": "y", "loai": "z"}).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/van-ban/../../etc/passwd/",
        "/van-ban/" + "x" * 3000 + "/",
        "/van-ban/99999999999-x/",
        "/dien-hinh/%3Cscript%3E/",
        "/anh/1/..%2F..%2Fsecret",
        "/bang-vang/khong-co/",
    ],
)
def test_invalid_addresses_answer_404(client, site, path):
    assert client.get(path).status_code == 404


def test_only_get(client, site):
    assert client.post("/van-ban/").status_code == 405
