"""The demo's public e-portal (issue 16), built through publishing's domain functions in the order the story
happened, each step's activity-log rows dated to its day (demo.nominations.Timeline):

- the portal of today's Sở NN&MT thành phố Cần Thơ, served at the site's root and on its own host name; it
  shows the publications of the agencies it succeeded (the Sở TN&MT and the Sở NN&PTNT Sóc Trăng, the Sở
  NN&MT Sóc Trăng) as its archive;
- the seed's dispatch 46/STNMT-VP published by the 2021 IT Centre's editor (bientap) the working day after
  its issue — the seed's item 4 — and about fifteen other issued or registered documents: the plans that
  launched the movements, the councils' and the reward decisions of 2018–2026. The 2022 council's
  decision, replaced by the city Sở's of 01/07/2025, withdrawn with its reason (its address answers 410).
  Their PDFs are rendered by the task worker, queued when the load commits (the load stays fast);
- the movements of 2021 and today's, the exemplary models (each with a drawn photo whose EXIF data carries a
  GPS position, for the portal to strip), four news articles (one with a photo), and the honour roll
  of every issued reward decision;
- the current round's consultation: the posting open today on the portal (demo.nominations opens one; here
  one is opened if none is), and a comment a citizen sends through the portal, pending for the secretariat.

Deterministic: the dates are fixed (past years) or the current round's; the articles' text and the
commenter are invented.
"""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from achievements import domain as achievements
from achievements.models import ExemplaryModel
from decisions.models import Decision
from documents.models import Document
from movements.models import Movement
from movements.models import Status as MovementStatus
from nominations import public as consultations
from nominations.domain import posting as postings
from nominations.models import Channel, Posting, Proposal
from nominations.models import Status as ProposalStatus
from publishing import domain as publishing
from publishing.models import Publication
from workdays.calendar import is_working_day, working_day_after

from .nominations import POSTING_DAYS, Timeline

D = dt.date
PORTAL = {
    "slug": "snnmt-can-tho",
    "title": "Cổng thông tin điện tử Sở Nông nghiệp và Môi trường thành phố Cần Thơ",
    "hosts": ("snnmt.cantho.gov.vn",),
}
EMULATION = "Thi đua, khen thưởng"
ORGANISATION = "Tổ chức bộ máy"
# The documents published, by agency key: (number, notation, year of issue, field). Published the working day
# after their issue (an incoming one: after its arrival).
DOCUMENTS = {
    "TNMT": [
        (26, "QĐ-STNMT", 2020, EMULATION),
        (7, "KH-STNMT", 2021, EMULATION),
        (25, "KH-UBND", 2021, EMULATION),
        (46, "STNMT-VP", 2021, EMULATION),
        (26, "QĐ-STNMT", 2021, EMULATION),
        (9, "QĐ-STNMT", 2022, ORGANISATION),
        (69, "QĐ-STNMT", 2022, EMULATION),
        (812, "QĐ-UBND", 2022, EMULATION),
        (26, "QĐ-STNMT", 2023, EMULATION),
        (26, "QĐ-STNMT", 2024, EMULATION),
        (26, "QĐ-STNMT", 2025, EMULATION),
    ],
    "NNPTNT": [(32, "QĐ-SNNPTNT", year, EMULATION) for year in (2023, 2024, 2025)],
    "NNMT_CT": [
        (6, "QĐ-SNNMT", 2025, ORGANISATION),
        (12, "KH-UBND", 2026, EMULATION),
        (29, "QĐ-SNNMT", 2026, EMULATION),
    ],
}
WITHDRAWN = ("TNMT", 9, "QĐ-STNMT", 2022)
WITHDRAWAL_REASON = (
    "Văn bản đã được thay thế bởi Quyết định số 06/QĐ-SNNMT ngày 01/07/2025 của Giám đốc Sở Nông nghiệp và "
    "Môi trường thành phố Cần Thơ về việc kiện toàn Hội đồng Thi đua - Khen thưởng Sở."
)
WITHDRAWN_ON = D(2025, 7, 2)
PAST_MOVEMENTS = (
    "Phong trào thi đua năm 2021 của tỉnh Sóc Trăng",
    "Phong trào thi đua năm 2021 của Sở Tài nguyên và Môi trường",
)
COMMENT = {
    "name": "Nguyễn Thị Hồng",
    "contact": "hong.nguyen@example.com",
    "text": (
        "Tôi là chủ cơ sở sản xuất ở phường Cái Khế. Năm nay đồng chí đã nhiều lần đến hướng dẫn cơ sở lập "
        "hồ sơ môi trường rất tận tình, đúng quy định. Tôi đồng ý với đề nghị khen thưởng đồng chí."
    ),
}


