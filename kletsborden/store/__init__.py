"""Persistence: SQLAlchemy models, the database handle, repositories and migrations.

Knows the engine's types (to save and load them), never the web or sockets.
"""
