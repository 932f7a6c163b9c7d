"""Portal-wide search: every app registers a provider that finds its own records for a user.

A provider scopes first and matches text second: it starts from the same `*_visible_to(user)`
queryset as its pages, so a search never reveals a record the user could not open.

Text matching (`text_match`, also used by list filters) works on both databases the portal runs on.
A row matches when the query, spaces removed, is contained in a field with its spaces removed:
Korean is written with varying spacing (조기취업, 조기 취업), so spacing must not decide; nor does a
particle after a word (반도체를 finds 반도체). On
PostgreSQL a row also matches when pg_trgm's word similarity passes its threshold, which tolerates a
typo (일학습병헹); both conditions are served by trigram GIN indexes, and hits are ranked by
similarity (`text_rank`). A query of fewer than three characters, and any query on SQLite (the
embedded default), takes the plain match ranked by recency.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections
from django.db.models import F, Model, Q, QuerySet, TextField, Value
from django.db.models.functions import Greatest, Replace
from django.db.models.lookups import IContains
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.functional import Promise

from council.permissions import AnyUser

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100

# Particles (조사) that follow a Korean word in a query ("반도체를", "대학과의"): a word is also
# matched without one. Longest first; a word keeps at least two syllables. A Korean tokenizer
# (kiwipiepy) would do this too, but loads a 300 MB model into every process for it.
PARTICLES = tuple(
    sorted(
        [
            "이",
            "가",
            "을",
            "를",
            "은",
            "는",
            "의",
            "에",
            "에서",
            "에게",
            "께",
            "한테",
            "로",
            "으로",
            "와",
            "과",
            "도",
            "만",
            "까지",
            "부터",
            "처럼",
            "보다",
            "이나",
            "나",
            "이랑",
            "랑",
            "하고",
            "에는",
            "에서는",
            "으로는",
            "로는",
            "과의",
            "와의",
        ],
        key=len,
        reverse=True,
    )
)


def without_particles(query: str) -> str:
    """The query with a particle taken off each Korean word that ends in one: 반도체를 → 반도체."""
    words = []
    for word in query.split():
        for particle in PARTICLES:
            stem = word[: -len(particle)]
            if word.endswith(particle) and len(stem) >= 2 and stem[-1].isalnum():
                word = stem
                break
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class SearchHit:
    title: str
    url: str
    summary: str = ""
    meta: list[str] = field(default_factory=list)
    badge: str = ""


@dataclass(frozen=True, slots=True)
class SearchResults:
    hits: list[SearchHit]
    total: int


@dataclass(frozen=True, slots=True)
class SearchProvider:
    """`search(user, query, limit)` returns up to `limit` hits and how many there are in all;
    `list_url_name` names the provider's own list, which "see all" opens filtered by the query."""

    key: str
    label: str | Promise
    order: int
    search: Callable[[AnyUser, str, int], SearchResults]
    list_url_name: str = ""

    def more_url(self, query: str) -> str:
        # The lists otherwise narrow to the current council; a search spans every council.
        return f"{reverse(self.list_url_name)}?{urlencode({'q': query, 'council': ''})}"


@dataclass(frozen=True, slots=True)
class SearchGroup:
    key: str
    label: str | Promise
    hits: list[SearchHit]
    total: int
    more_url: str = ""


_providers: dict[str, SearchProvider] = {}


def register_search_provider(provider: SearchProvider) -> None:
    _providers[provider.key] = provider


def search_providers() -> list[SearchProvider]:
    return sorted(_providers.values(), key=lambda provider: provider.order)


def one_line(text: str, length: int = 160) -> str:
    """A hit's summary: the text on one line, cut at `length` characters."""
    return truncatechars(" ".join(text.split()), length)


def clean_query(raw: str | None) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_portal(*, user: AnyUser, query: str, limit: int = 5) -> list[SearchGroup]:
    """Each provider's hits for the query, in menu order; kinds with no hit are left out."""
    query = clean_query(query)
    if len(query) < MIN_QUERY_LENGTH:
        return []
    groups = []
    for provider in search_providers():
        results = provider.search(user, query, limit)
        if results.total:
            more = (
                provider.more_url(query)
                if provider.list_url_name and results.total > len(results.hits)
                else ""
            )
            groups.append(
                SearchGroup(
                    key=provider.key,
                    label=provider.label,
                    hits=results.hits,
                    total=results.total,
                    more_url=more,
                )
            )
    return groups


