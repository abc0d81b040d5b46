# gloss in a container: one static binary on an empty base.
#
#   docker build -t gloss --build-arg GLOSS_COMMIT="$(git rev-parse --short=12 HEAD)" .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" gloss build
#   docker run --rm --init -v "$PWD:/site" -p 1111:1111 gloss serve --bind 0.0.0.0
#
# --init lets `docker stop` end the server at once. The commit is named in
# `gloss --version` only if given, as the image is built without git.
#
# The site is mounted at /site, the working folder, so every command finds
# it as it would in the site's own folder.

FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
ARG GLOSS_COMMIT=""
RUN GLOSS_COMMIT="$GLOSS_COMMIT" cargo build --release --locked \
    && strip target/release/gloss

FROM scratch
COPY --from=build /src/target/release/gloss /gloss
WORKDIR /site
EXPOSE 1111
ENTRYPOINT ["/gloss"]
CMD ["--help"]
