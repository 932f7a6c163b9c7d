"""Signed-in sessions for tests that are about what users do once signed in, not about signing in."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.test import Client

from council.models import User
from council.web.middleware import IdleSessionMiddleware


def _backend() -> str:
    """The backend Django's test client signs users in with: the first that can load them again."""
    return next(path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user"))


def session_key_for(user: User) -> str:
    """The key of a new session holding what a login leaves in it, the idle clock started.

    Written directly, it costs the check that its key is new and one insert. `Client.force_login` goes
    through Django's login (an empty session created, then replaced by a new key, the access log and
    the last login written): about twenty queries, five milliseconds, for each of the hundreds of
    tests that sign someone in. Signing in itself goes through its form in tests/council/test_pages.py
    (by name, by address, the lockout) and in the browser tests (tests.support.browser.log_in).
    """
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = _backend()
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[IdleSessionMiddleware.SEEN] = int(time.time())
    session.create()
    assert session.session_key is not None
    return session.session_key


def signed_in_client(user: User) -> Client:
    """A test client whose requests come from the user, signed in."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key_for(user)
    return client
