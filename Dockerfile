# One gateway image per deployment: the config is compiled into the NativeAOT binary.
#   docker build --build-arg GATEWAY_CONFIG=deploy/prod.toml --build-arg GATEWAY_PORT=4000 -t gateway:prod .
# GATEWAY_CONFIG is a path inside the build context. Credentials are NOT baked in: pass them at run time
#   docker run -p 4000:4000 -e OPENAI_API_KEY=... gateway:prod        (or mount file:: secrets)
# scripts/publish.sh runs the same publish without Docker.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
# NativeAOT links with clang; zlib for the runtime's compression support.
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG GATEWAY_CONFIG=gateway.toml
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# PUBLISH-COMMAND (kept identical to scripts/publish.sh; tests/…/Operability/PublishRecipeTests checks it)
RUN dotnet publish src/Gateway.Host -c Release -r linux-x64 -p:GatewayConfig="$GATEWAY_CONFIG" -o /out

# Minimal base: no shell, no package manager, non-root ("app", UID 1654) by default.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
ARG GATEWAY_PORT=4000
WORKDIR /app
COPY --from=build /out/gateway /app/gateway
USER app
# [server] host is usually 127.0.0.1, which is unreachable from outside a container: listen on all
# interfaces on the configured port instead (standard ASP.NET Core override, SPEC §1).
ENV ASPNETCORE_URLS=http://0.0.0.0:${GATEWAY_PORT}
EXPOSE ${GATEWAY_PORT}
# The orchestrator's SIGTERM starts the graceful drain (RELIABILITY P3): give it shutdown_drain_ms.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/gateway"]
