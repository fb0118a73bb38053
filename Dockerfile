# The Grenswerk API. Built by docker compose; runs as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# Outside development the service refuses to start without its own GRENSWERK_SECRET_KEY.
ENV GRENSWERK_ENVIRONMENT=production
WORKDIR /app
# Pango, HarfBuzz and a font for WeasyPrint (the PDF reports)
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 \
    libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
# the locked versions make test was green with (requirements/run.txt, docs/development.md)
COPY requirements/run.txt ./requirements/run.txt
RUN pip install --require-hashes --no-deps -r requirements/run.txt
COPY graph ./graph
COPY importers ./importers
COPY api ./api
COPY cli ./cli
COPY visualizations ./visualizations
RUN pip install --no-deps --no-build-isolation . && useradd --create-home --uid 10001 grenswerk
USER grenswerk
ENV GRENSWERK_DATA_DIR=/home/grenswerk/data
# made by the service user, so that a fresh named volume mounted here is writable
RUN mkdir -p "$GRENSWERK_DATA_DIR"
# compile the betweenness loop once, into the numba cache of the service user (brandes.py)
RUN python -c "from graph.analysis import brandes; assert brandes.available()"
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
CMD ["grenswerk", "serve", "--host", "0.0.0.0", "--port", "8000"]
