//! X's archive export ("Download an archive of your data"): your own posts and your handle.
//!
//! # What is read
//! - `data/tweets.js`: `window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]`. Older exports name
//!   it `tweet.js` (global `YTD.tweet.part0`); big ones add `tweets-part1.js`, `tweets-part2.js`
//!   … (globals `….part1` …). Every part found is read; a post id seen twice is kept once.
//! - `data/account.js`: the owner's handle (`account.username`) and display name.
//! - `data/manifest.js` (optional): its `userInfo.userName` stands in when `account.js` is
//!   missing.
//!
//! Nothing else is opened (a zip's media files are never decompressed).
//!
//! # Inputs
//! The `.zip` as X delivers it ([`from_zip`]), the unzipped folder or its `data/` folder
//! ([`read_path`], native only; it also takes the `.zip` or a `tweets.js` path), or the files
//! of either picked in a browser ([`from_files`]). Inside a zip or a file list the data files
//! are looked up by name: in a folder called `data` when there is one, else in the folder
//! that holds the posts.
//!
//! # What a post becomes
//! An [`ArchivePost`]: the status id, the time in Unix ms (`created_at`, e.g.
//! `Fri Mar 06 13:02:05 +0000 2026`), the text with X's HTML escapes decoded, each t.co link
//! replaced by its `expanded_url` and media links (`entities.media`, the trailing `t.co` of a
//! photo or video) removed, and what the text says: mentions and hashtags (twitter-text rules,
//! see [`crate::core::text`]), links, reply and repost facts, and X's language tag.
//!
//! **Replies.** A post is a reply when it has `in_reply_to_status_id(_str)`. X also sets
//! `in_reply_to_user_id` / `in_reply_to_screen_name` on posts that merely *start* with an
//! `@handle` or answer a post that is gone; those are not replies (there is no status to
//! answer) but keep [`ArchivePost::in_reply_to`], so they still count as talking to that person.
//!
//! **Reposts** are the posts whose text starts with `RT @handle:`.
//!
//! # Errors
//! All or nothing: any damage gives an [`ArchiveError`] naming the file and, where it can be
//! known, the position (line and column in a `.js` file, a byte offset in a `.zip`), never a
//! partial archive.

pub mod import;
pub mod report;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::fmt;
use std::io::{Cursor, Read, Seek};

use serde::{Deserialize, Deserializer, Serialize};

use crate::core::classify::PostInput;
use crate::core::ledger::Ledger;
use crate::core::post::{Handle, Post};
use crate::core::text;
use crate::core::time::{Millis, parse_archive, to_iso};

pub use import::{Import, ImportSummary, Importer, import};
pub use report::{PersonReplies, PitchPost, QuietThread, Report, report};

/// The largest single file read from an archive (a 10,000-post `tweets.js` is about 18 MB).
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// An archive: whose it is and their posts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Archive {
    /// The owner's handle (`account.username`), without `@`.
    pub owner: Handle,
    /// The owner's display name (`account.accountDisplayName`; may be empty).
    pub owner_name: String,
    /// The owner's posts, oldest first (by time, then id); unique ids.
    pub posts: Vec<ArchivePost>,
}

/// One of your posts from the archive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivePost {
    /// Status id.
    pub id: String,
    /// When it was posted (Unix ms).
    pub time: Millis,
    /// The text: HTML escapes decoded, t.co links replaced by their expanded URLs, media
    /// links removed.
    pub text: String,
    /// Whether it replies to a post (it has `in_reply_to_status_id`).
    pub is_reply: bool,
    /// The status id it replies to.
    pub in_reply_to_id: Option<String>,
    /// The handle it replies to or starts by addressing (`in_reply_to_screen_name`), also
    /// without a status id.
    pub in_reply_to: Option<Handle>,
    /// The handles a reply addresses: the `@handles` its text starts with (X's "Replying to"),
    /// `in_reply_to` first. Empty for posts that are not addressed to anyone.
    pub reply_to: Vec<Handle>,
    /// Whether it is a repost (`RT @handle: …`).
    pub is_repost: bool,
    /// Whose post it reposts.
    pub reposted: Option<Handle>,
    /// Handles mentioned anywhere in the text (reply addressees included), in order, unique
    /// (without case).
    pub mentions: Vec<Handle>,
    /// Hashtags in the text (without `#`), in order, unique (without case).
    pub hashtags: Vec<String>,
    /// Links (expanded URLs), in order.
    pub links: Vec<String>,
    /// X's language tag (`"en"`, `"de"`; `"und"`, `"qme"` … for none), if given.
    pub lang: Option<String>,
    /// The display names X gave the people mentioned (`entities.user_mentions`): handle and
    /// name, in order.
    pub names: Vec<(Handle, String)>,
}

