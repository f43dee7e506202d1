from django.urls import reverse


def test_the_interface_is_vietnamese_whatever_the_browser_asks(world, client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_the_language_switch_chooses_english_and_back(world, client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert (response.headers["Content-Language"], "Log in" in response.content.decode()) == ("en", True)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert client.get(reverse("accounts:login")).headers["Content-Language"] == "vi"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(world, client):
    client.cookies["django_language"] = "fr"
    assert client.get(reverse("accounts:login")).headers["Content-Language"] == "vi"
