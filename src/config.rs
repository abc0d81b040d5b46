//! `site.toml`: the site's settings, all optional.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, did_you_mean, toml_error};
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

/// `[sources]`: how citations and bibliographies are formatted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSources {
    #[serde(default)]
    style: Option<Spanned<String>>,
}

/// The citation style of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitationStyle {
    /// A style of hayagriva's bundled archive, by name.
    Bundled(hayagriva::archive::ArchivedStyle),
    /// A CSL file of the site: its path on disk, and as `site.toml` gives it.
    File { path: PathBuf, shown: PathBuf },
}

impl Default for CitationStyle {
    fn default() -> Self {
        CitationStyle::Bundled(hayagriva::archive::ArchivedStyle::ChicagoNotes)
    }
}

#[derive(Debug, Clone, Default)]
pub struct SourcesConfig {
    pub style: CitationStyle,
}

/// The timeline and the other places events are shown.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineConfig {
    /// Show the Solar and Lunar Hijri years beside each date.
    #[serde(default)]
    pub hijri: bool,
}

/// `[markdown]`: how far the site trusts the Markdown of its content.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Publish raw HTML and links of any scheme as written, without a
    /// warning: for a site whose every author may write script into its
    /// pages. Off, raw HTML is shown as text and unsafe links are dropped.
    #[serde(default)]
    pub unsafe_html: bool,
}

/// `[images]`: the smaller sizes and modern formats the build makes of
/// every raster picture a page shows. All optional.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    /// The widths to make, in pixels; none wider than the original is made.
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    /// The modern formats to offer beside the original's own: `"webp"`,
    /// or none (`[]`).
    #[serde(default = "default_formats")]
    pub formats: Vec<ImageFormat>,
    /// The quality of lossy encodings, from 1 to 100.
    #[serde(default = "default_quality")]
    pub quality: u8,
}

/// `[lists]` as written, checked into [`ListsConfig`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLists {
    #[serde(default)]
    per_page: Option<Spanned<i64>>,
}

/// `[lists]`: how the lists of articles are paged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListsConfig {
    /// How many articles a page of a list shows: the home page, each
    /// section, series and tag, and a term's "Mentioned in".
    pub per_page: usize,
}

impl Default for ListsConfig {
    fn default() -> Self {
        ListsConfig { per_page: 20 }
    }
}

/// A format the build can encode beside the original's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Webp,
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: default_widths(),
            formats: default_formats(),
            quality: default_quality(),
        }
    }
}

fn default_widths() -> Vec<u32> {
    vec![480, 800, 1200, 1600]
}
fn default_formats() -> Vec<ImageFormat> {
    vec![ImageFormat::Webp]
}
fn default_quality() -> u8 {
    80
}

/// The one key read alone when the settings do not read: a site made for a
/// newer gloss may use settings this one does not know, and then the
/// version is the error to report.
#[derive(Debug, Deserialize)]
struct RawRequirement {
    #[serde(default)]
    gloss: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    /// The gloss versions the site builds with, as a Cargo-style
    /// requirement such as ">=0.2".
    #[serde(default)]
    gloss: Option<Spanned<String>>,
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
    sources: RawSources,
    #[serde(default)]
    timeline: TimelineConfig,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    images: Option<Spanned<ImagesConfig>>,
    #[serde(default)]
    lists: RawLists,
    /// The languages besides `language`, by code: `[languages.fa]`.
    #[serde(default)]
    languages: std::collections::BTreeMap<String, Spanned<RawLanguage>>,
}

/// `[languages.<code>]` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: String,
}