impl ArchivePost {
    /// Whether it quotes a post: it links to a status on X (`x.com/<handle>/status/<id>`)
    /// and is not a repost.
    pub fn is_quote(&self) -> bool {
        !self.is_repost && self.links.iter().any(|l| is_status_link(l))
    }

    /// The classifier's input for this post (no own domains known).
    pub fn classify_input(&self) -> PostInput<'_> {
        PostInput {
            text: &self.text,
            is_reply: self.is_reply,
            is_repost: self.is_repost,
            is_quote: self.is_quote(),
            links: &self.links,
            own_domains: &[],
            lang: self.lang.as_deref().filter(|l| l.len() == 2),
        }
    }

    /// The post as the page model has it (author and name given), e.g. to feed a [`Ledger`].
    pub fn to_post(&self, author: &str, name: &str) -> Post {
        Post {
            id: self.id.clone(),
            author: author.to_string(),
            name: name.to_string(),
            text: self.text.clone(),
            time: Some(to_iso(self.time)),
            is_reply: self.is_reply,
            reply_to: if self.is_reply {
                self.reply_to.clone()
            } else {
                Vec::new()
            },
            in_reply_to_id: self.in_reply_to_id.clone(),
            mentions: self.mentions.clone(),
            links: self.links.clone(),
            ..Post::default()
        }
    }
}

/// Whether `url` is a status permalink on X or Twitter.
fn is_status_link(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest
        .strip_prefix("www.")
        .or_else(|| rest.strip_prefix("mobile."))
        .unwrap_or(rest);
    let Some(path) = ["x.com/", "twitter.com/"]
        .iter()
        .find_map(|h| rest.strip_prefix(h))
    else {
        return false;
    };
    let mut parts = path.split('/');
    let (_, status, id) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
    status == Some("status") && id.bytes().take_while(u8::is_ascii_digit).count() > 0
}

/// Where in a file something went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// A line and column (both from 1; the column counts characters) in a text file.
    Text {
        /// Line, from 1.
        line: usize,
        /// Column, from 1, in characters.
        column: usize,
    },
    /// A byte offset (from 0) in a binary file.
    Byte(u64),
}

/// Why an archive could not be read: the file, where in it (when known) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArchiveError {
    /// The file, as given (a path, or `<zip>/<entry>` for a file inside a zip).
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong, in a sentence fragment.
    pub message: String,
}

