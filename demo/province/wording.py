"""The words of the generated documents: subjects (trích yếu) and bodies in the administrative style of the
province's departments — thi đua, khen thưởng, tổng kết công tác năm, kế hoạch, báo cáo — with the
department's field of work, place names, dates, numbers and money.

RARE_TERM ("sếu đầu đỏ", folded "seu dau do"; the word "sếu", folded "seu", begins no other word of this
vocabulary) is written into a fixed number of documents only: see correspondence.rare_documents.
"""

from documents.body import item, paragraph, run

from .places import AREAS, COMMUNES

RARE_TERM = "sếu đầu đỏ"
RARE_SENTENCE = (
    "Phối hợp với Vườn quốc gia và chính quyền địa phương tuyên truyền bảo tồn đàn {rare} về trú đông tại "
    "khu vực {place}; nghiêm cấm mọi hành vi săn bắt, xua đuổi đàn chim."
)

TOPICS = {
    "education": (
        "dạy và học",
        "tuyển sinh vào lớp 10",
        "kỳ thi tốt nghiệp trung học phổ thông",
        "chuyển đổi số trong giáo dục",
        "bồi dưỡng học sinh giỏi",
        "xây dựng trường chuẩn quốc gia",
    ),
    "health": (
        "phòng, chống dịch sốt xuất huyết",
        "tiêm chủng mở rộng",
        "bảo đảm an toàn thực phẩm",
        "khám, chữa bệnh bảo hiểm y tế",
        "phòng, chống dịch bệnh truyền nhiễm",
        "nâng cao chất lượng khám, chữa bệnh",
    ),
    "environment": (
        "quản lý đất đai",
        "bảo vệ môi trường",
        "cấp giấy chứng nhận quyền sử dụng đất",
        "phòng, chống hạn hán, xâm nhập mặn",
        "quản lý tài nguyên nước",
        "thu gom, xử lý chất thải rắn",
    ),
    "rural": (
        "phòng, chống dịch bệnh trên đàn gia súc, gia cầm",
        "sản xuất lúa vụ Đông Xuân",
        "xây dựng nông thôn mới",
        "phòng, chống thiên tai",
        "phát triển hợp tác xã nông nghiệp",
    ),
    "construction": (
        "quản lý trật tự xây dựng",
        "phát triển nhà ở xã hội",
        "quản lý quy hoạch đô thị",
        "kiểm định chất lượng công trình",
    ),
    "finance": (
        "quản lý ngân sách nhà nước",
        "thẩm định giá tài sản công",
        "quyết toán vốn đầu tư công",
        "thực hành tiết kiệm, chống lãng phí",
    ),
    "home": (
        "cải cách hành chính",
        "tuyển dụng công chức, viên chức",
        "sắp xếp tổ chức bộ máy",
        "đánh giá, xếp loại chất lượng công chức, viên chức",
    ),
    "trade": (
        "quản lý thị trường",
        "bình ổn giá hàng hóa thiết yếu",
        "phát triển thương mại điện tử",
        "tiết kiệm năng lượng",
    ),
    "culture": (
        "xây dựng đời sống văn hóa",
        "phát triển du lịch cộng đồng",
        "tổ chức Đại hội thể dục thể thao",
        "bảo tồn di tích lịch sử - văn hóa",
    ),
    "science": (
        "chuyển đổi số",
        "đổi mới sáng tạo",
        "quản lý tiêu chuẩn đo lường chất lượng",
        "ứng dụng tiến bộ khoa học và công nghệ",
    ),
    "justice": (
        "phổ biến, giáo dục pháp luật",
        "trợ giúp pháp lý",
        "kiểm tra văn bản quy phạm pháp luật",
        "hộ tịch, chứng thực",
    ),
    "generic": ("cải cách hành chính", "chuyển đổi số", "phòng, chống tham nhũng, tiêu cực"),
}
COMMON_TOPICS = (
    "cải cách hành chính",
    "chuyển đổi số",
    "phòng, chống tham nhũng, tiêu cực",
    "thực hành tiết kiệm, chống lãng phí",
    "văn hóa công sở",
    "bảo đảm an toàn, an ninh mạng",
    "công tác dân vận chính quyền",
    "công tác thi đua, khen thưởng",
)
PERIODS = ("quý I", "6 tháng đầu năm", "9 tháng", "quý IV", "năm")

