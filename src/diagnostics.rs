//! Problems found in a site, each pinned to a file and, where there is one, a line
//! and column. Stages collect them instead of stopping at the first, so an author
//! sees everything wrong with a run at once.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A 1-based line and column (counted in characters) inside a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    /// A hint on how to fix it, such as a "did you mean" suggestion.
    pub help: Option<Box<str>>,
    /// The part of the source line the position points into that is shown
    /// under the message (see [`excerpt`]), and how many of its characters
    /// come before the position.
    pub snippet: Option<(Box<str>, usize)>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at a byte offset of `source`, the file's full
    /// text. This reads the text up to `offset`: where one file may have
    /// many problems, use [`Diagnostic::at_indexed`].
    pub fn at(self, source: &str, offset: usize) -> Self {
        let (position, line) = locate(source, offset);
        self.placed(position, line)
    }

    /// [`Diagnostic::at`] through the file's [`TextIndex`], in time that
    /// does not grow with the offset or the line's length.
    pub fn at_indexed(self, source: &str, index: &TextIndex, offset: usize) -> Self {
        let (position, line) = index.locate(source, offset);
        self.placed(position, line)
    }

    /// Keeps the position and the part of `line` shown around it.
    fn placed(mut self, position: Position, line: Line<'_>) -> Self {
        let (shown, before) = line.excerpt();
        self.position = Some(position);
        self.snippet = Some((shown.into(), before));
        self
    }

    pub fn at_position(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help.map(String::into_boxed_str);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A source line and the place in it a diagnostic points at.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The line, without its line ending.
    pub text: &'a str,
    /// The line up to the place pointed at, which may be in its line
    /// ending (a `\r`): the characters the column counts.
    pub before: &'a str,
}

impl Line<'_> {
    /// What [`excerpt`] shows of the line, read from around the place only.
    fn excerpt(&self) -> (String, usize) {
        let before = self.before;
        // The first character shown, which may lie in the line ending
        // when the place does: then none of the line's text is shown.
        let start = before
            .char_indices()
            .rev()
            .nth(SHOWN - 1)
            .map_or(0, |(i, _)| i);
        let column = before[start..].chars().count();
        cut(
            self.text.get(start..).unwrap_or("").chars(),
            column,
            start > 0,
        )
    }
}

/// Finds the line and column of a byte offset, and the text of that line.
/// This reads the text up to the offset; [`TextIndex`] answers many such
/// questions about one text in constant time each.
pub fn locate(source: &str, offset: usize) -> (Position, Line<'_>) {
    let offset = floor_char_boundary(source, offset);
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = memchr::memchr_iter(b'\n', &source.as_bytes()[..line_start]).count() + 1;
    let column = source[line_start..offset].chars().count() + 1;
    (
        Position { line, column },
        line_at(source, line_start, offset),
    )
}

/// The line starting at `line_start`, pointed at `offset`.
fn line_at(source: &str, line_start: usize, offset: usize) -> Line<'_> {
    let line_end =
        memchr::memchr(b'\n', &source.as_bytes()[offset..]).map_or(source.len(), |i| offset + i);
    Line {
        text: source[line_start..line_end].trim_end_matches('\r'),
        before: &source[line_start..offset],
    }
}

fn floor_char_boundary(source: &str, offset: usize) -> usize {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where a text's lines start, and how many characters precede every
/// `STRIDE`-th byte: built once for a file, it places any offset in it
/// with a binary search and a count over at most `STRIDE` bytes, so a file
/// with n problems costs time in n, not n times its length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextIndex {
    line_starts: Vec<usize>,
    /// For each stride, a character boundary at or before its first byte
    /// and the number of characters before that boundary.
    checkpoints: Vec<(usize, usize)>,
}

const STRIDE: usize = 4096;

impl TextIndex {
    pub fn new(text: &str) -> TextIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let (mut at, mut chars) = (0, 0);
        for k in 0..=text.len() / STRIDE {
            let boundary = floor_char_boundary(text, k * STRIDE);
            chars += text[at..boundary].chars().count();
            at = boundary;
            checkpoints.push((at, chars));
        }
        TextIndex {
            line_starts,
            checkpoints,
        }
    }

    /// The characters of `text` before `offset`, a character boundary.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let (at, chars) = self.checkpoints[offset / STRIDE];
        chars + text[at..offset].chars().count()
    }

    /// What [`locate`] finds, without reading the text up to `offset`.
    pub fn locate<'t>(&self, text: &'t str, offset: usize) -> (Position, Line<'t>) {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.chars_before(text, offset) - self.chars_before(text, line_start) + 1;
        (Position { line, column }, line_at(text, line_start, offset))
    }
}

