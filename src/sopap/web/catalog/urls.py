from django.urls import path

from sopap.web.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    # The permanent address of an SOP: the revision in force, and the ones before it.
    path("sop/<int:doc>/", views.sop, name="sop"),
    path("sop/<int:doc>/unduh/<str:fmt>/", views.sop_download, name="sop_download"),
    path("sop/<int:doc>/revisi/<int:number>/", views.revision, name="revision"),
    path(
        "sop/<int:doc>/revisi/<int:number>/unduh/<str:fmt>/",
        views.revision_download,
        name="revision_download",
    ),
    path("keselarasan/", views.families, name="families"),
    path("singkatan/", views.synonyms, name="synonyms"),
    path("singkatan/<int:pk>/", views.synonym_edit, name="synonym"),
    # The addresses given out before there was one per SOP: they lead to the same revision.
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/unduh/<str:fmt>/", views.download, name="download"),
]