def load_portal(*, agencies: dict, seed_documents: dict) -> dict:
    """Set up the portal and publish the demo's content (see the module); `agencies` are demo.build's.
    Returns the portal, the seed dispatch's publication and the withdrawn one."""
    editor = User.objects.get(username="bientap")
    portal = publishing.set_up_portal(
        actor=None, agency=agencies["NNMT_CT"], slug=PORTAL["slug"], title=PORTAL["title"], is_default=True,
        hosts=PORTAL["hosts"],
    )  # fmt: skip
    found = {}
    t = Timeline()
    schedule_documents(t, found, editor, agencies)
    schedule_movements(t, editor, agencies)
    schedule_models(t, editor, agencies)
    schedule_honour_rolls(t, editor)
    schedule_articles(t, editor, agencies)
    t.run()
    dispatch = Publication.objects.get(document=seed_documents["dispatch"])
    return {"portal": portal, "dispatch": dispatch, "withdrawn": found["withdrawn"]}


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    """The day at `hour` o'clock, never later than now (today's steps happen when the demo is loaded)."""
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour))), timezone.now())


def next_working_day(day: dt.date, agency) -> dt.date:
    """The working day after `day`, capped at today."""
    return min(working_day_after(day, 1, agency=agency), timezone.localdate())


# --- Documents ----------------------------------------------------------------------------------------------


def schedule_documents(t: Timeline, found: dict, editor, agencies: dict) -> None:
    for key, specs in DOCUMENTS.items():
        for number, notation, year, field in specs:
            document = Document.objects.select_related("agency").get(
                agency=agencies[key], number=number, notation=notation, issued_on__year=year
            )
            day = next_working_day(max(document.issued_on, document.arrival_date or document.issued_on),
                                   document.agency)  # fmt: skip
            if (key, number, notation, year) == WITHDRAWN:
                t.at(day, publish_then_withdraw, found, editor, document, field)
            else:
                t.at(day, publish_document, editor, document, field)


def publish_document(editor, document, field: str, *, on: dt.date) -> Publication:
    return publishing.publish_document(actor=editor, document=document, field=field, at=moment(on))


def publish_then_withdraw(found: dict, editor, document, field: str, *, on: dt.date) -> None:
    """Published when issued; withdrawn when the city Sở's decision replaced it (withdraw() takes no date:
    the demo backdates the withdrawal as it dates the log)."""
    publication = publish_document(editor, document, field, on=on)
    publication = publishing.withdraw(actor=editor, publication=publication, reason=WITHDRAWAL_REASON)
    Publication.objects.filter(pk=publication.pk).update(withdrawn_at=moment(WITHDRAWN_ON))
    publication.refresh_from_db()
    found["withdrawn"] = publication


# --- Movements and exemplary models -------------------------------------------------------------------------


def schedule_movements(t: Timeline, editor, agencies: dict) -> None:
    """The 2021 Province's and Department's movements, and every current movement of today's Sở (one it
    took over from its predecessors published when the Sở began)."""
    past = Movement.objects.filter(agency=agencies["TNMT"], name__in=PAST_MOVEMENTS)
    current = Movement.objects.filter(agency=agencies["NNMT_CT"]).exclude(status=MovementStatus.CLOSED)
    for movement in [*past.order_by("pk"), *current.order_by("pk")]:
        began = movement.agency.valid_from or D.min
        launched = max(movement.launched_on or began, began)
        t.at(next_working_day(launched, movement.agency), publish_movement, editor, movement)


def publish_movement(editor, movement, *, on: dt.date) -> None:
    publishing.publish_movement(actor=editor, movement=movement, at=moment(on, 10))


