from django.test import RequestFactory

from lib.apicalls import bearer_token, is_api_call

factory = RequestFactory()


def test_calls_under_the_api_prefix_are_api_calls():
    assert [is_api_call(factory.get(path)) for path in ("/api/v1/people", "/app/people/", "/apis/")] == [
        True,
        False,
        False,
    ]


def test_the_bearer_token_is_read_whatever_the_case_of_the_scheme():
    headers = ["Bearer thd_abc ", "bearer thd_abc", "Basic dXNlcjpwdw==", "Bearer", ""]
    tokens = [bearer_token(factory.get("/", HTTP_AUTHORIZATION=h)) for h in headers]
    assert tokens == ["thd_abc", "thd_abc", "", "", ""]
