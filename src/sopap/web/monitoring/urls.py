from django.urls import path

from sopap.web.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.monitoring_index, name="index"),
    path("sop/<int:pk>/", views.monitoring_sop, name="sop"),
    path("sop/<int:pk>/evaluasi/<int:tahun>/", views.evaluation_edit, name="evaluation"),
    path("laporan/", views.report, name="report"),
]
