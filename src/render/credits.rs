//! The credits page's list of pictures: every picture the site shows (the
//! articles' photos, and the images in any page's body, glossary entries
//! among them), each once, with every page showing it and its credit,
//! source and licence, and where each of those was read. A picture a page
//! credits in its own way is listed again, with that page.

use std::collections::HashMap;

use super::bodies::Body;
use super::lists::page_ref;
use super::views::{FigureCredit, PageRef};
use super::{Bodies, Site};
use crate::images::markup;
use crate::images::{Picture, Valued};
use crate::load::Source;

/// The pictures in the order their first page is listed: articles as the
/// home page lists them, then glossary entries A–Z, then other pages.
pub fn figures<'a>(site: &Site<'a>, order: &[usize], bodies: &'a Bodies) -> Vec<FigureCredit<'a>> {
    let terms = (0..site.glossary.terms.len()).map(|i| {
        let term = &site.glossary.terms[i];
        let page = other_ref(
            &term.source,
            term.meta.title.get_ref(),
            &term.meta.summary,
            site,
        );
        (page, &bodies.terms[i])
    });
    let sections = site.sections.iter().zip(&bodies.sections).map(|(s, body)| {
        let title = s.meta.title.as_deref().unwrap_or(&site.config.title);
        (other_ref(&s.source, title, &s.meta.summary, site), body)
    });
    let pages = (order.iter())
        .map(|&i| (page_ref(&site.articles[i], site), &bodies.articles[i]))
        .chain(terms)
        .chain(sections);
    let mut figures: Vec<FigureCredit<'a>> = Vec::new();
    // Each picture's place in `figures`, by its index or, for another
    // site's, its address.
    let mut seen: HashMap<Key<'a>, usize> = HashMap::new();
    for (page, body) in pages {
        for (key, credit) in shown_on(site, body, &page) {
            match seen.get(&key) {
                Some(&i) => {
                    let listed = &mut figures[i].pages;
                    if listed.last().is_none_or(|p| p.url != page.url) {
                        listed.push(page.clone());
                    }
                }
                None => {
                    seen.insert(key, figures.len());
                    figures.push(credit);
                }
            }
        }
    }
    figures
}

/// What makes two uses one entry: the same picture, credited the same way.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Key<'a> {
    Picture(usize, Rights<'a>),
    Elsewhere(&'a str, Rights<'a>),
}

type Rights<'a> = [Option<&'a str>; 3];

/// Every picture a page shows, its photo first, as the credits list it.
fn shown_on<'a>(
    site: &Site<'a>,
    body: &'a Body,
    page: &PageRef<'a>,
) -> Vec<(Key<'a>, FigureCredit<'a>)> {
    let mut shown = Vec::new();
    let pictures = site.pictures.all();
    if let Some(photo) = &body.photo {
        let picture = photo.used.as_ref().map(|u| &pictures[u.picture]);
        let rights = values(&photo.credit, &photo.source, &photo.license);
        let key = match &photo.used {
            Some(used) => Key::Picture(used.picture, rights),
            None => Key::Elsewhere(&photo.url, rights),
        };
        let mut credit = credit(site, picture, &photo.alt, page);
        if picture.is_none() {
            credit.url = photo.offered.src.clone();
            credit.zoom = photo.url.clone();
            credit.file = photo.url.clone();
        }
        set_rights(&mut credit, &photo.credit, &photo.source, &photo.license);
        shown.push((key, credit));
    }
    let photo = body.photo.as_ref().and_then(|p| p.used.as_ref());
    // The photo is among the page's pictures, credited as above.
    for used in body.found.pictures.iter().filter(|&u| Some(u) != photo) {
        let picture = &pictures[used.picture];
        let mut credit = credit(site, Some(picture), &used.alt, page);
        let rights = &picture.rights;
        set_rights(&mut credit, &rights.credit, &rights.source, &rights.license);
        let values = values(&rights.credit, &rights.source, &rights.license);
        shown.push((Key::Picture(used.picture, values), credit));
    }
    shown
}

/// A picture's entry, its rights to be set.
fn credit<'a>(
    site: &Site<'a>,
    picture: Option<&Picture>,
    alt: &'a str,
    page: &PageRef<'a>,
) -> FigureCredit<'a> {
    let base = &site.config.base_url;
    let offered = picture
        .map(|p| markup::offered(p, base))
        .unwrap_or_default();
    // The thumbnail: the narrowest size made, else the picture itself.
    let narrowest = picture.and_then(|p| p.derived.first());
    let (url, width, height) = match narrowest {
        Some(d) => (
            base.file_link(&crate::html::escape_url_path(&d.path)),
            Some(d.width),
            Some(d.height),
        ),
        None => (offered.src.clone(), offered.width, offered.height),
    };
    FigureCredit {
        url,
        width,
        height,
        zoom: offered.zoom,
        file: picture
            .map(|p| format!("static/{}", p.rel))
            .unwrap_or_default(),
        description: alt,
        page: page.clone(),
        pages: vec![page.clone()],
        credit: None,
        source: None,
        license: None,
        credit_from: None,
        source_from: None,
        license_from: None,
        date: (picture.and_then(|p| p.rights.date)).map(|d| d.words_in(site.language)),
    }
}

fn values<'a>(
    by: &'a Option<Valued>,
    source: &'a Option<Valued>,
    license: &'a Option<Valued>,
) -> Rights<'a> {
    [by, source, license].map(|v| v.as_ref().map(|v| v.value.as_str()))
}

fn set_rights<'a>(
    credit: &mut FigureCredit<'a>,
    by: &'a Option<Valued>,
    source: &'a Option<Valued>,
    license: &'a Option<Valued>,
) {
    let value = |v: &'a Option<Valued>| v.as_ref().map(|v| v.value.as_str());
    let from = |v: &'a Option<Valued>| v.as_ref().map(|v| v.from.as_str());
    credit.credit = value(by);
    credit.credit_from = from(by);
    credit.source = value(source);
    credit.source_from = from(source);
    credit.license = value(license);
    credit.license_from = from(license);
}

/// A glossary entry or other page as a list shows it.
fn other_ref<'a>(source: &'a Source, title: &'a str, summary: &'a str, site: &Site) -> PageRef<'a> {
    let base = &site.config.base_url;
    PageRef {
        title,
        url: base.link(&source.site_path),
        permalink: base.permalink(&source.site_path),
        summary,
        label: None,
        date: None,
    }
}
