"""Spreadsheet import and export of institutions and people.

An import validates every row (with the same forms and model checks as the pages) and saves
nothing unless all rows are valid. Rows naming an existing institution (by name) or person
(by name and institution) update it; others are created and registered to the council.
"""

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.files.imports import ImportKind, ImportResult, ReportProgress, no_progress
from council.files.spreadsheets import (
    ChoiceLookup,
    Column,
    ImportRejected,
    ImportReport,
    RowError,
    choice_lookup,
    read_table,
)
from council.models import Council, ImportJob, User
from members.directory import permissions, services
from members.directory.forms import InstitutionForm, PersonForm
from members.models import Institution, Person

INSTITUTION_COLUMNS = (
    Column(
        "name",
        gettext_lazy("Institution name"),
        required=True,
        help=gettext_lazy("Official name; used to match existing institutions."),
    ),
    Column("name_en", gettext_lazy("English name")),
    Column("kind", gettext_lazy("Institution kind"), required=True, choices=Institution.Kind.choices),
    Column("sector", gettext_lazy("Sector"), required=True, choices=Institution.Sector.choices),
    Column("region", gettext_lazy("Region")),
    Column("address", gettext_lazy("Address")),
    Column("website", gettext_lazy("Website"), help=gettext_lazy("Starting with https://")),
    Column("phone", gettext_lazy("Phone")),
    Column("representative", gettext_lazy("Representative")),
    Column(
        "business_registration_number",
        gettext_lazy("Business registration number"),
        help=gettext_lazy("Required for firms: 10 digits, e.g. 123-45-67890."),
    ),
)

PERSON_COLUMNS = (
    Column("name", gettext_lazy("Name"), required=True),
    Column("name_en", gettext_lazy("English name")),
    Column("title", gettext_lazy("Title")),
    Column(
        "institution",
        gettext_lazy("Institution name"),
        help=gettext_lazy("Exactly as in the directory; leave empty for individual experts."),
    ),
    Column("email", gettext_lazy("E-mail")),
    Column("phone", gettext_lazy("Phone")),
)

INSTITUTION_EXAMPLE = (
    "예시대학교 산학협력단",
    "Example University Industry-Academia Foundation",
    str(Institution.Kind.UNIVERSITY.label),
    str(Institution.Sector.ACADEMIA.label),
    "경기 안양시",
    "경기도 안양시 만안구 예시로 1",
    "https://example.ac.kr",
    "031-000-0000",
    "홍길동",
    "",
)
PERSON_EXAMPLE = (
    "홍길동",
    "Hong Gildong",
    "산학협력단장",
    "예시대학교 산학협력단",
    "hong@example.ac.kr",
    "031-000-0000",
)


def _form_errors(row: int, form: Any, columns: Sequence[Column]) -> list[RowError]:
    labels = {column.key: str(column.label) for column in columns}
    errors = []
    for field, messages in form.errors.items():
        for message in messages:
            errors.append(RowError(row=row, column=labels.get(field, ""), message=message))
    return errors


def _with_codes(
    values: dict[str, str],
    columns: Sequence[Column],
    codes: dict[str, ChoiceLookup],
    row: int,
    errors: list[RowError],
) -> dict[str, str]:
    """The row with its choice columns as stored codes; `codes` holds each such column's lookup,
    built once for the file."""
    data = dict(values)
    for column in columns:
        raw = data.get(column.key, "")
        if column.choices and raw:
            lookup = codes[column.key]
            code = lookup.code(raw)
            if code is None:
                errors.append(
                    RowError(
                        row,
                        str(column.label),
                        _("“%(value)s” is not one of: %(allowed)s")
                        % {"value": raw, "allowed": lookup.allowed()},
                    )
                )
            else:
                data[column.key] = code
    return data


def institutions_import(
    *, actor: User, council: Council, upload: UploadedFile, progress: ReportProgress = no_progress
) -> ImportReport:
    """Create or update institutions from a spreadsheet; all rows or none."""
    if not permissions.can_create_institution(actor, council):
        raise PermissionDenied(_("Only the council's secretariat can import institutions."))
    table = read_table(upload, INSTITUTION_COLUMNS)
    errors: list[RowError] = []
    existing = {
        institution.name: institution
        for institution in Institution.objects.filter(name__in=[values["name"] for _row, values in table])
    }
    changeable = set(permissions.institutions_changeable_by(actor).values_list("id", flat=True))
    seen: dict[str, int] = {}
    planned: list[tuple[int, Institution | None, dict[str, Any]]] = []
    codes = {column.key: choice_lookup(column.choices) for column in INSTITUTION_COLUMNS if column.choices}
    for index, (row, values) in enumerate(table, start=1):
        progress("checking", index, len(table))
        row_errors: list[RowError] = []
        data = _with_codes(values, INSTITUTION_COLUMNS, codes, row, row_errors)
        name = data.get("name", "")
        if name in seen:
            row_errors.append(
                RowError(
                    row,
                    str(INSTITUTION_COLUMNS[0].label),
                    _("The same institution is also on row %(row)d.") % {"row": seen[name]},
                )
            )
        seen.setdefault(name, row)
        instance = existing.get(name)
        if instance is not None and instance.pk not in changeable:
            row_errors.append(
                RowError(
                    row,
                    str(INSTITUTION_COLUMNS[0].label),
                    _("This institution exists and is managed by another council."),
                )
            )
        if not row_errors:
            form = InstitutionForm(
                data=data, instance=Institution() if instance is None else copy.copy(instance)
            )
            if form.is_valid():
                planned.append(
                    (row, instance, {key: form.cleaned_data[key] for key in InstitutionForm.Meta.fields})
                )
            else:
                row_errors.extend(_form_errors(row, form, INSTITUTION_COLUMNS))
        errors.extend(row_errors)
    if errors:
        raise ImportRejected(errors)
    report = ImportReport()
    with transaction.atomic():
        for index, (row, instance, fields) in enumerate(planned, start=1):
            progress("saving", index, len(planned))
            try:
                if instance is None:
                    services.institution_create(actor=actor, council=council, **fields)
                    report.created += 1
                else:
                    services.institution_update(actor=actor, institution=instance, **fields)
                    report.updated += 1
            except ValidationError as error:
                raise ImportRejected([RowError(row, "", message) for message in error.messages]) from error
    return report