/// A language the site publishes in besides its default one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageConfig {
    /// Its code, as in `[languages.fa]` and in file names: `fa`.
    pub code: String,
    /// The site's title and description in the language.
    pub title: String,
    pub description: String,
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
    pub sources: SourcesConfig,
    pub timeline: TimelineConfig,
    pub markdown: MarkdownConfig,
    pub images: ImagesConfig,
    pub lists: ListsConfig,
    /// The languages besides `language`, sorted by code; their pages are
    /// published under `/<code>/`.
    pub languages: Vec<LanguageConfig>,
    /// Whether `site.toml` has a `[languages]` table at all, even one with
    /// problems: file names then say their language.
    pub has_languages: bool,
    /// Problems found in `[languages]`, reported with the others of the
    /// build: they leave the other settings as they are.
    pub problems: Vec<Diagnostic>,
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
            sources: SourcesConfig::default(),
            timeline: TimelineConfig::default(),
            markdown: MarkdownConfig::default(),
            images: ImagesConfig::default(),
            lists: ListsConfig::default(),
            languages: Vec::new(),
            has_languages: false,
            problems: Vec::new(),
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
        let text = crate::diagnostics::decode(bytes).map_err(|position| {
            Diagnostic::error(shown, "site.toml is not valid UTF-8").at_position(position)
        })?;
        let check_version = |requirement: &Spanned<String>| {
            crate::version::check(
                shown,
                &text,
                requirement.span().start,
                requirement.get_ref(),
            )
        };
        let raw: RawConfig = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                // The version first, if it can be read and rules the site out.
                if let Ok(RawRequirement {
                    gloss: Some(requirement),
                }) = toml::from_str(&text)
                {
                    check_version(&requirement)?;
                }
                return Err(toml_error(shown, &text, 0, &e));
            }
        };
        if let Some(requirement) = &raw.gloss {
            check_version(requirement)?;
        }
        let base_url = match &raw.base_url {
            Some(url) => BaseUrl::parse(url.get_ref())
                .map_err(|message| Diagnostic::error(shown, message).at(&text, url.span().start))?,
            None => Config::default().base_url,
        };
        let style = match &raw.sources.style {
            Some(style) => citation_style(root, style.get_ref()).map_err(|(message, help)| {
                Diagnostic::error(shown, message)
                    .at(&text, style.span().start)
                    .with_help(help)
            })?,
            None => CitationStyle::default(),
        };
        if let Some(images) = &raw.images {
            let settings = images.get_ref();
            let bad_width = settings.widths.iter().any(|&w| w == 0 || w > 16_384);
            if bad_width || !(1..=100).contains(&settings.quality) {
                return Err(
                    Diagnostic::error(shown, "[images] holds a value out of range")
                        .at(&text, images.span().start)
                        .with_help("widths run from 1 to 16384 pixels, quality from 1 to 100"),
                );
            }
        }
        let mut lists = ListsConfig::default();
        if let Some(per_page) = &raw.lists.per_page {
            lists.per_page = (usize::try_from(*per_page.get_ref()).ok())
                .filter(|&n| (1..=10_000).contains(&n))
                .ok_or_else(|| {
                    Diagnostic::error(shown, "`per_page` must be a number from 1 to 10000")
                        .at(&text, per_page.span().start)
                        .with_help("the number of articles a page of a list shows, such as 20")
                })?;
        }
        let (languages, problems) = languages(shown, &text, &raw.language, &raw.languages);
        Ok(Config {
            has_languages: !raw.languages.is_empty(),
            languages,
            problems,
            title: raw.title,
            base_url,
            language: raw.language,
            description: raw.description,
            author: raw.author,
            rights: raw.rights,
            minify: raw.minify,
            glossary: raw.glossary,
            feed: raw.feed,
            sources: SourcesConfig { style },
            timeline: raw.timeline,
            markdown: raw.markdown,
            images: raw.images.map(Spanned::into_inner).unwrap_or_default(),
            lists,
        })
    }

    /// The settings of the site in `language`, one of [`Config::languages`]:
    /// its own title and description, its language, and links under
    /// `/<code>/`.
    pub fn in_language(&self, language: &LanguageConfig) -> Config {
        Config {
            title: language.title.clone(),
            description: language.description.clone(),
            language: language.code.clone(),
            base_url: self.base_url.in_language(&language.code),
            languages: Vec::new(),
            problems: Vec::new(),
            ..self.clone()
        }
    }

    /// Replaces `base_url`, as `--base-url` does for preview deploys.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        self.base_url = BaseUrl::parse(url)?;
        Ok(())
    }
}