impl ArchiveError {
    fn new(file: &str, position: Option<Position>, message: impl Into<String>) -> Self {
        ArchiveError {
            file: file.to_string(),
            position,
            message: message.into(),
        }
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        match self.position {
            Some(Position::Text { line, column }) => write!(f, ": line {line}, column {column}")?,
            Some(Position::Byte(b)) => write!(f, ": byte {b}")?,
            None => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ArchiveError {}

/// The role of a file in the archive, from its base name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// `tweets.js`, `tweet.js`, `tweets-partN.js`, `tweet-partN.js`: part N.
    Posts(u32),
    Account,
    Manifest,
}

fn role(base: &str) -> Option<Role> {
    match base {
        "tweets.js" | "tweet.js" => return Some(Role::Posts(0)),
        "account.js" => return Some(Role::Account),
        "manifest.js" => return Some(Role::Manifest),
        _ => {}
    }
    let n = base
        .strip_prefix("tweets-part")
        .or_else(|| base.strip_prefix("tweet-part"))?
        .strip_suffix(".js")?;
    if n.is_empty() || n.len() > 6 || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().map(Role::Posts)
}

/// Splits a path (`/` or `\`) into its folder (with the trailing separator) and base name.
fn split_path(path: &str) -> (&str, &str) {
    match path.rfind(['/', '\\']) {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    }
}

/// Whether a folder path (as split by [`split_path`]) is called `data`.
fn is_data_folder(dir: &str) -> bool {
    let trimmed = dir.trim_end_matches(['/', '\\']);
    split_path(trimmed).1 == "data"
}

/// The folder of the archive's data files among `paths`: the one with posts, preferring a
/// folder called `data`, then the shallowest, then the first by name.
fn pick_folder<'a>(paths: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    paths
        .filter(|p| {
            !p.starts_with("__MACOSX") && matches!(role(split_path(p).1), Some(Role::Posts(_)))
        })
        .map(|p| split_path(p).0)
        .min_by_key(|dir| (!is_data_folder(dir), dir.matches(['/', '\\']).count(), *dir))
}

/// One data file to parse: its name for messages, its role and its bytes.
struct DataFile {
    label: String,
    role: Role,
    bytes: Vec<u8>,
}

/// Reads an archive from files: `(path, contents)` pairs, e.g. the files of the archive
/// folder (or only its data folder) picked in a browser. Paths may use `/` or `\`; error
/// messages name the files by these paths. Files other than the archive's data files are
/// ignored.
pub fn from_files<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Archive, ArchiveError> {
    let files: Vec<(&str, &[u8])> = files.into_iter().collect();
    let Some(dir) = pick_folder(files.iter().map(|(p, _)| *p)) else {
        return Err(no_posts_error(FILES_GIVEN));
    };
    let data = files
        .iter()
        .filter_map(|(path, bytes)| {
            let (d, base) = split_path(path);
            let role = role(base).filter(|_| d == dir)?;
            Some(DataFile {
                label: (*path).to_string(),
                role,
                bytes: bytes.to_vec(),
            })
        })
        .collect();
    // Files at the top of the list are in a folder without a name: say which files.
    parse(data, if dir.is_empty() { FILES_GIVEN } else { dir })
}

/// How messages call the files given to [`from_files`] when no folder names them.
const FILES_GIVEN: &str = "the files given";

fn no_posts_error(where_: &str) -> ArchiveError {
    ArchiveError::new(
        where_,
        None,
        "not an X archive: no data/tweets.js (or tweet.js) in it",
    )
}

/// Reads the archive `.zip` as X delivers it. `name` is how error messages call the zip
/// (its file name or path); a file inside it is called `<name>/<entry>`.
pub fn from_zip(name: &str, bytes: &[u8]) -> Result<Archive, ArchiveError> {
    if !bytes.starts_with(b"PK") {
        return Err(ArchiveError::new(
            name,
            Some(Position::Byte(0)),
            "not a zip file (a zip starts with \"PK\")",
        ));
    }
    from_zip_reader(name, Cursor::new(bytes))
}

/// Reads the archive `.zip` from a reader that can seek, e.g. a file picked in a browser
/// and read a slice at a time: only the zip's directory and the data files are read, never
/// its media (an archive with media can be gigabytes).
pub fn from_zip_reader<R: Read + Seek>(name: &str, mut reader: R) -> Result<Archive, ArchiveError> {
    let zip_len = reader
        .seek(std::io::SeekFrom::End(0))
        .and_then(|len| reader.seek(std::io::SeekFrom::Start(0)).map(|_| len))
        .map_err(|e| ArchiveError::new(name, None, format!("cannot read: {e}")))?;
    let mut zip = zip::ZipArchive::new(reader)
        .map_err(|e| ArchiveError::new(name, None, format!("damaged zip: {e}")))?;
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    let Some(dir) = pick_folder(names.iter().map(String::as_str)).map(str::to_string) else {
        return Err(no_posts_error(name));
    };
    let mut data = Vec::new();
    for i in 0..zip.len() {
        // Only the data files' entries are opened (looked up by name first: opening an
        // entry reads its local header).
        let Some(path) = zip.name_for_index(i).map(str::to_string) else {
            continue;
        };
        let (d, base) = split_path(&path);
        let Some(role) = role(base).filter(|_| d == dir) else {
            continue;
        };
        let mut entry = zip
            .by_index(i)
            .map_err(|e| ArchiveError::new(name, None, format!("damaged zip entry {i}: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let at = Some(Position::Byte(entry.header_start()));
        if entry.size() > MAX_FILE_BYTES {
            return Err(ArchiveError::new(
                name,
                at,
                format!("{path}: too large ({} bytes)", entry.size()),
            ));
        }
        // The size in the header is only a claim: reserve at most 8 times the zip's own
        // length (JSON deflates about 8 to 1) and let a bigger file grow as it is read, so a
        // damaged header cannot make the reader ask for a gigabyte it never fills (the wasm
        // cannot grow that far, and aborts). Found by tests/fuzz.rs.
        let reserve = entry.size().min(zip_len.saturating_mul(8));
        let mut buf = Vec::with_capacity(reserve as usize);
        (&mut entry)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| ArchiveError::new(name, at, format!("{path}: cannot unpack: {e}")))?;
        data.push(DataFile {
            label: format!("{name}/{path}"),
            role,
            bytes: buf,
        });
    }
    parse(data, &format!("{name}/{dir}"))
}

/// Whether a file at `path` (in a folder picked in a browser) is one the archive reader
/// reads: pickers can then skip everything else (media) without opening it.
pub fn is_data_file(path: &str) -> bool {
    role(split_path(path).1).is_some()
}

/// Reads an archive from disk: the `.zip`, the unzipped archive folder, its `data/` folder,
/// or a `tweets.js` in it (its folder is read). Native builds only.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_path(path: &std::path::Path) -> Result<Archive, ArchiveError> {
    use std::fs;
    let label = path.display().to_string();
    let io_err = |p: &std::path::Path, e: std::io::Error| {
        ArchiveError::new(&p.display().to_string(), None, format!("cannot read: {e}"))
    };
    let meta = fs::metadata(path).map_err(|e| io_err(path, e))?;
    let dir = if meta.is_dir() {
        let data = path.join("data");
        if folder_has_posts(&data) {
            data
        } else if folder_has_posts(path) {
            path.to_path_buf()
        } else {
            return Err(ArchiveError::new(
                &label,
                None,
                "not an X archive folder: no data/tweets.js (or tweet.js) in it",
            ));
        }
    } else {
        let bytes = fs::read(path).map_err(|e| io_err(path, e))?;
        if bytes.starts_with(b"PK") || label.to_ascii_lowercase().ends_with(".zip") {
            return from_zip(&label, &bytes);
        }
        let base = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        match (role(base), path.parent()) {
            (Some(Role::Posts(_)), Some(parent)) => parent.to_path_buf(),
            _ => {
                return Err(ArchiveError::new(
                    &label,
                    None,
                    "not an X archive: give the .zip, its folder or its data/ folder",
                ));
            }
        }
    };
    let dir = if dir.as_os_str().is_empty() {
        std::path::PathBuf::from(".")
    } else {
        dir
    };
    let mut entries: Vec<(std::path::PathBuf, Role)> = fs::read_dir(&dir)
        .map_err(|e| io_err(&dir, e))?
        .filter_map(|e| {
            let e = e.ok()?;
            let role = role(e.file_name().to_str()?)?;
            Some((e.path(), role))
        })
        .collect();
    entries.sort();
    let mut data = Vec::new();
    for (p, role) in entries {
        let bytes = fs::read(&p).map_err(|e| io_err(&p, e))?;
        data.push(DataFile {
            label: p.display().to_string(),
            role,
            bytes,
        });
    }
    parse(data, &dir.display().to_string())
}

#[cfg(not(target_arch = "wasm32"))]
fn folder_has_posts(dir: &std::path::Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|rd| {
        rd.filter_map(Result::ok).any(|e| {
            e.file_name()
                .to_str()
                .and_then(role)
                .is_some_and(|r| matches!(r, Role::Posts(_)))
        })
    })
}

/// Parses the data files of one folder (`dir` names it in messages).
fn parse(mut files: Vec<DataFile>, dir: &str) -> Result<Archive, ArchiveError> {
    sort_with(&mut files, &|a, b| {
        (a.role, &a.label).cmp(&(b.role, &b.label))
    });
    // The owner's handle and name, and the file that gives them.
    let mut owner: Option<(String, String, &str)> = None;
    let mut manifest_owner = None;
    let mut posts = Vec::new();
    for f in &files {
        if f.role == Role::Manifest {
            // Optional: only used when account.js is missing, so damage there (even bytes
            // that are not UTF-8 or no `window.… =`) matters only then.
            manifest_owner = Some(
                utf8(f)
                    .and_then(|text| ytd_json(&f.label, text))
                    .and_then(|json| json.parse::<Manifest>(&f.label))
                    .map(|m| (m.user_info.user_name, m.user_info.display_name, &*f.label)),
            );
            continue;
        }
        let text = utf8(f)?;
        let json = ytd_json(&f.label, text)?;
        match f.role {
            Role::Posts(_) => {
                let items: Vec<TweetItem> = json.parse(&f.label)?;
                posts.extend(items.into_iter().map(|t| t.0));
            }
            Role::Account => {
                let items: Vec<AccountItem> = json.parse(&f.label)?;
                let Some(first) = items.into_iter().next() else {
                    return Err(ArchiveError::new(&f.label, None, "no account in it"));
                };
                owner = Some((first.account.username, first.account.display_name, &f.label));
            }
            Role::Manifest => {}
        }
    }
    let (owner, owner_name, owner_file) = match (owner, manifest_owner) {
        (Some(o), _) => o,
        (None, Some(m)) => m?,
        (None, None) => {
            return Err(ArchiveError::new(
                dir,
                None,
                "no account.js (nor manifest.js): the archive's owner is not named",
            ));
        }
    };
    let owner = owner.trim().trim_start_matches('@').to_string();
    if owner.is_empty() || !text::is_valid_username(&format!("@{owner}")) {
        return Err(ArchiveError::new(
            owner_file,
            None,
            format!("the account's username {owner:?} is not a handle"),
        ));
    }
    let mut seen = HashSet::new();
    posts.retain(|p: &ArchivePost| seen.insert(p.id.clone()));
    sort_with(&mut posts, &|a, b| {
        (a.time, a.id.len(), &a.id).cmp(&(b.time, b.id.len(), &b.id))
    });
    Ok(Archive {
        owner,
        owner_name: owner_name.trim().to_string(),
        posts,
    })
}

/// A file's text, or an error at its first byte that is not UTF-8.
fn utf8(f: &DataFile) -> Result<&str, ArchiveError> {
    std::str::from_utf8(&f.bytes).map_err(|e| {
        let good = std::str::from_utf8(&f.bytes[..e.valid_up_to()]).unwrap_or("");
        ArchiveError::new(
            &f.label,
            Some(text_position(good, good.len(), true)),
            "not UTF-8 text",
        )
    })
}

/// The line and column of byte `at` in `text` (the column of the character *at* `at` when
/// `at_char`, else of the one before it, as serde_json counts).
fn text_position(text: &str, at: usize, at_char: bool) -> Position {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = 1 + text[..line_start].bytes().filter(|&b| b == b'\n').count();
    let column = text[line_start..at].chars().count() + usize::from(at_char);
    Position::Text {
        line,
        column: column.max(1),
    }
}

/// The JSON value of a `window.X = …` file, and where it starts.
struct Json<'a> {
    file: &'a str,
    start: usize,
    end: usize,
}

