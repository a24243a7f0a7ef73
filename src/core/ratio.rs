//! The sales-pitch ratio: your mix of kinds over your last N posts, against your target,
//! and whether a draft deserves a warning before you post it.
//!
//! A history is a list of [`Kind`]s, oldest first, newest last. Replies are part of it (they
//! are conversation). The window is the last `Settings::pitch_window_posts` posts; the target
//! is `Settings::pitch_target()` (the preset's share, or the custom one).

use serde::{Deserialize, Serialize};

use crate::core::classify::{Kind, Verdict};
use crate::core::settings::Settings;

/// A draft whose pitch score reaches this is "leaning pitch": it is warned about when
/// counting it as a pitch would take you over your target.
pub const LEANING_PITCH: f32 = 0.35;

/// How many posts of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mix {
    /// Talking to people.
    pub conversation: u32,
    /// Passing on others' work.
    pub sharing: u32,
    /// Encouragement.
    pub inspiration: u32,
    /// Connecting people.
    pub introduction: u32,
    /// Your own work.
    pub promotion: u32,
    /// Sales pitches.
    pub pitch: u32,
}

impl Mix {
    /// Counts the kinds in `kinds`.
    pub fn of(kinds: &[Kind]) -> Mix {
        let mut m = Mix::default();
        for &k in kinds {
            m.add(k);
        }
        m
    }

    /// Counts one more post of `kind`.
    pub fn add(&mut self, kind: Kind) {
        *self.slot(kind) += 1;
    }

    fn slot(&mut self, kind: Kind) -> &mut u32 {
        match kind {
            Kind::Conversation => &mut self.conversation,
            Kind::Sharing => &mut self.sharing,
            Kind::Inspiration => &mut self.inspiration,
            Kind::Introduction => &mut self.introduction,
            Kind::Promotion => &mut self.promotion,
            Kind::Pitch => &mut self.pitch,
        }
    }

    /// How many posts of `kind`.
    pub fn get(&self, kind: Kind) -> u32 {
        match kind {
            Kind::Conversation => self.conversation,
            Kind::Sharing => self.sharing,
            Kind::Inspiration => self.inspiration,
            Kind::Introduction => self.introduction,
            Kind::Promotion => self.promotion,
            Kind::Pitch => self.pitch,
        }
    }

    /// How many posts in all.
    pub fn total(&self) -> u32 {
        Kind::ALL.iter().map(|&k| self.get(k)).sum()
    }

    /// The share of pitches, 0..1 (0 with no posts).
    pub fn pitch_ratio(&self) -> f64 {
        match self.total() {
            0 => 0.0,
            n => f64::from(self.pitch) / f64::from(n),
        }
    }
}

/// The last `window` posts of `history` (all of it when shorter).
pub fn window(history: &[Kind], window: usize) -> &[Kind] {
    &history[history.len().saturating_sub(window)..]
}

/// The mix of the last `window` posts.
pub fn mix(history: &[Kind], window_posts: usize) -> Mix {
    Mix::of(window(history, window_posts))
}

/// The pitch share of the last `window` posts (0 with no posts).
pub fn pitch_ratio(history: &[Kind], window_posts: usize) -> f64 {
    mix(history, window_posts).pitch_ratio()
}

/// The pitch share of the last `window` posts if a post of `draft` were posted now:
/// the draft joins the window and the oldest post in a full window drops out.
pub fn ratio_if_posted(history: &[Kind], draft: Kind, window_posts: usize) -> f64 {
    if window_posts == 0 {
        return 0.0;
    }
    let mut m = mix(history, window_posts - 1);
    m.add(draft);
    m.pitch_ratio()
}

/// The window size in force (at least one post).
pub fn window_posts(settings: &Settings) -> usize {
    (settings.pitch_window_posts as usize).max(1)
}

/// Your standing over the window: the mix panel's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    /// Posts per kind in the window.
    pub mix: Mix,
    /// How many posts the numbers are based on.
    pub posts: u32,
    /// The pitch share, 0..1.
    pub ratio: f64,
    /// The target share in force.
    pub target: f64,
    /// Whether the share is above the target.
    pub over_target: bool,
}

/// The standing of `history` under `settings`.
pub fn standing(history: &[Kind], settings: &Settings) -> Standing {
    let mix = mix(history, window_posts(settings));
    let ratio = mix.pitch_ratio();
    let target = settings.pitch_target();
    Standing {
        mix,
        posts: mix.total(),
        ratio,
        target,
        over_target: ratio > target + 1e-9,
    }
}

