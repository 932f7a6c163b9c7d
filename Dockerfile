# The portal's image: one image for web (gunicorn), Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund && npm run vendor

FROM python:3.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-nanum \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY council ./council
COPY members ./members
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /app/static/vendor ./static/vendor
RUN useradd --system --home /app portal \
    && mkdir -p /app/var && chown -R portal /app/var \
    && SECRET_KEY=build python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 \
    && SECRET_KEY=build python manage.py collectstatic --no-input -v 0
USER portal
EXPOSE 8000
CMD ["gunicorn", "council.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]
