#!/bin/sh
# Netlify's build command (see netlify.toml): installs the released gloss and
# builds the site for the address being deployed: the site's own in
# production, the preview's for a deploy preview or branch deploy.
# The gloss this site was made with; raise it to build with a newer one.
GLOSS_VERSION="${GLOSS_VERSION:-{{version}}}"
GLOSS_RELEASES="${GLOSS_RELEASES:-{{releases}}}"
{{install}}
if [ "$CONTEXT" = production ]; then
  address="$URL"
else
  address="$DEPLOY_PRIME_URL"
fi
"$gloss" build --base-url "$address/"
