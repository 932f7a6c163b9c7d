"""Load the data set and print, as JSON, the session, token and plan the benchmark requests use.

Run by bench/run.py as `python -m bench.prepare PLANS PROJECTS` with DATABASE_URL set.
"""

import json
import sys
from typing import Any

import django


def session_key(user: Any) -> str:
    """A signed-in session of `user`, as a login would leave it, for the benchmarks' page requests.

    Staff and officials sign in with a second factor, so the session also names the authenticator
    they confirmed, as django_otp leaves it after the code was accepted."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from council.accounts.two_factor import needs_second_factor

    session = SessionStore()
    if needs_second_factor(user):
        device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "council.accounts.authentication.UsernameOrEmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def main() -> None:
    django.setup()
    from bench.lists import load_lists
    from bench.load import load
    from council.accounts.tokens import api_token_issue
    from council.models import User
    from plans.models import Plan

    counts = load(plans=int(sys.argv[1]), projects=int(sys.argv[2]))
    lists = load_lists()
    big_meeting = lists.pop("big meeting")
    counts.update(lists)
    staff = User.objects.get(username="bench-staff")
    user = User.objects.get(username="bench-official")
    plan = Plan.objects.filter(council__roles__user=user).order_by("id").first()
    assert plan is not None
    strategy = plan.strategies.order_by("order").first()
    assert strategy is not None
    info = {
        "counts": counts,
        "session": session_key(user),
        "token": api_token_issue(user=user),
        "plan": plan.pk,
        "strategy": strategy.pk,
        "staff_session": session_key(staff),
        "staff_token": api_token_issue(user=staff),
        "meeting": big_meeting,
    }
    print(json.dumps(info))


if __name__ == "__main__":
    main()
