//! The rights a picture file carries inside itself.
//!
//! Archives such as the Library of Congress and Wikimedia Commons write who
//! made a picture and under what terms into the file, in up to three kinds of
//! metadata:
//!
//! - **EXIF**: the `Artist` and `Copyright` tags, and `Orientation`.
//! - **XMP**: an RDF/XML packet with `dc:creator`, `dc:rights`,
//!   `photoshop:Credit` and `xmpRights:WebStatement`.
//! - **IPTC-IIM**: a short run of binary datasets (By-line, Credit, Copyright
//!   Notice), in JPEG wrapped in Photoshop's `8BIM` resources.
//!
//! [`read`] gathers them from JPEG, PNG, WebP and TIFF files and picks one
//! credit, one rights statement and one web page, each labelled with where it
//! came from so the credits page can say so. It never fails: a file that
//! cannot be read, or carries nothing, gives [`Embedded::default`]. Decoding
//! the picture itself, and reporting errors in doing so, is the caller's job.
//!
//! Where each format's metadata comes from:
//!
//! | format | EXIF (`kamadak-exif`) | XMP (`image`)      | IPTC (`image`, else EXIF IFD0)       |
//! |--------|-----------------------|--------------------|--------------------------------------|
//! | JPEG   | APP1 `Exif`           | APP1 XMP           | APP13 `Photoshop 3.0`                |
//! | PNG    | `eXIf` chunk          | `iTXt` XMP chunk   | `Raw profile type iptc/8bim` text    |
//! | WebP   | `EXIF` chunk          | `XMP ` chunk       | none (WebP has no IPTC chunk)        |
//! | TIFF   | IFD0 tags             | tag 700            | tag 33723 (IPTC-NAA) or 34377 (8BIM) |

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use exif::{Context, In, Tag, Value};
use image::ImageDecoder;
use serde::{Deserialize, Serialize};

/// One value and where in the file it came from, as the credits page says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    /// The value, trimmed; never empty.
    pub value: String,
    /// Where it came from, e.g. "XMP photoshop:Credit" or "EXIF Artist".
    pub from: String,
}

/// What a picture file says about its own rights.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embedded {
    /// Who to credit: the first present of XMP photoshop:Credit, IPTC Credit,
    /// XMP dc:creator, IPTC By-line, EXIF Artist.
    pub credit: Option<Found>,
    /// The rights statement: the first of XMP dc:rights, IPTC Copyright
    /// Notice, EXIF Copyright.
    pub license: Option<Found>,
    /// A web page about the rights: XMP xmpRights:WebStatement (http/https only).
    pub source: Option<Found>,
    /// EXIF orientation 1..=8; 1 when absent or invalid.
    pub orientation: u8,
}

impl Default for Embedded {
    /// Nothing found, and the picture upright (orientation 1).
    fn default() -> Self {
        Embedded {
            credit: None,
            license: None,
            source: None,
            orientation: 1,
        }
    }
}

/// Reads the rights embedded in the picture at `path`.
///
/// Unreadable or missing metadata gives [`Embedded::default`]; this never
/// panics and never returns an error.
pub fn read(path: &Path) -> Embedded {
    let exif = read_exif(path);
    let (xmp_packet, iptc_block) = decoder_metadata(path);
    // For TIFF the `image` crate offers no IPTC, and its XMP only when the
    // packet is small beside the picture; so fall back on the copies that
    // EXIF found among the TIFF tags of IFD0.
    let xmp = xmp_packet
        .or(exif.xmp)
        .map(|packet| parse_xmp(&packet))
        .unwrap_or_default();
    let iptc = iptc_block
        .or(exif.iptc)
        .map(|block| parse_iptc(&block))
        .unwrap_or_default();
    Embedded {
        credit: xmp
            .credit
            .or(iptc.credit)
            .or(xmp.creator)
            .or(iptc.by_line)
            .or(exif.artist),
        license: xmp.rights.or(iptc.copyright).or(exif.copyright),
        source: xmp.web_statement,
        orientation: exif.orientation.unwrap_or(1),
    }
}

/// Makes a [`Found`] from a raw value, or `None` when it is blank.
fn found(value: &str, from: &str) -> Option<Found> {
    let value = value.trim();
    (!value.is_empty()).then(|| Found {
        value: value.to_owned(),
        from: from.to_owned(),
    })
}

/// Joins the non-blank parts, trimmed, with "; ".
fn join<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<&str> = parts
        .into_iter()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    parts.join("; ")
}

/// Asks the `image` crate's decoder for the raw XMP packet and IPTC block.
fn decoder_metadata(path: &Path) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let decoder = image::ImageReader::open(path)
        .and_then(|reader| reader.with_guessed_format())
        .ok()
        .and_then(|reader| reader.into_decoder().ok());
    let Some(mut decoder) = decoder else {
        return (None, None);
    };
    let xmp = decoder.xmp_metadata().ok().flatten();
    let iptc = decoder.iptc_metadata().ok().flatten();
    (xmp, iptc)
}

// ---------------------------------------------------------------------------
// EXIF
// ---------------------------------------------------------------------------

/// What the EXIF block said.
#[derive(Default)]
struct ExifFields {
    /// The `Artist` tag.
    artist: Option<Found>,
    /// The `Copyright` tag.
    copyright: Option<Found>,
    /// `Orientation`, when present and in 1..=8.
    orientation: Option<u8>,
    /// A raw XMP packet stored as a TIFF tag in IFD0 (TIFF files keep it there).
    xmp: Option<Vec<u8>>,
    /// A raw IPTC block stored as a TIFF tag in IFD0.
    iptc: Option<Vec<u8>>,
}

