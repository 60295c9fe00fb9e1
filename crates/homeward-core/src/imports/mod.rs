//! Bringing an organisation's existing records in from a spreadsheet (XLSX or CSV): partner
//! RCIs' profiles, dated children counts, checklist statuses and follow-up visits.
//!
//! An import runs in three steps, so that nothing is written until the user has seen what will
//! be: [`cells`] holds the file as sheets of cells within fixed limits (the web and command-line
//! layers turn an uploaded file into a [`Workbook`]); [`read`] recognises each sheet by its
//! column names and reads its rows; [`plan()`] works out, against the records as they stand,
//! what every row would change and every problem, by sheet, row and column, in both languages.
//! The store then writes a plan without problems in one transaction.

pub mod cells;
pub mod columns;
mod plan;
pub mod problems;

pub use cells::{Cell, FileError, Sheet, Workbook};
pub use columns::{Column, SheetKind};
pub use plan::{
    plan, read, Adviser, Context, Directory, Found, ItemPlan, KnownRci, Plan, RciPlan, Read,
    Target, Vocabulary, LISTS_SHEET,
};
pub use problems::{Problem, Problems};

#[cfg(test)]
mod tests;
