"""sopap: Standar Operasional Prosedur Administrasi Pemerintahan."""

__version__ = "0.1.0"
