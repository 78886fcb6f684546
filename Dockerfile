# The image the Kubernetes example runs (examples/k8s/): ephemera installed from the
# tarball `npm pack` makes, as a user installs the package, on Node 20; its working folder
# is the installed package, so the shipped scenarios are at scenarios/*.yaml.
#   docker build -t registry.example.com/ephemera:0.1.0 .
#   docker run --rm registry.example.com/ephemera:0.1.0 run scenarios/seed-walkthrough.yaml --out /tmp/r
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# prepack builds dist/ from a clean slate
RUN npm pack --pack-destination /tmp

FROM node:20-bookworm-slim
COPY --from=build /tmp/ephemera-*.tgz /tmp/
RUN npm install --global --no-audit --no-fund /tmp/ephemera-*.tgz && rm /tmp/ephemera-*.tgz
WORKDIR /usr/local/lib/node_modules/ephemera
USER node
ENTRYPOINT ["ephemera"]
CMD ["--help"]
