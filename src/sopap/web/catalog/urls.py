from django.urls import path

from sopap.web.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unduh/<str:fmt>/", views.download, name="download"),
]
