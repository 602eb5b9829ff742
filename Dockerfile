# Production image: gunicorn for the web, the same image for the Celery worker and beat.
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts ./scripts
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv==0.13.8 \
    && useradd --system --create-home --uid 1000 app
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
COPY --from=frontend /app/build ./build
RUN DATA_DIR=/tmp/build-data python manage.py compilemessages --ignore=.venv -v0 \
    && DATA_DIR=/tmp/build-data python manage.py collectstatic --noinput -v0 \
    && rm -rf /tmp/build-data \
    && mkdir -p /app/data /app/ledger && chown app /app/data /app/ledger
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--config", "deploy/gunicorn.conf.py", "--bind", "0.0.0.0:8000"]
