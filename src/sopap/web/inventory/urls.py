from django.urls import path

from sopap.web.inventory import views

app_name = "inventory"
urlpatterns = [
    path("", views.inventory_index, name="index"),
    path("baru/", views.entry_new, name="new"),
    path("<int:pk>/", views.entry_edit, name="edit"),
    path("unduh/", views.inventory_export, name="export"),
    path("muat/", views.inventory_upload, name="upload"),
]
