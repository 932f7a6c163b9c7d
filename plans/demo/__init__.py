"""Demo plans of two cases from the news reports (see council/demo.py).

Busan's 1st comprehensive plan (busan.py) and Incheon's smart-manufacturing project (incheon.py).
Idempotent: every row is looked up by its natural key before it is created.
"""

from django.core.management.base import OutputWrapper
from django.db import transaction

from members.models import Institution, InstitutionContact
from plans.demo.busan import PNU, load_busan
from plans.demo.common import demo_user
from plans.demo.incheon import load_incheon


@transaction.atomic
def load(out: OutputWrapper) -> None:
    pusan = Institution.objects.filter(name=PNU).first()
    pnu = demo_user("pnu")
    if pnu is not None and pusan is not None:
        InstitutionContact.objects.get_or_create(user=pnu, institution=pusan)
    load_busan(out)
    load_incheon(out)