impl Json<'_> {
    /// Deserialises the value; errors carry the line and column in the whole file.
    fn parse<T: for<'de> Deserialize<'de>>(&self, label: &str) -> Result<T, ArchiveError> {
        let json = &self.file[self.start..self.end];
        serde_json::from_str(json).map_err(|e| {
            // serde_json counts lines from 1 and columns as bytes since the line's start.
            let line_start = if e.line() <= 1 {
                0
            } else {
                json.match_indices('\n')
                    .nth(e.line() - 2)
                    .map_or(json.len(), |(i, _)| i + 1)
            };
            let at = self.start + (line_start + e.column()).min(json.len());
            let msg = e.to_string();
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m);
            let msg = if e.is_eof() {
                format!("{msg} (the file ends too early: cut off?)")
            } else {
                msg.to_string()
            };
            ArchiveError::new(label, Some(text_position(self.file, at, false)), msg)
        })
    }
}

/// Finds the JSON in a `window.YTD.tweets.part0 = [ … ]` (or `window.__THAR_CONFIG = {…}`)
/// file: after the `=`, up to an optional trailing `;`.
fn ytd_json<'a>(label: &str, file: &'a str) -> Result<Json<'a>, ArchiveError> {
    let body = file.strip_prefix('\u{feff}').unwrap_or(file);
    let skip = file.len() - body.len();
    let lead = body.len() - body.trim_start().len();
    let rest = &body[lead..];
    let err_at = |at: usize, what: &str| {
        ArchiveError::new(label, Some(text_position(file, at, true)), what.to_string())
    };
    let start = skip + lead;
    let Some(name) = rest.strip_prefix("window.") else {
        return Err(err_at(
            start,
            "expected `window.YTD.<name>.part<N> = [` at the start",
        ));
    };
    let name_len = name
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$'))
        .count();
    let after_name = start + "window.".len() + name_len;
    let tail = &file[after_name..];
    let eq = tail.len() - tail.trim_start().len();
    if name_len == 0 || !tail.trim_start().starts_with('=') {
        return Err(err_at(
            after_name + eq,
            "expected `window.YTD.<name>.part<N> = ` before the data",
        ));
    }
    let value_start = after_name + eq + 1;
    let mut end = file.trim_end().len().max(value_start);
    if file[value_start..end].ends_with(';') {
        end -= 1;
    }
    Ok(Json {
        file,
        start: value_start,
        end,
    })
}

