"""Calendar feeds: a council's published meetings, and a personal feed at a secret, revocable address."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Council
from council.web.pages import actor
from meetings import services
from meetings.calendars import meetings_feed
from meetings.models import CalendarFeed, Meeting
from meetings.models.agenda import shared_agenda
from meetings.permissions import meetings_in_public_calendar, meetings_visible_to

FEED_PAST_DAYS = 365


def _feed_response(meetings: QuerySet[Meeting], name: str) -> HttpResponse:
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    recent = (
        meetings.filter(starts_at__gte=since)
        .select_related("council")
        .prefetch_related(shared_agenda())
        .order_by("starts_at")
    )
    response = HttpResponse(meetings_feed(recent, name=name), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def council_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """A published council's meetings, for anyone to subscribe to."""
    council = get_object_or_404(Council, slug=slug, is_public=True, is_active=True)
    return _feed_response(meetings_in_public_calendar(council), council.name)


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every meeting the token's owner may see; the token is the only credential, so it can be rotated."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    meetings = meetings_visible_to(feed.user).exclude(status=Meeting.Status.PLANNED)
    return _feed_response(meetings, _("My council meetings"))


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Show the personal feed address; a new address revokes the old one."""
    user = actor(request)
    if request.method == "POST":
        services.calendar_feed_rotate(user=user)
        messages.success(request, _("A new calendar address was made; the old one no longer works."))
        return redirect("calendar-settings")
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return render(
        request,
        "meetings/calendar_settings.html",
        {
            "feed_url": request.build_absolute_uri(reverse("personal-calendar", args=[feed.token])),
            "councils": Council.objects.filter(is_public=True, is_active=True),
        },
    )
