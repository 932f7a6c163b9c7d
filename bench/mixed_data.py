"""The Django side of the mixed-load benchmark (bench/mixed_load.py), run with DATABASE_URL set.

python -m bench.mixed_data prepare FOLDER   the demo's users, with what each may read and write, as JSON
python -m bench.mixed_data verify FILE      every acknowledged write in FILE found exactly once, as JSON
"""

import json
import sys
from pathlib import Path
from typing import Any

import django

from bench.prepare import session_key

# Accounts the simulated users act as, by role; several simulated users share an account, as colleagues do.
STAFF = ("anyang-staff", "busan-staff")
OFFICIALS = ("anyang-official", "busan-official")
CONTACTS = ("daerim", "pyeongchon", "inha", "pnu")
IMPORTS = 60  # spreadsheets of new institutions ready for staff to import
ROWS_PER_IMPORT = 5
MARK = "부하시험"  # in the title or text of everything the benchmark writes


def prepare(folder: Path) -> dict[str, Any]:
    from django.utils import timezone, translation

    from council.accounts.tokens import api_token_issue
    from council.files.spreadsheets import write_csv
    from council.models import User
    from council.permissions import access_for
    from meetings.models import Invitation, Meeting
    from meetings.permissions import invitations_answerable_by
    from members.directory.imports import INSTITUTION_COLUMNS, institution_rows
    from members.models import Difficulty, Institution
    from plans.models import Plan, ProgressReport

    accounts: dict[str, Any] = {}
    for username in (*STAFF, *OFFICIALS, *CONTACTS):
        user = User.objects.get(username=username)
        access = access_for(user)
        institutions = sorted(access.contact_institution_ids)
        council_ids = sorted(access.readable_council_ids)
        plan = Plan.objects.filter(council_id__in=council_ids).order_by("id").first()
        meeting = Meeting.objects.filter(council_id__in=council_ids).order_by("-starts_at").first()
        accounts[username] = {
            "session": session_key(user),
            "token": api_token_issue(user=user),
            "reads": [
                "/",
                "/meetings/",
                *([f"/meetings/{meeting.pk}/"] if meeting else []),
                "/difficulties/",
                "/practices/",
                "/search/?q=%EC%B7%A8%EC%97%85",
                *([f"/plans/{plan.pk}/"] if plan else []),
                "/api/v1/meetings/",
                "/api/v1/difficulties/",
            ],
            "dashboard": f"/plans/{plan.pk}/dashboard/" if plan and username in OFFICIALS else None,
            "invitations": list(
                invitations_answerable_by(user)
                .filter(meeting__status=Meeting.Status.ANNOUNCED, meeting__starts_at__gt=timezone.now())
                .exclude(response=Invitation.Response.PROXY)
                .values_list("id", flat=True)
            )
            if username in CONTACTS
            else [],
            "difficulties": list(
                Difficulty.objects.filter(institution_id__in=institutions)
                .exclude(status__in=[Difficulty.Status.RESOLVED, Difficulty.Status.CLOSED])
                .values_list("id", flat=True)
            ),
            "reports": list(
                ProgressReport.objects.filter(
                    project__lead_institution_id__in=institutions,
                    status__in=[ProgressReport.Status.DRAFT, ProgressReport.Status.RETURNED],
                ).values_list("id", flat=True)
            ),
            "raise": {"council": council_ids[0], "institution": institutions[0]}
            if username in CONTACTS and institutions and council_ids
            else None,
        }
    imports = []
    with translation.override("ko"):
        for number in range(IMPORTS):
            rows = institution_rows(
                Institution(
                    name=f"{MARK} 기관 {number:03d}-{row}",
                    kind=Institution.Kind.UNIVERSITY,
                    sector=Institution.Sector.ACADEMIA,
                    region="경기 안양시",
                )
                for row in range(ROWS_PER_IMPORT)
            )
            path = folder / f"institutions-{number:03d}.csv"
            path.write_bytes(write_csv(columns=INSTITUTION_COLUMNS, rows=rows))
            imports.append(str(path))
    return {"accounts": accounts, "imports": imports}


def verify(acknowledged: dict[str, list[Any]]) -> dict[str, dict[str, int]]:
    """For each kind of write: acknowledged, found exactly once, lost (not found), doubled (found twice or
    more), and saved without an acknowledgement (a request that failed or timed out may still commit)."""
    from django.db.models import Count

    from council.models.imports import ImportJob
    from meetings.models import Invitation
    from members.models import Difficulty, DifficultyEvent, Institution
    from plans.models import ProgressReport

    def tally(expected: list[str], counts: dict[str, int]) -> dict[str, int]:
        found = [counts.get(key, 0) for key in expected]
        return {
            "acknowledged": len(expected),
            "exactly once": sum(1 for number in found if number == 1),
            "lost": sum(1 for number in found if number == 0),
            "doubled": sum(1 for number in found if number > 1),
            "unacknowledged": len(set(counts) - set(expected)),
        }

    def counted(queryset: Any, field: str) -> dict[str, int]:
        return {row[field]: row["n"] for row in queryset.values(field).annotate(n=Count("id")).order_by()}

    result = {
        "difficulties raised": tally(
            acknowledged["difficulty"], counted(Difficulty.objects.filter(title__startswith=MARK), "title")
        ),
        "comments": tally(
            acknowledged["comment"], counted(DifficultyEvent.objects.filter(body__startswith=MARK), "body")
        ),
        "report edits": tally(
            acknowledged["report"],
            counted(ProgressReport.history.filter(narrative__startswith=MARK), "narrative"),
        ),
        "imported institutions": tally(
            [name for names in acknowledged["import"] for name in names],
            counted(Institution.objects.filter(name__startswith=MARK), "name"),
        ),
    }
    # An answer changes the invitation's one row: the last acknowledged answer must be the one kept.
    answers: dict[int, list[str]] = {}
    for invitation_id, response in acknowledged["answer"]:
        answers.setdefault(invitation_id, []).append(response)
    kept = dict(Invitation.objects.filter(pk__in=answers).values_list("id", "response"))
    result["invitation answers"] = {
        "acknowledged": len(acknowledged["answer"]),
        "exactly once": sum(len(given) for pk, given in answers.items() if kept.get(pk) in given),
        "lost": sum(len(given) for pk, given in answers.items() if kept.get(pk) not in given),
        "doubled": 0,
        "unacknowledged": 0,
    }
    jobs = ImportJob.objects.filter(file_name__startswith="institutions-")
    pending = jobs.filter(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).count()
    result["imported institutions"]["jobs pending"] = pending
    result["imported institutions"]["jobs refused"] = (
        jobs.exclude(status=ImportJob.Status.DONE).count() - pending
    )
    return result


def main() -> None:
    django.setup()
    command, argument = sys.argv[1], Path(sys.argv[2])
    if command == "prepare":
        print(json.dumps(prepare(argument)))
    else:
        print(json.dumps(verify(json.loads(argument.read_text()))))


if __name__ == "__main__":
    main()