/// A status id as X writes it: a string of digits (or, in old exports, a number).
struct Id(String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a status id (digits)")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<String, E> {
                Ok(s.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<String, E> {
                Ok(n.to_string())
            }
        }
        let s = d.deserialize_any(V)?;
        if s.is_empty() || s.len() > 24 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(serde::de::Error::custom(format!(
                "{s:?} is not a status id (digits)"
            )));
        }
        Ok(Id(s))
    }
}

fn de_time<'de, D: Deserializer<'de>>(d: D) -> Result<Millis, D::Error> {
    let s = String::deserialize(d)?;
    parse_archive(&s).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "created_at {s:?} is not a date like \"Fri Mar 06 13:02:05 +0000 2026\""
        ))
    })
}

#[derive(Deserialize, Default)]
struct RawUrl {
    #[serde(default)]
    url: String,
    #[serde(default)]
    expanded_url: Option<String>,
}

#[derive(Deserialize, Default)]
struct RawMention {
    #[serde(default)]
    screen_name: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize, Default)]
struct RawEntities {
    #[serde(default)]
    urls: Vec<RawUrl>,
    #[serde(default)]
    media: Vec<RawUrl>,
    #[serde(default)]
    user_mentions: Vec<RawMention>,
}

#[derive(Deserialize)]
struct RawTweet {
    #[serde(default)]
    id_str: Option<Id>,
    #[serde(default)]
    id: Option<Id>,
    #[serde(deserialize_with = "de_time")]
    created_at: Millis,
    #[serde(default)]
    full_text: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    entities: RawEntities,
    #[serde(default)]
    extended_entities: Option<RawEntities>,
    #[serde(default)]
    in_reply_to_status_id_str: Option<Id>,
    #[serde(default)]
    in_reply_to_status_id: Option<Id>,
    #[serde(default)]
    in_reply_to_screen_name: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize)]
