from django.urls import path

from sopap.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/hasil/", views.job_result, name="result"),
]
