from django.contrib import admin

from sopap.web.organisations.models import Jabatan, Membership, Pemda, PerangkatDaerah, Unit, VerificationStep

for model in (Pemda, PerangkatDaerah, Unit, Jabatan, Membership, VerificationStep):
    admin.site.register(model)
