"""documents.body: the body typed as text becomes paragraphs, items and runs, and reads back the same."""

from documents import body as blocks
from documents.body import body_to_text, parse_body, parse_runs, validate_body


def run(text, bold=False, italic=False):
    return {"text": text, "bold": bold, "italic": italic}


def test_blank_lines_separate_paragraphs_and_labels_start_items():
    text = (
        "Nhằm thực hiện tốt các nhiệm vụ,\nGiám đốc Sở đề nghị:\n\n"
        "1. Triển khai kế hoạch\nđến toàn thể công chức.\n"
        "2. Tiếp tục vận động.\n\n"
        "a) Biểu dương kịp thời.\n- Giao Trung tâm.\n\n"
        "# Điều 1.\n\n"
        "Trên đây là ý kiến./."
    )
    assert parse_body(text) == [
        {"kind": "paragraph", "runs": [run("Nhằm thực hiện tốt các nhiệm vụ, Giám đốc Sở đề nghị:")]},
        {"kind": "item", "label": "1.", "runs": [run("Triển khai kế hoạch đến toàn thể công chức.")]},
        {"kind": "item", "label": "2.", "runs": [run("Tiếp tục vận động.")]},
        {"kind": "item", "label": "a)", "runs": [run("Biểu dương kịp thời.")]},
        {"kind": "item", "label": "-", "runs": [run("Giao Trung tâm.")]},
        {"kind": "heading", "runs": [run("Điều 1.")]},
        {"kind": "paragraph", "runs": [run("Trên đây là ý kiến./.")]},
    ]


def test_bold_and_italic_markers_become_runs():
    assert parse_runs("chủ đề **“Đoàn kết, sáng tạo”** (kèm *theo*) ***cả hai***") == [
        run("chủ đề "),
        run("“Đoàn kết, sáng tạo”", bold=True),
        run(" (kèm "),
        run("theo", italic=True),
        run(") "),
        run("cả hai", bold=True, italic=True),
    ]


def test_unpaired_markers_are_kept_as_written():
    assert parse_runs("5 * 3 = 15") == [run("5 * 3 = 15")]
    assert parse_runs("**đậm** và ** lẻ") == [run("đậm", bold=True), run(" và ** lẻ")]


def test_text_is_nfc_and_windows_line_ends_are_read():
    decomposed = "Tie\u0302\u0301n ha\u0300nh"
    assert parse_body(f"{decomposed}\r\n\r\n1.  Mục   một") == [
        {"kind": "paragraph", "runs": [run("Tiến hành")]},
        {"kind": "item", "label": "1.", "runs": [run("Mục một")]},
    ]
    assert parse_body("  \n ") == []


def test_body_to_text_reads_back_the_same_blocks():
    blocks = [
        {"kind": "paragraph", "runs": [run("Căn cứ "), run("Kế hoạch", bold=True), run(";")]},
        {"kind": "item", "label": "1.", "runs": [run("Mục "), run("một", italic=True)]},
        {"kind": "item", "label": "b)", "runs": [run("Điểm b", bold=True, italic=True)]},
        {"kind": "heading", "runs": [run("Điều 2.")]},
    ]
    assert parse_body(body_to_text(blocks)) == blocks


def test_validate_body():
    assert validate_body(parse_body("Một\n\n1. Hai")) == []
    assert validate_body("text") == ["the body must be a list of blocks"]
    assert len(validate_body([{"kind": "table"}, {"kind": "paragraph", "runs": "x"}])) == 2


def test_bodies_drafted_by_code_are_built_with_the_same_blocks():
    drafted = [
        blocks.paragraph("Nhằm thực hiện tốt các nhiệm vụ,", blocks.run(" Giám đốc Sở", bold=True)),
        blocks.item("1.", "Triển khai ", blocks.run("kế hoạch", italic=True)),
        blocks.heading("Điều 1."),
    ]
    assert drafted == [
        {
            "kind": "paragraph",
            "runs": [run("Nhằm thực hiện tốt các nhiệm vụ,"), run(" Giám đốc Sở", bold=True)],
        },
        {"kind": "item", "label": "1.", "runs": [run("Triển khai "), run("kế hoạch", italic=True)]},
        {"kind": "heading", "runs": [run("Điều 1.")]},
    ]
    assert validate_body(drafted) == [] and parse_body(body_to_text(drafted)) == drafted


def test_a_run_is_composed_and_keeps_its_spaces():
    assert blocks.run(" Ho\u0300a Bi\u0300nh ") == run(" Hòa Bình ")
