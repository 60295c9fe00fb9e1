//! Evidence files: a signed MoU, a scanned case form, a photo of a repurposed building, attached
//! to a checklist step, an inspection or a follow-up visit. Only PDF, JPEG and PNG are taken, the
//! type found from the bytes (never the name), and images lose their metadata (EXIF with GPS,
//! XMP, comments, text chunks) before they are kept: a photo taken at a family's home must not
//! carry where that home is. Every length read from a file is checked against what is left of it
//! before it is used, so a hostile or truncated file is refused, never trusted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::stages::Bilingual;
use crate::values::{keyed, Name};

/// The largest file taken: a phone photo or a scanned document.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// How much the files may hold: each RCI's together, and every RCI's together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    /// The most one RCI's files may hold together, in bytes.
    pub per_rci: i64,
    /// The most every RCI's files may hold together, in bytes: the database stays small enough
    /// to back up.
    pub total: i64,
}

impl Quotas {
    /// The organisation's quotas: 200 MB an RCI (some twenty 2 MB phone photos for each of the
    /// five stages), 5 GB in all.
    pub const STANDARD: Quotas = Quotas {
        per_rci: 200 * 1024 * 1024,
        total: 5 * 1024 * 1024 * 1024,
    };

    /// Whether `size` more bytes fit beside `rci_used` of the RCI's and `all_used` of everyone's.
    pub fn check(&self, rci_used: i64, all_used: i64, size: i64) -> Result<(), EvidenceError> {
        if rci_used.saturating_add(size) > self.per_rci {
            Err(EvidenceError::RciFull(self.per_rci))
        } else if all_used.saturating_add(size) > self.total {
            Err(EvidenceError::AllFull)
        } else {
            Ok(())
        }
    }
}

/// Bytes as a whole number of megabytes, rounded down, for a message.
fn megabytes(bytes: i64) -> i64 {
    bytes / (1024 * 1024)
}

/// What a file is, as its bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// A scanned or written document.
    Pdf,
    /// A photo.
    Jpeg,
    /// A screenshot or a drawing.
    Png,
}

keyed!(FileKind, Pdf => "pdf", Jpeg => "jpeg", Png => "png");

impl FileKind {
    /// The type a download is served as.
    pub fn content_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
        }
    }
}

/// What a file is attached to on the RCI's page; `None` is the RCI as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AttachedTo {
    /// A checklist step, by its id.
    Item(i64),
    /// An inspection, by its id.
    Inspection(i64),
    /// A follow-up visit, by its id.
    FollowUp(i64),
}

impl AttachedTo {
    /// The kind's key, as stored and as the form sends it before the id (`item:12`).
    pub fn key(self) -> &'static str {
        match self {
            AttachedTo::Item(_) => "item",
            AttachedTo::Inspection(_) => "inspection",
            AttachedTo::FollowUp(_) => "follow_up",
        }
    }

    /// The id of what it is attached to.
    pub fn id(self) -> i64 {
        match self {
            AttachedTo::Item(id) | AttachedTo::Inspection(id) | AttachedTo::FollowUp(id) => id,
        }
    }

    /// From a kind's key and an id.
    pub fn of(kind: &str, id: i64) -> Option<AttachedTo> {
        match kind {
            "item" => Some(AttachedTo::Item(id)),
            "inspection" => Some(AttachedTo::Inspection(id)),
            "follow_up" => Some(AttachedTo::FollowUp(id)),
            _ => None,
        }
    }

    /// The form's value (`item:12`); empty is the RCI itself, anything else is refused.
    pub fn parse(raw: &str) -> Result<Option<AttachedTo>, EvidenceError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Ok(None);
        }
        raw.split_once(':')
            .and_then(|(kind, id)| AttachedTo::of(kind, id.parse().ok().filter(|n| *n > 0)?))
            .map(Some)
            .ok_or(EvidenceError::UnknownPlace)
    }
}

/// One stored file, without its bytes: what the RCI's page lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    /// Its id: downloaded at `/files/{id}`.
    pub id: i64,
    /// What it is attached to.
    pub attached: Option<AttachedTo>,
    /// The name it was uploaded with (shown as typed).
    pub name: String,
    /// What its bytes are.
    pub kind: FileKind,
    /// Its size as kept, in bytes.
    pub size: i64,
    /// The day it was uploaded.
    pub uploaded_on: NaiveDate,
    /// Who uploaded it.
    pub by: Name,
}