/// At most this many characters of a source line are shown each side of
/// the column an error points at.
const SHOWN: usize = 60;

/// The part of `line` shown under an error pointing at its character
/// `column` (from 0), cut with `…` if long, and how many characters of it
/// come before the column.
pub fn excerpt(line: &str, column: usize) -> (String, usize) {
    let start = column.saturating_sub(SHOWN);
    cut(line.chars().skip(start), column - start, start > 0)
}

/// The characters of a line from the first one shown, `rest`, cut after
/// [`SHOWN`] characters past the `column`-th, with `…` where the line
/// goes on; and where the column falls in what is shown.
fn cut(mut rest: impl Iterator<Item = char>, column: usize, cut_before: bool) -> (String, usize) {
    let mut shown: String = cut_before.then_some('…').into_iter().collect();
    shown.extend(rest.by_ref().take(column + 1 + SHOWN));
    if rest.next().is_some() {
        shown.push('…');
    }
    (shown, column + usize::from(cut_before))
}

impl Diagnostic {
    /// `file:line:col: error: message` on one line, the form editors and
    /// terminals link to; with ANSI colours if `colour`.
    pub fn headline(&self, colour: bool) -> Headline<'_> {
        Headline(self, colour)
    }

    /// The full report with ANSI colours, for a terminal.
    pub fn styled(&self) -> Styled<'_> {
        Styled(self)
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, colour: bool, full: bool) -> fmt::Result {
        use anstyle::{AnsiColor, Style};
        let paint = |style: Style| if colour { style } else { Style::new() };
        let (kind, style) = match self.severity {
            Severity::Error => ("error", paint(AnsiColor::Red.on_default().bold())),
            Severity::Warning => ("warning", paint(AnsiColor::Yellow.on_default().bold())),
        };
        let bold = paint(Style::new().bold());
        let dim = paint(AnsiColor::Blue.on_default().bold());
        write!(f, "{bold}{}", self.path.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ":{bold:#} {style}{kind}:{style:#} {}", self.message)?;
        if !full {
            return Ok(());
        }
        if let (Some(p), Some((line, before))) = (self.position, &self.snippet) {
            let (line, before) = (line, *before);
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let indent: String = line
                .chars()
                .take(before)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{pad} {dim}|{dim:#}\n{dim}{number} |{dim:#} {line}\n{pad} {dim}|{dim:#} {indent}{style}^{style:#}"
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  {dim}={dim:#} {bold}help:{bold:#} {help}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    /// The headline, then the source line with a caret and any help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, false, true)
    }
}

/// See [`Diagnostic::headline`].
pub struct Headline<'a>(&'a Diagnostic, bool);

impl fmt::Display for Headline<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, self.1, false)
    }
}

/// See [`Diagnostic::styled`].
pub struct Styled<'a>(&'a Diagnostic);

impl fmt::Display for Styled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, true, true)
    }
}

/// Every problem of a run, in a stable order (by file, then position).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Sorts by file and position, so output does not depend on walk or thread order.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.path, a.position, &a.message).cmp(&(&b.path, b.position, &b.message))
        });
        self.0.dedup();
        self
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A path shown relative to the site root when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Decodes UTF-8, dropping a byte-order mark; on failure, where the first bad byte is.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, Position> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).expect("valid prefix");
        locate(prefix, valid).0
    })
}

/// Turns a TOML error into a diagnostic at the right line of the whole file
/// (`toml_start` is where the TOML begins in `file_text`), with a suggestion
/// for a misspelt key.
pub fn toml_error(
    path: &Path,
    file_text: &str,
    toml_start: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let message = error.message().trim().to_string();
    let offset = toml_start + error.span().map_or(0, |s| s.start);
    let help = unknown_field_suggestion(&message);
    Diagnostic::error(path, message)
        .at(file_text, offset)
        .with_help_opt(help)
}

