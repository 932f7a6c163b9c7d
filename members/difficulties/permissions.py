"""Who may see and act on difficulties and suggestions (애로·건의).

- The contacts of the institution that raised it, the council's secretariat staff, and the contacts
  of the institution it is assigned to always see it.
- The council's other readers (city officials, contacts of institutions seated on the council) see
  it unless it is marked "secretariat only". Visitors never do.
- Contacts of an institution seated on the council raise them for their institution; the
  secretariat may also record one on an institution's behalf, a call or a meeting remark
  (see members.permissions.submissions).
- The secretariat triages: assigns it to a responsible institution or city department with an
  answer due date, changes its status, closes it with a reason, or reopens it.
- The secretariat and contacts of the assigned institution answer. The raising institution's
  contacts add follow-up comments and may confirm that an answer resolved it.
- Figures (counts and medians) are for the council's secretariat and city officials.
"""

from django.db.models import Q, QuerySet

from council.models import Council
from council.permissions import AnyUser, access_for
from members.models import Difficulty

S = Difficulty.Status

# Status changes the secretariat may make by hand; ANSWERED is reached only by answering.
STAFF_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.RECEIVED: (S.IN_REVIEW, S.CLOSED),
    S.IN_REVIEW: (S.RESOLVED, S.CLOSED),
    S.ANSWERED: (S.IN_REVIEW, S.RESOLVED, S.CLOSED),
    S.RESOLVED: (S.IN_REVIEW,),
    S.CLOSED: (S.IN_REVIEW,),
}
# The raising institution confirms that an answer settled it.
SUBMITTER_TRANSITIONS: dict[str, tuple[str, ...]] = {S.ANSWERED: (S.RESOLVED,)}


def difficulties_visible_to(user: AnyUser) -> QuerySet[Difficulty]:
    access = access_for(user)
    difficulties = Difficulty.objects.all()
    if access.is_site_admin:
        return difficulties
    if not access.is_authenticated:
        return difficulties.none()
    return difficulties.filter(
        Q(council_id__in=access.staff_council_ids)
        | Q(institution_id__in=access.contact_institution_ids)
        | Q(assignee_id__in=access.contact_institution_ids)
        | Q(secretariat_only=False, council_id__in=access.readable_council_ids)
    )


def can_edit_difficulty(user: AnyUser, difficulty: Difficulty) -> bool:
    """The raising institution corrects it until the secretariat takes it up; the secretariat while open."""
    access = access_for(user)
    if access.manages(difficulty.council_id):
        return difficulty.is_open
    return access.acts_for(difficulty.institution_id) and difficulty.status == S.RECEIVED


def can_assign_difficulty(user: AnyUser, difficulty: Difficulty) -> bool:
    return difficulty.is_open and access_for(user).manages(difficulty.council_id)


def can_answer_difficulty(user: AnyUser, difficulty: Difficulty) -> bool:
    access = access_for(user)
    return difficulty.is_open and (
        access.manages(difficulty.council_id) or access.acts_for(difficulty.assignee_id)
    )


def can_comment_difficulty(user: AnyUser, difficulty: Difficulty) -> bool:
    return difficulty.is_open and access_for(user).acts_for(difficulty.institution_id)


def difficulty_transitions(user: AnyUser, difficulty: Difficulty) -> tuple[str, ...]:
    """The statuses this user may move the difficulty to by hand."""
    access = access_for(user)
    allowed: list[str] = []
    if access.manages(difficulty.council_id):
        allowed += STAFF_TRANSITIONS.get(difficulty.status, ())
    if access.acts_for(difficulty.institution_id):
        allowed += [s for s in SUBMITTER_TRANSITIONS.get(difficulty.status, ()) if s not in allowed]
    return tuple(allowed)


def can_record_difficulty_event(user: AnyUser, difficulty: Difficulty) -> bool:
    """Other apps (e.g. meetings putting it on an agenda) record events as the council's secretariat."""
    return access_for(user).manages(difficulty.council_id)


def can_view_difficulty_figures(user: AnyUser, council: Council | None) -> bool:
    return council is not None and access_for(user).oversees(council.pk)
