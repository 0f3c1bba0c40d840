from django.urls import path

from sopap.web.importing import views

app_name = "importing"
urlpatterns = [
    path("", views.import_index, name="index"),
    path("<int:pk>/", views.import_batch, name="batch"),
    path("temuan/<int:pk>/", views.found_review, name="review"),
    path("temuan/<int:pk>/halaman.png", views.found_page, name="page"),
]
