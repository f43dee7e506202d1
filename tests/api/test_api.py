from api.errors import MESSAGES


def test_openapi_lists_the_paths(openapi):
    schema = openapi
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/agencies", "/api/v1/agencies/{agency_id}", "/api/v1/units", "/api/v1/units/{unit_id}",
        "/api/v1/people", "/api/v1/people/{person_id}",
        "/api/v1/documents", "/api/v1/documents/{document_id}",
        "/api/v1/documents/{document_id}/pdf", "/api/v1/documents/{document_id}/docx",
        "/api/v1/documents/{document_id}/attachments/{attachment_id}",
        "/api/v1/movements", "/api/v1/movements/{movement_id}",
        "/api/v1/registrations", "/api/v1/registrations/{registration_id}",
        "/api/v1/initiatives", "/api/v1/initiatives/{initiative_id}",
        "/api/v1/exemplary-models", "/api/v1/exemplary-models/{model_id}",
        "/api/v1/nominations", "/api/v1/nominations/{proposal_id}",
        "/api/v1/council-meetings", "/api/v1/council-meetings/{meeting_id}",
        "/api/v1/decisions", "/api/v1/ledger", "/api/v1/forward-packages",
        "/api/v1/forward-packages/{package_id}/zip",
        "/api/v1/awards", "/api/v1/council-vote", "/api/v1/eligibility", "/api/v1/due",
        "/api/v1/calendar/working-days",
    }  # fmt: skip
    people = schema["paths"]["/api/v1/people"]["get"]
    assert {p["name"] for p in people["parameters"]} == {"q", "unit", "subunits", "agency", "limit", "offset"}
    assert set(schema["components"]["securitySchemes"]) == {"BearerToken", "BrowserSession"}
    paged = schema["components"]["schemas"]["PagedPersonOut"]
    assert set(paged["properties"]) == {"items", "count"}


def test_errors_are_utf8_not_escaped(client, db):
    response = client.get("/api/v1/people")
    assert response.status_code == 401
    assert MESSAGES[401].encode() in response.content
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_unknown_path_under_api_is_404_json(client, db):
    for path in ("/api/v1/people/not-a-number", "/api/v1/nothing/here", "/api/v1/people/"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"detail": MESSAGES[404]}
