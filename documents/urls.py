from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("picker/", views.picker, name="picker"),
    path("incoming/new/", views.incoming_create, name="incoming_create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/issue/", views.document_issue, name="issue"),
    path("<int:pk>/return/", views.document_return, name="return"),
    path("<int:pk>/revoke/", views.document_revoke, name="revoke"),
    path("<int:pk>/replace/", views.document_replace, name="replace"),
    path("<int:pk>/status/<slug:action>/", views.change_status, name="status"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("<int:pk>/docx/", views.document_docx, name="docx"),
]