/// TIFF tag 700 (XMP): the XMP packet.
const TAG_XMP: Tag = Tag(Context::Tiff, 700);
/// TIFF tag 33723 (IPTC-NAA): raw IIM datasets.
const TAG_IPTC_NAA: Tag = Tag(Context::Tiff, 33723);
/// TIFF tag 34377 (Photoshop): `8BIM` resources, IIM in resource 0x0404.
const TAG_PHOTOSHOP: Tag = Tag(Context::Tiff, 34377);

/// Reads the EXIF fields of the file at `path`; nothing on any failure.
fn read_exif(path: &Path) -> ExifFields {
    let Ok(file) = File::open(path) else {
        return ExifFields::default();
    };
    let Ok(exif) = exif::Reader::new().read_from_container(&mut BufReader::new(file)) else {
        return ExifFields::default();
    };
    let text = |tag: Tag, from: &str| {
        let field = exif.get_field(tag, In::PRIMARY)?;
        found(&exif_text(&field.value)?, from)
    };
    let orientation = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|field| field.value.get_uint(0))
        .and_then(|value| u8::try_from(value).ok())
        .filter(|value| (1..=8).contains(value));
    ExifFields {
        artist: text(Tag::Artist, "EXIF Artist"),
        copyright: text(Tag::Copyright, "EXIF Copyright"),
        orientation,
        xmp: raw_bytes(&exif, TAG_XMP),
        iptc: raw_bytes(&exif, TAG_IPTC_NAA).or_else(|| raw_bytes(&exif, TAG_PHOTOSHOP)),
    }
}

/// The bytes of a tag in IFD0 that holds a block of some other format.
fn raw_bytes(exif: &exif::Exif, tag: Tag) -> Option<Vec<u8>> {
    match &exif.get_field(tag, In::PRIMARY)?.value {
        Value::Undefined(bytes, _) | Value::Byte(bytes) => Some(bytes.clone()),
        // Photoshop declares IPTC-NAA as LONGs; put the bytes back in the
        // order they had in the file.
        Value::Long(words) => Some(
            words
                .iter()
                .flat_map(|word| match exif.little_endian() {
                    true => word.to_le_bytes(),
                    false => word.to_be_bytes(),
                })
                .collect(),
        ),
        _ => None,
    }
}

