"""Kletsborden online: the browser version of the Dutch conversation card game."""

__version__ = "0.1.0"
