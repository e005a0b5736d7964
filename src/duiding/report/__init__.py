"""Renderers shared by the CLI and (later) the web app: JSON export now, Markdown/HTML reports later."""
