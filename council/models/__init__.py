"""Models shared by every app: accounts, councils and their roles, the notice outbox, uploaded documents."""

from council.models.accounts import CouncilRole, User
from council.models.councils import Council
from council.models.documents import Document
from council.models.notices import Dispatch, Notice

__all__ = ["Council", "CouncilRole", "Dispatch", "Document", "Notice", "User"]
