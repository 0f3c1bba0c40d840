"""The JSON API at /api/ (django-ninja), for the other systems of a Pemda: the public catalog without a
login, and, with a personal token (`Authorization: Bearer ...`, made on the user's account page), the SOPs
that user may see, their drafting and their workflow, as that user.

It sits above every app, like the demo and the backup: each operation reads through the apps' selectors and
writes through their services, which check the user's right exactly as they do for the web pages, so a
refusal here is the web's refusal, with the same words. The schema is at /api/openapi.json, the operations
are listed at /api/docs."""
