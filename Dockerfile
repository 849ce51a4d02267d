# sendtrack's production image. Every step is a command `make test` runs: `make install-prod` builds,
# `sendtrack serve`, `sendtrack worker` and `sendtrack scheduler` run. See docs/deploy.md.

# Build: Python packages, front-end assets (npm) and collected static files.
FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends make nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Makefile pyproject.toml package.json package-lock.json README.md ./
COPY src ./src
RUN make install-prod && rm -rf node_modules

# Run: no compiler, no npm, no make; the libraries WeasyPrint draws PDFs with and pg_dump for backups.
FROM python:3.11-slim-bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-liberation postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin sendtrack
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY --from=build /app/src /app/src
COPY --from=build /app/var/staticfiles /app/var/staticfiles
RUN mkdir -p /app/var/media /app/var/backups && chown -R sendtrack /app/var
ENV PATH=/app/.venv/bin:$PATH \
    SENDTRACK_ENV=production \
    SENDTRACK_VAR_DIR=/app/var \
    SENDTRACK_BIND=0.0.0.0:8000 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER sendtrack
EXPOSE 8000
STOPSIGNAL SIGTERM
CMD ["sendtrack", "serve"]
