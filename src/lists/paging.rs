//! A long list cut into pages: page 1 at the list's own path, page N at
//! `<list>page/N/`.

/// The segment paged lists put before a page's number.
pub const SEGMENT: &str = "page/";

/// One page of a list of `total` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// From 1.
    pub number: usize,
    /// Of how many.
    pub count: usize,
    /// The items it shows, by their place in the whole list.
    pub start: usize,
    pub end: usize,
}

/// The pages a list of `total` items is cut into, `per_page` a page (at
/// least 1); an empty list is one empty page.
pub fn pages(total: usize, per_page: usize) -> impl Iterator<Item = Page> {
    let per_page = per_page.max(1);
    let count = total.div_ceil(per_page).max(1);
    (1..=count).map(move |number| Page {
        number,
        count,
        start: (number - 1) * per_page,
        end: (number * per_page).min(total),
    })
}

/// The site path of page `number` of the list at `list`.
pub fn path(list: &str, number: usize) -> String {
    if number <= 1 {
        list.to_string()
    } else {
        format!("{list}{SEGMENT}{number}/")
    }
}

/// Whether `site_path` is where a paged list puts a page after its first:
/// its last two segments `page/<number>/`.
pub fn is_page_path(site_path: &str) -> bool {
    let Some(rest) = site_path.strip_suffix('/') else {
        return false;
    };
    let mut segments = rest.rsplit('/');
    let number = segments.next().unwrap_or_default();
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && segments.next() == Some(SEGMENT.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_cut_into_full_pages_and_a_last() {
        let cut: Vec<(usize, usize, usize)> =
            pages(45, 20).map(|p| (p.number, p.start, p.end)).collect();
        assert_eq!(cut, [(1, 0, 20), (2, 20, 40), (3, 40, 45)]);
        assert!(pages(45, 20).all(|p| p.count == 3));
        assert_eq!(pages(40, 20).count(), 2);
        let empty: Vec<Page> = pages(0, 20).collect();
        assert_eq!(empty.len(), 1);
        assert_eq!((empty[0].start, empty[0].end), (0, 0));
    }

    #[test]
    fn pages_after_the_first_are_under_the_list() {
        assert_eq!(path("", 1), "");
        assert_eq!(path("", 2), "page/2/");
        assert_eq!(path("tags/iran/", 3), "tags/iran/page/3/");
        assert!(is_page_path("page/2/"));
        assert!(is_page_path("articles/page/10/"));
        assert!(!is_page_path("articles/page/"));
        assert!(!is_page_path("articles/page/two/"));
        assert!(!is_page_path("articles/pages/2/"));
    }
}