/// What the composer should say about a draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftCheck {
    /// Show `pitch-warning`.
    pub warn: bool,
    /// The draft reads as a pitch.
    pub reads_as_pitch: bool,
    /// Posting it (counted as a pitch) would put your share above the target.
    pub over_target: bool,
    /// Your pitch share now.
    pub ratio_now: f64,
    /// Your pitch share if you post it (`data-rapport-ratio`).
    pub ratio_if_posted: f64,
    /// The target share in force.
    pub target: f64,
}

/// Whether a draft with verdict `draft` should warn, given your `history` and `settings`:
/// when it reads as a pitch, or when it leans that way ([`LEANING_PITCH`]) and counting it
/// as a pitch would push your share over the target. Never when warnings are switched off.
pub fn check_draft(history: &[Kind], draft: &Verdict, settings: &Settings) -> DraftCheck {
    let n = window_posts(settings);
    let target = settings.pitch_target();
    let ratio_now = pitch_ratio(history, n);
    let reads_as_pitch = draft.kind == Kind::Pitch;
    let leaning = reads_as_pitch || draft.pitch >= LEANING_PITCH;
    let as_pitch = ratio_if_posted(history, Kind::Pitch, n);
    let over_target = leaning && as_pitch > target + 1e-9;
    let ratio_if = ratio_if_posted(history, if leaning { Kind::Pitch } else { draft.kind }, n);
    DraftCheck {
        warn: settings.show_pitch_warning && (reads_as_pitch || over_target),
        reads_as_pitch,
        over_target,
        ratio_now,
        ratio_if_posted: ratio_if,
        target,
    }
}