/// `[languages]` checked: each a language gloss knows, other than the
/// default one, with a title; every problem found.
fn languages(
    shown: &Path,
    text: &str,
    default: &str,
    raw: &std::collections::BTreeMap<String, Spanned<RawLanguage>>,
) -> (Vec<LanguageConfig>, Vec<Diagnostic>) {
    use crate::languages::{is_code_shaped, known, known_codes};
    let mut languages = Vec::new();
    let mut problems = Vec::new();
    // A table's span starts at its `[languages.<code>]` header.
    let header = |_: &str, table: &Spanned<RawLanguage>| table.span().start;
    if known(default).is_none() {
        let help = did_you_mean(default, known_codes()).map_or_else(
            || "give an ISO 639 code, such as `en` or `fa`".to_string(),
            |c| format!("did you mean `{c}`?"),
        );
        let at = line_starting(text, "language").unwrap_or(0);
        // A site of one language builds as it did; only its pages'
        // `lang` may be wrong.
        problems.push(
            Diagnostic::warning(
                shown,
                format!("gloss does not know the language `{default}`"),
            )
            .at(text, at)
            .with_help(help),
        );
    }
    for (code, table) in raw {
        let at = header(code, table);
        if !is_code_shaped(code) || known(code).is_none() {
            let help = did_you_mean(code, known_codes()).map_or_else(
                || "name a language by its ISO 639 code, such as `fa`, `ar`, `tr` or `ru`".into(),
                |c| format!("did you mean `{c}`?"),
            );
            problems.push(
                Diagnostic::error(shown, format!("unknown language `{code}`"))
                    .at(text, at)
                    .with_help(help),
            );
            continue;
        }
        if code == default {
            problems.push(
                Diagnostic::error(
                    shown,
                    format!("`{code}` is the site's default language already"),
                )
                .at(text, at)
                .with_help("[languages] lists the languages besides `language`"),
            );
            continue;
        }
        let Some(title) = table.get_ref().title.clone() else {
            problems.push(
                Diagnostic::error(shown, format!("[languages.{code}] has no title"))
                    .at(text, at)
                    .with_help("give the site's title in the language: title = \"...\""),
            );
            continue;
        };
        languages.push(LanguageConfig {
            code: code.clone(),
            title,
            description: table.get_ref().description.clone(),
        });
    }
    (languages, problems)
}

/// Where the first line starting with `key` starts.
fn line_starting(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with(key) {
            return Some(at + (line.len() - line.trim_start().len()));
        }
        at += line.len();
    }
    None
}

/// The style `[sources] style` names: a `.csl` file of the site (a path
/// from its root), or the name of a bundled style; else the message and help
/// of an error.
fn citation_style(root: &Path, value: &str) -> Result<CitationStyle, (String, String)> {
    use hayagriva::archive::ArchivedStyle;
    if value.ends_with(".csl") {
        let path = root.join(value);
        return if path.is_file() {
            Ok(CitationStyle::File {
                path,
                shown: PathBuf::from(value),
            })
        } else {
            Err((
                format!("there is no style file `{value}`"),
                "give the path of a .csl file from the site's folder".into(),
            ))
        };
    }
    if let Some(style) = ArchivedStyle::by_name(value) {
        return Ok(CitationStyle::Bundled(style));
    }
    let names = ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().copied());
    let help = match did_you_mean(value, names) {
        Some(name) => format!("did you mean `{name}`?"),
        None => "name a bundled style, such as `chicago-notes`, `chicago-author-date`, `apa` \
                 or `modern-language-association`, or give the path of a .csl file"
            .into(),
    };
    Err((format!("unknown citation style `{value}`"), help))
}
