"""Scheduling notifications. Domain functions call schedule_email(); the task worker sends it after commit."""

from django.db import transaction


def schedule_email(*, user, template: str, context: dict | None = None) -> None:
    """E-mail `user` with templates/emails/<template>-{subject,body}.txt once the transaction commits."""
    if not user or not user.email:
        return
    from .tasks import send_templated_email

    user_id, context = user.pk, dict(context or {})
    transaction.on_commit(
        lambda: send_templated_email.enqueue(user_id=user_id, template=template, context=context)
    )
