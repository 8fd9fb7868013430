"""The audit log: who did which admin or review action to what, and when."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tourroute.extensions import db
from tourroute.models import AuditLog, User


def record(
    actor: User | None, action: str, target_type: str, target_id: object, **detail: object
) -> AuditLog:
    """Add one entry; it is committed with the rest of the request's work, or not at all."""
    entry = AuditLog(
        user_id=actor.id if actor is not None else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail,
    )
    db.session.add(entry)
    return entry


def entries(*, page: int = 1, per_page: int = 50) -> tuple[list[tuple[AuditLog, User | None]], int]:
    """Newest first, with the acting user, and the total count for paging."""
    total = db.session.scalar(select(func.count()).select_from(AuditLog)) or 0
    rows = db.session.execute(
        select(AuditLog, User)
        .outerjoin(User, User.id == AuditLog.user_id)
        .options(selectinload(User.role))
        .order_by(AuditLog.at.desc(), AuditLog.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return [(entry, user) for entry, user in rows], total
