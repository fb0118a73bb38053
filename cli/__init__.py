"""The ``grenswerk`` console command: an adapter over :mod:`api.services`, one module per
job (:mod:`cli.app` assembles them)."""