SUBJECTS = {
    "cong_van": (
        "V/v triển khai phong trào thi đua năm {year}",
        "V/v đăng ký danh hiệu thi đua năm {year}",
        "V/v đề nghị khen thưởng tổng kết công tác năm {year}",
        "V/v báo cáo kết quả thực hiện nhiệm vụ {period} năm {year}",
        "V/v góp ý dự thảo kế hoạch {topic}",
        "V/v cử công chức, viên chức tham dự lớp bồi dưỡng về {topic}",
        "V/v tăng cường công tác {topic} trên địa bàn {place}",
        "V/v hướng dẫn hồ sơ đề nghị khen thưởng năm {year}",
        "V/v rà soát, cập nhật số liệu {topic}",
        "V/v phối hợp kiểm tra công tác {topic} tại khu vực {place}",
    ),
    "ke_hoach": (
        "Phát động phong trào thi đua năm {year}",
        "Tổ chức thực hiện công tác {topic} năm {year}",
        "Kiểm tra công tác {topic} năm {year}",
        "Tuyên truyền, phổ biến về {topic} năm {year}",
    ),
    "quyet_dinh": (
        "Về việc tặng Giấy khen cho tập thể, cá nhân có thành tích trong công tác {topic}",
        "Về việc điều động công chức",
        "Về việc nâng bậc lương thường xuyên năm {year}",
        "Về việc ban hành Quy chế làm việc của {agency}",
        "Về việc kiện toàn Hội đồng Thi đua - Khen thưởng {agency}",
        "Về việc cử công chức đi công tác tại khu vực {place}",
    ),
    "bao_cao": (
        "Kết quả thực hiện nhiệm vụ {period} năm {year}",
        "Tình hình thực hiện công tác {topic} năm {year}",
        "Sơ kết 6 tháng đầu năm {year} công tác thi đua, khen thưởng",
        "Kết quả kiểm tra công tác {topic} tại khu vực {place}",
    ),
    "to_trinh": (
        "Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc năm {year}",
        "Đề nghị phê duyệt kế hoạch {topic} năm {year}",
        "Đề nghị bổ sung kinh phí thực hiện công tác {topic}",
    ),
    "thong_bao": (
        "Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng {month} năm {year}",
        "Lịch tiếp công dân {period} năm {year}",
        "Kết quả bình xét thi đua {period} năm {year}",
    ),
    "giay_moi": (
        "Mời dự Hội nghị tổng kết công tác năm {year} và triển khai nhiệm vụ năm {next_year}",
        "Mời dự hội nghị tập huấn về {topic}",
    ),
    "huong_dan": (
        "Công tác thi đua, khen thưởng năm {year}",
        "Đánh giá, xếp loại chất lượng công chức, viên chức năm {year}",
    ),
}
KIND_WEIGHTS = {
    "cong_van": 45,
    "ke_hoach": 9,
    "quyet_dinh": 14,
    "bao_cao": 10,
    "to_trinh": 7,
    "thong_bao": 8,
    "giay_moi": 5,
    "huong_dan": 2,
}

BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Thi đua, "
    "khen thưởng;",
    "Căn cứ Quyết định số {number}/QĐ-UBND ngày {date} của Ủy ban nhân dân tỉnh quy định chức năng, "
    "nhiệm vụ, "
    "quyền hạn và cơ cấu tổ chức của {agency};",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
)
OPENINGS = (
    "Thực hiện Kế hoạch số {number}/KH-UBND ngày {date} của Ủy ban nhân dân tỉnh về {topic}, {agency} đề "
    "nghị "
    "thủ trưởng các phòng, đơn vị trực thuộc triển khai thực hiện một số nội dung sau:",
    "Nhằm thực hiện tốt nhiệm vụ {topic} năm {year}, Giám đốc {agency} yêu cầu các phòng, đơn vị trực thuộc "
    "quán triệt và thực hiện nghiêm các nội dung sau:",
    "Căn cứ kết quả thực hiện nhiệm vụ {period} năm {year}, {agency} báo cáo kết quả như sau:",
    "Để kịp thời biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong phong trào "
    "thi đua "
    "năm {year}, {agency} hướng dẫn thực hiện như sau:",
)
ITEMS = (
    "Tổ chức quán triệt, triển khai phong trào thi đua đến toàn thể công chức, viên chức và người lao "
    "động; gắn "
    "phong trào thi đua với thực hiện nhiệm vụ chuyên môn về {topic}.",
    "Tăng cường kiểm tra, giám sát việc thực hiện {topic} tại khu vực {place}; kịp thời phát hiện, tháo gỡ "
    "khó khăn, vướng mắc phát sinh.",
    "Định kỳ báo cáo kết quả thực hiện về {unit} trước ngày {due} để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    "Kinh phí thực hiện: {money} triệu đồng từ nguồn ngân sách nhà nước năm {year} giao cho {agency}.",
    "Trong {period}, đã tiếp nhận {count} hồ sơ, giải quyết đúng hạn {share}%; không có hồ sơ quá hạn do "
    "nguyên nhân chủ quan.",
    "Kịp thời phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến, mô hình mới, nhân tố mới; biểu dương, "
    "khen thưởng kịp thời, chính xác các tập thể, cá nhân có thành tích xuất sắc.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số trong xử lý công việc; 100% văn bản đi, đến được "
    "xử lý trên môi trường mạng.",
    "Phối hợp với Ủy ban nhân dân xã {commune} tổ chức tuyên truyền, phổ biến các quy định về {topic} đến "
    "người dân trên địa bàn.",
    "Thực hiện nghiêm kỷ luật, kỷ cương hành chính; tiếp tục thực hiện tốt văn hóa công sở và Quy tắc ứng xử "
    "của cán bộ, công chức, viên chức.",
    "Hồ sơ đề nghị khen thưởng gửi về Hội đồng Thi đua - Khen thưởng {agency} (qua {unit}) trước ngày {due}; "
    "hồ sơ gửi sau thời hạn trên sẽ không được xem xét.",
    "Tổng số công chức, viên chức được đánh giá là {count} người; trong đó hoàn thành xuất sắc nhiệm vụ "
    "{share}%, hoàn thành tốt nhiệm vụ chiếm tỷ lệ cao.",
    "Tổ chức tổng kết công tác năm {year}, đánh giá kết quả thực hiện phong trào thi đua và đề xuất khen "
    "thưởng theo quy định của Luật Thi đua, khen thưởng.",
)
CLOSINGS = (
    "Trên đây là ý kiến của Giám đốc {agency}, đề nghị các phòng, đơn vị nghiêm túc triển khai thực hiện./.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị phản ánh về {unit} để được hướng dẫn./.",
    "Trên đây là báo cáo kết quả thực hiện của {agency}./.",
)
ADDRESSEES = (
    "Thủ trưởng các phòng, đơn vị trực thuộc Sở",
    "Ủy ban nhân dân tỉnh",
    "Ban Thi đua - Khen thưởng tỉnh",
)
RECIPIENTS = (("Như trên",), ("Như trên", "Ban Giám đốc Sở"), ("Các phòng, đơn vị trực thuộc Sở",))


def context(draw, *, agency: str, profile: str, year: int, unit: str) -> dict:
    topics = TOPICS.get(profile, TOPICS["generic"]) + COMMON_TOPICS
    return {
        "agency": agency,
        "year": year,
        "next_year": year + 1,
        "unit": unit,
        "topic": draw.choice(topics),
        "place": draw.choice(AREAS),
        "commune": draw.choice(COMMUNES),
        "period": draw.choice(PERIODS),
        "month": draw.randint(1, 12),
        "number": draw.randint(5, 320),
        "date": f"{draw.randint(1, 28):02d}/{draw.randint(1, 12):02d}/{year}",
        "due": f"{draw.randint(1, 28):02d}/{draw.randint(1, 12):02d}/{year}",
        "money": f"{draw.randint(50, 2500):,}".replace(",", "."),
        "count": f"{draw.randint(40, 9000):,}".replace(",", "."),
        "share": f"{draw.randint(920, 1000) / 10:.1f}".replace(".", ","),
    }


def subject(draw, kind: str, ctx: dict) -> str:
    return draw.choice(SUBJECTS[kind]).format(**ctx)


def body(draw, kind: str, ctx: dict, *, rare: bool = False) -> list[dict]:
    """Bases (decisions, plans), an opening, four to nine numbered items, a closing paragraph."""
    blocks = [paragraph(draw.choice(BASES).format(**ctx))] if kind in ("quyet_dinh", "ke_hoach") else []
    blocks.append(paragraph(draw.choice(OPENINGS).format(**ctx)))
    for number, text in enumerate(draw.sample(ITEMS, draw.randint(4, 9)), start=1):
        blocks.append(item(f"{number}.", run(text.format(**ctx))))
    if rare:
        blocks.append(item("-", run(RARE_SENTENCE.format(rare=RARE_TERM, place=ctx["place"]))))
    blocks.append(paragraph(draw.choice(CLOSINGS).format(**ctx)))
    return blocks


def addressees(draw, kind: str) -> list[str]:
    return [draw.choice(ADDRESSEES)] if kind in ("cong_van", "to_trinh", "bao_cao") else []


def recipients(draw) -> list[str]:
    return list(draw.choice(RECIPIENTS))