/// A ratio as the page contract writes it (`data-rapport-ratio`, `data-rapport-pitch-ratio`):
/// three decimals, exactly as `format!("{:.3}", x)` writes them (the exact binary value
/// rounded half to even), without the float formatter in the wasm. For `|x| < 2^53`.
pub fn attr(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return format!("{sign}inf");
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = u128::from(bits & ((1 << 52) - 1));
    // |x| = m · 2^e exactly.
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    let scaled = m * 1000;
    let thousandths = if e >= 0 {
        scaled << e
    } else if e <= -127 {
        0 // below 2^-64: rounds to zero
    } else {
        let s = -e as u32;
        let (q, r, half) = (scaled >> s, scaled & ((1 << s) - 1), 1u128 << (s - 1));
        q + u128::from(r > half || (r == half && q & 1 == 1))
    };
    // Below 2^63 for |x| < 2^53: divided as a u64 (a u128 division adds its routine).
    let thousandths = thousandths as u64;
    let (int, dec) = (thousandths / 1000, thousandths % 1000);
    format!("{sign}{int}.{dec:03}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::settings::Preset;

    use Kind::*;

    fn verdict(kind: Kind, pitch: f32) -> Verdict {
        Verdict {
            kind,
            pitch,
            evidence: vec!["test".into()],
        }
    }

    #[test]
    fn mix_counts_the_window() {
        let h = [Pitch, Pitch, Conversation, Sharing, Conversation, Pitch];
        let m = mix(&h, 4);
        assert_eq!(m.total(), 4);
        assert_eq!(m.conversation, 2);
        assert_eq!(m.sharing, 1);
        assert_eq!(m.pitch, 1);
        assert_eq!(m.get(Pitch), 1);
        assert!((m.pitch_ratio() - 0.25).abs() < 1e-12);
        assert_eq!(mix(&h, 100).total(), 6);
        assert_eq!(window(&h, 2), &[Conversation, Pitch]);
        assert_eq!(pitch_ratio(&[], 30), 0.0);
    }

    #[test]
    fn mix_serialises_by_kind_name() {
        let v = serde_json::to_value(Mix::of(&[Pitch, Sharing, Sharing])).unwrap();
        assert_eq!(v["sharing"], 2);
        assert_eq!(v["pitch"], 1);
        for k in Kind::ALL {
            assert!(v.get(k.name()).is_some(), "{k}");
        }
    }

    #[test]
    fn ratio_if_posted_slides_the_window() {
        // Window of 4: the oldest post (a pitch) drops out when the draft joins.
        let h = [Pitch, Conversation, Conversation, Conversation];
        assert!((ratio_if_posted(&h, Conversation, 4) - 0.0).abs() < 1e-12);
        assert!((ratio_if_posted(&h, Pitch, 4) - 0.25).abs() < 1e-12);
        assert!((ratio_if_posted(&[], Pitch, 30) - 1.0).abs() < 1e-12);
        assert!((ratio_if_posted(&h, Pitch, 10) - 0.4).abs() < 1e-12);
        assert_eq!(ratio_if_posted(&h, Pitch, 0), 0.0);
    }

    #[test]
    fn a_pitch_always_warns() {
        let s = Settings::default();
        let h = vec![Conversation; 29];
        let c = check_draft(&h, &verdict(Pitch, 0.9), &s);
        assert!(c.warn && c.reads_as_pitch);
        // 1 in 30 is under 4-1-1's one in six.
        assert!(!c.over_target);
        assert!((c.ratio_if_posted - 1.0 / 30.0).abs() < 1e-12);
    }

    #[test]
    fn a_friendly_post_never_warns() {
        let s = Settings::default();
        let h = vec![Pitch; 30];
        let c = check_draft(&h, &verdict(Conversation, 0.0), &s);
        assert!(!c.warn);
        assert!((c.ratio_now - 1.0).abs() < 1e-12);
        assert!((c.ratio_if_posted - 29.0 / 30.0).abs() < 1e-12);
    }

    #[test]
    fn leaning_pitch_warns_only_over_target() {
        let s = Settings::default(); // 4-1-1: at most 1/6
        let calm = [vec![Conversation; 25], vec![Pitch; 2]].concat();
        let c = check_draft(&calm, &verdict(Promotion, 0.4), &s);
        assert!(!c.warn, "{c:?}");
        let busy = [vec![Conversation; 20], vec![Pitch; 5]].concat();
        let c = check_draft(&busy, &verdict(Promotion, 0.4), &s);
        assert!(c.warn && c.over_target && !c.reads_as_pitch, "{c:?}");
        assert!((c.ratio_if_posted - 6.0 / 26.0).abs() < 1e-12);
        let c = check_draft(&busy, &verdict(Promotion, 0.1), &s);
        assert!(!c.warn);
    }

    #[test]
    fn presets_and_switch() {
        let h = [vec![Conversation; 8], vec![Pitch; 1]].concat();
        let v = verdict(Sharing, 0.4);
        let mut s = Settings {
            pitch_preset: Preset::ThirtySixtyTen,
            ..Settings::default()
        };
        // 2 of 10 is over 10%.
        assert!(check_draft(&h, &v, &s).warn);
        s.pitch_preset = Preset::Thirds;
        assert!(!check_draft(&h, &v, &s).warn);
        s.pitch_preset = Preset::Custom;
        s.pitch_custom_target = 0.15;
        assert!(check_draft(&h, &v, &s).warn);
        s.show_pitch_warning = false;
        assert!(!check_draft(&h, &verdict(Pitch, 1.0), &s).warn);
    }

    #[test]
    fn standing_against_target() {
        let s = Settings::default();
        let h = [vec![Conversation; 40], vec![Pitch; 10]].concat();
        let st = standing(&h, &s);
        assert_eq!(st.posts, 30);
        assert_eq!(st.mix.pitch, 10);
        assert!(st.over_target);
        assert!((st.target - 1.0 / 6.0).abs() < 1e-12);
        let st = standing(
            &[
                Pitch,
                Conversation,
                Conversation,
                Conversation,
                Conversation,
                Conversation,
            ],
            &s,
        );
        assert!(!st.over_target, "exactly one in six is on target");
    }

    #[test]
    fn attrs_are_written_as_the_float_formatter_writes_them() {
        let mut xs = vec![
            0.0,
            -0.0,
            1.0,
            0.0625,
            0.0005,
            0.0015,
            0.9995,
            0.1 + 0.2,
            f64::MIN_POSITIVE,
            5e-324,
            -0.0004,
            -0.3335,
            123456.7895,
            1e15 + 0.5,
            9007199254740991.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for n in 1..=600u32 {
            for k in 0..=n {
                xs.push(f64::from(k) / f64::from(n));
            }
        }
        // Every exact tie (k/2000) and its neighbours.
        for k in 0..=2000u32 {
            let t = f64::from(k) / 2000.0;
            xs.extend([
                t,
                f64::from_bits(t.to_bits() + 1),
                f64::from_bits(t.to_bits().max(1) - 1),
            ]);
        }
        // A deterministic spread of bit patterns in [0, 1].
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            xs.push(f64::from_bits(seed % 0x3ff0_0000_0000_0001));
        }
        for x in xs {
            assert_eq!(attr(x), format!("{x:.3}"), "{x:e}");
        }
    }
}
