from django.urls import path

from sopap.web.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard_index, name="index"),
]
