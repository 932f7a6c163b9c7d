"""Who may see and change best practices.

- Published practices are read by every reader of their council (its secretariat staff and city
  officials, and contacts of institutions that sit on it) and, where the council is published, by
  everyone, signed in or not.
- Drafts, submitted and returned practices are seen by the contacts of the submitting institution
  and by the council's secretariat staff only. City officials read published practices: what is not
  published is still the institution's and the secretariat's work in progress.
- The submitting institution's contacts write (see members.permissions.submissions), edit and submit
  drafts and returned practices; the secretariat may also correct one at any stage.
- Only the council's secretariat publishes a submitted practice or returns it with a comment.
- Attachments can be downloaded by whoever may see the practice.
"""

from django.db.models import Q, QuerySet

from council.permissions import AnyUser, access_for
from members.models import BestPractice

EDITABLE_BY_CONTACTS = (BestPractice.Status.DRAFT, BestPractice.Status.RETURNED)


def best_practices_visible_to(user: AnyUser) -> QuerySet[BestPractice]:
    access = access_for(user)
    practices = BestPractice.objects.all()
    if access.is_site_admin:
        return practices
    published_council = Q(council__is_public=True, council__is_active=True)
    if not access.is_authenticated:
        return practices.filter(published_council, status=BestPractice.Status.PUBLISHED)
    published = Q(status=BestPractice.Status.PUBLISHED) & (
        published_council | Q(council_id__in=access.readable_council_ids)
    )
    return practices.filter(
        published
        | Q(council_id__in=access.staff_council_ids)
        | Q(institution_id__in=access.contact_institution_ids)
    )


def can_edit_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    access = access_for(user)
    if access.manages(practice.council_id):
        return True
    return access.acts_for(practice.institution_id) and practice.status in EDITABLE_BY_CONTACTS


def can_submit_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    access = access_for(user)
    return practice.status in EDITABLE_BY_CONTACTS and (
        access.acts_for(practice.institution_id) or access.manages(practice.council_id)
    )


def can_review_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    """Publish or return with a comment: the council's secretariat, once it has been submitted."""
    return practice.status == BestPractice.Status.SUBMITTED and access_for(user).manages(practice.council_id)


def can_unpublish_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    return practice.status == BestPractice.Status.PUBLISHED and access_for(user).manages(practice.council_id)


def can_see_review_comments(user: AnyUser, practice: BestPractice) -> bool:
    """The comments of each review step: between the secretariat and the practice's institution."""
    access = access_for(user)
    return access.manages(practice.council_id) or practice.institution_id in access.contact_institution_ids


def can_see_best_practice_history(user: AnyUser, practice: BestPractice) -> bool:
    """Who changed what and when: the council's secretariat, who may correct a practice at any stage."""
    return access_for(user).manages(practice.council_id)


def can_delete_best_practice(user: AnyUser, practice: BestPractice) -> bool:
    """Only drafts are deleted; anything ever submitted stays on record."""
    access = access_for(user)
    return practice.status == BestPractice.Status.DRAFT and (
        access.acts_for(practice.institution_id) or access.manages(practice.council_id)
    )