struct RawItem {
    tweet: RawTweet,
}

/// One `{"tweet": {…}}` of `tweets.js`, read into an [`ArchivePost`].
#[derive(Deserialize)]
#[serde(try_from = "RawItem")]
struct TweetItem(ArchivePost);

impl TryFrom<RawItem> for TweetItem {
    type Error = String;

    fn try_from(item: RawItem) -> Result<TweetItem, String> {
        let t = item.tweet;
        let id = t.id_str.or(t.id).ok_or("a post without id_str")?.0;
        let raw = t
            .full_text
            .or(t.text)
            .ok_or_else(|| format!("post {id} has no full_text"))?;
        Ok(TweetItem(build_post(
            id,
            t.created_at,
            &raw,
            &t.entities,
            t.extended_entities.as_ref(),
            t.in_reply_to_status_id_str
                .or(t.in_reply_to_status_id)
                .map(|i| i.0),
            t.in_reply_to_screen_name,
            t.lang,
        )))
    }
}

/// Pushes `item` unless it is there already (without ASCII case).
fn push_unique(v: &mut Vec<String>, item: String) {
    if !v.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        v.push(item);
    }
}

/// The `@handles` a text starts with (a reply's addressees).
fn leading_handles(text: &str) -> Vec<Handle> {
    let mut out: Vec<Handle> = Vec::new();
    let mut rest = text.trim_start();
    while let Some(after) = rest.strip_prefix('@') {
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let next = after[len..].chars().next();
        if len == 0 || len > 20 || !next.is_none_or(char::is_whitespace) {
            break;
        }
        push_unique(&mut out, after[..len].to_string());
        rest = after[len..].trim_start();
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn build_post(
    id: String,
    time: Millis,
    raw: &str,
    entities: &RawEntities,
    extended: Option<&RawEntities>,
    in_reply_to_id: Option<String>,
    in_reply_to: Option<String>,
    lang: Option<String>,
) -> ArchivePost {
    let mut text = text::unescape_html(raw);
    let mut links = Vec::new();
    for u in &entities.urls {
        let expanded = u.expanded_url.as_deref().unwrap_or("").trim();
        if u.url.is_empty() {
            continue;
        }
        if expanded.is_empty() {
            links.push(u.url.clone());
        } else {
            text = text.replace(&u.url, expanded);
            links.push(expanded.to_string());
        }
    }
    let media = entities
        .media
        .iter()
        .chain(extended.into_iter().flat_map(|e| &e.media));
    for m in media {
        if !m.url.is_empty() {
            text = text.replace(&m.url, "");
        }
    }
    let text = text.trim_end().to_string();
    if entities.urls.is_empty() {
        links = text::extract_urls(&text);
    }
    let mut mentions = Vec::new();
    for m in text::extract_mentions(&text) {
        push_unique(&mut mentions, m);
    }
    let mut hashtags = Vec::new();
    for h in text::extract_hashtags(&text) {
        push_unique(&mut hashtags, h);
    }
    let reposted = text
        .strip_prefix("RT @")
        .and_then(|r| r.split_once(':'))
        .map(|(h, _)| h)
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 20
                && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .map(str::to_string);
    let in_reply_to = in_reply_to
        .map(|h| h.trim().trim_start_matches('@').to_string())
        .filter(|h| !h.is_empty());
    let in_reply_to_id = in_reply_to_id.filter(|i| !i.is_empty());
    let mut reply_to = Vec::new();
    if let Some(h) = &in_reply_to {
        reply_to.push(h.clone());
        for l in leading_handles(&text) {
            push_unique(&mut reply_to, l);
        }
    }
    let mut names: Vec<(Handle, String)> = Vec::new();
    for m in &entities.user_mentions {
        let handle = m.screen_name.trim().trim_start_matches('@');
        if !handle.is_empty() && !names.iter().any(|(h, _)| h.eq_ignore_ascii_case(handle)) {
            names.push((handle.to_string(), m.name.trim().to_string()));
        }
    }
    ArchivePost {
        id,
        time,
        names,
        is_reply: in_reply_to_id.is_some(),
        in_reply_to_id,
        in_reply_to,
        reply_to,
        is_repost: reposted.is_some(),
        reposted,
        mentions,
        hashtags,
        links,
        lang: lang.filter(|l| !l.is_empty()),
        text,
    }
}

#[derive(Deserialize)]
struct RawAccount {
    username: String,
    #[serde(default, rename = "accountDisplayName")]
    display_name: String,
}

#[derive(Deserialize)]
struct AccountItem {
    account: RawAccount,
}

#[derive(Deserialize)]
struct ManifestUser {
    #[serde(rename = "userName")]
    user_name: String,
    #[serde(default, rename = "displayName")]
    display_name: String,
}

#[derive(Deserialize)]
struct Manifest {
    #[serde(rename = "userInfo")]
    user_info: ManifestUser,
}

/// Feeds an archive into a ledger (see [`import`] for what it adds): joins the import's
/// ledger delta into `ledger` and returns that delta, to be saved like any other. Feeding the
/// same archive again changes nothing.
pub fn feed_ledger(archive: &Archive, ledger: &mut Ledger) -> Ledger {
    let delta = import::import(archive.clone()).ledger;
    ledger.merge(&delta);
    ledger.enforce_limits(&crate::core::ledger::Limits::DEFAULT);
    delta
}

/// Sorts `v` by `cmp`, stably. All of Rapport's archive and introduction sorts go through
/// here: the sort is compiled once (for indices) instead of once per element type, which
/// keeps the wasm smaller.
pub(crate) fn sort_with<T>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> std::cmp::Ordering) {
    let order = sorted_indices(v.len(), &|i, j| cmp(&v[i], &v[j]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// `0..n` sorted stably by `cmp` (not generic: one copy of the sort). `order::order` is the
/// sort every core module shares; ties broken by position make it stable.
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) -> Vec<usize> {
    crate::core::order::order(n, &mut |i, j| cmp(i, j).then(i.cmp(&j)).is_lt())
        .into_iter()
        .map(|i| i as usize)
        .collect()
}
