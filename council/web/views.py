"""Pages every role shares: home, notifications, language, council switcher, profile, imports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from council import services
from council.accounts.emails import email_change_confirm as change_email
from council.accounts.emails import email_change_read, email_change_request
from council.accounts.tokens import api_token_issue, api_token_revoke, api_token_status
from council.files.imports import import_jobs_of, job_progress
from council.files.spreadsheets import RowError
from council.filters import parse_id
from council.models import Dispatch, Notice, User
from council.notices import outbox
from council.permissions import access_for, authenticated_user, can_view_delivery, councils_switchable
from council.search import MIN_QUERY_LENGTH, clean_query, search_portal
from council.selectors import notices_for_user, notices_to_reach, request_council
from council.web.forms import LanguageForm, ProfileForm
from council.web.health import health_report
from council.web.languages import language_cookie_set
from council.web.listing import page_of
from council.web.navigation import home_panels
from council.web.page_cache import Clock, cached_page
from council.web.redirects import safe_next


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and whoever runs the portal: 200 while the database answers (the status
    says "degraded" when Redis is down), 503 otherwise; with Redis's state and the outbox backlog."""
    serving, report = health_report()
    response = JsonResponse(report, status=200 if serving else 503)
    add_never_cache_headers(response)
    return response


def home(request: HttpRequest) -> HttpResponse:
    """What needs this person's attention, gathered from every installed section."""
    access = access_for(request.user)
    council = request_council(request)
    panels = []
    for panel in home_panels():
        context = panel.context(request, access, council)
        if context is not None:
            panels.append({"template": panel.template, "context": context, "key": panel.key})
    return render(request, "council/home.html", {"panels": panels, "council": council})


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; kept on the account, and in a cookie for visitors."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(safe_next(request, reverse("home"), referer=True))
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_language_set(user=authenticated_user(request.user), language=language)
        language_cookie_set(response, language)
    return response


@require_POST
def council_switch(request: HttpRequest) -> HttpResponse:
    """Work in another of the councils the user has a part in."""
    council = get_object_or_404(councils_switchable(request.user), pk=parse_id(request.POST.get("council")))
    request.session["council_id"] = council.pk
    return HttpResponseRedirect(safe_next(request, reverse("home"), referer=True))


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = notices_for_user(user_id=authenticated_user(request.user).pk)
    if request.GET.get("unread"):
        notices = notices.filter(read_at__isnull=True)
    page = page_of(request, notices)
    return render(
        request,
        "council/notice_list.html",
        {"page_obj": page, "unread_only": bool(request.GET.get("unread"))},
    )


@login_required
def notice_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = authenticated_user(request.user)
    notice = get_object_or_404(Notice, pk=pk, recipient_id=user.pk)
    outbox.notices_mark_read(user_id=user.pk, notice_ids=[notice.pk])
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(notice.url)
    return redirect("notice-list")


@login_required
@require_POST
def notices_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = outbox.notices_mark_read(user_id=authenticated_user(request.user).pk)
    messages.success(request, _("%(count)d notifications marked as read.") % {"count": count})
    return redirect("notice-list")


def _delivery_dispatch(request: HttpRequest, pk: int) -> Dispatch:
    """An announcement whose delivery the user may see and act on (its council's staff)."""
    dispatch = get_object_or_404(Dispatch.objects.select_related("council"), pk=pk)
    if not can_view_delivery(request.user, dispatch.council_id):
        raise PermissionDenied
    return dispatch


def _delivery_notice(request: HttpRequest, pk: int) -> Notice:
    notice = get_object_or_404(Notice.objects.select_related("dispatch"), pk=pk)
    if not can_view_delivery(request.user, notice.dispatch.council_id):
        raise PermissionDenied
    return notice


TO_REACH_SHOWN = 200


@login_required
def dispatch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Delivery state of one announcement, recipient by recipient (secretariat only)."""
    dispatch = _delivery_dispatch(request, pk)
    notices = dispatch.notices.order_by("status", "name", "email")
    totals = dispatch.notices.aggregate(
        total=Count("id"),
        sent=Count("id", filter=Q(status=Notice.Status.SENT)),
        pending=Count("id", filter=Q(status__in=[Notice.Status.PENDING, Notice.Status.SENDING])),
        failed=Count("id", filter=Q(status=Notice.Status.FAILED)),
        retried=Count("id", filter=Q(attempts__gt=1)),
        unreachable=Count("id", filter=Q(status=Notice.Status.SKIPPED)),
        reached=Count("id", filter=Q(reached_at__isnull=False)),
    )
    page = page_of(request, notices, 100)
    to_reach = list(notices_to_reach(dispatches=Dispatch.objects.filter(pk=dispatch.pk))[:TO_REACH_SHOWN])
    context = {"dispatch": dispatch, "page_obj": page, "totals": totals, "to_reach": to_reach}
    return render(request, "council/dispatch_detail.html", context)


@login_required
@require_POST
def notice_reached(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff called a recipient no mail reached: the notice leaves the lists of people to call."""
    notice = _delivery_notice(request, pk)
    outbox.notices_mark_reached(
        notices=Notice.objects.filter(pk=notice.pk), user=authenticated_user(request.user)
    )
    if request.headers.get("HX-Request"):
        notice.refresh_from_db()
        return render(request, "council/includes/reached.html", {"notice": notice})
    messages.success(request, _("%(name)s is marked as reached.") % {"name": notice.name or notice.email})
    return redirect(safe_next(request, reverse("dispatch-detail", args=[notice.dispatch_id])))


