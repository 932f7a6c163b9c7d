"""Portal search inside uploaded documents: each app registers where its documents hang (a meeting's
agenda, a best practice, a difficulty, an agreement) and which of them a user may see, by the same
rules as their owner's page; a hit shows a snippet of the text and the record it belongs to."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from council.models import Document
from council.permissions import AnyUser
from council.search import (
    SearchHit,
    SearchProvider,
    SearchResults,
    TextFields,
    clean_query,
    register_search_provider,
    search_queryset,
    without_particles,
)

DOCUMENT_TEXT = TextFields(("name", "text"))
SNIPPET = 160


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """`visible(user)`: the documents whose owner the user may open; `owner(document)`: the owner's
    label and address."""

    key: str
    visible: Callable[[AnyUser], QuerySet[Any]]
    owner: Callable[[Any], tuple[str, str]]


_sources: dict[str, DocumentSource] = {}


def register_document_source(source: DocumentSource) -> None:
    _sources[source.key] = source


def snippet(text: str, query: str) -> str:
    """The text around where the query occurs: the whole query if it does, else its first word that
    does (particles aside)."""
    folded = text.casefold()
    query = clean_query(query)
    candidates = [query, without_particles(query), *without_particles(query).split()]
    found = next((at for word in candidates if word and (at := folded.find(word.casefold())) >= 0), None)
    start = max(found - SNIPPET // 3, 0) if found is not None else 0
    piece = " ".join(text[start : start + SNIPPET].split())
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def search_documents(user: AnyUser, query: str, limit: int) -> SearchResults:
    hits: list[SearchHit] = []
    total = 0
    for source in _sources.values():
        rows, count = search_queryset(source.visible(user), DOCUMENT_TEXT, query, limit, "-uploaded_at")
        total += count
        for document in rows[: max(limit - len(hits), 0)]:
            owner, url = source.owner(document)
            summary = snippet(document.text, query) if document.text else ""
            status = document.text_status
            badge = str(document.type_label)
            meta = [owner] if status == Document.TextStatus.READ else [owner, str(_("text not read"))]
            hits.append(SearchHit(title=document.name, url=url, summary=summary, meta=meta, badge=badge))
    return SearchResults(hits=hits, total=total)


def register() -> None:
    register_search_provider(
        SearchProvider(key="documents", label=_("Documents"), order=90, search=search_documents)
    )
