//! HTML read as a stream of tags and text by html5ever's tokenizer, as a
//! browser reads it before building a tree. A tree builder would hide the
//! faults looked for: it closes an `<a>` opened inside another.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A start tag: its name, and its attributes as written, in order.
    Open {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Close(String),
    /// Text with character references decoded; adjacent text is one piece.
    Text(String),
    Comment(String),
}

#[derive(Default)]
struct Sink(RefCell<Vec<Piece>>);

impl Sink {
    fn text(&self, text: &str) {
        let mut pieces = self.0.borrow_mut();
        match pieces.last_mut() {
            Some(Piece::Text(last)) => last.push_str(text),
            _ => pieces.push(Piece::Text(text.to_string())),
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                // What the tree builder would tell the tokenizer: the text
                // of these elements is not markup.
                let after = match name.as_str() {
                    _ if tag.kind == TagKind::EndTag => TokenSinkResult::Continue,
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                };
                let piece = match tag.kind {
                    TagKind::StartTag => Piece::Open {
                        name,
                        attrs: (tag.attrs.iter())
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect(),
                    },
                    TagKind::EndTag => Piece::Close(name),
                };
                self.0.borrow_mut().push(piece);
                after
            }
            Token::CharacterTokens(text) => {
                self.text(&text);
                TokenSinkResult::Continue
            }
            Token::NullCharacterToken => {
                self.text("\0");
                TokenSinkResult::Continue
            }
            Token::CommentToken(text) => {
                self.0.borrow_mut().push(Piece::Comment(text.to_string()));
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The pieces of `html`, a fragment of a page's body.
pub fn pieces(html: &str) -> Vec<Piece> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}
