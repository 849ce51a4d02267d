"""Writing the self-evaluation's statements and freezing it as a dated version; each with its audit row."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import LocalArea, User
from sendtrack.core.audit import audit, audited
from sendtrack.core.models import AuditVerb
from sendtrack.inspection.models import SelfEvaluationStatement, SelfEvaluationVersion
from sendtrack.inspection.self_evaluation import AREA_TITLES
from sendtrack.inspection.self_evaluation_figures import assemble, problems


class StatementRefused(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic(durable=True)
@audited(AuditVerb.SELF_EVALUATION_CHANGED)
def save_statement(*, area: LocalArea, area_key: str, text: str, by: User) -> SelfEvaluationStatement:
    """Keep the words under one evaluation area; a token that names no figure refuses the whole text."""
    if area_key not in AREA_TITLES:
        raise StatementRefused(["Choose one of the evaluation areas"])
    found = problems(area, text)
    if found:
        raise StatementRefused(found)
    held = SelfEvaluationStatement.objects.filter(local_area=area, area_key=area_key).first()
    before = held.text if held else None
    statement, _ = SelfEvaluationStatement.objects.update_or_create(
        local_area=area,
        area_key=area_key,
        defaults={"text": text.strip(), "updated_by": by, "updated_at": timezone.now()},
    )
    audit(
        actor=by,
        verb=AuditVerb.SELF_EVALUATION_CHANGED,
        local_area=area,
        subject=statement,
        detail={"area": area_key, "text": {"before": before, "after": statement.text}},
    )
    return statement


@transaction.atomic(durable=True)
@audited(AuditVerb.SELF_EVALUATION_FROZEN)
def freeze(*, area: LocalArea, by: User) -> SelfEvaluationVersion:
    """The self-evaluation as it reads today, every figure fixed with its source and date."""
    content = assemble(area)
    version = SelfEvaluationVersion.objects.create(
        local_area=area, frozen_on=timezone.localdate(), frozen_by=by, content=content
    )
    audit(
        actor=by,
        verb=AuditVerb.SELF_EVALUATION_FROZEN,
        local_area=area,
        subject=version,
        detail={
            "frozen_on": {"before": None, "after": version.frozen_on},
            "measures": len(content["measures"]),
        },
    )
    return version