/// serde words an unknown key as "unknown field `x`, expected one of `a`, `b`":
/// the first quoted name is the key, the rest are the accepted ones.
fn unknown_field_suggestion(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field ")?;
    let mut quoted = rest.split('`').skip(1).step_by(2);
    let key = quoted.next()?;
    let expected: Vec<&str> = quoted.collect();
    match did_you_mean(key, expected.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None if !expected.is_empty() => Some(format!(
            "the keys allowed here are {}",
            expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_gets_a_suggestion() {
        let help =
            unknown_field_suggestion("unknown field `sumary`, expected one of `title`, `summary`");
        assert_eq!(help.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn decode_strips_bom_and_finds_bad_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        let err = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!(err, Position { line: 2, column: 3 });
    }

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "a\nbé c\nd";
        let (p, line) = locate(text, text.find('c').unwrap());
        assert_eq!(p, Position { line: 2, column: 4 });
        assert_eq!(line.text, "bé c");
    }

    #[test]
    fn locate_ignores_carriage_returns() {
        let (p, line) = locate("x\r\nyz\r\n", 4);
        assert_eq!(p, Position { line: 2, column: 2 });
        assert_eq!(line.text, "yz");
    }

    /// The index places every offset as reading the text does, across
    /// strides, multi-byte characters, long lines, offsets inside a
    /// character or past the end, and a line ending longer than is shown.
    #[test]
    fn the_index_agrees_with_reading_the_text() {
        let line = "ab é 𝄞 ".repeat(1_500);
        let text = format!(
            "x\r\n{line}\n\n{}\r\nend\ntitle = \"{}\nz",
            "ش".repeat(5_000),
            "\r".repeat(150)
        );
        let index = TextIndex::new(&text);
        let crlf = text.find("\r\nend").unwrap();
        let cr = text.rfind('\r').unwrap();
        let ends = [text.len(), 1, 2, 3, crlf, crlf + 1, crlf - 1, cr, cr - 70];
        for offset in (0..text.len() + 3).step_by(7).chain(ends) {
            let (p, l) = locate(&text, offset);
            let (q, m) = index.locate(&text, offset);
            assert_eq!(
                (p, l.text, l.before),
                (q, m.text, m.before),
                "offset {offset}"
            );
            // What is kept is what the whole line shows at that column,
            // a line ending pointed at included.
            let kept = Diagnostic::error("a", "b")
                .at(&text, offset)
                .snippet
                .unwrap();
            let (shown, caret) = excerpt(l.text, p.column - 1);
            assert_eq!(
                (&*kept.0, kept.1),
                (shown.as_str(), caret),
                "offset {offset}"
            );
            let shown = |d: Diagnostic| d.snippet;
            assert_eq!(
                shown(Diagnostic::error("a", "b").at(&text, offset)),
                shown(Diagnostic::error("a", "b").at_indexed(&text, &index, offset)),
            );
        }
    }

    /// What is kept of a line is what is shown, read from around the
    /// column alone.
    #[test]
    fn the_snippet_is_the_excerpt_of_its_line() {
        let line = format!("{}é{}", "α".repeat(300), "b".repeat(300));
        for column in [0, 1, 59, 60, 61, 62, 120, 300, 301, 540, 541, 600, 601] {
            let at = line
                .char_indices()
                .nth(column)
                .map_or(line.len(), |(i, _)| i);
            let d = Diagnostic::error("a", "b").at(&line, at);
            let (shown, caret) = d.snippet.clone().unwrap();
            assert_eq!(
                (shown.into_string(), caret),
                excerpt(&line, column),
                "{column}"
            );
        }
    }

    #[test]
    fn suggests_close_words_only() {
        let fields = ["title", "summary", "date"];
        assert_eq!(did_you_mean("sumary", fields), Some("summary"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn display_has_file_line_column() {
        let d = Diagnostic::error("content/a.md", "bad").at("x\nyy", 3);
        let shown = d.to_string();
        assert!(shown.starts_with("content/a.md:2:2: error: bad"), "{shown}");
    }

    #[test]
    fn a_long_line_is_shown_around_its_column() {
        let line = format!("{}X{}", "a".repeat(100_000), "b".repeat(100_000));
        let d = Diagnostic::error("content/a.md", "bad").at(&line, 100_000);
        let shown = d.to_string();
        assert!(shown.len() < 600, "{} bytes shown", shown.len());
        let source = format!("…{}X{}…", "a".repeat(SHOWN), "b".repeat(SHOWN));
        assert!(shown.contains(&source), "{shown}");
        let caret = format!("| {}^", " ".repeat(SHOWN + 1));
        assert!(shown.contains(&caret), "{shown}");
        assert_eq!(excerpt("short", 2), ("short".to_string(), 2));
    }
}