impl EvidenceFile {
    /// The history's description of a new file.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        vec![
            ("file", self.name.clone()),
            ("file type", self.kind.key().to_string()),
            ("size", self.size.to_string()),
        ]
    }
}

/// Why a file was refused; each message says what to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvidenceError {
    /// No bytes at all.
    Empty,
    /// Over [`MAX_FILE_BYTES`].
    TooLarge,
    /// Not a PDF, JPEG or PNG (a renamed program, an SVG, a web page…).
    NotAllowed,
    /// A PDF, JPEG or PNG that stops before its end.
    Truncated,
    /// The form named something the file cannot be attached to.
    UnknownPlace,
    /// The RCI's files would pass its quota, in bytes ([`Quotas::per_rci`]).
    RciFull(i64),
    /// Every RCI's files together would pass [`Quotas::total`].
    AllFull,
}

impl From<EvidenceError> for Bilingual {
    fn from(e: EvidenceError) -> Bilingual {
        match e {
            EvidenceError::Empty => Bilingual::new("the file is empty: choose the file again", "ឯកសារទទេ៖ សូមជ្រើសរើសឯកសារម្តងទៀត"),
            EvidenceError::TooLarge => Bilingual::new(
                "the file is larger than 10 MB: scan at a lower resolution or send a smaller photo",
                "ឯកសារធំជាង 10 MB៖ សូមស្កេនដោយកម្រិតទាបជាងនេះ ឬផ្ញើរូបថតតូចជាងនេះ",
            ),
            EvidenceError::NotAllowed => Bilingual::new(
                "only PDF, JPEG or PNG files are taken (the file's contents are checked, not its name)",
                "ទទួលយកតែឯកសារ PDF, JPEG ឬ PNG ប៉ុណ្ណោះ (ខ្លឹមសារឯកសារត្រូវបានពិនិត្យ មិនមែនឈ្មោះរបស់វាទេ)",
            ),
            EvidenceError::Truncated => Bilingual::new(
                "the file is incomplete (it stops before its end): upload it again",
                "ឯកសារមិនពេញលេញ (វាបញ្ចប់មុនចុងបញ្ចប់របស់វា)៖ សូមផ្ទុកវាឡើងម្តងទៀត",
            ),
            EvidenceError::UnknownPlace => Bilingual::new(
                "the file can be attached to a checklist item, an inspection or a follow-up visit of this RCI only",
                "ឯកសារអាចភ្ជាប់បានតែជាមួយចំណុចក្នុងបញ្ជីត្រួតពិនិត្យ អធិការកិច្ច ឬការតាមដានរបស់មណ្ឌលនេះប៉ុណ្ណោះ",
            ),
            EvidenceError::RciFull(limit) => Bilingual::new(
                format!("this RCI's files have reached {} MB: ask an admin before adding more", megabytes(limit)),
                format!("ឯកសាររបស់មណ្ឌលនេះបានដល់ {} MB៖ សូមសួរអ្នកគ្រប់គ្រងមុនពេលបន្ថែម", megabytes(limit)),
            ),
            EvidenceError::AllFull => Bilingual::new(
                "the organisation's files have reached their limit: ask an admin",
                "ឯកសាររបស់អង្គការបានដល់កម្រិតកំណត់៖ សូមសួរអ្នកគ្រប់គ្រង",
            ),
        }
    }
}

