from django.urls import path

from sopap.web.books import views

app_name = "books"
urlpatterns = [
    path("", views.book_index, name="index"),
    path("<str:kind>/<int:pk>/", views.book_page, name="page"),
    path("<str:kind>/<int:pk>/buat/", views.book_build, name="build"),
    path("<str:kind>/<int:pk>/unduh/", views.book_download, name="download"),
    path("<str:kind>/<int:pk>/keputusan/", views.keputusan_download, name="keputusan"),
    path("<str:kind>/<int:pk>/pengaturan/", views.book_settings, name="settings"),
]
