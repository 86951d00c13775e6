# Kletsborden online — production image.
# Stage 1 fetches the front-end packages from npm; stage 2 builds the wheel; stage 3 runs it.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY . .
COPY --from=frontend /src/node_modules ./node_modules
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
# DejaVu Sans: the printed cards' font for Turkish, Polish, Cyrillic and Arabic letters.
RUN apt-get update -q && apt-get install -y -q --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 kletsborden
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER kletsborden
ENV KLETSBORDEN_INSTANCE_PATH=/home/kletsborden/instance \
    KLETSBORDEN_HOST=0.0.0.0 \
    KLETSBORDEN_PORT=8000 \
    PYTHONUNBUFFERED=1
EXPOSE 8000
HEALTHCHECK CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"KLETSBORDEN_PORT\"]}/healthz')"
CMD ["kletsborden", "serve"]
