# factcheck API image: the same commands as the README (migrations run at start by `serve`).
# Two stages: the first compiles the pure core with mypyc (`make native`), which needs a C
# compiler; the image itself carries only the compiled modules and the runtime dependencies.
FROM python:3.11-slim AS build

ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/opt/venv

# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir "uv==0.13.8"

WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --group native --no-install-project

COPY service ./service
COPY scripts/build_native.py ./scripts/build_native.py
RUN uv sync --frozen --no-dev --group native \
    && /opt/venv/bin/python scripts/build_native.py


FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    FACTCHECK_NATIVE=1

RUN pip install --no-cache-dir "uv==0.13.8"

WORKDIR /app
# Dependencies first, from the lock file, so code changes do not reinstall them.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project

COPY service ./service
COPY migrations ./migrations
COPY seeds ./seeds
COPY --from=build /app/build/native ./build/native
RUN uv sync --frozen --no-dev \
    && useradd --create-home --uid 10001 factcheck \
    && mkdir -p /app/data \
    && chown 10001:10001 /app/data

USER 10001:10001
EXPOSE 8000
VOLUME ["/app/data"]

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)"]

CMD ["factcheck", "serve", "--host", "0.0.0.0", "--port", "8000"]
