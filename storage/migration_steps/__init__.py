"""Schema steps after version 2, one module per part of the review (see storage/migrations.py).

Each module holds the DDL of one version as `STATEMENTS`; once released, a step is frozen.
"""
