//! `site.toml`: the site's settings, all optional.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::toml_error;
use crate::url::BaseUrl;

/// How often an automatic term link is made on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    /// The first mention of each term on a page (the photo caption counts).
    #[default]
    First,
    /// Every mention.
    All,
    /// None; explicit `[[wiki links]]` still link.
    None,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    #[serde(default)]
    pub link: LinkMode,
}

/// The Atom feed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedConfig {
    /// How many of the newest articles the feed carries, in full; 0 for all.
    /// Readers fetch the feed often, so a whole archive in it costs them.
    #[serde(default = "default_feed_limit")]
    pub limit: usize,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig {
            limit: default_feed_limit(),
        }
    }
}

fn default_feed_limit() -> usize {
    20
}

/// The timeline and the other places events are shown.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineConfig {
    /// Show the Solar and Lunar Hijri years beside each date.
    #[serde(default)]
    pub hijri: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default = "default_title")]
    title: String,
    #[serde(default)]
    base_url: Option<Spanned<String>>,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    rights: String,
    #[serde(default)]
    minify: bool,
    #[serde(default)]
    glossary: GlossaryConfig,
    #[serde(default)]
    feed: FeedConfig,
    #[serde(default)]
    timeline: TimelineConfig,
}

fn default_title() -> String {
    "Untitled site".into()
}
fn default_language() -> String {
    "en".into()
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub description: String,
    pub author: String,
    /// The site's rights statement, such as "© 2025 A. Historian; text CC BY 4.0".
    pub rights: String,
    /// Minify HTML, CSS and JS when building (`--minify` and `--no-minify` win).
    pub minify: bool,
    pub glossary: GlossaryConfig,
    pub feed: FeedConfig,
    pub timeline: TimelineConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: default_title(),
            base_url: BaseUrl::parse("/").expect("`/` is a valid base"),
            language: default_language(),
            description: String::new(),
            author: String::new(),
            rights: String::new(),
            minify: false,
            glossary: GlossaryConfig::default(),
            feed: FeedConfig::default(),
            timeline: TimelineConfig::default(),
        }
    }
}

impl Config {
    /// Reads `site.toml` under `root`; a missing file means all defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let shown = Path::new("site.toml");
        let bytes = match std::fs::read(root.join(shown)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(Diagnostic::error(
                    shown,
                    format!("cannot read site.toml: {e}"),
                ));
            }
        };
        let text = crate::load::decode(bytes).map_err(|position| {
            Diagnostic::error(shown, "site.toml is not valid UTF-8").at_position(position)
        })?;
        let raw: RawConfig = toml::from_str(&text).map_err(|e| toml_error(shown, &text, 0, &e))?;
        let base_url = match &raw.base_url {
            Some(url) => BaseUrl::parse(url.get_ref())
                .map_err(|message| Diagnostic::error(shown, message).at(&text, url.span().start))?,
            None => Config::default().base_url,
        };
        Ok(Config {
            title: raw.title,
            base_url,
            language: raw.language,
            description: raw.description,
            author: raw.author,
            rights: raw.rights,
            minify: raw.minify,
            glossary: raw.glossary,
            feed: raw.feed,
            timeline: raw.timeline,
        })
    }

    /// Replaces `base_url`, as `--base-url` does for preview deploys.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = BaseUrl::parse(url)?;
        Ok(())
    }
}