/// A file made safe to keep: its kind from its bytes, its bytes with an image's metadata left
/// out. Refused if empty, too large, of another kind, or cut short.
pub fn clean(bytes: &[u8]) -> Result<(FileKind, Vec<u8>), EvidenceError> {
    if bytes.is_empty() {
        return Err(EvidenceError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(EvidenceError::TooLarge);
    }
    if bytes.starts_with(b"%PDF-") {
        return pdf(bytes).map(|b| (FileKind::Pdf, b));
    }
    if bytes.starts_with(PNG_SIGNATURE) {
        return png(bytes).map(|b| (FileKind::Png, b));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return jpeg(bytes).map(|b| (FileKind::Jpeg, b));
    }
    Err(EvidenceError::NotAllowed)
}

/// A PDF ends with `%%EOF` (perhaps followed by line ends or padding) in its last kilobyte; one
/// that does not was cut short. PDFs are kept as they are: their text is the evidence.
fn pdf(bytes: &[u8]) -> Result<Vec<u8>, EvidenceError> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if tail.windows(5).any(|w| w == b"%%EOF") {
        Ok(bytes.to_vec())
    } else {
        Err(EvidenceError::Truncated)
    }
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// PNG chunks that carry words or places rather than pixels: left out.
const PNG_METADATA: [&[u8; 4]; 4] = [b"eXIf", b"tEXt", b"zTXt", b"iTXt"];

/// A PNG's chunks, IHDR first and IEND last, each within the file; metadata chunks dropped.
fn png(bytes: &[u8]) -> Result<Vec<u8>, EvidenceError> {
    let mut out = PNG_SIGNATURE.to_vec();
    let mut at = PNG_SIGNATURE.len();
    let mut first = true;
    loop {
        let head = bytes.get(at..at + 8).ok_or(EvidenceError::Truncated)?;
        let length = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        // Length, type, data and CRC: the length is checked against what is left first.
        let end = at
            .checked_add(12)
            .and_then(|n| n.checked_add(length))
            .filter(|end| *end <= bytes.len())
            .ok_or(EvidenceError::Truncated)?;
        if first && kind != b"IHDR" {
            return Err(EvidenceError::NotAllowed);
        }
        first = false;
        if !PNG_METADATA.iter().any(|m| kind == *m) {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// A JPEG's segments up to its image data, then the data to the end-of-image marker. APP1 to
/// APP15 (EXIF, GPS, XMP, maker notes) and comments are dropped; JFIF (APP0) and Adobe's colour
/// marker (APP14) are kept, since decoders read the image by them.
fn jpeg(bytes: &[u8]) -> Result<Vec<u8>, EvidenceError> {
    let mut out = vec![0xFF, 0xD8];
    let mut at = 2;
    loop {
        let marker = *bytes.get(at + 1).ok_or(EvidenceError::Truncated)?;
        if bytes[at] != 0xFF {
            return Err(EvidenceError::NotAllowed);
        }
        // Fill bytes before a marker.
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let head = bytes.get(at + 2..at + 4).ok_or(EvidenceError::Truncated)?;
        let length = u16::from_be_bytes([head[0], head[1]]) as usize;
        if length < 2 {
            return Err(EvidenceError::NotAllowed);
        }
        let end = (at + 2)
            .checked_add(length)
            .filter(|end| *end <= bytes.len())
            .ok_or(EvidenceError::Truncated)?;
        let metadata = matches!(marker, 0xE1..=0xED | 0xEF | 0xFE);
        if !metadata {
            out.extend_from_slice(&bytes[at..end]);
        }
        at = end;
        if marker == 0xDA {
            // Start of scan: the image data runs to the end-of-image marker, which must be there.
            let rest = &bytes[at..];
            let eoi = rest
                .windows(2)
                .rposition(|w| w == [0xFF, 0xD9])
                .ok_or(EvidenceError::Truncated)?;
            out.extend_from_slice(&rest[..eoi + 2]);
            return Ok(out);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotas_take_up_to_the_limit_and_name_it_when_refusing() {
        let q = Quotas::STANDARD;
        assert_eq!(q.check(q.per_rci - 10, 0, 10), Ok(()));
        assert_eq!(
            q.check(q.per_rci - 10, 0, 11),
            Err(EvidenceError::RciFull(q.per_rci))
        );
        assert_eq!(q.check(0, q.total - 5, 6), Err(EvidenceError::AllFull));
        // Sums that would overflow are refused, never wrapped into room.
        assert_eq!(
            q.check(i64::MAX, 0, 1),
            Err(EvidenceError::RciFull(q.per_rci))
        );
        let said = Bilingual::from(EvidenceError::RciFull(q.per_rci));
        assert!(said.en.contains("200 MB"), "{}", said.en);
        assert!(said.km.contains("200 MB"), "{}", said.km);
    }

    /// A JPEG as a phone writes one: JFIF, EXIF with a GPS position, a comment, the image.
    pub(crate) fn phone_photo() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8];
        b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
        b.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        let exif = b"Exif\0\0GPSLatitude 11.5564 N GPSLongitude 104.9282 E";
        b.extend_from_slice(&[0xFF, 0xE1]);
        b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(exif);
        let comment = b"Sokha's family, Krakor";
        b.extend_from_slice(&[0xFF, 0xFE]);
        b.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
        b.extend_from_slice(comment);
        b.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x04, 0x00, 0x01]);
        b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x04, 0x00, 0x00]);
        b.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56]);
        b.extend_from_slice(&[0xFF, 0xD9]);
        b
    }

    fn png_with_text() -> Vec<u8> {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend(chunk(b"IHDR", &[0; 13]));
        b.extend(chunk(b"tEXt", b"Location\0Pursat"));
        b.extend(chunk(b"IDAT", &[1, 2, 3]));
        b.extend(chunk(b"IEND", &[]));
        b
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_photo_loses_its_place_and_comments_but_keeps_its_image() {
        let (kind, kept) = clean(&phone_photo()).unwrap();
        assert_eq!(kind, FileKind::Jpeg);
        assert!(!contains(&kept, b"GPS"));
        assert!(!contains(&kept, b"Exif"));
        assert!(!contains(&kept, b"Krakor"));
        assert!(contains(&kept, b"JFIF"));
        assert!(kept.ends_with(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD9]));
        let (kind, kept) = clean(&png_with_text()).unwrap();
        assert_eq!(kind, FileKind::Png);
        assert!(!contains(&kept, b"Pursat"));
        assert!(contains(&kept, b"IDAT"));
    }

    #[test]
    fn only_whole_pdfs_jpegs_and_pngs_are_taken() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec();
        assert_eq!(clean(&pdf).unwrap(), (FileKind::Pdf, pdf.clone()));
        assert_eq!(clean(&pdf[..30]), Err(EvidenceError::Truncated));
        let photo = phone_photo();
        assert_eq!(
            clean(&photo[..photo.len() - 2]),
            Err(EvidenceError::Truncated)
        );
        let png = png_with_text();
        assert_eq!(clean(&png[..png.len() - 6]), Err(EvidenceError::Truncated));
        for hostile in [
            &b"MZ\x90\x00\x03 a program renamed report.pdf"[..],
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
            b"<!DOCTYPE html><html><body>mou</body></html>",
            b"PK\x03\x04 a spreadsheet",
        ] {
            assert_eq!(clean(hostile), Err(EvidenceError::NotAllowed));
        }
        assert_eq!(clean(&[]), Err(EvidenceError::Empty));
        let mut huge = b"%PDF-".to_vec();
        huge.resize(MAX_FILE_BYTES + 1, b' ');
        assert_eq!(clean(&huge), Err(EvidenceError::TooLarge));
    }

    #[test]
    fn what_a_file_is_attached_to_is_one_of_three_by_a_positive_id() {
        assert_eq!(AttachedTo::parse(""), Ok(None));
        assert_eq!(AttachedTo::parse("item:12"), Ok(Some(AttachedTo::Item(12))));
        assert_eq!(
            AttachedTo::parse("follow_up:3"),
            Ok(Some(AttachedTo::FollowUp(3)))
        );
        for bad in [
            "item",
            "item:0",
            "item:-1",
            "rci:2",
            "item:99999999999999999999",
        ] {
            assert_eq!(
                AttachedTo::parse(bad),
                Err(EvidenceError::UnknownPlace),
                "{bad}"
            );
        }
    }

    proptest! {
        /// Whatever the bytes, reading them ends with a kind or a refusal, never a panic, and a
        /// kept image is no larger than it came and starts as its kind does.
        #[test]
        fn any_bytes_are_read_without_panic(
            start in prop_oneof![Just(b"%PDF-".to_vec()), Just(PNG_SIGNATURE.to_vec()), Just(vec![0xFF, 0xD8, 0xFF]), Just(vec![])],
            rest in proptest::collection::vec(any::<u8>(), 0..600),
        ) {
            let mut bytes = start;
            bytes.extend(rest);
            if let Ok((kind, kept)) = clean(&bytes) {
                prop_assert!(kept.len() <= bytes.len());
                prop_assert_eq!(clean(&kept).map(|(k, _)| k), Ok(kind));
            }
        }

        /// Cutting a photo anywhere never yields a file that is taken with its place in it.
        #[test]
        fn a_cut_photo_is_refused_or_clean(cut in 0usize..120) {
            let photo = phone_photo();
            let cut = cut.min(photo.len());
            if let Ok((_, kept)) = clean(&photo[..cut]) {
                prop_assert!(!contains(&kept, b"GPS"));
            }
        }
    }
}
