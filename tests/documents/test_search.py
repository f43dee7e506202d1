"""Document search: numbers and symbols, subject and body, accent- and đ-insensitive, ranked; the same
results on SQLite (FTS5) and PostgreSQL (tsvector + trigram)."""

import datetime as dt

import pytest

from documents.models import Direction, Document, DocumentKind, Status
from documents.search import find_documents, parse_query, search_documents
from tests.documents.bulk import bulk_documents


def paragraph(text):
    return {"kind": "paragraph", "runs": [{"text": text, "bold": False, "italic": False}]}


def make_document(agency, kind="cong_van", *, subject, body=(), number=None, notation="", **fields):
    issued = number is not None
    return Document.objects.create(
        agency=agency,
        kind=DocumentKind.objects.get(code=kind),
        direction=fields.pop("direction", Direction.OUTGOING),
        status=fields.pop("status", Status.ISSUED if issued else Status.DRAFT),
        number=number,
        year=2021 if issued else None,
        notation=notation,
        issued_on=fields.pop("issued_on", dt.date(2021, 2, 8) if issued else None),
        subject=subject,
        body=[paragraph(text) for text in body],
        **fields,
    )


@pytest.fixture
def library(world):
    """The seed's documents: Plan 25/KH-UBND (incoming), Plan 07/KH-STNMT, the dispatch citing both."""
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
    )
    plan_07 = make_document(
        agency,
        "ke_hoach",
        subject="Phát động phong trào thi đua năm 2021 của Sở",
        number=7,
        notation="KH-STNMT",
        issued_on=dt.date(2021, 1, 20),
    )
    dispatch = make_document(
        agency,
        subject="V/v triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh",
        number=12,
        notation="STNMT-VP",
        issued_on=dt.date(2021, 2, 20),
        body=[
            "Căn cứ Kế hoạch số 25/KH-UBND ngày 08/02/2021 của Chủ tịch UBND tỉnh Sóc Trăng;",
            "Đẩy mạnh các phong trào thi đua như “Kế hoạch số 07/KH-STNMT ngày 20/01/2021”./.",
        ],
    )
    land = make_document(
        agency,
        "quyet_dinh",
        subject="Quyết định khen thưởng tập thể Đề án đất đai",
        number=15,
        notation="QĐ-STNMT",
        body=["Khen thưởng Phòng Đất đai đã hoàn thành xuất sắc nhiệm vụ đăng ký đất đai./."],
    )
    draft = make_document(agency, subject="Dự thảo báo cáo tổng kết công tác khen thưởng", body=["Nội dung"])
    return {"plan_25": plan_25, "plan_07": plan_07, "dispatch": dispatch, "land": land, "draft": draft}


def found(query):
    return list(search_documents(Document.objects.all(), query))


@pytest.mark.parametrize(
    "query",
    [
        "25/KH-UBND",
        "25/kh-ubnd",
        "25 kh ubnd",
        "25 KH-UBND",
        "số 25/KH-UBND",
        "25 / kh - ubnd",
        "so 25 kh ubnd",
    ],
)
def test_number_forms_find_the_document_first_then_those_citing_it(library, query):
    assert found(query) == [library["plan_25"], library["dispatch"]]


@pytest.mark.parametrize("query", ["07/KH-STNMT", "7/kh-stnmt", "07 kh stnmt", "7 KH STNMT"])
def test_number_below_ten_with_or_without_leading_zero(library, query):
    assert found(query) == [library["plan_07"], library["dispatch"]]


def test_number_with_d_stroke_in_the_symbol(library):
    assert found("15/QĐ-STNMT") == found("15/qd-stnmt") == found("15 qd stnmt") == [library["land"]]


def test_a_shorter_number_does_not_match_inside_a_longer_one(library):
    assert found("5/KH-UBND") == []
    assert found("2/STNMT-VP") == []


def test_partial_symbol_matches_by_prefix(library):
    assert found("12/STNMT") == [library["dispatch"]]


@pytest.mark.parametrize("query", ["đất đai", "dat dai", "ĐẤT ĐAI", "Dat Dai"])
def test_accents_d_stroke_and_case_are_ignored(library, query):
    assert found(query) == [library["land"]]


