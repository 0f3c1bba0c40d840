from django.urls import path

from sopap.web.authoring import views

app_name = "authoring"
urlpatterns = [
    path("baru/", views.sop_new, name="new"),
    path("unggah/", views.sop_upload, name="upload"),
    path("<int:pk>/banding/", views.sop_compare, name="compare"),
    path("revisi/<int:pk>/ubah/", views.sop_edit, name="edit"),
    path("revisi/<int:pk>/pratinjau/", views.sop_preview, name="preview"),
    path("revisi/<int:pk>/unduh/<str:fmt>/", views.sop_download, name="download"),
]
