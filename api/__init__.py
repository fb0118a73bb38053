"""Grenswerk's interfaces: the HTTP API with its web pages, and the console command."""
