"""manage.py workflows: each registered workflow as a text table."""

from io import StringIO

from django.core.management import call_command
from django.utils import translation

from workflows.management.commands.workflows import text_table


def printed() -> list[str]:
    out = StringIO()
    call_command("workflows", stdout=out)
    return [" ".join(line.split()) for line in out.getvalue().splitlines()]


def test_it_prints_every_move_with_who_may(english):
    lines = printed()
    assert lines[:2] == ["council.meeting — council meeting", "From state Action To state Who may"]
    assert (
        "Draft (draft) submit (be submitted for signature) Submitted for signature (submitted) The "
        "drafter, Unit emulation officer of the drafting unit, Emulation secretariat of the agency, "
        "System administrator"
    ) in lines
    assert (
        "Submitted for signature (submitted) approve (be signed off) Signed off (approved) The signer chosen "
        "on the draft"
    ) in lines
    assert (
        "Signed off (approved) issue (be issued) Issued (issued) Clerk (văn thư), Emulation secretariat of "
        "the agency, System administrator"
    ) in lines
    assert (
        "Published (published) revoke (be revoked) Revoked (revoked) Emulation secretariat of the agency, "
        "System administrator"
    ) in lines
    assert (
        "Interim review (interim_review) review_final (go to its final review) Final review (final_review) "
        "Emulation secretariat of the agency, System administrator"
    ) in lines
    assert (
        "Returned for changes (returned) submit (be submitted) Submitted (submitted) Unit emulation "
        "officer of the unit, Emulation secretariat of the agency, System administrator"
    ) in lines
    titles = [line for line in lines if " — " in line]
    assert titles == [
        "council.meeting — council meeting",
        "decisions.decision — reward decision",
        "decisions.package — forward package",
        "documents.document — document",
        "movements.movement — movement",
        "movements.registration — registration",
        "nominations.proposal — proposal",
        "publishing.publication — publication",
    ]
    assert (
        len(lines) == 8 * 4 + 3 + 3 + 2 + 12 + 7 + 4 + 12 + 4 + 2
    )  # title, header, rule and blank line; one row per source state (the decisions' four on proposals)


def test_it_speaks_the_projects_language(db):
    with translation.override("vi"):
        lines = printed()
    assert lines[0] == "council.meeting — phiên họp Hội đồng"
    assert any(
        line.startswith("Dự thảo (draft) submit (") and "Đã trình ký (submitted)" in line for line in lines
    )
    assert any(
        line.startswith("Chuẩn bị (preparing) launch (") and "Phát động (launched)" in line for line in lines
    )


def test_text_table_pads_every_column_but_the_last():
    assert text_table(("A", "Bb", "C"), [("xxx", "y", "z z")]) == [
        "A    Bb  C",
        "-    --  -",
        "xxx  y   z z",
    ]
