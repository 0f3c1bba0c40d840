"""The `sopap` command line."""
