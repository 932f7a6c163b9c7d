"""Difficulty and suggestion pages: the list, raising one, its thread with every step, and the figures."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.files.uploads import document_response
from council.filters import parse_id
from council.selectors import request_council
from council.web.listing import list_filter, render_list
from council.web.navigation import detail_sections
from council.web.page_cache import Clock, cached_page
from council.web.pages import actor, require, submit, visible_or_404
from members.difficulties import permissions, services
from members.difficulties.filters import DifficultyFilter
from members.difficulties.forms import AnswerForm, AssignForm, CommentForm, DifficultyForm, StatusForm
from members.difficulties.selectors import (
    difficulty_detail_queryset,
    difficulty_figures,
    difficulty_figures_council,
)
from members.difficulties.selectors import difficulty_list as select_difficulties
from members.directory.permissions import institutions_visible_to
from members.models import Difficulty, DifficultyAttachment, DifficultyEvent, InstitutionContact
from members.submissions import can_submit_on, submitting_institutions


@login_required
@cached_page(clock=Clock.DAY)
def difficulty_list(request: HttpRequest) -> HttpResponse:
    filterset = list_filter(
        request, filterset_class=DifficultyFilter, queryset=select_difficulties(user=request.user)
    )
    council = request_council(request)
    return render_list(
        request,
        "members/difficulty_list.html",
        filterset=filterset,
        context={
            "council": council,
            "can_create": can_submit_on(request.user, council),
            "can_view_figures": permissions.can_view_difficulty_figures(request.user, council),
        },
    )


def _difficulty(request: HttpRequest, pk: int) -> Difficulty:
    """The item with its whole thread, for views that may show its page (again, with a form's errors).

    Scoped to the user first, so another institution's item is a 404.
    """
    return visible_or_404(difficulty_detail_queryset(user=request.user), pk)


def _visible(request: HttpRequest, pk: int) -> Difficulty:
    """The item for a view that does not show its page: scoped to the user like `_difficulty`."""
    return visible_or_404(
        permissions.difficulties_visible_to(request.user).select_related(
            "council", "institution", "assignee"
        ),
        pk,
    )


def _assign_form(request: HttpRequest, difficulty: Difficulty, data: Any = None) -> AssignForm:
    institutions = institutions_visible_to(request.user).filter(is_active=True).order_by("kind", "name")
    initial = {"assignee": difficulty.assignee_id, "answer_due": difficulty.answer_due}
    return AssignForm(data, initial=initial, institutions=institutions)


def _detail(request: HttpRequest, difficulty: Difficulty, status: int = 200, **forms: Any) -> HttpResponse:
    user = request.user
    transitions = permissions.difficulty_transitions(user, difficulty)
    can_assign = permissions.can_assign_difficulty(user, difficulty)
    can_answer = permissions.can_answer_difficulty(user, difficulty)
    can_comment = permissions.can_comment_difficulty(user, difficulty)
    context = {
        "difficulty": difficulty,
        "events": list(difficulty.events.all()),
        "can_edit": permissions.can_edit_difficulty(user, difficulty),
        # The secretariat may record an item for an institution (a call, a meeting remark).
        "recorded_by_secretariat": difficulty.raised_by_id is not None
        and not InstitutionContact.objects.filter(
            user_id=difficulty.raised_by_id, institution_id=difficulty.institution_id
        ).exists(),
        "assign_form": (forms.get("assign_form") or _assign_form(request, difficulty))
        if can_assign
        else None,
        "answer_form": (forms.get("answer_form") or AnswerForm()) if can_answer else None,
        "comment_form": (forms.get("comment_form") or CommentForm()) if can_comment else None,
        "status_form": (forms.get("status_form") or StatusForm(statuses=transitions))
        if transitions
        else None,
        "resolve_only": transitions == (Difficulty.Status.RESOLVED,),
        "sections": detail_sections(request, "difficulty", difficulty),
    }
    return render(request, "members/difficulty_detail.html", context, status=status)


@login_required
def difficulty_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _difficulty(request, pk))


@login_required
def difficulty_create(request: HttpRequest) -> HttpResponse:
    council = request_council(request)
    require(can_submit_on(request.user, council))
    assert council is not None
    form = DifficultyForm(
        request.POST or None,
        request.FILES or None,
        institutions=submitting_institutions(request.user, council).order_by("name"),
    )
    done = submit(
        request,
        form,
        lambda data: services.difficulty_raise(actor=actor(request), council=council, **data),
        done=lambda difficulty: difficulty,
        message=_("Received. The secretariat has been told and will follow it up here."),
    )
    return done or render(
        request,
        "members/difficulty_form.html",
        {"form": form, "council": council},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def difficulty_update(request: HttpRequest, pk: int) -> HttpResponse:
    difficulty = _visible(request, pk)
    require(permissions.can_edit_difficulty(request.user, difficulty))
    form = DifficultyForm(request.POST or None, instance=difficulty, institutions=None)
    done = submit(
        request,
        form,
        lambda data: services.difficulty_update(actor=actor(request), difficulty=difficulty, **data),
        done=lambda difficulty: difficulty,
        message=_("The changes were saved."),
    )
    return done or render(
        request,
        "members/difficulty_form.html",
        {"form": form, "difficulty": difficulty, "council": difficulty.council},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def difficulty_assign(request: HttpRequest, pk: int) -> HttpResponse:
    difficulty = _difficulty(request, pk)
    require(permissions.can_assign_difficulty(request.user, difficulty))
    form = _assign_form(request, difficulty, request.POST)
    message = None
    if form.is_valid():  # the message names what was posted; submit reuses this validation
        message = _("Assigned to %(institution)s; the answer is due on %(date)s.") % {
            "institution": form.cleaned_data["assignee"],
            "date": form.cleaned_data["answer_due"],
        }
    done = submit(
        request,
        form,
        lambda data: services.difficulty_assign(actor=actor(request), difficulty=difficulty, **data),
        done=lambda difficulty: difficulty,
        message=message,
    )
    return done or _detail(request, difficulty, status=400, assign_form=form)


def _at_event(difficulty: Difficulty) -> Callable[[DifficultyEvent], str]:
    """Where to go after adding to the thread: the new entry on the item's page."""
    return lambda event: f"{difficulty.get_absolute_url()}#event-{event.pk}"


@login_required
@require_POST
def difficulty_answer(request: HttpRequest, pk: int) -> HttpResponse:
    difficulty = _difficulty(request, pk)
    require(permissions.can_answer_difficulty(request.user, difficulty))
    form = AnswerForm(request.POST, request.FILES)
    done = submit(
        request,
        form,
        lambda data: services.difficulty_answer(actor=actor(request), difficulty=difficulty, **data),
        done=_at_event(difficulty),
        message=_("The answer was posted; the institution that raised it has been told."),
    )
    return done or _detail(request, difficulty, status=400, answer_form=form)


@login_required
@require_POST
def difficulty_comment(request: HttpRequest, pk: int) -> HttpResponse:
    difficulty = _difficulty(request, pk)
    require(permissions.can_comment_difficulty(request.user, difficulty))
    form = CommentForm(request.POST, request.FILES)
    done = submit(
        request,
        form,
        lambda data: services.difficulty_comment(actor=actor(request), difficulty=difficulty, **data),
        done=_at_event(difficulty),
        message=_("Your comment was added."),
    )
    return done or _detail(request, difficulty, status=400, comment_form=form)


@login_required
@require_POST
def difficulty_status(request: HttpRequest, pk: int) -> HttpResponse:
    difficulty = _difficulty(request, pk)
    transitions = permissions.difficulty_transitions(request.user, difficulty)
    require(bool(transitions))
    form = StatusForm(request.POST, statuses=transitions)
    message = None
    if form.is_valid():  # the message names the posted status; submit reuses this validation
        status = Difficulty.Status(form.cleaned_data["status"])
        message = _("The status is now “%(status)s”.") % {"status": status.label}
    done = submit(
        request,
        form,
        lambda data: services.difficulty_set_status(actor=actor(request), difficulty=difficulty, **data),
        done=lambda difficulty: difficulty,
        message=message,
    )
    return done or _detail(request, difficulty, status=400, status_form=form)


@login_required
def difficulty_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """Download a file: whoever may see the item may read its files."""
    difficulty = _visible(request, pk)
    attachment = get_object_or_404(DifficultyAttachment, pk=attachment_id, difficulty=difficulty)
    return document_response(attachment.file, filename=attachment.name)


@login_required
def difficulty_figures_page(request: HttpRequest) -> HttpResponse:
    """Open items by status and the median days to answer and resolve, by category and institution kind."""
    given = request.GET.get("council")
    council_id = parse_id(given)
    if given and council_id is None:
        raise Http404
    council = difficulty_figures_council(user=request.user, pk=council_id, default=request_council(request))
    figures = difficulty_figures(council=council)
    chart = {
        "status": {
            "labels": [row["label"] for row in figures.by_status],
            "counts": [row["count"] for row in figures.by_status],
        },
        "category": {
            "labels": [row.label for row in figures.by_category],
            "first_answer": [_days(row.median_first_answer) for row in figures.by_category],
            "resolution": [_days(row.median_resolution) for row in figures.by_category],
            "series": [str(_("Median days to first answer")), str(_("Median days to resolution"))],
        },
    }
    return render(
        request,
        "members/difficulty_figures.html",
        {"council": council, "figures": figures, "chart": chart},
    )


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
