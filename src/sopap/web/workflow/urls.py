from django.urls import path

from sopap.web.workflow import views

app_name = "workflow"
urlpatterns = [
    path("sop/", views.sop_list, name="sop_list"),
    path("sop/<int:pk>/", views.sop_detail, name="sop_detail"),
    path("alur/<int:pk>/<str:action>/", views.transition, name="transition"),
    path("sop/<int:pk>/revisi-dari-berkas/", views.upload_revision, name="upload_revision"),
    path("sop/<int:pk>/sudah-dibaca/", views.acknowledge, name="acknowledge"),
    path("sop/<int:pk>/sosialisasi/", views.acknowledgements, name="acknowledgements"),
    path("sosialisasi/", views.acknowledgement_units, name="acknowledgement_units"),
]