/// The text of an EXIF string value.
///
/// An ASCII value may hold several NUL-separated strings (`Copyright` holds the
/// photographer's and the editor's); they are joined with "; ". Bytes are
/// read as UTF-8, as many writers put UTF-8 there despite the spec.
fn exif_text(value: &Value) -> Option<String> {
    match value {
        Value::Ascii(parts) => {
            let parts: Vec<_> = parts.iter().map(|p| String::from_utf8_lossy(p)).collect();
            Some(join(parts.iter().map(|p| p.as_ref())))
        }
        Value::Undefined(bytes, _) | Value::Byte(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            Some(join(text.split('\0')))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// XMP
// ---------------------------------------------------------------------------

/// The RDF namespace, which frames every XMP packet.
const NS_RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// Dublin Core: `dc:creator`, `dc:rights`.
const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
/// Photoshop: `photoshop:Credit`.
const NS_PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
/// XMP Rights Management: `xmpRights:WebStatement`.
const NS_XMP_RIGHTS: &str = "http://ns.adobe.com/xap/1.0/rights/";

/// What the XMP packet said.
#[derive(Default)]
struct XmpFields {
    /// `photoshop:Credit`.
    credit: Option<Found>,
    /// `dc:creator`, all names joined.
    creator: Option<Found>,
    /// `dc:rights`, in the default language.
    rights: Option<Found>,
    /// `xmpRights:WebStatement`, when it is an http(s) URL.
    web_statement: Option<Found>,
}

/// How to turn a property's list of items (`rdf:li`) into one value.
#[derive(Clone, Copy)]
enum Pick {
    /// All items, joined with "; " (the creators of a work).
    All,
    /// The `x-default` language item, else the first (a translated text).
    Default,
}

/// Parses an XMP packet; nothing when it is not well-formed XML.
fn parse_xmp(packet: &[u8]) -> XmpFields {
    let text = String::from_utf8_lossy(packet);
    // Packets are often padded with whitespace or NULs, which XML forbids
    // after the root element.
    let text = text.trim_matches(|c: char| c == '\0' || c == '\u{feff}' || c.is_whitespace());
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return XmpFields::default();
    };
    let get = |ns, name, pick| xmp_property(&doc, ns, name, pick);
    XmpFields {
        credit: get(NS_PHOTOSHOP, "Credit", Pick::Default)
            .and_then(|v| found(&v, "XMP photoshop:Credit")),
        creator: get(NS_DC, "creator", Pick::All).and_then(|v| found(&v, "XMP dc:creator")),
        rights: get(NS_DC, "rights", Pick::Default).and_then(|v| found(&v, "XMP dc:rights")),
        web_statement: get(NS_XMP_RIGHTS, "WebStatement", Pick::Default)
            .filter(|v| is_web_url(v))
            .and_then(|v| found(&v, "XMP xmpRights:WebStatement")),
    }
}

/// Whether `node` is the RDF element `name` (e.g. `rdf:li`).
fn is_rdf(node: &roxmltree::Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(NS_RDF)
        && node.tag_name().name() == name
}

/// The first non-blank value of property `ns`:`name` in the packet.
///
/// XMP puts properties in `rdf:Description` elements, either as attributes
/// (`<rdf:Description photoshop:Credit="...">`) or as child elements; both
/// are read. Names are matched by namespace URI, not by prefix.
fn xmp_property(doc: &roxmltree::Document, ns: &str, name: &str, pick: Pick) -> Option<String> {
    doc.descendants()
        .filter(|node| is_rdf(node, "Description"))
        .flat_map(|description| {
            let attribute = description.attribute((ns, name)).map(str::to_owned);
            let elements = description
                .children()
                .filter(move |child| {
                    child.is_element()
                        && child.tag_name().namespace() == Some(ns)
                        && child.tag_name().name() == name
                })
                .filter_map(move |element| xmp_element_value(element, pick));
            attribute.into_iter().chain(elements)
        })
        .map(|value| value.trim().to_owned())
        .find(|value| !value.is_empty())
}

/// The value of a property element: the items of its `rdf:Seq`, `rdf:Bag` or
/// `rdf:Alt` as `pick` says, else its `rdf:resource` or its text.
fn xmp_element_value(element: roxmltree::Node, pick: Pick) -> Option<String> {
    let list = element
        .children()
        .find(|child| ["Seq", "Bag", "Alt"].iter().any(|kind| is_rdf(child, kind)));
    let Some(list) = list else {
        let value = element.attribute((NS_RDF, "resource")).or(element.text());
        return value.map(str::to_owned);
    };
    let items: Vec<roxmltree::Node> = list
        .children()
        .filter(|child| is_rdf(child, "li"))
        .filter(|item| item.text().is_some_and(|text| !text.trim().is_empty()))
        .collect();
    match pick {
        Pick::All => Some(join(items.iter().filter_map(|item| item.text()))),
        Pick::Default => items
            .iter()
            .find(|item| {
                item.attribute((roxmltree::NS_XML_URI, "lang"))
                    .is_some_and(|lang| lang.eq_ignore_ascii_case("x-default"))
            })
            .or(items.first())
            .and_then(|item| item.text())
            .map(str::to_owned),
    }
}

/// Whether `value` looks like an absolute http or https URL with a host.
fn is_web_url(value: &str) -> bool {
    let has_scheme = |scheme: &str| {
        value
            .get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
    };
    let Some(scheme) = ["https://", "http://"].into_iter().find(|s| has_scheme(s)) else {
        return false;
    };
    let host = value.get(scheme.len()..).unwrap_or_default();
    !host.is_empty()
        && !host.starts_with('/')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

// ---------------------------------------------------------------------------
// IPTC-IIM
// ---------------------------------------------------------------------------

/// What the IPTC datasets said (record 2, the "application" record).
#[derive(Default)]
struct IptcFields {
    /// 2:110 Credit.
    credit: Option<Found>,
    /// 2:80 By-line, every one of them joined.
    by_line: Option<Found>,
    /// 2:116 Copyright Notice.
    copyright: Option<Found>,
}

/// The signature that starts a JPEG APP13 block.
const PHOTOSHOP_SIGNATURE: &[u8] = b"Photoshop 3.0\0";
/// The Photoshop resource that holds IPTC-IIM datasets.
const RESOURCE_IPTC: u16 = 0x0404;
/// The byte that starts every IIM dataset.
const IIM_TAG_MARKER: u8 = 0x1C;

/// Parses an IPTC block as a decoder or a TIFF tag hands it over.
///
/// It may be bare IIM datasets, `8BIM` resources (with or without the
/// "Photoshop 3.0" signature), or either of those hex-encoded in the text of a
/// PNG "Raw profile type" chunk.
fn parse_iptc(block: &[u8]) -> IptcFields {
    if let Some(iim) = find_iim(block) {
        return parse_iim(iim);
    }
    decode_raw_profile(block)
        .as_deref()
        .and_then(find_iim)
        .map(parse_iim)
        .unwrap_or_default()
}

/// The IIM datasets inside `block`, bare or in `8BIM` resources.
fn find_iim(block: &[u8]) -> Option<&[u8]> {
    let block = block.strip_prefix(PHOTOSHOP_SIGNATURE).unwrap_or(block);
    match block.first() {
        Some(&IIM_TAG_MARKER) => Some(block),
        _ if block.starts_with(b"8BIM") => iptc_resource(block),
        _ => None,
    }
}

/// The data of resource 0x0404 in a run of Photoshop `8BIM` resources.
///
/// Each resource is: "8BIM", a 2-byte id, a Pascal-string name padded to an
/// even length, a 4-byte data size, then the data padded to an even length.
/// All numbers are big-endian.
fn iptc_resource(mut rest: &[u8]) -> Option<&[u8]> {
    while let [b'8', b'B', b'I', b'M', id_high, id_low, name_len, tail @ ..] = rest {
        // The length byte and the name together take an even number of bytes.
        let name_and_pad = (usize::from(*name_len) + 1).next_multiple_of(2) - 1;
        let tail = tail.get(name_and_pad..)?;
        let (size, tail) = tail.split_first_chunk::<4>()?;
        let size = usize::try_from(u32::from_be_bytes(*size)).ok()?;
        let (data, tail) = tail.split_at_checked(size)?;
        if u16::from_be_bytes([*id_high, *id_low]) == RESOURCE_IPTC {
            return Some(data);
        }
        rest = tail.get(size % 2..).unwrap_or_default();
    }
    None
}

/// Reads the credit datasets of record 2 from a run of IIM datasets.
///
/// Each dataset is: the marker 0x1C, the record number, the dataset number, a
/// 2-byte big-endian length, then the value. When the length's high bit is
/// set, its other 15 bits count the bytes of the real length that follow (an
/// "extended" dataset). Reading stops at the first byte that is not a marker
/// or at a length that runs past the end.
fn parse_iim(mut rest: &[u8]) -> IptcFields {
    let mut by_lines = Vec::new();
    let mut credit = None;
    let mut copyright = None;
    while let [IIM_TAG_MARKER, record, dataset, high, low, tail @ ..] = rest {
        let declared = u16::from_be_bytes([*high, *low]);
        let (length, tail) = if declared & 0x8000 == 0 {
            (usize::from(declared), tail)
        } else {
            let Some((length_bytes, tail)) = tail.split_at_checked(usize::from(declared & 0x7FFF))
            else {
                break;
            };
            let Some(length) = big_endian(length_bytes) else {
                break;
            };
            (length, tail)
        };
        let Some((value, tail)) = tail.split_at_checked(length) else {
            break;
        };
        rest = tail;
        if *record != 2 {
            continue;
        }
        let value = String::from_utf8_lossy(value);
        match dataset {
            80 => by_lines.push(value.into_owned()),
            110 if credit.is_none() => credit = found(&value, "IPTC Credit"),
            116 if copyright.is_none() => copyright = found(&value, "IPTC Copyright Notice"),
            _ => {}
        }
    }
    IptcFields {
        credit,
        by_line: found(&join(by_lines.iter().map(String::as_str)), "IPTC By-line"),
        copyright,
    }
}

/// A big-endian unsigned number of any width; `None` if it overflows `usize`.
fn big_endian(bytes: &[u8]) -> Option<usize> {
    bytes.iter().try_fold(0usize, |number, &byte| {
        number.checked_mul(256)?.checked_add(usize::from(byte))
    })
}

/// Decodes the text of a PNG "Raw profile type" chunk, as ImageMagick and
/// ExifTool write it: a name line, the byte count, then the bytes in hex.
fn decode_raw_profile(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let mut words = text.split_ascii_whitespace();
    let _name = words.next()?;
    let length: usize = words.next()?.parse().ok()?;
    let digits: Vec<u8> = words
        .flat_map(str::bytes)
        .take(length.saturating_mul(2))
        .collect();
    digits
        .chunks_exact(2)
        .map(|pair| Some((hex_digit(pair[0])? << 4) | hex_digit(pair[1])?))
        .collect()
}

/// The value of one hex digit.
fn hex_digit(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ExtendedColorType, ImageEncoder};
    use std::path::PathBuf;

    // --- Building fixtures --------------------------------------------------

    /// TIFF field types used by the fixtures.
    const BYTE: u16 = 1;
    const ASCII: u16 = 2;
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const UNDEFINED: u16 = 7;

    /// One IFD entry: tag, field type, and the value's bytes (little-endian).
    type Entry = (u16, u16, Vec<u8>);

    /// An ASCII entry, NUL-terminated. `text` may itself hold NULs.
    fn ascii(tag: u16, text: &str) -> Entry {
        let mut bytes = text.as_bytes().to_vec();
        bytes.push(0);
        (tag, ASCII, bytes)
    }

    /// A SHORT entry holding one number.
    fn short(tag: u16, value: u16) -> Entry {
        (tag, SHORT, value.to_le_bytes().to_vec())
    }

    /// A LONG entry holding one number.
    fn long(tag: u16, value: u32) -> Entry {
        (tag, LONG, value.to_le_bytes().to_vec())
    }

    /// A little-endian TIFF: header, then IFD0 with `entries`; values longer
    /// than four bytes follow the IFD.
    fn tiff(entries: &[Entry]) -> Vec<u8> {
        let mut entries = entries.to_vec();
        entries.sort_by_key(|entry| entry.0);
        let count = u16::try_from(entries.len()).unwrap();
        let mut data_at = 8 + 2 + 12 * entries.len() + 4;
        let mut out = b"II*\0".to_vec();
        out.extend(8u32.to_le_bytes());
        out.extend(count.to_le_bytes());
        let mut data = Vec::new();
        for (tag, kind, bytes) in &entries {
            let width = match *kind {
                SHORT => 2,
                LONG => 4,
                _ => 1,
            };
            out.extend(tag.to_le_bytes());
            out.extend(kind.to_le_bytes());
            out.extend(u32::try_from(bytes.len() / width).unwrap().to_le_bytes());
            if bytes.len() <= 4 {
                let mut inline = bytes.clone();
                inline.resize(4, 0);
                out.extend(inline);
            } else {
                out.extend(u32::try_from(data_at).unwrap().to_le_bytes());
                data.extend(bytes);
                if bytes.len() % 2 == 1 {
                    data.push(0);
                }
                data_at += bytes.len().div_ceil(2) * 2;
            }
        }
        out.extend(0u32.to_le_bytes());
        out.extend(data);
        out
    }

    /// A JPEG marker segment: 0xFF, the marker, the length, the payload.
    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        out.extend(payload);
        out
    }

    /// An APP1 Exif segment around a TIFF block.
    fn exif_segment(tiff: &[u8]) -> Vec<u8> {
        segment(0xE1, &[b"Exif\0\0", tiff].concat())
    }

    /// An APP1 XMP segment around a packet.
    fn xmp_segment(packet: &str) -> Vec<u8> {
        segment(
            0xE1,
            &[b"http://ns.adobe.com/xap/1.0/\0", packet.as_bytes()].concat(),
        )
    }

    /// An APP13 Photoshop segment with IIM datasets in resource 0x0404.
    fn iptc_segment(iim: &[u8]) -> Vec<u8> {
        let resources = [resource(0x03ED, b"resolution"), resource(0x0404, iim)].concat();
        segment(0xED, &[PHOTOSHOP_SIGNATURE, &resources].concat())
    }

    /// One `8BIM` resource with an empty name.
    fn resource(id: u16, data: &[u8]) -> Vec<u8> {
        let mut out = b"8BIM".to_vec();
        out.extend(id.to_be_bytes());
        out.extend([0, 0]); // empty Pascal name, padded to even
        out.extend(u32::try_from(data.len()).unwrap().to_be_bytes());
        out.extend(data);
        if data.len() % 2 == 1 {
            out.push(0);
        }
        out
    }

    /// One IIM dataset in record 2.
    fn dataset(number: u8, value: &str) -> Vec<u8> {
        let mut out = vec![IIM_TAG_MARKER, 2, number];
        out.extend(u16::try_from(value.len()).unwrap().to_be_bytes());
        out.extend(value.as_bytes());
        out
    }

    /// An XMP packet around `descriptions` (one or more rdf:Description).
    fn xmp(descriptions: &str) -> String {
        format!(
            "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
             <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
             <rdf:RDF xmlns:rdf=\"{NS_RDF}\" xmlns:dc=\"{NS_DC}\" \
             xmlns:photoshop=\"{NS_PHOTOSHOP}\" xmlns:xmpRights=\"{NS_XMP_RIGHTS}\">\
             {descriptions}</rdf:RDF></x:xmpmeta>\n   \n<?xpacket end=\"w\"?>"
        )
    }

    /// A 2x2 grey picture's pixels.
    const PIXELS: [u8; 12] = [128; 12];

    /// A small JPEG with `segments` spliced in right after SOI.
    fn jpeg(segments: &[Vec<u8>]) -> Vec<u8> {
        let mut encoded = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut encoded)
            .write_image(&PIXELS, 2, 2, ExtendedColorType::Rgb8)
            .unwrap();
        [&encoded[..2], &segments.concat(), &encoded[2..]].concat()
    }

    /// CRC-32 as PNG uses it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// One PNG chunk.
    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        out.extend(kind);
        out.extend(data);
        out.extend(crc32(&[kind.as_slice(), data].concat()).to_be_bytes());
        out
    }

    /// A small PNG with `chunks` spliced in right after IHDR.
    fn png(chunks: &[Vec<u8>]) -> Vec<u8> {
        let mut encoded = Vec::new();
        image::codecs::png::PngEncoder::new(&mut encoded)
            .write_image(&PIXELS, 2, 2, ExtendedColorType::Rgb8)
            .unwrap();
        let after_ihdr = 8 + 8 + 13 + 4;
        assert_eq!(&encoded[12..16], b"IHDR");
        [
            &encoded[..after_ihdr],
            &chunks.concat(),
            &encoded[after_ihdr..],
        ]
        .concat()
    }

    /// One RIFF chunk, padded to an even length.
    fn riff_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_vec();
        out.extend(u32::try_from(data.len()).unwrap().to_le_bytes());
        out.extend(data);
        if data.len() % 2 == 1 {
            out.push(0);
        }
        out
    }

    /// A small extended (VP8X) WebP with EXIF and XMP chunks.
    fn webp(exif: &[u8], xmp: &str) -> Vec<u8> {
        let mut encoded = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut encoded)
            .write_image(&PIXELS, 2, 2, ExtendedColorType::Rgb8)
            .unwrap();
        // VP8X: flags (EXIF 0x08, XMP 0x04), 3 reserved bytes, then the
        // canvas width and height less one, 24 bits each.
        let header = [0x08 | 0x04, 0, 0, 0, 1, 0, 0, 1, 0, 0];
        let body = [
            b"WEBP".as_slice(),
            &riff_chunk(b"VP8X", &header),
            &encoded[12..], // the encoder's VP8L chunk
            &riff_chunk(b"EXIF", exif),
            &riff_chunk(b"XMP ", xmp.as_bytes()),
        ]
        .concat();
        let size = u32::try_from(body.len()).unwrap().to_le_bytes();
        [b"RIFF".as_slice(), &size, &body].concat()
    }

    /// The entries of a 1x1 8-bit grey TIFF. Its one pixel is the file's
    /// first byte (strip offset 0): any byte will do.
    fn tiff_picture() -> Vec<Entry> {
        vec![
            long(256, 1),
            long(257, 1),
            short(258, 8),
            short(259, 1),
            short(262, 1),
            long(273, 0),
            short(277, 1),
            long(278, 1),
            long(279, 1),
        ]
    }

    /// Writes `bytes` to a file named `name` in `dir`.
    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Writes `bytes` to a fresh file and reads it back.
    fn read_bytes(name: &str, bytes: &[u8]) -> Embedded {
        let dir = tempfile::tempdir().unwrap();
        read(&write(&dir, name, bytes))
    }

    /// A `Found` for comparisons.
    fn at(value: &str, from: &str) -> Option<Found> {
        Some(Found {
            value: value.into(),
            from: from.into(),
        })
    }

    /// A JPEG with every source of credit and rights at once.
    fn full_jpeg() -> Vec<u8> {
        let exif = tiff(&[
            ascii(0x013B, "Exif Artist"),
            ascii(0x8298, "Exif Copyright"),
            short(0x0112, 6),
        ]);
        let packet = xmp("<rdf:Description rdf:about=\"\">\
             <photoshop:Credit>Library of Congress</photoshop:Credit>\
             <dc:creator><rdf:Seq><rdf:li>Frances B. Johnston</rdf:li>\
             <rdf:li> Jane Roe </rdf:li></rdf:Seq></dc:creator>\
             <dc:rights><rdf:Alt><rdf:li xml:lang=\"fr\">Domaine public</rdf:li>\
             <rdf:li xml:lang=\"x-default\">No known restrictions</rdf:li></rdf:Alt></dc:rights>\
             <xmpRights:WebStatement>https://www.loc.gov/rr/print/res/rights.html</xmpRights:WebStatement>\
             </rdf:Description>");
        let iim = [
            dataset(80, "Iptc By-line"),
            dataset(110, "Iptc Credit"),
            dataset(116, "Iptc Copyright"),
        ]
        .concat();
        jpeg(&[
            exif_segment(&exif),
            xmp_segment(&packet),
            iptc_segment(&iim),
        ])
    }

    // --- Tests --------------------------------------------------------------

    #[test]
    fn jpeg_prefers_xmp_and_labels_each_value() {
        let embedded = read_bytes("full.jpg", &full_jpeg());
        assert_eq!(
            embedded,
            Embedded {
                credit: at("Library of Congress", "XMP photoshop:Credit"),
                license: at("No known restrictions", "XMP dc:rights"),
                source: at(
                    "https://www.loc.gov/rr/print/res/rights.html",
                    "XMP xmpRights:WebStatement"
                ),
                orientation: 6,
            }
        );
    }

    /// Fills the five credit sources, blanking the first `blank` of them
    /// (whitespace only), so the next one should win.
    fn credit_jpeg(blank: usize) -> Vec<u8> {
        let value = |index: usize, text: &'static str| if index < blank { "  " } else { text };
        let packet = xmp(&format!(
            "<rdf:Description rdf:about=\"\" photoshop:Credit=\"{}\">\
             <dc:creator><rdf:Bag><rdf:li>{}</rdf:li><rdf:li> </rdf:li></rdf:Bag></dc:creator>\
             </rdf:Description>",
            value(0, "Xmp Credit"),
            value(2, "Xmp Creator"),
        ));
        let iim = [
            dataset(110, value(1, "Iptc Credit")),
            dataset(80, value(3, "Iptc By-line")),
        ]
        .concat();
        let exif = tiff(&[ascii(0x013B, value(4, "Exif Artist"))]);
        jpeg(&[
            exif_segment(&exif),
            xmp_segment(&packet),
            iptc_segment(&iim),
        ])
    }

    #[test]
    fn credit_falls_through_blank_sources_in_order() {
        let expected = [
            ("Xmp Credit", "XMP photoshop:Credit"),
            ("Iptc Credit", "IPTC Credit"),
            ("Xmp Creator", "XMP dc:creator"),
            ("Iptc By-line", "IPTC By-line"),
            ("Exif Artist", "EXIF Artist"),
        ];
        for (blank, (value, from)) in expected.into_iter().enumerate() {
            let embedded = read_bytes("credit.jpg", &credit_jpeg(blank));
            assert_eq!(embedded.credit, at(value, from), "{blank} blank");
        }
        assert_eq!(read_bytes("credit.jpg", &credit_jpeg(5)).credit, None);
    }

    /// Fills the three rights sources, blanking the first `blank` of them.
    fn license_jpeg(blank: usize) -> Vec<u8> {
        let value = |index: usize, text: &'static str| if index < blank { " " } else { text };
        let packet = xmp(&format!(
            "<rdf:Description><dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{}\
             </rdf:li></rdf:Alt></dc:rights></rdf:Description>",
            value(0, "Xmp Rights")
        ));
        let iim = dataset(116, value(1, "Iptc Copyright"));
        let exif = tiff(&[ascii(0x8298, value(2, "Exif Copyright"))]);
        jpeg(&[
            exif_segment(&exif),
            xmp_segment(&packet),
            iptc_segment(&iim),
        ])
    }

    #[test]
    fn license_falls_through_blank_sources_in_order() {
        let expected = [
            ("Xmp Rights", "XMP dc:rights"),
            ("Iptc Copyright", "IPTC Copyright Notice"),
            ("Exif Copyright", "EXIF Copyright"),
        ];
        for (blank, (value, from)) in expected.into_iter().enumerate() {
            let embedded = read_bytes("rights.jpg", &license_jpeg(blank));
            assert_eq!(embedded.license, at(value, from), "{blank} blank");
        }
        assert_eq!(read_bytes("rights.jpg", &license_jpeg(3)).license, None);
    }

    #[test]
    fn exif_alone_gives_artist_copyright_and_orientation() {
        let exif = tiff(&[
            ascii(0x013B, " Alfred Stieglitz "),
            // Photographer's and editor's copyright, NUL-separated.
            ascii(0x8298, "Public domain\0Archive edition"),
            short(0x0112, 8),
        ]);
        let embedded = read_bytes("exif.jpg", &jpeg(&[exif_segment(&exif)]));
        assert_eq!(embedded.credit, at("Alfred Stieglitz", "EXIF Artist"));
        assert_eq!(
            embedded.license,
            at("Public domain; Archive edition", "EXIF Copyright")
        );
        assert_eq!(embedded.source, None);
        assert_eq!(embedded.orientation, 8);
    }

    #[test]
    fn orientation_outside_one_to_eight_or_absent_is_one() {
        for orientation in [0, 9, 300] {
            let exif = tiff(&[short(0x0112, orientation)]);
            let embedded = read_bytes("turned.jpg", &jpeg(&[exif_segment(&exif)]));
            assert_eq!(embedded.orientation, 1, "orientation {orientation}");
        }
        assert_eq!(read_bytes("plain.jpg", &jpeg(&[])), Embedded::default());
        assert_eq!(Embedded::default().orientation, 1);
    }

    #[test]
    fn iptc_by_lines_are_joined() {
        let iim = [
            dataset(80, "Dorothea Lange"),
            dataset(80, " "),
            dataset(80, "Walker Evans"),
        ]
        .concat();
        let embedded = read_bytes("bylines.jpg", &jpeg(&[iptc_segment(&iim)]));
        assert_eq!(
            embedded.credit,
            at("Dorothea Lange; Walker Evans", "IPTC By-line")
        );
    }

    #[test]
    fn xmp_matches_namespaces_not_prefixes() {
        // `ps` is the Photoshop namespace under another prefix, and is read;
        // `photoshop` here is bound to a different namespace, and is not.
        let packet = format!(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"{NS_RDF}\">\
             <rdf:Description xmlns:photoshop=\"http://example.com/not-photoshop/\" \
             photoshop:Credit=\"Impostor\"/>\
             <rdf:Description xmlns:ps=\"{NS_PHOTOSHOP}\" xmlns:r=\"{NS_XMP_RIGHTS}\" \
             ps:Credit=\"Wellcome Collection\" r:WebStatement=\"http://example.org/rights\"/>\
             </rdf:RDF></x:xmpmeta>"
        );
        let xmp = parse_xmp(packet.as_bytes());
        assert_eq!(
            xmp.credit,
            at("Wellcome Collection", "XMP photoshop:Credit")
        );
        assert_eq!(
            xmp.web_statement,
            at("http://example.org/rights", "XMP xmpRights:WebStatement")
        );
    }

    #[test]
    fn xmp_rights_prefers_x_default_else_first() {
        let rights = |items: &str| {
            let packet = xmp(&format!(
                "<rdf:Description><dc:rights><rdf:Alt>{items}</rdf:Alt></dc:rights></rdf:Description>"
            ));
            parse_xmp(packet.as_bytes()).rights.map(|found| found.value)
        };
        assert_eq!(
            rights(
                "<rdf:li xml:lang=\"de\">Gemeinfrei</rdf:li>\
                 <rdf:li xml:lang=\"x-default\">Public domain</rdf:li>"
            ),
            Some("Public domain".into())
        );
        assert_eq!(
            rights(
                "<rdf:li xml:lang=\"de\">Gemeinfrei</rdf:li>\
                 <rdf:li xml:lang=\"fr\">Domaine public</rdf:li>"
            ),
            Some("Gemeinfrei".into())
        );
        assert_eq!(rights("<rdf:li xml:lang=\"x-default\"> </rdf:li>"), None);
    }

    #[test]
    fn web_statement_must_be_http_or_https() {
        let statement = |url: &str| {
            let packet = xmp(&format!(
                "<rdf:Description><xmpRights:WebStatement>{url}</xmpRights:WebStatement>\
                 </rdf:Description>"
            ));
            parse_xmp(packet.as_bytes())
                .web_statement
                .map(|found| found.value)
        };
        for good in ["https://example.org/a?b=c", " HTTP://example.org "] {
            assert_eq!(statement(good), Some(good.trim().into()), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org/",
            "file:///etc/passwd",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "www.example.org",
            "",
        ] {
            assert_eq!(statement(bad), None, "{bad}");
        }
        // And through a real file: a rejected statement leaves no source.
        let packet = xmp(
            "<rdf:Description xmpRights:WebStatement=\"ftp://example.org/\" \
             photoshop:Credit=\"Kept\"/>",
        );
        let embedded = read_bytes("ftp.jpg", &jpeg(&[xmp_segment(&packet)]));
        assert_eq!(embedded.source, None);
        assert_eq!(embedded.credit, at("Kept", "XMP photoshop:Credit"));
    }

    #[test]
    fn png_reads_exif_xmp_and_raw_iptc_profile() {
        let exif = tiff(&[ascii(0x013B, "Png Artist"), short(0x0112, 3)]);
        let packet = xmp("<rdf:Description><dc:creator><rdf:Seq>\
             <rdf:li>Png Creator</rdf:li><rdf:li>Second Creator</rdf:li>\
             </rdf:Seq></dc:creator></rdf:Description>");
        let itxt = [b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), packet.as_bytes()].concat();
        // ImageMagick's hex form of an APP13 block, in lines of 72 digits.
        let iim = dataset(116, "Png Copyright");
        let block = [PHOTOSHOP_SIGNATURE, &resource(0x0404, &iim)].concat();
        let hex: String = block.iter().map(|byte| format!("{byte:02x}")).collect();
        let lines: Vec<&str> = hex
            .as_bytes()
            .chunks(72)
            .map(|line| std::str::from_utf8(line).unwrap())
            .collect();
        let profile = format!("\n8bim\n{:8}\n{}\n", block.len(), lines.join("\n"));
        let text = [b"Raw profile type 8bim\0".as_slice(), profile.as_bytes()].concat();
        let file = png(&[
            png_chunk(b"eXIf", &exif),
            png_chunk(b"iTXt", &itxt),
            png_chunk(b"tEXt", &text),
        ]);
        let embedded = read_bytes("picture.png", &file);
        assert_eq!(
            embedded.credit,
            at("Png Creator; Second Creator", "XMP dc:creator")
        );
        assert_eq!(
            embedded.license,
            at("Png Copyright", "IPTC Copyright Notice")
        );
        assert_eq!(embedded.orientation, 3);
    }

    #[test]
    fn webp_reads_exif_and_xmp_chunks() {
        let exif = tiff(&[ascii(0x8298, "Webp Copyright"), short(0x0112, 5)]);
        let packet = xmp("<rdf:Description photoshop:Credit=\"Webp Credit\"/>");
        let embedded = read_bytes("picture.webp", &webp(&exif, &packet));
        assert_eq!(embedded.credit, at("Webp Credit", "XMP photoshop:Credit"));
        assert_eq!(embedded.license, at("Webp Copyright", "EXIF Copyright"));
        assert_eq!(embedded.orientation, 5);
    }

    #[test]
    fn tiff_reads_ifd0_tags_xmp_and_iptc() {
        let packet =
            xmp("<rdf:Description xmpRights:WebStatement=\"https://commons.wikimedia.org/\"/>");
        // IPTC-NAA declared as LONGs, as Photoshop writes it: padded to 4.
        let mut iim = [dataset(110, "Tiff Credit"), dataset(80, "Tiff By-line")].concat();
        iim.resize(iim.len().div_ceil(4) * 4, 0);
        let mut entries = tiff_picture();
        entries.extend([
            ascii(0x013B, "Tiff Artist"),
            ascii(0x8298, "Tiff Copyright"),
            short(0x0112, 2),
            (700, BYTE, packet.into_bytes()),
            (33723, LONG, iim),
        ]);
        let embedded = read_bytes("picture.tif", &tiff(&entries));
        assert_eq!(
            embedded,
            Embedded {
                credit: at("Tiff Credit", "IPTC Credit"),
                license: at("Tiff Copyright", "EXIF Copyright"),
                source: at(
                    "https://commons.wikimedia.org/",
                    "XMP xmpRights:WebStatement"
                ),
                orientation: 2,
            }
        );

        // The Photoshop tag, 8BIM resources, stored as UNDEFINED.
        let mut entries = tiff_picture();
        let iim = dataset(80, "Tiff By-line");
        entries.push((34377, UNDEFINED, resource(0x0404, &iim)));
        let embedded = read_bytes("photoshop.tif", &tiff(&entries));
        assert_eq!(embedded.credit, at("Tiff By-line", "IPTC By-line"));
    }

    #[test]
    fn unreadable_files_give_the_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(&dir.path().join("missing.jpg")), Embedded::default());
        assert_eq!(read(dir.path()), Embedded::default());
        // Pseudo-random bytes, some behind each format's signature.
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state.to_le_bytes()[0]
            })
            .collect();
        for signature in [
            b"".as_slice(),
            b"\xFF\xD8",
            b"\x89PNG\r\n\x1a\n",
            b"RIFF\xff\xff\xff\xffWEBPVP8X",
            b"II*\0",
            b"MM\0*",
        ] {
            let bytes = [signature, &noise].concat();
            assert_eq!(read(&write(&dir, "noise", &bytes)), Embedded::default());
        }
    }

    #[test]
    fn truncated_files_do_not_panic() {
        let mut tiff_entries = tiff_picture();
        tiff_entries.push(ascii(0x013B, "Tiff Artist"));
        let packet = xmp("<rdf:Description photoshop:Credit=\"C\"/>");
        let exif = tiff(&[ascii(0x013B, "A"), short(0x0112, 6)]);
        let itxt = [b"XML:com.adobe.xmp\0\0\0\0\0".as_slice(), packet.as_bytes()].concat();
        let fixtures = [
            ("cut.jpg", full_jpeg()),
            (
                "cut.png",
                png(&[png_chunk(b"eXIf", &exif), png_chunk(b"iTXt", &itxt)]),
            ),
            ("cut.webp", webp(&exif, &packet)),
            ("cut.tif", tiff(&tiff_entries)),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in fixtures {
            for end in 0..bytes.len() {
                let embedded = read(&write(&dir, name, &bytes[..end]));
                assert!(
                    (1..=8).contains(&embedded.orientation),
                    "{name} cut at {end}"
                );
            }
        }
    }

    #[test]
    fn iim_lengths_that_overrun_stop_reading() {
        let credit = dataset(110, "Kept");
        let read_credit = |tail: &[u8]| {
            parse_iptc(&[credit.as_slice(), tail].concat())
                .credit
                .map(|found| found.value)
        };
        // A length far past the end: plain; extended with 4 length bytes;
        // extended with 9 (more than fit a number); all 15 bits set; cut short.
        let credit_header = [IIM_TAG_MARKER, 2, 116];
        for length in [
            vec![0x7F, 0xFF, b'x'],
            vec![0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xFF, b'x'],
            [vec![0x80, 0x09], vec![0xFF; 9]].concat(),
            vec![0xFF, 0xFF],
            vec![0x00],
        ] {
            let tail = [credit_header.as_slice(), &length].concat();
            assert_eq!(read_credit(&tail), Some("Kept".into()), "{length:?}");
        }
        // An extended dataset that fits (2 length bytes saying 3) is skipped,
        // and reading goes on.
        let extended = [IIM_TAG_MARKER, 2, 120, 0x80, 0x02, 0, 3];
        let iim = [extended.as_slice(), b"abc", &dataset(116, "After")].concat();
        let copyright = parse_iptc(&iim).copyright.map(|found| found.value);
        assert_eq!(copyright, Some("After".into()));
        // A resource whose size runs past the end yields nothing.
        let mut huge = resource(0x0404, &credit);
        huge[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(parse_iptc(&huge).credit, None);
        // A raw profile with an absurd byte count yields nothing.
        assert_eq!(
            parse_iptc(b"\niptc\n 99999999999999999999\n1c02").credit,
            None
        );
        assert_eq!(
            parse_iptc(b"\niptc\n 18446744073709551615\n1c02").credit,
            None
        );
    }

    #[test]
    fn malformed_xmp_gives_nothing() {
        for packet in [
            b"".as_slice(),
            b"<x:xmpmeta",
            b"\xff\xfe<\0r\0",
            b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>",
        ] {
            let xmp = parse_xmp(packet);
            assert!(xmp.credit.is_none() && xmp.creator.is_none() && xmp.rights.is_none());
        }
    }
}
