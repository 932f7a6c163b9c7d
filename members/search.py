"""The members app's part of the portal-wide search: institutions, best practices, difficulties and
agreements, each scoped by the same `*_visible_to` queryset as its pages before the text is matched."""

from django.db.models import QuerySet
from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from council.files.search import DocumentSource, register_document_source
from council.permissions import AnyUser
from council.search import (
    SearchHit,
    SearchProvider,
    SearchResults,
    one_line,
    register_search_provider,
    search_queryset,
)

# The fields a list's `q` filter matches, so a search and the list it links to agree.
from members.agreements.filters import AGREEMENT_TEXT
from members.agreements.permissions import agreements_visible_to
from members.difficulties.filters import DIFFICULTY_TEXT
from members.difficulties.permissions import difficulties_visible_to
from members.directory.filters import INSTITUTION_TEXT, PERSON_TEXT, PERSON_TEXT_WITH_EMAIL
from members.directory.permissions import (
    can_see_all_contact_details,
    institutions_visible_to,
    people_visible_to,
)
from members.models import AgreementDocument, BestPracticeDocument, DifficultyAttachment
from members.practices.filters import PRACTICE_TEXT
from members.practices.permissions import best_practices_visible_to


def search_institutions(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        institutions_visible_to(user).select_related("registered_by"),
        INSTITUTION_TEXT,
        query,
        limit,
        "name",
    )
    hits = [
        SearchHit(
            title=institution.name,
            url=reverse("institution-detail", args=[institution.pk]),
            summary=institution.name_en,
            meta=[str(institution.get_kind_display()), institution.region],
        )
        for institution in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_people(user: AnyUser, query: str, limit: int) -> SearchResults:
    """People of the directory the user sees; by e-mail too for those who see every address."""
    text = PERSON_TEXT_WITH_EMAIL if can_see_all_contact_details(user) else PERSON_TEXT
    rows, total = search_queryset(
        people_visible_to(user).select_related("institution"), text, query, limit, "name"
    )
    hits = [
        SearchHit(
            title=person.name,
            url=person.get_absolute_url(),
            summary=" · ".join(
                part for part in (person.title, person.institution.name if person.institution else "") if part
            ),
        )
        for person in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_best_practices(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        best_practices_visible_to(user).select_related("council", "institution"),
        PRACTICE_TEXT,
        query,
        limit,
        "-updated_at",
    )
    hits = [
        SearchHit(
            title=practice.title,
            url=reverse("best-practice-detail", args=[practice.pk]),
            summary=one_line(practice.summary),
            meta=[
                practice.council.short_name,
                practice.institution.name,
                str(practice.get_category_display()),
            ],
            badge="" if practice.is_published else str(practice.get_status_display()),
        )
        for practice in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_difficulties(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        difficulties_visible_to(user).select_related("council", "institution"),
        DIFFICULTY_TEXT,
        query,
        limit,
        "-created_at",
    )
    hits = [
        SearchHit(
            title=difficulty.title,
            url=reverse("difficulty-detail", args=[difficulty.pk]),
            summary=one_line(difficulty.description),
            meta=[
                difficulty.council.short_name,
                difficulty.institution.name,
                str(difficulty.get_kind_display()),
                format_date(difficulty.created_at, "Y.m.d"),
            ],
            badge=str(difficulty.get_status_display()),
        )
        for difficulty in rows
    ]
    return SearchResults(hits=hits, total=total)


def search_agreements(user: AnyUser, query: str, limit: int) -> SearchResults:
    rows, total = search_queryset(
        agreements_visible_to(user).select_related("council"),
        AGREEMENT_TEXT,
        query,
        limit,
        "-signed_on",
    )
    hits = [
        SearchHit(
            title=agreement.title,
            url=reverse("agreement-detail", args=[agreement.pk]),
            summary=one_line(agreement.summary),
            meta=[
                agreement.council.short_name,
                format_date(agreement.signed_on, "Y.m.d"),
                agreement.signed_place,
            ],
        )
        for agreement in rows
    ]
    return SearchResults(hits=hits, total=total)


def _practice_documents(user: AnyUser) -> QuerySet[BestPracticeDocument]:
    return BestPracticeDocument.objects.filter(practice__in=best_practices_visible_to(user)).select_related(
        "practice"
    )


def _agreement_documents(user: AnyUser) -> QuerySet[AgreementDocument]:
    return AgreementDocument.objects.filter(agreement__in=agreements_visible_to(user)).select_related(
        "agreement"
    )


def _difficulty_documents(user: AnyUser) -> QuerySet[DifficultyAttachment]:
    return DifficultyAttachment.objects.filter(difficulty__in=difficulties_visible_to(user)).select_related(
        "difficulty"
    )


def register() -> None:
    register_document_source(
        DocumentSource(
            "best_practice",
            _practice_documents,
            lambda document: (
                document.practice.title,
                reverse("best-practice-detail", args=[document.practice_id]),
            ),
        )
    )
    register_document_source(
        DocumentSource(
            "agreement",
            _agreement_documents,
            lambda document: (
                document.agreement.title,
                reverse("agreement-detail", args=[document.agreement_id]),
            ),
        )
    )
    register_document_source(
        DocumentSource(
            "difficulty",
            _difficulty_documents,
            lambda document: (
                document.difficulty.title,
                reverse("difficulty-detail", args=[document.difficulty_id]),
            ),
        )
    )
    register_search_provider(
        SearchProvider(
            key="institutions",
            label=_("Member institutions"),
            order=20,
            search=search_institutions,
            list_url_name="institution-list",
        )
    )
    register_search_provider(
        SearchProvider(
            key="people",
            label=_("People"),
            order=21,
            search=search_people,
            list_url_name="person-list",
        )
    )
    register_search_provider(
        SearchProvider(
            key="best_practices",
            label=_("Best practices"),
            order=30,
            search=search_best_practices,
            list_url_name="best-practice-list",
        )
    )
    register_search_provider(
        SearchProvider(
            key="difficulties",
            label=_("Difficulties and suggestions"),
            order=40,
            search=search_difficulties,
            list_url_name="difficulty-list",
        )
    )
    register_search_provider(
        SearchProvider(
            key="agreements",
            label=_("Agreements"),
            order=50,
            search=search_agreements,
            list_url_name="agreement-list",
        )
    )
