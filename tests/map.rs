//! The map page and the locators on place terms, built from the `places`
//! fixture: four terms with coordinates (Tabriz, Tehran, Julfa, Baku), a
//! place without them (Azerbaijan), a term that is no place (Majlis), and
//! `content/map/_index.md` giving the map page its title and text.

mod common;

use common::{Page, Site, select_in, xml_values};

/// Each place: slug, latitude, longitude.
const PLACES: [(&str, f64, f64); 4] = [
    ("baku", 40.409, 49.867),
    ("julfa", 38.956, 45.631),
    ("tabriz", 38.080, 46.292),
    ("tehran", 35.689, 51.389),
];

fn places_site(args: &[&str]) -> Site {
    let site = Site::fixture("places");
    site.build_ok(args);
    site
}

/// The viewBox's width and height.
fn view_box(page: &Page, svg: &str) -> (f64, f64) {
    let view = page.attr(svg, "viewBox");
    let numbers: Vec<f64> = view.split(' ').map(|n| n.parse().unwrap()).collect();
    assert_eq!(numbers[..2], [0.0, 0.0], "{view}");
    (numbers[2], numbers[3])
}

fn number(element: scraper::ElementRef, attr: &str) -> f64 {
    element.attr(attr).unwrap().parse().unwrap()
}

#[test]
fn the_map_page_links_every_place_to_its_term() {
    let site = places_site(&[]);
    let page = site.page("map/index.html");
    let mut hrefs = page.attrs(".map svg a", "href");
    hrefs.sort();
    let expected: Vec<String> = PLACES
        .iter()
        .map(|(slug, ..)| format!("/glossary/{slug}/"))
        .collect();
    assert_eq!(hrefs, expected);
    // Each link holds its dot and the place's name.
    for link in page.select(".map svg a") {
        assert_eq!(select_in(link, "circle").len(), 1);
        let name = common::text(select_in(link, "text")[0]);
        let slug = link.attr("href").unwrap().split('/').nth(2).unwrap();
        assert_eq!(name.to_lowercase(), slug);
    }
    // The same places as a plain list, which needs no picture.
    let mut listed = page.attrs(".map-list li a", "href");
    listed.sort();
    assert_eq!(listed, expected);
    assert_eq!(
        page.text("#place-tabriz .coordinates"),
        "38.08° N, 46.29° E"
    );
    // No dot for a place without coordinates, nor for a term that is none.
    assert!(!page.source.contains("/glossary/azerbaijan/"));
    assert!(!page.source.contains("/glossary/majlis/"));
}

#[test]
fn dots_lie_inside_the_view_east_right_and_north_up() {
    let site = places_site(&[]);
    let page = site.page("map/index.html");
    let (width, height) = view_box(&page, ".map svg");
    let dot = |slug: &str| {
        let circle = page.one(&format!(".map svg a[href='/glossary/{slug}/'] circle"));
        (number(circle, "cx"), number(circle, "cy"))
    };
    for (slug, ..) in PLACES {
        let (x, y) = dot(slug);
        assert!((0.0..=width).contains(&x), "{slug}: x = {x}");
        assert!((0.0..=height).contains(&y), "{slug}: y = {y}");
    }
    for (a, a_lat, a_lon) in PLACES {
        for (b, b_lat, b_lon) in PLACES {
            let ((ax, ay), (bx, by)) = (dot(a), dot(b));
            if a_lon > b_lon {
                assert!(ax > bx, "{a} lies east of {b}");
            }
            if a_lat > b_lat {
                assert!(ay < by, "{a} lies north of {b}");
            }
        }
    }
    // Labels start inside the view.
    for label in page.select(".map svg text") {
        let (x, y) = (number(label, "x"), number(label, "y"));
        assert!((0.0..=width).contains(&x) && (0.0..=height).contains(&y));
    }
}

