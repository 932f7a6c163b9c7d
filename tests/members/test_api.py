"""API behaviour beyond access: validation answers 400 with field errors, filters match the pages."""

from members.models import Institution


def test_invalid_input_answers_400_with_field_errors_in_the_users_language(api, alice, anyang, daerim):
    alice.language = "en"
    response = api(alice).post(
        f"/api/v1/institutions/?council={anyang.pk}",
        {
            "name": daerim.name,
            "kind": "spaceship",
            "sector": "industry",
            "business_registration_number": "124-81-00997",
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    errors = response.json()
    assert "kind" in errors
    assert Institution.objects.count() == 1


def test_model_rules_answer_400_too(api, alice, anyang, daerim):
    response = api(alice).post(
        f"/api/v1/institutions/?council={anyang.pk}",
        {"name": daerim.name, "kind": "university", "sector": "academia"},
        format="json",
    )
    assert response.status_code == 400
    assert "name" in response.json()


def test_create_institution_through_the_api(api, alice, anyang):
    response = api(alice).post(
        f"/api/v1/institutions/?council={anyang.pk}",
        {
            "name": "㈜API기업",
            "kind": "firm",
            "sector": "industry",
            "business_registration_number": "2208162517",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["business_registration_number"] == "220-81-62517"
    assert Institution.objects.get(name="㈜API기업").registered_by == anyang


def test_api_filters_are_the_pages_filters(api, alice, anyang, daerim):
    response = api(alice).get("/api/v1/institutions/", {"kind": "high_school"})
    assert response.json()["count"] == 0
    response = api(alice).get("/api/v1/institutions/", {"council": anyang.pk, "kind": "university"})
    assert response.json()["count"] == 1


def test_bad_filter_values_answer_400(api, alice, anyang):
    response = api(alice).get("/api/v1/memberships/", {"council": "not-a-number"})
    assert response.status_code == 400


def test_openapi_schema_and_offline_docs(client, db):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    for path in ("/api/v1/councils/", "/api/v1/institutions/", "/api/v1/people/", "/api/v1/memberships/"):
        assert path in body
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