def schedule_models(t: Timeline, editor, agencies: dict) -> None:
    """Each model with a photo of its own (a phone's JPEG, beside the demo's plain picture); published at the
    end of its year (this year's: today)."""
    today = timezone.localdate()
    for index, model in enumerate(ExemplaryModel.objects.select_related("agency").order_by("year", "pk")):
        add_photo(model, index)
        day = min(D(model.year, 12, 20), today)
        t.at(day, publish_exemplary, editor, model)


def add_photo(model, index: int) -> None:
    upload = SimpleUploadedFile(f"anh-{index + 1}.jpg", drawn_photo(index), content_type="image/jpeg")
    achievements.add_photo(actor=None, model=model, upload=upload, caption=f"Hình ảnh: {model.title}")


def publish_exemplary(editor, model, *, on: dt.date) -> None:
    publishing.publish_exemplary(actor=editor, model=model, at=moment(on, 14))


# Colours of the drawn photos: (sky, ground, building).
PALETTES = [
    ((135, 190, 230), (70, 150, 80), (230, 225, 210)),
    ((180, 210, 240), (110, 160, 70), (240, 200, 150)),
    ((120, 170, 220), (60, 130, 100), (220, 220, 230)),
    ((200, 220, 240), (90, 140, 60), (250, 235, 190)),
    ((150, 200, 235), (80, 160, 110), (235, 210, 200)),
]
GPS_CAN_THO = {1: "N", 2: (10.0, 2.0, 0.0), 3: "E", 4: (105.0, 46.0, 0.0)}  # Ninh Kiều, roughly


