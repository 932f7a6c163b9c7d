"""The demo loads the five cases of the news reports, and loading it again duplicates nothing.

What each app's part of the demo holds is checked in tests/<app>/test_demo.py, on one shared load.
"""

from io import StringIO

from django.apps import apps
from django.core.management import call_command


def test_the_demo_loads_once_and_again_without_duplicating_anything(demo, db):
    assert "anyang-staff" in demo and "council-demo-2024" in demo
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"council", "members", "meetings", "plans"}
    ]
    counts = {model._meta.label: model.objects.count() for model in models}
    call_command("load_demo", stdout=StringIO())
    assert {model._meta.label: model.objects.count() for model in models} == counts
