"""Interactive maps of workspace graphs (pyvis, served without any CDN)."""
