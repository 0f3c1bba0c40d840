from django.urls import path

from sopap.web.workflow import views

app_name = "workflow"
urlpatterns = [
    path("sop/", views.sop_list, name="sop_list"),
    path("sop/<int:pk>/", views.sop_detail, name="sop_detail"),
    path("alur/<int:pk>/<str:action>/", views.transition, name="transition"),
    path("sop/<int:pk>/revisi-dari-berkas/", views.upload_revision, name="upload_revision"),
]
