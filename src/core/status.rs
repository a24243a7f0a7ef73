//! Rapport's health on a page: ready, degraded (with the capabilities it lost) or off.

use serde::{Deserialize, Serialize};

/// What `data-rapport-status` on `<html>` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Everything Rapport needs on this page was found.
    Ready,
    /// Something is missing; Rapport does what it still can (see [`Reason`]).
    Degraded,
    /// The user switched Rapport off.
    Off,
}

impl Status {
    /// The attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ready => "ready",
            Status::Degraded => "degraded",
            Status::Off => "off",
        }
    }
}

/// A capability Rapport lost on a page. The value of `data-rapport-reason` is the
/// kebab-case name; several reasons are joined by a space. The popup shows
/// `messages.json` key `reason_<snake_case name>` as its one-line diagnosis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The page's Content-Security-Policy refused to compile WebAssembly.
    WasmBlocked,
    /// Posts were expected on this page but none could be recognised.
    NoPosts,
    /// Posts were found without a readable author or permalink.
    PostIdentity,
    /// Reply counts could not be read (no action bar, or no number in it).
    ReplyCounts,
    /// Post times could not be read.
    PostTimes,
    /// Post text could not be read.
    PostText,
    /// The signed-in user's handle could not be found.
    OwnHandle,
    /// The composer's editor or Post button could not be found.
    Composer,
    /// The profile header could not be read.
    Profile,
    /// Extension storage refused a write (for example: full).
    Storage,
}

impl Reason {
    /// The attribute value of this reason.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::WasmBlocked => "wasm-blocked",
            Reason::NoPosts => "no-posts",
            Reason::PostIdentity => "post-identity",
            Reason::ReplyCounts => "reply-counts",
            Reason::PostTimes => "post-times",
            Reason::PostText => "post-text",
            Reason::OwnHandle => "own-handle",
            Reason::Composer => "composer",
            Reason::Profile => "profile",
            Reason::Storage => "storage",
        }
    }
}

/// Joins reasons into the attribute value: sorted, without repeats.
pub fn reason_attr(reasons: &[Reason]) -> String {
    let mut r: Vec<Reason> =
        crate::core::order::order(reasons.len(), &mut |a, b| reasons[a] < reasons[b])
            .into_iter()
            .map(|k| reasons[k as usize])
            .collect();
    r.dedup();
    r.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_names_match_their_serde_form() {
        for r in [
            Reason::WasmBlocked,
            Reason::NoPosts,
            Reason::PostIdentity,
            Reason::ReplyCounts,
            Reason::PostTimes,
            Reason::PostText,
            Reason::OwnHandle,
            Reason::Composer,
            Reason::Profile,
            Reason::Storage,
        ] {
            assert_eq!(serde_json::to_value(r).unwrap(), r.as_str());
        }
    }

    #[test]
    fn reason_attr_sorts_and_dedups() {
        let a = reason_attr(&[Reason::ReplyCounts, Reason::NoPosts, Reason::ReplyCounts]);
        assert_eq!(a, "no-posts reply-counts");
        assert_eq!(Status::Degraded.as_str(), "degraded");
    }
}
