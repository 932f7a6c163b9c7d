"""Forms of the members app's pages; each view hands cleaned data to one service."""

from members.forms.agreements import (
    AgreementForm,
)
from members.forms.common import (
    DocumentsField,
    DocumentUploadForm,
    MultipleFileInput,
)
from members.forms.difficulties import (
    AnswerForm,
    AssignForm,
    CommentForm,
    DifficultyForm,
    StatusForm,
)
from members.forms.directory import (
    InstitutionForm,
    MembershipEndForm,
    MembershipForm,
    PersonForm,
)
from members.forms.practices import (
    BestPracticeForm,
    FigureForm,
    ReviewForm,
    UnpublishForm,
    figure_formset,
    figures_data,
)

__all__ = [
    "AgreementForm",
    "AnswerForm",
    "AssignForm",
    "BestPracticeForm",
    "CommentForm",
    "DifficultyForm",
    "DocumentUploadForm",
    "DocumentsField",
    "FigureForm",
    "InstitutionForm",
    "MembershipEndForm",
    "MembershipForm",
    "MultipleFileInput",
    "PersonForm",
    "ReviewForm",
    "StatusForm",
    "UnpublishForm",
    "figure_formset",
    "figures_data",
]