@login_required
@require_POST
def notice_retry(request: HttpRequest, pk: int) -> HttpResponse:
    notice = _delivery_notice(request, pk)
    outbox.notices_retry(notices=Notice.objects.filter(pk=notice.pk))
    messages.success(request, _("The notice to %(email)s will be sent again.") % {"email": notice.email})
    return redirect("dispatch-detail", pk=notice.dispatch_id)


@login_required
@require_POST
def dispatch_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Try every failed notice of an announcement again, e.g. after the mail server was fixed."""
    dispatch = _delivery_dispatch(request, pk)
    count = outbox.notices_retry(notices=dispatch.notices.all())
    messages.success(
        request,
        ngettext(
            "%(count)d failed notice will be sent again.",
            "%(count)d failed notices will be sent again.",
            count,
        )
        % {"count": count},
    )
    return redirect("dispatch-detail", pk=dispatch.pk)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The account's name, e-mail, language and API token."""
    user = authenticated_user(request.user)
    if request.method == "POST" and request.POST.get("action") == "profile":
        form = ProfileForm(request.POST)
        if form.is_valid() and _profile_save(request, user, form):
            response = redirect("profile")
            language_cookie_set(response, user.language)
            return response
    else:
        form = ProfileForm(initial={"name": user.name, "email": user.email, "language": user.language})
    new_key = None
    if request.method == "POST" and request.POST.get("action") == "token-rotate":
        new_key = api_token_issue(user=user)
    if request.method == "POST" and request.POST.get("action") == "token-revoke":
        api_token_revoke(user=user)
        messages.success(request, _("Your API token was revoked."))
        return redirect("profile")
    access = access_for(user)
    roles = user.council_roles.select_related("council").order_by("council__name")
    page = render(
        request,
        "council/profile.html",
        {
            "form": form,
            "token": api_token_status(user=user),
            "new_key": new_key,
            "token_days": settings.API_TOKEN_DAYS,
            "roles": roles,
            "contact_institution_count": len(access.contact_institution_ids),
        },
    )
    if new_key:
        add_never_cache_headers(page)  # the key is shown this once; no cache keeps it
    return page


def _profile_save(request: HttpRequest, user: User, form: ProfileForm) -> bool:
    """Save the name and language; a new e-mail address is asked for (password, then a link)."""
    data = form.cleaned_data
    email = data["email"].strip()
    with transaction.atomic():
        if email.lower() != user.email.lower():
            try:
                email_change_request(user=user, email=email, password=data["current_password"])
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field, problems)
                return False
            messages.info(
                request,
                _("We sent a link to %(email)s: your address changes when it is opened there.")
                % {"email": email},
            )
        services.user_profile_update(user=user, name=data["name"], language=data["language"])
    messages.success(request, _("Your profile was saved."))
    return True


def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to a new address: a button that makes it the account's address. Opening
    the link changes nothing, so mail scanners that follow links cannot confirm it."""
    found = email_change_read(token)
    if request.method == "POST" and found is not None:
        user = change_email(token=token)
        messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": user.email})
        return redirect("profile" if request.user.is_authenticated else "login")
    return render(request, "council/email_change_confirm.html", {"found": found})


@cached_page(clock=Clock.MINUTE)
def search(request: HttpRequest) -> HttpResponse:
    """One search box over every section; each kind lists only what this person may open."""
    query = clean_query(request.GET.get("q"))
    groups = search_portal(user=request.user, query=query)
    return render(
        request,
        "search/results.html",
        {
            "query": query,
            "groups": groups,
            "total": sum(group.total for group in groups),
            "too_short": 0 < len(query) < MIN_QUERY_LENGTH,
            "min_length": MIN_QUERY_LENGTH,
        },
    )


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A spreadsheet import handed to a worker: its progress while it runs, then what came of it.
    Only the person who started it may follow it."""
    job = get_object_or_404(import_jobs_of(authenticated_user(request.user)), pk=pk)
    context = {
        "job": job,
        "progress": job_progress(job),
        "errors": [RowError(**error) for error in job.errors],
    }
    if getattr(request, "htmx", False):
        response = render(request, "council/includes/import_job_status.html", context)
    else:
        response = render(request, "council/import_job.html", context)
    add_never_cache_headers(response)
    return response
