"""Models shared by every app: accounts, councils and roles, the notice outbox, documents, imports."""

from council.models.accounts import CouncilRole, User
from council.models.councils import Council
from council.models.documents import Document
from council.models.imports import ImportJob
from council.models.notices import Dispatch, Notice

__all__ = ["Council", "CouncilRole", "Dispatch", "Document", "ImportJob", "Notice", "User"]
