"""The service layer: what the JSON API, the web pages and the console command do,
written once (no HTTP, no Typer here; errors are :mod:`graph.errors` exceptions).

The three adapters (:mod:`api.routes`, :mod:`api.pages`, :mod:`cli`) turn requests and
arguments into calls of these modules and their results into answers; they never import
each other.
"""