def people_import(
    *, actor: User, upload: UploadedFile, progress: ReportProgress = no_progress
) -> ImportReport:
    """Create or update people from a spreadsheet, in the institutions the user may add people to;
    all rows or none."""
    if not permissions.can_create_person(actor, None):
        raise PermissionDenied(_("Only the council's secretariat can import people."))
    table = read_table(upload, PERSON_COLUMNS)
    institutions = {
        institution.name: institution for institution in permissions.institutions_visible_to(actor)
    }
    changeable = set(permissions.institutions_changeable_by(actor).values_list("id", flat=True))
    existing: dict[tuple[str, int | None], Person] = {}
    for person in Person.objects.filter(name__in=[values.get("name", "") for _row, values in table]).order_by(
        "pk"
    ):
        existing.setdefault((person.name, person.institution_id), person)
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    planned: list[tuple[int, Person | None, dict[str, Any]]] = []
    for index, (row, values) in enumerate(table, start=1):
        progress("checking", index, len(table))
        row_errors: list[RowError] = []
        institution = None
        if values.get("institution"):
            institution = institutions.get(values["institution"])
            if institution is None:
                row_errors.append(
                    RowError(
                        row,
                        str(PERSON_COLUMNS[3].label),
                        _("No institution named “%(name)s” in the directory.")
                        % {"name": values["institution"]},
                    )
                )
            elif institution.pk not in changeable:
                row_errors.append(
                    RowError(
                        row, str(PERSON_COLUMNS[3].label), _("You cannot add people to this institution.")
                    )
                )
        key = (values.get("name", ""), values.get("institution", ""))
        if key in seen:
            row_errors.append(
                RowError(
                    row,
                    str(PERSON_COLUMNS[0].label),
                    _("The same person is also on row %(row)d.") % {"row": seen[key]},
                )
            )
        seen.setdefault(key, row)
        if not row_errors:
            instance = existing.get((values.get("name", ""), institution.pk if institution else None))
            data = {**values, "institution": institution.pk if institution else ""}
            form = PersonForm(
                data=data, instance=instance or Person(), institutions=Institution.objects.all()
            )
            if form.is_valid():
                planned.append(
                    (row, instance, {key: form.cleaned_data[key] for key in PersonForm.Meta.fields})
                )
            else:
                row_errors.extend(_form_errors(row, form, PERSON_COLUMNS))
        errors.extend(row_errors)
    if errors:
        raise ImportRejected(errors)
    report = ImportReport()
    with transaction.atomic():
        for index, (row, instance, fields) in enumerate(planned, start=1):
            progress("saving", index, len(planned))
            try:
                if instance is None:
                    services.person_create(actor=actor, **fields)
                    report.created += 1
                else:
                    services.person_update(actor=actor, person=instance, **fields)
                    report.updated += 1
            except (ValidationError, PermissionDenied) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                raise ImportRejected([RowError(row, "", message) for message in messages]) from error
    return report


def institution_rows(institutions: Iterable[Institution]) -> Iterable[list[Any]]:
    for institution in institutions:
        yield [
            institution.name,
            institution.name_en,
            institution.get_kind_display(),
            institution.get_sector_display(),
            institution.region,
            institution.address,
            institution.website,
            institution.phone,
            institution.representative,
            institution.business_registration_number,
        ]


def person_rows(people: Iterable[Person], *, user: Any) -> Iterable[list[Any]]:
    for person in people:
        details = permissions.can_see_contact_details(user, person)
        yield [
            person.name,
            person.name_en,
            person.title,
            person.institution.name if person.institution is not None else "",
            person.email if details else "",
            person.phone if details else "",
        ]


INSTITUTIONS_IMPORT = "members.institutions"
PEOPLE_IMPORT = "members.people"


def _run_institutions_import(job: ImportJob, upload: UploadedFile, progress: ReportProgress) -> ImportResult:
    if job.council is None:
        raise PermissionDenied(_("Only the council's secretariat can import institutions."))
    report = institutions_import(actor=job.owner, council=job.council, upload=upload, progress=progress)
    message = _("Import complete: %(created)d institutions added, %(updated)d updated.") % {
        "created": report.created,
        "updated": report.updated,
    }
    return ImportResult(message=message, url=reverse("institution-list"))


def _run_people_import(job: ImportJob, upload: UploadedFile, progress: ReportProgress) -> ImportResult:
    report = people_import(actor=job.owner, upload=upload, progress=progress)
    message = _("Import complete: %(created)d people added, %(updated)d updated.") % {
        "created": report.created,
        "updated": report.updated,
    }
    return ImportResult(message=message, url=reverse("person-list"))


import_kinds = (
    ImportKind(INSTITUTIONS_IMPORT, run=_run_institutions_import),
    ImportKind(PEOPLE_IMPORT, run=_run_people_import),
)
