from django.contrib.auth import views as auth_views
from django.urls import path

from sopap.web.organisations import views

app_name = "organisations"
urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="organisations/login.html"), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("saya/", views.own_account, name="own_account"),
    path("kata-sandi/", views.OwnPasswordView.as_view(), name="password_change"),
    path("token/", views.api_tokens, name="api_tokens"),
    path("organisasi/", views.organisation_list, name="list"),
    path("organisasi/<int:pk>/pengaturan/", views.pd_settings, name="settings"),
    path("organisasi/<int:pk>/logo/", views.pd_logo, name="logo"),
    path("organisasi/<int:pk>/logo/<str:milik>/", views.pd_logo_file, name="logo_file"),
    path("organisasi/<int:pk>/sertifikat/", views.pd_certificate, name="certificate"),
    path("pengguna/", views.account_list, name="accounts"),
    path("pengguna/baru/", views.account_new, name="account_new"),
    path("pengguna/<int:pk>/", views.account_detail, name="account"),
]
