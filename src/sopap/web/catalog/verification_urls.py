from django.urls import path

from sopap.web.catalog import verification

app_name = "verification"
urlpatterns = [
    # Printed on paper (with a QR code): this address never changes.
    path("<str:code>/", verification.page, name="page"),
]
