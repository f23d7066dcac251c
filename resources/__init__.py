"""Data shipped with Press Desk: the default site theme (installed as app.resources)."""
