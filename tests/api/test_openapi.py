"""The schema is complete and unambiguous (issue 11, finding 2): one name per schema, every value the API
answers in its enum, every status code it answers documented."""

import enum

import pytest
from django.core.exceptions import ImproperlyConfigured
from ninja import Router, Schema
from ninja.constants import NOT_SET
from ninja.openapi.schema import REF_TEMPLATE
from ninja.schema import NinjaGenerateJsonSchema

from achievements.models import ExemplaryModel, Initiative
from api.api import api
from api.openapi import Api
from awards.models import Award
from council.models import Meeting
from decisions.models import ForwardPackage
from documents.models import Document
from movements.models import Movement, MovementDocument, Registration
from nominations.models import Comment, Proposal, Round
from organisations.models import Agency, Unit
from people.models import Person

# Every enum of the schema and the model field whose values it carries.
ENUM_FIELDS = {
    "AgencyKind": (Agency, "kind"), "UnitKind": (Unit, "kind"), "Gender": (Person, "gender"),
    "StaffCategory": (Person, "staff_category"), "Direction": (Document, "direction"),
    "DocumentStatus": (Document, "status"), "MovementKind": (Movement, "kind"),
    "MovementLevel": (Movement, "level"), "MovementStatus": (Movement, "status"),
    "DocumentRole": (MovementDocument, "role"), "RegistrationStatus": (Registration, "status"),
    "Subject": (Award, "subject"), "RecognitionLevel": (Initiative, "recognition_level"),
    "InitiativeKind": (Initiative, "kind"), "ModelKind": (ExemplaryModel, "kind"),
    "ProposalStatus": (Proposal, "status"), "ProposalVerdict": (Proposal, "verdict"),
    "RoundTrack": (Round, "track"), "CommentHandling": (Comment, "handling"),
    "MeetingStatus": (Meeting, "status"), "ForwardPackageStatus": (ForwardPackage, "status"),
}  # fmt: skip


def operations():
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            yield from (operation for operation in path_view.operations if operation.include_in_schema)


def own_definitions():
    """Each schema of each operation as its model alone describes it (what a name collision would hide)."""
    for operation in operations():
        answers = [model for model in operation.response_models.values() if model not in (None, NOT_SET)]
        for model, mode in [
            *((m, "validation") for m in operation.models),
            *((m, "serialization") for m in answers),
        ]:
            schema = model.model_json_schema(
                ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema, mode=mode
            )
            yield from schema.get("$defs", {}).items()


def test_every_schema_name_stands_for_one_schema(openapi):
    components = openapi["components"]["schemas"]
    seen = dict(own_definitions())
    assert len(seen) > 40
    for name, definition in own_definitions():
        assert components[name] == definition, name


def test_two_schemas_of_one_name_stop_the_schema_from_being_built():
    """The collision of finding 2 (documents' and movements' enums both named Status) cannot come back."""
    first, second = Router(), Router()

    class Out(Schema):
        status: enum.Enum("Status", {"DRAFT": "draft"}, type=str)

    class Other(Schema):
        status: enum.Enum("Status", {"LAUNCHED": "launched"}, type=str)

    first.get("", response=Out)(lambda request: None)
    second.get("", response=Other)(lambda request: None)
    collision = Api(urls_namespace="collision-test")
    collision.add_router("/a", first)
    collision.add_router("/b", second)
    with pytest.raises(ImproperlyConfigured, match="'Status'"):
        collision.get_openapi_schema(path_prefix="")


def test_every_enum_holds_every_value_of_its_field(openapi):
    components = openapi["components"]["schemas"]
    enums = {name: schema["enum"] for name, schema in components.items() if "enum" in schema}
    assert set(enums) == set(ENUM_FIELDS)
    for name, (model, field) in ENUM_FIELDS.items():
        values = [value for value, _label in model._meta.get_field(field).choices]
        assert enums[name] == values, name
    assert "registered" in enums["DocumentStatus"] and "preparing" not in enums["DocumentStatus"]


def test_every_operation_documents_the_errors_it_answers(openapi):
    for path, methods in openapi["paths"].items():
        for method, operation in methods.items():
            codes = set(operation["responses"])
            expected = {"200", "400", "401", "429"}
            expected |= {"404"} if "{" in path else set()
            expected |= {"422"} if operation["parameters"] or "requestBody" in operation else set()
            expected |= {"403"} if "requestBody" in operation else set()
            expected |= {"202", "403", "404"} if path == "/api/v1/due" else set()  # 202: being computed
            assert codes == expected, (method, path)
            errors = {
                code: operation["responses"][code]["content"]["application/json"]["schema"]
                for code in codes - {"200", "202"}
            }
            assert {schema["$ref"].rsplit("/", 1)[1] for code, schema in errors.items() if code != "422"} == {
                "Error"
            }
            assert operation["responses"]["429"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}


def test_the_error_schemas(openapi):
    components = openapi["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    assert set(components["InvalidInput"]["required"]) == {"detail", "errors"}


@pytest.mark.parametrize(
    ("path", "outsider"),
    [("documents", "preparing"), ("movements", "registered"), ("registrations", "issued")],
)
def test_a_status_filter_takes_exactly_the_documented_values(world, api_as, openapi, path, outsider):
    parameters = openapi["paths"][f"/api/v1/{path}"]["get"]["parameters"]
    status = next(p for p in parameters if p["name"] == "status")["schema"]["anyOf"][0]["$ref"].rsplit(
        "/", 1
    )[1]
    values = openapi["components"]["schemas"][status]["enum"]
    answers = {value: api_as(world.admin, path, status=value).status_code for value in values}
    refused = api_as(world.admin, path, status=outsider)
    assert answers == dict.fromkeys(values, 200)
    assert outsider not in values
    assert (refused.status_code, refused.json()["errors"][0]["loc"]) == (422, ["query", "status"])
