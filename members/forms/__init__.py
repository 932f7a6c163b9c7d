"""Forms of the members app's pages; each view hands cleaned data to one service."""

from members.forms.directory import (
    InstitutionForm,
    MembershipEndForm,
    MembershipForm,
    PersonForm,
    SpreadsheetImportForm,
)

__all__ = ["InstitutionForm", "MembershipEndForm", "MembershipForm", "PersonForm", "SpreadsheetImportForm"]
