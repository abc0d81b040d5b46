# Fetch gloss $GLOSS_VERSION from its release once, check it against the
# release's SHA-256 checksum, and keep it in .gloss/bin/ for later runs.
set -e
gloss=".gloss/bin/$GLOSS_VERSION/gloss"
if [ ! -x "$gloss" ]; then
  case "$(uname -m)" in
    x86_64 | amd64) target=x86_64-unknown-linux-musl ;;
    aarch64 | arm64) target=aarch64-unknown-linux-musl ;;
    *) echo "gloss has no Linux release for $(uname -m)" >&2; exit 1 ;;
  esac
  name="gloss-$GLOSS_VERSION-$target"
  mkdir -p .gloss/bin
  rm -rf .gloss/bin/download.*
  tmp=$(mktemp -d .gloss/bin/download.XXXXXX)
  for file in "$name.tar.gz" "$name.tar.gz.sha256"; do
    url="$GLOSS_RELEASES/v$GLOSS_VERSION/$file"
    echo "downloading $url"
    if command -v curl >/dev/null; then
      curl -fsSL --retry 3 -o "$tmp/$file" "$url"
    else
      wget -q -O "$tmp/$file" "$url"
    fi
  done
  want=$(cut -d ' ' -f 1 "$tmp/$name.tar.gz.sha256")
  have=$(sha256sum "$tmp/$name.tar.gz" | cut -d ' ' -f 1)
  if [ -z "$want" ] || [ "$want" != "$have" ]; then
    echo "$name.tar.gz has SHA-256 $have, but its release says $want: not using it" >&2
    exit 1
  fi
  tar -xzf "$tmp/$name.tar.gz" -C "$tmp"
  mkdir -p ".gloss/bin/$GLOSS_VERSION"
  mv "$tmp/$name/gloss" "$gloss"
  rm -rf "$tmp"
fi
"$gloss" --version
