//! What makes a new site ready to publish from its own repository: the
//! settings of the host that builds it, which download the released gloss
//! the site was made with (pinned, checked against its checksum, kept
//! between runs) and never compile gloss; the site's README; its
//! `.gitignore`.

use crate::version::VERSION;

/// Where the site is published from, as `gloss init --host` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// GitHub Pages, through a GitHub Actions workflow.
    GitHub,
    /// GitLab Pages, through `.gitlab-ci.yml`.
    GitLab,
    /// Netlify, through `netlify.toml` and a build script.
    Netlify,
    /// Cloudflare Pages, through a build script named in its settings.
    Cloudflare,
    /// No host: the site is built by hand and uploaded.
    None,
}

impl Host {
    /// Every host, by the name `--host` takes, in the order help lists them.
    pub const NAMES: [&'static str; 5] = ["github", "gitlab", "netlify", "cloudflare", "none"];

    pub fn from_name(name: &str) -> Option<Host> {
        Some(match name {
            "github" => Host::GitHub,
            "gitlab" => Host::GitLab,
            "netlify" => Host::Netlify,
            "cloudflare" => Host::Cloudflare,
            "none" => Host::None,
            _ => return None,
        })
    }

    /// The files that set the host up, by path under the site, with their text.
    pub fn files(self) -> Vec<(&'static str, String)> {
        let install = include_str!("hosts/install.sh");
        match self {
            Host::GitHub => vec![(
                ".github/workflows/pages.yml",
                fill(include_str!("hosts/github.yml"), &indent(install, 10)),
            )],
            Host::GitLab => vec![(
                ".gitlab-ci.yml",
                fill(include_str!("hosts/gitlab.yml"), &indent(install, 6)),
            )],
            Host::Netlify => vec![
                ("netlify.toml", include_str!("hosts/netlify.toml").into()),
                (
                    "publish.sh",
                    fill(include_str!("hosts/netlify.sh"), install),
                ),
            ],
            Host::Cloudflare => vec![(
                "publish.sh",
                fill(include_str!("hosts/cloudflare.sh"), install),
            )],
            Host::None => Vec::new(),
        }
    }

    /// How to publish the site, as its README says it: Markdown, in lines
    /// of at most 76 characters.
    pub fn publishing(self) -> String {
        wrap(self.publishing_paragraph(), 76)
    }

    fn publishing_paragraph(self) -> &'static str {
        match self {
            Host::GitHub => {
                "Push this folder to a GitHub repository. In the repository's \
                 *Settings > Pages*, set *Source* to *GitHub Actions*. Every push to \
                 `main` then builds the site with `.github/workflows/pages.yml` and \
                 publishes it at the address that page shows; `base_url` in \
                 `site.toml` is taken from GitHub."
            }
            Host::GitLab => {
                "Push this folder to a GitLab project. Every push to the default \
                 branch builds the site with `.gitlab-ci.yml` and publishes it with \
                 GitLab Pages, at the address shown under *Deploy > Pages*; \
                 `base_url` in `site.toml` is taken from GitLab."
            }
            Host::Netlify => {
                "Push this folder to a repository and import it in Netlify: \
                 `netlify.toml` already names the build command (`sh publish.sh`) \
                 and the folder to publish (`public`). Each deploy is built for \
                 its own address, previews included."
            }
            Host::Cloudflare => {
                "Push this folder to a repository and create a Cloudflare Pages \
                 project from it, with the build command `sh publish.sh` and the \
                 build output directory `public` (no framework preset). Set \
                 `base_url` in `site.toml` to the project's address (its \
                 `pages.dev` name or your own domain)."
            }
            Host::None => {
                "Set `base_url` in `site.toml` to the site's address, run \
                 `gloss build`, and upload the `public/` folder to any static \
                 host (for example `rsync -av --delete public/ host:/var/www/site/`)."
            }
        }
    }

    /// What names the version the host builds with, for the README.
    fn pinned(self) -> &'static str {
        match self {
            Host::GitHub => "`GLOSS_VERSION` in\n`.github/workflows/pages.yml`",
            Host::GitLab => "`GLOSS_VERSION` in\n`.gitlab-ci.yml`",
            Host::Netlify | Host::Cloudflare => "`GLOSS_VERSION` in\n`publish.sh`",
            Host::None => "`gloss` in\n`site.toml`",
        }
    }

    /// The site's README, for a site called `title`.
    pub fn readme(self, title: &str) -> String {
        include_str!("hosts/README.md")
            .replace("{{title}}", title)
            .replace("{{repository}}", env!("CARGO_PKG_REPOSITORY"))
            .replace("{{version}}", VERSION)
            .replace("{{publish}}", &self.publishing())
            .replace("{{pinned}}", self.pinned())
    }
}

/// The lines of a new site's `.gitignore`, with their comment.
pub const GITIGNORE: &str = include_str!("hosts/gitignore");

/// The address released archives are downloaded from, one folder a tag.
pub fn releases_url() -> String {
    format!("{}/releases/download", env!("CARGO_PKG_REPOSITORY"))
}

/// A host file's template with the version, the releases' address and the
/// install script filled in.
fn fill(template: &str, install: &str) -> String {
    template
        .replace("{{version}}", VERSION)
        .replace("{{releases}}", &releases_url())
        .replace("{{install}}", install.trim_end())
}

/// `text` with every non-empty line indented by `width` spaces, without
/// its final line break (the templates give their own).
fn indent(text: &str, width: usize) -> String {
    let indented = textwrap::indent(text, &" ".repeat(width));
    indented.trim_end_matches('\n').to_string()
}

/// `text` broken into lines of at most `width` characters, between words
/// (at spaces only: paths and names with hyphens stay whole), each line
/// as full as it can be.
fn wrap(text: &str, width: usize) -> String {
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::fill(text, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_its_host() {
        for name in Host::NAMES {
            let host = Host::from_name(name).unwrap();
            let files = host.files();
            assert_eq!(files.is_empty(), host == Host::None, "{name}");
            for (path, text) in files {
                for placeholder in ["{{version}}", "{{releases}}", "{{install}}"] {
                    assert!(!text.contains(placeholder), "{path} keeps {placeholder}");
                }
                if host != Host::None && path != "netlify.toml" {
                    assert!(text.contains(VERSION), "{path} pins no version");
                    assert!(text.contains(&releases_url()), "{path} names no release");
                }
            }
            let readme = host.readme("A site");
            assert!(!readme.contains("{{"), "{readme}");
            assert!(readme.contains(&host.publishing()), "{readme}");
            assert!(readme.lines().all(|l| l.chars().count() <= 80), "{readme}");
        }
        assert_eq!(Host::from_name("GitHub"), None);
    }

    #[test]
    fn indent_leaves_empty_lines_empty() {
        assert_eq!(indent("a\n\n  b\n", 2), "  a\n\n    b");
    }
}
