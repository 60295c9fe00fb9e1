//! Long lists a page at a time. A network of adviser organisations, or a ministry, may compare
//! thousands of partners; a phone cannot lay out thousands of rows, so the comparison and the
//! partners list show one page of them. Totals, charts and exports still count every partner
//! that matches: only the rows drawn are a page.

use serde::{Deserialize, Serialize};

/// The most rows one page draws: 50 partners' rows of the comparison are about 150 KB of HTML,
/// which a phone lays out without stalling.
pub const PAGE_SIZE: usize = 50;

/// One page of a list of `total` items: which (1-based `number` of `pages`) and where it starts
/// and ends in the list. There is always at least one page, empty if the list is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Which page, from 1.
    pub number: usize,
    /// How many pages the list fills (at least 1).
    pub pages: usize,
    /// How long the whole list is.
    pub total: usize,
    /// Where this page starts in the list.
    pub start: usize,
    /// Where it ends (excluded).
    pub end: usize,
}

impl Page {
    /// The page `asked` for (as a URL carries it: "2" is the second), of a list of `total`. What
    /// is not a page number gives the first page and a number past the end the last, so a link
    /// kept from a longer list still shows rows.
    pub fn of(total: usize, asked: Option<&str>) -> Page {
        let pages = total.div_ceil(PAGE_SIZE).max(1);
        // Parsed as at most a u32: longer digits are not a page anyone was shown.
        let number = asked
            .and_then(|a| a.trim().parse::<u32>().ok())
            .map_or(1, |n| (n as usize).clamp(1, pages));
        let start = (number - 1) * PAGE_SIZE;
        Page {
            number,
            pages,
            total,
            start,
            end: (start + PAGE_SIZE).min(total),
        }
    }

    /// This page's items, taken out of the whole list.
    pub fn take<T>(&self, mut items: Vec<T>) -> Vec<T> {
        items.truncate(self.end);
        items.drain(..self.start.min(items.len()));
        items
    }

    /// The page before this one, if any.
    pub fn previous(&self) -> Option<usize> {
        (self.number > 1).then(|| self.number - 1)
    }

    /// The page after this one, if any.
    pub fn next(&self) -> Option<usize> {
        (self.number < self.pages).then(|| self.number + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pages_of_fifty_clamped_to_the_list() {
        let p = Page::of(125, Some("2"));
        assert_eq!((p.number, p.pages, p.start, p.end), (2, 3, 50, 100));
        let last = Page::of(125, Some("3"));
        assert_eq!((last.start, last.end, last.next()), (100, 125, None));
        assert_eq!(
            Page::of(125, Some("99")).number,
            3,
            "past the end: the last"
        );
        assert_eq!(Page::of(125, Some("0")).number, 1);
        assert_eq!(Page::of(125, Some("-1")).number, 1);
        assert_eq!(Page::of(125, Some("two")).number, 1);
        assert_eq!(
            Page::of(125, Some("99999999999999999999999")).number,
            1,
            "not a page anyone was shown"
        );
        assert_eq!(Page::of(125, None).previous(), None);
        assert_eq!(Page::of(125, Some("2")).previous(), Some(1));
        let empty = Page::of(0, Some("4"));
        assert_eq!(
            (empty.number, empty.pages, empty.start, empty.end),
            (1, 1, 0, 0)
        );
        assert_eq!(Page::of(PAGE_SIZE, None).pages, 1);
        assert_eq!(Page::of(PAGE_SIZE + 1, None).pages, 2);
    }

    #[test]
    fn take_keeps_the_page_s_items() {
        let items: Vec<u32> = (0..125).collect();
        assert_eq!(
            Page::of(125, Some("3")).take(items.clone()),
            (100..125).collect::<Vec<_>>()
        );
        assert_eq!(Page::of(125, None).take(items).len(), PAGE_SIZE);
    }

    proptest! {
        #[test]
        fn every_item_is_on_exactly_one_page(total in 0usize..1_000, asked in any::<Option<String>>()) {
            let p = Page::of(total, asked.as_deref());
            prop_assert!(p.number >= 1 && p.number <= p.pages);
            prop_assert!(p.start <= p.end && p.end <= total);
            prop_assert!(p.end - p.start <= PAGE_SIZE);
            let items: Vec<usize> = (0..total).collect();
            let mut seen = Vec::new();
            for n in 1..=p.pages {
                let page = Page::of(total, Some(&n.to_string()));
                prop_assert_eq!(page.number, n);
                seen.extend(page.take(items.clone()));
            }
            prop_assert_eq!(seen, items);
        }
    }
}
