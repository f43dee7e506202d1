"""The one e-mail task: every e-mail of thidua is rendered and sent here, by the task worker, after commit."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_templated_email(*, user_id: int, template: str, context: dict) -> bool:
    """E-mail the active account `user_id` with templates/emails/<template>-{subject,body}.txt."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    context = {**context, "user": user}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/{template}-subject.txt", context).strip()
        body = render_to_string(f"emails/{template}-body.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
