import pytest
from django.core.exceptions import ValidationError

from publishing import domain
from publishing.models import Portal, Publication, Status


@pytest.mark.parametrize("slug", ["app", "api", "xac-minh", "van-ban", "documents", "APP"])
def test_a_portal_cannot_take_an_address_of_the_site(world, slug, english):
    with pytest.raises(ValidationError) as refused:
        domain.set_up_portal(actor=None, agency=world.agency, slug=slug, title="Cổng thông tin")
    assert refused.value.message_dict["slug"] == ["This address is used by the site itself: choose another."]
    assert not Portal.objects.exists()


def test_the_search_text_folds_the_reference_title_and_summary(world):
    article = domain.create_article(
        actor=None, agency=world.agency, title="Lễ tuyên dương", summary="Điển hình tiên tiến", body="Đ",
        author="Ban biên tập",
    )  # fmt: skip
    publication = domain.publish_article(actor=None, article=article)
    assert publication.status == Status.PUBLISHED
    assert " le tuyen duong" in Publication.objects.get(pk=publication.pk).search_text
    assert "dien hinh tien tien" in publication.search_text
