from django.urls import path

from sopap.web.workflow import views

app_name = "workflow"
urlpatterns = [path("<int:pk>/<str:action>/", views.transition, name="transition")]