#[test]
fn the_map_draws_land_and_credits_it() {
    let site = places_site(&[]);
    let page = site.page("map/index.html");
    let d = page.attr(".map svg path.map-land", "d");
    assert_eq!(page.attr(".map svg path.map-land", "fill-rule"), "evenodd");
    // The land is where the places are, and not where the Caspian Sea is.
    let land = rings(&d);
    let (width, height) = view_box(&page, ".map svg");
    for ring in &land {
        for &(x, y) in ring {
            assert!(
                (-10.0..=width + 10.0).contains(&x) && (-10.0..=height + 10.0).contains(&y),
                "({x}, {y}) lies outside the view"
            );
        }
    }
    let dot = |slug: &str| {
        let circle = page.one(&format!(".map svg a[href='/glossary/{slug}/'] circle"));
        (number(circle, "cx"), number(circle, "cy"))
    };
    for (slug, ..) in PLACES {
        let (x, y) = dot(slug);
        assert!(on_land(&land, x, y), "{slug} at ({x}, {y}) is on land");
    }
    // 40.0° N, 51.5° E, in the middle of the Caspian: placed between Baku's
    // and Tehran's dots by their latitudes and longitudes.
    let ((bx, by), (tx, ty)) = (dot("baku"), dot("tehran"));
    let (baku, tehran) = (PLACES[0], PLACES[3]);
    let x = bx + (51.5 - baku.2) * (tx - bx) / (tehran.2 - baku.2);
    let y = by + (40.0 - baku.1) * (ty - by) / (tehran.1 - baku.1);
    assert!(!on_land(&land, x, y), "the Caspian at ({x}, {y}) is water");
    // Named for assistive technology.
    let title_id = page.attr(".map svg", "aria-labelledby");
    let title = page.text(&format!(".map svg title#{title_id}"));
    assert!(
        title.contains("Tabriz") && title.contains("Baku"),
        "{title}"
    );
    let caption = page.text(".map figcaption");
    assert!(caption.contains("Natural Earth"), "{caption}");
    assert!(caption.contains("public domain"), "{caption}");
}

/// The closed rings of an SVG path written as gloss writes the land: `M`
/// with absolute coordinates, then `l` with relative ones, each ring ended by `z`.
fn rings(d: &str) -> Vec<Vec<(f64, f64)>> {
    (d.split('M').filter(|part| !part.is_empty()))
        .map(|part| {
            let part = part.trim_end().strip_suffix('z').expect("a closed ring");
            let (start, moves) = part.split_once('l').unwrap_or((part, ""));
            let pair = |text: &str| -> Vec<f64> {
                // Numbers are separated by a space or by the sign of the next.
                let spaced = text.replace('-', " -");
                spaced
                    .split_whitespace()
                    .map(|n| n.parse().unwrap())
                    .collect()
            };
            let start = pair(start);
            let mut at = (start[0], start[1]);
            let mut ring = vec![at];
            for step in pair(moves).chunks(2) {
                at = (at.0 + step[0], at.1 + step[1]);
                ring.push(at);
            }
            ring
        })
        .collect()
}

/// Whether (x, y) lies inside `rings` by the even-odd rule.
fn on_land(rings: &[Vec<(f64, f64)>], x: f64, y: f64) -> bool {
    let mut inside = false;
    for ring in rings {
        for (i, &(x1, y1)) in ring.iter().enumerate() {
            let (x2, y2) = ring[(i + 1) % ring.len()];
            if (y1 > y) != (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) {
                inside = !inside;
            }
        }
    }
    inside
}

#[test]
fn the_map_page_takes_its_title_and_text_from_its_index() {
    let site = places_site(&[]);
    let page = site.page("map/index.html");
    assert_eq!(page.text("main h1"), "Places of 1909");
    assert!(page.text(".intro").contains("Each dot is a glossary entry"));
    assert_eq!(page.attr(".intro a", "href"), "/articles/march/");
    // It is the map page, not a list of the articles under map/.
    assert_eq!(page.count(".page-list"), 0);
}

#[test]
fn the_map_is_in_the_navigation_and_the_sitemap() {
    let site = places_site(&[]);
    for rel in ["index.html", "glossary/majlis/index.html", "map/index.html"] {
        let page = site.page(rel);
        assert_eq!(
            page.attrs(".site-header nav a", "href"),
            ["/", "/glossary/", "/map/"],
            "{rel}"
        );
    }
    let urls = xml_values(&site.read("sitemap.xml"), "loc");
    assert_eq!(
        urls.iter()
            .filter(|u| *u == "https://example.org/map/")
            .count(),
        1,
        "{urls:#?}"
    );
}

