//! `site.toml`: the site's settings, all optional.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default = "default_title")]
    title: String,
    #[serde(default = "default_base_url")]
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    glossary: GlossaryConfig,
}

fn default_title() -> String {
    "Untitled site".into()
}
fn default_base_url() -> String {
    "/".into()
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
    pub glossary: GlossaryConfig,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_raw(toml::from_str("").expect("empty config is valid"))
            .expect("default base_url is valid")
    }
}

impl Config {
    fn from_raw(raw: RawConfig) -> Result<Config, String> {
        Ok(Config {
            base_url: BaseUrl::parse(&raw.base_url)?,
            title: raw.title,
            language: raw.language,
            description: raw.description,
            author: raw.author,
            glossary: raw.glossary,
        })
    }

    /// Reads `site.toml` under `root`; a missing file means all defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join("site.toml");
        let shown = Path::new("site.toml");
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(one(Diagnostic::error(
                    shown,
                    format!("cannot read site.toml: {e}"),
                )));
            }
        };
        let text = match crate::load::decode(text) {
            Ok(text) => text,
            Err(position) => {
                return Err(one(Diagnostic::error(
                    shown,
                    "site.toml is not valid UTF-8",
                )
                .at_position(position)));
            }
        };
        let raw: RawConfig =
            toml::from_str(&text).map_err(|e| one(toml_error(shown, &text, 0, &e)))?;
        let base_url = raw.base_url.clone();
        Config::from_raw(raw).map_err(|message| {
            let offset = text.find(&base_url).unwrap_or(0);
            one(Diagnostic::error(shown, message).at(&text, offset))
        })
    }

    /// Replaces `base_url`, as `--base-url` does for preview deploys.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = BaseUrl::parse(url)?;
        Ok(())
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}