def test_letters_with_two_marks_and_word_prefixes(library):
    assert found("quyet dinh") == [library["land"]]
    assert found("quyết") == [library["land"]]
    assert found("khen thuo") == [library["land"], library["draft"]]


def test_body_and_sender_are_searched(library):
    assert found("dang ky") == [library["land"]]
    assert found("soc trang") == [library["plan_25"], library["dispatch"]]


def test_every_word_must_match(library):
    assert found("thi dua 2021") == found("2021 thi dua")
    assert set(found("thi dua 2021")) == {library["plan_25"], library["plan_07"], library["dispatch"]}
    assert found("thi dua dat dai") == []


def test_words_and_number_together(library):
    assert found("Phát động 25/KH-UBND") == [library["plan_25"], library["dispatch"]]
    assert found("triển khai 25/KH-UBND") == [library["dispatch"]]
    assert found("dat dai 25/KH-UBND") == []


def test_ranked_by_relevance(world):
    once = make_document(world.agency, subject="Báo cáo công tác năm", body=["Có nêu khen thưởng một lần."])
    often = make_document(
        world.agency, subject="Khen thưởng năm", body=["Khen thưởng, khen thưởng đột xuất."]
    )
    assert found("khen thuong") == [often, once]


def test_empty_query_leaves_the_queryset_unchanged(library):
    queryset = Document.objects.filter(status=Status.ISSUED)
    assert search_documents(queryset, "") is queryset
    assert search_documents(queryset, "  ") is queryset
    assert search_documents(queryset, "/ - .") is queryset


def test_search_stays_within_the_queryset(library, world):
    make_document(world.other_agency, subject="Phong trào thi đua của Sở Khác", number=3, notation="KH-SK")
    mine = Document.objects.filter(agency=world.agency)
    assert set(search_documents(mine, "phong trao thi dua")) == {
        library["plan_25"],
        library["plan_07"],
        library["dispatch"],
    }
    assert len(found("phong trao thi dua")) == 4


def test_edits_and_deletions_reach_the_index(library):
    draft = library["draft"]
    draft.subject = "Dự thảo tờ trình về đề nghị tặng Bằng khen"
    draft.save()
    assert found("bang khen") == [draft]
    assert found("tong ket") == []
    library["land"].delete()
    assert found("dat dai") == []


def test_query_syntax_is_never_passed_through(library):
    assert found('"thi dua"') == found("thi dua*") == found("thi dua")
    assert found("thi* OR dua") == found("NEAR(thi dua)") == found("' OR 1=1 --") == []
    assert found("khen -thuong") == found("khen thuong")


@pytest.mark.parametrize(
    "query, parsed",
    [
        ("Kế hoạch số 25/KH-UBND", (["25/kh-ubnd"], ["ke", "hoach"], "")),
        ("25 kh ubnd", ([], ["25", "kh", "ubnd"], "25/kh-ubnd")),
        ("số 7 KH STNMT", ([], ["07", "kh", "stnmt"], "07/kh-stnmt")),
        ("7/kh-stnmt", (["07/kh-stnmt"], [], "")),
        ("thi đua 2021", ([], ["thi", "dua", "2021"], "")),
        ("2021 thi đua", ([], ["2021", "thi", "dua"], "2021/thi-dua")),
    ],
)
def test_parse_query(query, parsed):
    assert parse_query(query) == parsed


def test_few_matches_are_ranked_more_are_the_latest_first_counted_up_to_the_limit(world, settings):
    settings.SEARCH_RANK_LIMIT = 10
    bulk_documents(world.agency, 25)  # "thi dua" in 15 subjects of 25, "phong trao" in 10
    few = find_documents(Document.objects.all(), "phong trao")
    assert (few.counted, few.ranked) == (10, True)
    many = find_documents(Document.objects.all(), "thi dua")
    assert (many.counted, many.ranked) == (11, False)  # counted no further than one past the limit
    numbers = [d.number for d in many.documents]
    assert len(numbers) == 15 and numbers == sorted(numbers, reverse=True)
    assert find_documents(Document.objects.all(), " / - ") is None