#[test]
fn place_terms_get_a_locator_and_other_terms_do_not() {
    let site = places_site(&[]);
    for (slug, ..) in PLACES {
        let page = site.page(&format!("glossary/{slug}/index.html"));
        let link = page.attr(".locator a", "href");
        assert_eq!(link, format!("/map/#place-{slug}"));
        // The map page has the entry the link names.
        assert_eq!(
            site.page("map/index.html").count(&format!("#place-{slug}")),
            1
        );
        // The place is the locator's centre, with land around it.
        let (width, height) = view_box(&page, ".locator svg");
        let dot = page.one(".locator svg circle");
        assert_eq!(
            (number(dot, "cx"), number(dot, "cy")),
            (width / 2.0, height / 2.0)
        );
        assert!(page.attr(".locator svg path.map-land", "d").len() > 100);
        assert_eq!(page.attr(".locator svg", "role"), "img");
        let title_id = page.attr(".locator svg", "aria-labelledby");
        assert_eq!(page.count(&format!(".locator svg title#{title_id}")), 1);
    }
    for slug in ["azerbaijan", "majlis"] {
        let page = site.page(&format!("glossary/{slug}/index.html"));
        assert_eq!(page.count(".locator"), 0, "{slug}");
    }
}

#[test]
fn map_links_keep_the_base_path() {
    let site = places_site(&["--base-url", "https://example.org/history/"]);
    let page = site.page("map/index.html");
    for href in page.attrs(".map svg a", "href") {
        assert!(href.starts_with("/history/glossary/"), "{href}");
    }
    let term = site.page("glossary/tabriz/index.html");
    assert_eq!(
        term.attr(".locator a", "href"),
        "/history/map/#place-tabriz"
    );
    assert!(
        term.attrs(".site-header nav a", "href")
            .contains(&"/history/map/".to_string())
    );
}

#[test]
fn a_site_without_places_has_no_map() {
    let site = Site::fixture("places");
    for slug in ["tabriz", "tehran", "julfa", "baku"] {
        let rel = format!("content/glossary/{slug}.md");
        let text = std::fs::read_to_string(site.path(&rel)).unwrap();
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with("lat = ") && !l.starts_with("lon = "))
            .map(|l| format!("{l}\n"))
            .collect();
        site.write(&rel, without);
    }
    site.build_ok(&[]);
    assert_eq!(site.page("glossary/tabriz/index.html").count(".locator"), 0);
    // content/map/_index.md still gives the page, which says there is
    // nothing to draw yet.
    let page = site.page("map/index.html");
    assert_eq!(page.count(".map"), 0);
    assert!(
        page.text("main")
            .contains("No place on this site has coordinates yet.")
    );
    let home = site.page("index.html");
    assert_eq!(
        home.attrs(".site-header nav a", "href"),
        ["/", "/glossary/", "/map/"]
    );
    // Without it, there is nothing at map/, and nothing links there.
    site.remove("content/map/_index.md");
    site.build_ok(&[]);
    assert!(!site.public().join("map").exists());
    assert!(!site.read("sitemap.xml").contains("/map/"));
    let home = site.page("index.html");
    assert_eq!(
        home.attrs(".site-header nav a", "href"),
        ["/", "/glossary/"]
    );
}

#[test]
fn a_page_may_not_take_the_map_page_s_place() {
    let site = Site::fixture("places");
    site.remove("content/map/_index.md");
    site.write("content/map.md", "+++\ntitle = \"My map\"\n+++\nMine.\n");
    let run = site.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("content/map.md: error: this file maps to /map/");
    run.assert_stderr_has("write content/map/_index.md");
    assert_eq!(run.error_lines().len(), 1, "{run}");
    // The URL is kept on a site without places too, so that its first
    // place never turns a working page into an error.
    let plain = Site::empty();
    plain.write("content/map.md", "+++\ntitle = \"My map\"\n+++\nMine.\n");
    let run = plain.build(&[]);
    run.assert_failed();
    run.assert_stderr_has("content/map.md: error: this file maps to /map/");
}
