#!/bin/sh
# Cloudflare Pages' build command: in the project's settings, set the build
# command to `sh publish.sh` and the build output directory to `public`.
# No Rust is needed: this installs the released gloss named below, checks its
# checksum, and builds the site for base_url in site.toml (set it to the
# site's pages.dev or own address).
# The gloss this site was made with; raise it to build with a newer one.
GLOSS_VERSION="${GLOSS_VERSION:-{{version}}}"
GLOSS_RELEASES="${GLOSS_RELEASES:-{{releases}}}"
{{install}}
"$gloss" build
