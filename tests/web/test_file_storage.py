"""Where stored files go: the data directory by default, an S3-compatible bucket when one is configured."""

from __future__ import annotations

from pathlib import Path

from tests.web.env_settings import settings_under
from tests.web.server_process import server_env


def test_files_are_stored_under_the_data_directory_by_default(tmp_path: Path) -> None:
    storages = settings_under(server_env(tmp_path / "data"), "STORAGES")["STORAGES"]
    assert storages["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str((tmp_path / "data" / "files").resolve())},
    }


def test_a_bucket_takes_the_files_with_its_server_region_and_keys_and_keeps_them_private(
    tmp_path: Path,
) -> None:
    env = server_env(
        tmp_path / "data",
        SOPAP_STORAGE_BUCKET="sopap-serang",
        SOPAP_STORAGE_ENDPOINT_URL="https://minio.example.go.id:9000",
        SOPAP_STORAGE_REGION="id-west-1",
        SOPAP_STORAGE_ACCESS_KEY="access",
        SOPAP_STORAGE_SECRET_KEY="secret",
    )
    storages = settings_under(env, "STORAGES")["STORAGES"]
    assert storages["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "sopap-serang",
            "endpoint_url": "https://minio.example.go.id:9000",
            "region_name": "id-west-1",
            "access_key": "access",
            "secret_key": "secret",
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    assert storages["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_without_keys_the_bucket_leaves_the_credentials_to_boto3(tmp_path: Path) -> None:
    env = server_env(tmp_path / "data", SOPAP_STORAGE_BUCKET="sopap-serang")
    options = settings_under(env, "STORAGES")["STORAGES"]["default"]["OPTIONS"]
    assert "access_key" not in options and "secret_key" not in options and "endpoint_url" not in options
