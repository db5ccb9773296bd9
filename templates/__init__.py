"""The page templates, installed as the package `web.templates` so a wheel carries them (see pyproject.toml)."""