def drawn_photo(index: int, size=(960, 640)) -> bytes:
    """A JPEG standing in for a photo — a building under the sun by a river — whose EXIF data carries a GPS
    position (as a phone's photo does), for the portal to strip."""
    from PIL import ExifTags, Image, ImageDraw

    sky, ground, wall = PALETTES[index % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size, sky)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=ground)
    draw.rectangle((0, height * 5 // 6, width, height), fill=(70, 120, 170))  # the river
    left = width // 4 + 40 * (index % 3)
    draw.rectangle((left, height // 3, left + width // 2, height * 2 // 3), fill=wall)
    for column in range(5):
        x = left + 30 + column * (width // 10)
        draw.rectangle((x, height // 3 + 40, x + 40, height // 3 + 100), fill=(90, 120, 150))
    draw.ellipse((width - 180, 50, width - 90, 140), fill=(250, 215, 90))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Demo"
    exif[ExifTags.IFD.GPSInfo] = GPS_CAN_THO
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, exif=exif)
    return buffer.getvalue()


# --- Honour rolls -------------------------------------------------------------------------------------------


def schedule_honour_rolls(t: Timeline, editor) -> None:
    """The honour roll of every issued reward decision (2017–2025 and the 2021 round's two)."""
    decisions = Decision.objects.issued().select_related("document", "agency").order_by("pk")
    for decision in decisions:
        document = decision.document
        day = next_working_day(max(document.issued_on, document.arrival_date or document.issued_on),
                               decision.agency)  # fmt: skip
        t.at(day, publish_honour_roll, editor, decision)


def publish_honour_roll(editor, decision, *, on: dt.date) -> None:
    publishing.publish_honour_roll(actor=editor, decision=decision, at=moment(on, 15))


# --- News articles -----------------------------------------------------------------------------------------

ARTICLES = [
    {
        "agency": "TNMT",
        "on": D(2021, 2, 22),
        "title": "Sở Tài nguyên và Môi trường triển khai phong trào thi đua năm 2021",
        "summary": (
            "Thực hiện Kế hoạch số 25/KH-UBND của UBND tỉnh, Sở Tài nguyên và Môi trường đề nghị các phòng, "
            "đơn vị trực thuộc phát động phong trào thi đua năm 2021 đến toàn thể công chức, viên chức và "
            "người lao động."
        ),
        "body": (
            "Ngày 18/02/2021, Giám đốc Sở Tài nguyên và Môi trường tỉnh Sóc Trăng ban hành Công văn số "
            "46/STNMT-VP triển khai Kế hoạch phát động phong trào thi đua năm 2021 của UBND tỉnh với chủ đề "
            "“Đoàn kết, sáng tạo, thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã "
            "hội năm 2021”.\n\n"
            "Theo đó, thủ trưởng các phòng, đơn vị tổ chức quán triệt nội dung kế hoạch đến từng công chức, "
            "viên chức, người lao động; hưởng ứng các phong trào thi đua do Bộ, ngành Trung ương và Chủ tịch "
            "UBND tỉnh phát động, trong đó có phong trào “Hành động để giảm thiểu ô nhiễm nhựa và ni lông” "
            "và phong trào “Hiến kế, đề xuất giải pháp, ý tưởng sáng tạo”.\n\n"
            "Các đơn vị đăng ký danh hiệu thi đua của tập thể và cá nhân theo Kế hoạch số 07/KH-STNMT của "
            "Sở, đồng thời kịp thời phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến, mô hình mới "
            "trong năm."
        ),
        "author": "Trung tâm Công nghệ thông tin",
    },
    {
        "agency": "TNMT",
        "on": D(2022, 3, 4),
        "title": "Trao danh hiệu thi đua năm 2021 cho các tập thể, cá nhân tiêu biểu",
        "summary": (
            "Sở Tài nguyên và Môi trường tổ chức trao Quyết định số 69/QĐ-STNMT khen thưởng các tập thể, "
            "cá nhân có thành tích xuất sắc trong phong trào thi đua năm 2021."
        ),
        "body": (
            "Sáng ngày 04/3/2022, tại hội trường Sở, Ban Giám đốc Sở Tài nguyên và Môi trường tỉnh Sóc Trăng "
            "tổ chức trao danh hiệu Lao động tiên tiến, Tập thể lao động tiên tiến và Chiến sĩ thi đua cơ sở "
            "năm 2021 theo Quyết định số 69/QĐ-STNMT ngày 25/02/2022 của Giám đốc Sở.\n\n"
            "Phát biểu tại buổi lễ, Giám đốc Sở ghi nhận những nỗ lực của công chức, viên chức và người lao "
            "động trong một năm vừa thực hiện nhiệm vụ chuyên môn, vừa phòng, chống dịch Covid-19; đặc biệt "
            "là các sáng kiến giúp rút ngắn thời gian giải quyết hồ sơ đất đai cho người dân.\n\n"
            "Dịp này, Sở đã trình Chủ tịch UBND tỉnh xét tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho một "
            "cá nhân có ba năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở và có sáng kiến được UBND tỉnh công "
            "nhận."
        ),
        "author": "Văn phòng Sở",
        "photo_alt": "Ban Giám đốc Sở trao danh hiệu thi đua năm 2021 tại hội trường Sở",
    },
    {
        "agency": "TNMT",
        "on": D(2024, 3, 14),
        "title": "Tập huấn Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn",
        "summary": (
            "Hơn 60 cán bộ làm công tác thi đua, khen thưởng của các phòng, đơn vị thuộc Sở được phổ biến "
            "những điểm mới của Luật Thi đua, khen thưởng năm 2022 và Nghị định số 98/2023/NĐ-CP."
        ),
        "body": (
            "Ngày 14/3/2024, Sở Tài nguyên và Môi trường tổ chức lớp tập huấn nghiệp vụ thi đua, khen thưởng "
            "cho lãnh đạo và cán bộ phụ trách công tác thi đua của các phòng, đơn vị trực thuộc.\n\n"
            "Báo cáo viên đã giới thiệu những điểm mới của Luật Thi đua, khen thưởng số 06/2022/QH15, có "
            "hiệu lực từ ngày 01/01/2024: tiêu chuẩn các danh hiệu thi đua, việc lấy ý kiến nhân dân đối với "
            "một số hình thức khen thưởng, thời hạn thẩm định hồ sơ và mức tiền thưởng theo Nghị định số "
            "98/2023/NĐ-CP của Chính phủ.\n\n"
            "Các học viên cũng được hướng dẫn lập hồ sơ đề nghị khen thưởng, báo cáo thành tích theo mẫu mới "
            "và trao đổi những vướng mắc thường gặp khi bình xét ở đơn vị."
        ),
        "author": "Văn phòng Sở",
    },
]
CONSULTATION_ARTICLE = {
    "agency": "NNMT_CT",
    "title": "Lấy ý kiến nhân dân về các tập thể, cá nhân đề nghị khen thưởng năm {year}",
    "summary": (
        "Sở Nông nghiệp và Môi trường thành phố Cần Thơ công khai danh sách tập thể, cá nhân đề nghị khen "
        "thưởng năm {year} để lấy ý kiến nhân dân đến hết ngày {closes}."
    ),
    "body": (
        "Thực hiện Luật Thi đua, khen thưởng năm 2022, Sở Nông nghiệp và Môi trường thành phố Cần Thơ công "
        "khai trên Cổng thông tin điện tử danh sách các tập thể, cá nhân được đề nghị khen thưởng thành tích "
        "năm {year}.\n\n"
        "Thời gian lấy ý kiến là {days} ngày làm việc, từ ngày {opens} đến hết ngày {closes}. Người dân, cơ "
        "quan, tổ chức có ý kiến về thành tích, phẩm chất của các tập thể, cá nhân trong danh sách gửi ý "
        "kiến qua mục “Lấy ý kiến” của Cổng thông tin; mỗi ý kiến được cấp một số tiếp nhận.\n\n"
        "Văn phòng Sở (bộ phận thi đua, khen thưởng) tổng hợp, xem xét từng ý kiến và báo cáo Hội đồng Thi "
        "đua - Khen thưởng Sở trước khi xét khen thưởng."
    ),
    "author": "Văn phòng Sở",
}


def schedule_articles(t: Timeline, editor, agencies: dict) -> None:
    for index, spec in enumerate(ARTICLES):
        photo = None
        if spec.get("photo_alt"):
            picture = drawn_photo(index + 2)
            photo = SimpleUploadedFile("trao-danh-hieu.jpg", picture, content_type="image/jpeg")
        t.at(spec["on"], write_article, editor, agencies[spec["agency"]], spec, photo=photo)
    posted = open_posting(agencies["NNMT_CT"])
    t.at(posted.opens_on, write_article, editor, agencies["NNMT_CT"], consultation_article(posted))
    t.at(timezone.localdate(), comment_publicly, posted)


def write_article(editor, agency, spec: dict, *, photo=None, on: dt.date) -> None:
    article = publishing.create_article(
        actor=editor, agency=agency, title=spec["title"], summary=spec["summary"], body=spec["body"],
        author=spec["author"], photo=photo, photo_alt=spec.get("photo_alt", ""),
    )  # fmt: skip
    publishing.publish_article(actor=editor, article=article, at=moment(on, 16))


def consultation_article(posted: Posting) -> dict:
    words = {
        "year": posted.round.year, "days": posted.working_days,
        "opens": f"{posted.opens_on:%d/%m/%Y}", "closes": f"{posted.closes_on:%d/%m/%Y}",
    }  # fmt: skip
    return {key: value.format(**words) for key, value in CONSULTATION_ARTICLE.items()}


# --- The consultation ---------------------------------------------------------------------------------------


def open_posting(agency) -> Posting:
    """The current round's portal posting open today (demo.nominations opens one); if none is, the
    secretariat posts the appraised proposals on the last working day."""
    today = timezone.localdate()
    found = Posting.objects.filter(round__agency=agency, channel=Channel.PORTAL, closes_on__gte=today)
    found = found.select_related("round").order_by("-opens_on", "-pk").first()
    if found is not None:
        return found
    day = today
    while not is_working_day(day, agency=agency):
        day -= dt.timedelta(days=1)
    appraised = Proposal.objects.live().filter(round__agency=agency, round__year=today.year,
                                               status=ProposalStatus.APPRAISED)  # fmt: skip
    secretariat = User.objects.get(username="thuongtruc")
    return postings.open_posting(
        actor=secretariat, round=appraised.first().round, proposals=appraised.order_by("pk"),
        channel=Channel.PORTAL, opens_on=day, working_days=POSTING_DAYS,
    )  # fmt: skip


def comment_publicly(posted: Posting, *, on: dt.date) -> str:
    """A citizen's comment on the posting's last proposal, sent through the portal: pending."""
    proposal = posted.proposals.order_by("-pk").first()
    return consultations.submit_public_comment(
        posting_id=posted.pk, proposal_id=proposal.pk, name=COMMENT["name"], contact=COMMENT["contact"],
        text=COMMENT["text"], client="demo",
    )  # fmt: skip
