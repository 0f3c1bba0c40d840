from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles.views import serve as static_serve
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from sopap.web.api.api import api
from sopap.web.monitoring.views import my_tasks


def _static(request, path):  # type: ignore[no-untyped-def]
    return static_serve(request, path, insecure=True)


def _favicon(request):  # type: ignore[no-untyped-def]
    # Resolved per request: the hashed name exists only once collectstatic has written the manifest.
    return HttpResponsePermanentRedirect(static("sopap/favicon.svg"))


handler403 = "sopap.web.error_pages.permission_denied"
handler404 = "sopap.web.error_pages.page_not_found"
handler500 = "sopap.web.error_pages.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="catalog:index", permanent=False)),
    # Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says (bookmarks, PDF viewers).
    path("favicon.ico", _favicon),
    path("tugas/", my_tasks, name="tasks"),
    path("akun/", include("sopap.web.organisations.urls")),
    path("sop/impor/", include("sopap.web.importing.urls")),
    path("sop/", include("sopap.web.authoring.urls")),
    path("", include("sopap.web.workflow.urls")),
    path("katalog/", include("sopap.web.catalog.urls")),
    path("verifikasi/", include("sopap.web.catalog.verification_urls")),
    path("pemantauan/", include("sopap.web.monitoring.urls")),
    path("dasbor/", include("sopap.web.dashboards.urls")),
    path("inventaris/", include("sopap.web.inventory.urls")),
    path("pekerjaan/", include("sopap.web.jobs.urls")),
    path("buku/", include("sopap.web.books.urls")),
    path("bantuan/", include("sopap.web.organisations.help")),
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.ADMIN_SITE:
    urlpatterns.append(path("admin/", admin.site.urls))

# In production WhiteNoise serves the collected files before a request gets here (settings.HASHED_STATIC).
if settings.SERVE_STATIC and not settings.HASHED_STATIC:
    urlpatterns.append(re_path(r"^static/(?P<path>.*)$", _static))