# pg_trgm finds a query by its three-character pieces: a shorter one (a two-syllable word such as 취업)
# has none worth comparing, so neither the similarity nor the LIKE can use an index. Such a query is
# matched as contained only, and its hits ranked by recency: computing similarities on every row
# for it cost a second over a nation's difficulties, and changed no hit.
MIN_TRIGRAM_LENGTH = 3


def _uses_trigrams(queryset: QuerySet[Any], query: str) -> bool:
    return (
        connections[queryset.db].vendor == "postgresql"
        and len(clean_query(query).replace(" ", "")) >= MIN_TRIGRAM_LENGTH
    )


@dataclass(frozen=True, slots=True)
class TextFields:
    """What a free-text query matches on one model: its list's `q` filter and the portal search.

    The first field is the title, which ranks a hit highest. `related` fields cross to-many relations
    and are matched in a subquery, so a row is never repeated; `related_scope` narrows which related
    rows may match (e.g. only agenda items that leave the secretariat).
    """

    fields: tuple[str, ...]
    related: tuple[str, ...] = ()
    related_scope: Q = field(default_factory=Q)

    def match[M: Model](self, queryset: QuerySet[M], query: str) -> QuerySet[M]:
        return text_match(queryset, self, query)


def text_match(queryset: QuerySet[Any], text: TextFields, query: str) -> QuerySet[Any]:
    """Rows where any of the text fields matches the query.

    The fields are matched in groups, one per table (the model's own fields, then those behind each
    relation), each group a subquery of ids, and a row matches when its id is in any of them. One
    condition ORed across joined tables would make PostgreSQL read every row of the model and
    compute trigram similarities on each (half a second over 20,000 difficulties); a group on one
    table is answered from its trigram indexes.
    """
    query = clean_query(query)
    if not query:
        return queryset
    compacts = {query.replace(" ", ""), without_particles(query).replace(" ", "")}
    trigrams = _uses_trigrams(queryset, query)

    def condition(names: Sequence[str]) -> Q:
        matched = Q()
        for name in names:
            # The same expression as the "compact" trigram indexes, so PostgreSQL can use them.
            spaceless = Replace(F(name), Value(" "), Value(""), output_field=TextField())
            for compact in compacts:
                matched |= Q(IContains(spaceless, compact))
            if trigrams:
                matched |= Q(**{f"{name}__trigram_word_similar": query})
        return matched

    tables: dict[str, list[str]] = {}
    for name in text.fields:
        tables.setdefault(name.rpartition("__")[0], []).append(name)
    conditions = [condition(names) for names in tables.values()]
    if text.related:
        # One filter() call, so the scope and the match apply to the same related row.
        conditions.append(condition(text.related) & text.related_scope)
    if len(conditions) == 1:
        return queryset.filter(conditions[0])
    rows = queryset.model._default_manager
    groups = [rows.filter(matched).values("pk") for matched in conditions]
    return queryset.filter(pk__in=groups[0].union(*groups[1:], all=True))


def text_rank(queryset: QuerySet[Any], fields: Sequence[str], query: str, *fallback: str) -> QuerySet[Any]:
    """Order by how well the query matches (PostgreSQL), then by the fallback ordering."""
    if not _uses_trigrams(queryset, query):
        return queryset.order_by(*fallback)
    similarities = [TrigramWordSimilarity(clean_query(query), name) for name in fields]
    best = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
    # The first field (the title) counts twice: a hit in the title beats one in the text.
    return queryset.annotate(search_rank=similarities[0] + best).order_by("-search_rank", *fallback)


def search_queryset(
    queryset: QuerySet[Any], text: TextFields, query: str, limit: int, *fallback: str
) -> tuple[list[Any], int]:
    """Match, count and take the best `limit` rows: two queries whatever the data size."""
    matched = text.match(queryset, query)
    total = matched.count()
    rows = list(text_rank(matched, text.fields, query, *fallback)[:limit]) if total else []
    return rows, total
