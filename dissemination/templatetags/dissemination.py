"""{% dissemination_panel document %}: the dissemination panel for a document's page, in one tag."""

from django import template

register = template.Library()


@register.inclusion_tag("dissemination/_panel.html", takes_context=True)
def dissemination_panel(context, document):
    from ..views import panel_context

    request = context["request"]
    return {**panel_context(request, document), "request": request, "csrf_token": context.get("csrf_token")}
