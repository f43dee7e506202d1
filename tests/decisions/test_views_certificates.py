"""decisions.views.certificates: the secretariat prints an issued decision's certificates (or one) as a PDF
on plain paper or pre-printed stock with a printer's offset, every print logged; replaces or re-issues a
certificate (a new one linked to the original, due 15 working days after the request); the clerk, a council
member or a staff member is refused before the form; a draft has nothing to print."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activity.models import ActivityLog
from decisions.models import Certificate, Printer

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(f"decisions:{name}", args=[obj.pk])


def printed_logs():
    return ActivityLog.objects.filter(action="decisions.certificate.printed")


def test_the_page_lists_the_certificates_and_offers_the_printers(dw, login):
    decision = dw.issued()
    Printer.objects.create(agency=dw.world.agency, name="Máy in Văn phòng", offset_x=1, offset_y=-1)
    response = login(dw.world.secretariat).get(url("certificates", decision))

    assert response.status_code == 200
    certificates = response.context["certificates"]
    assert certificates and {c.line.decision_id for c in certificates} == {decision.pk}
    assert "Máy in Văn phòng" in response.content.decode()


def test_printing_the_decision_answers_a_pdf_and_logs_each_certificate(dw, login):
    decision = dw.issued()
    count = Certificate.objects.filter(line__decision=decision).count()
    response = login(dw.world.secretariat).post(url("certificates", decision), {"stock": "plain"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "attachment" in response["Content-Disposition"]
    assert count and printed_logs().count() == count


def test_printing_on_preprinted_stock_with_a_printer(dw, login):
    decision = dw.issued()
    printer = Printer.objects.create(agency=dw.world.agency, name="Máy in A3", offset_x=2, offset_y=1)
    data = {"stock": "preprinted", "printer": printer.pk}
    response = login(dw.world.secretariat).post(url("certificates", decision), data)

    assert response.content.startswith(b"%PDF")
    assert printed_logs().filter(data__after__printer="Máy in A3", data__after__stock="preprinted").exists()


@pytest.mark.parametrize("persona", ["clerk", "council", "staff"])
def test_printing_is_refused_before_the_form(dw, login, persona):
    decision = dw.issued()
    certificate = Certificate.objects.filter(line__decision=decision).first()
    client = login(getattr(dw.world, persona))
    for address in (url("certificates", decision), url("certificate_pdf", certificate)):
        response = client.post(address, {})
        assert response.status_code in (403, 404) and b"errorlist" not in response.content
    assert not printed_logs().exists()


def test_a_draft_has_nothing_to_print(dw, login, english):
    decision = dw.draft()
    response = login(dw.world.secretariat).get(url("certificates", decision), follow=True)

    assert "once their decision is issued" in response.content.decode()


def test_a_certificate_is_reissued_and_printed_alone(dw, login):
    decision = dw.issued()
    original = Certificate.objects.filter(line__decision=decision).first()
    day = f"{timezone.localdate():%d/%m/%Y}"
    data = {"issue": "reissue", "requested_on": day, "reason": "Bị mất khi chuyển nhà", "name": ""}
    client = login(dw.world.secretariat)
    response = client.post(url("certificate_reissue", original), data)

    reissued = Certificate.objects.exclude(pk=original.pk).get(line=original.line)
    assert response.status_code == 302 and response["Location"] == url("certificate_pdf", reissued)
    assert reissued.original == original and reissued.issue == "reissue" and reissued.code != original.code
    assert reissued.number == 1 and reissued.due_on > reissued.requested_on and reissued.name == original.name
    pdf = client.post(url("certificate_pdf", reissued), {"stock": "plain"})
    assert pdf.content.startswith(b"%PDF") and printed_logs().get().target_id == str(reissued.pk)
    page = client.get(url("certificates", decision))  # the batch prints the re-issue, not the original
    assert reissued in page.context["certificates"] and original not in page.context["certificates"]


def test_the_reissue_form_loads_into_the_row_and_says_what_is_missing(dw, login, english):
    decision = dw.issued()
    certificate = Certificate.objects.filter(line__decision=decision).first()
    client = login(dw.world.secretariat)

    loaded = client.get(url("certificate_reissue", certificate), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in loaded and 'data-testid="reissue-form"' in loaded
    assert f'id="reissue-{certificate.pk}-issue_0"' in loaded
    refused = client.post(url("certificate_reissue", certificate), {"issue": "reissue"})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert Certificate.objects.filter(line__decision=decision).count() == 1


@pytest.mark.parametrize("persona", ["clerk", "council"])
def test_reissuing_is_refused_before_the_form(dw, login, persona):
    decision = dw.issued()
    certificate = Certificate.objects.filter(line__decision=decision).first()
    response = login(getattr(dw.world, persona)).post(url("certificate_reissue", certificate), {})

    assert response.status_code in (403, 404) and b"errorlist" not in response.content
    assert Certificate.objects.filter(line__decision=decision).count() == 1
