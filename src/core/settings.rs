//! Settings: the one schema, the one set of defaults, validation and migration of stored values.
//!
//! The options page renders its form from [`schema`] and saves only what [`Settings::validate`]
//! accepts; nothing in JavaScript repeats a default or a limit.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of the stored settings layout written by this build.
pub const SCHEMA_VERSION: u32 = 1;

/// Published rules of thumb for the share of sales pitches among one's posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preset {
    /// 4-1-1: one pitch in six posts (Tippingpoint Labs 2009).
    #[serde(rename = "4-1-1")]
    FourOneOne,
    /// 80/20: one pitch in five.
    #[serde(rename = "80/20")]
    EightyTwenty,
    /// Rule of thirds: one in three (Hootsuite).
    #[serde(rename = "thirds")]
    Thirds,
    /// 30/60/10: one in ten (Rallyverse 2014).
    #[serde(rename = "30/60/10")]
    ThirtySixtyTen,
    /// The user's own target, `pitch_custom_target`.
    #[serde(rename = "custom")]
    Custom,
}

impl Preset {
    /// Every preset, in the order the options page lists them.
    pub const ALL: [Preset; 5] = [
        Preset::FourOneOne,
        Preset::EightyTwenty,
        Preset::Thirds,
        Preset::ThirtySixtyTen,
        Preset::Custom,
    ];

    /// The stored name of the preset.
    pub fn name(self) -> &'static str {
        match self {
            Preset::FourOneOne => "4-1-1",
            Preset::EightyTwenty => "80/20",
            Preset::Thirds => "thirds",
            Preset::ThirtySixtyTen => "30/60/10",
            Preset::Custom => "custom",
        }
    }

    /// The preset named `name`, if any.
    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The highest pitch share the preset allows, or `None` for the custom preset.
    pub fn target(self) -> Option<f64> {
        match self {
            Preset::FourOneOne => Some(1.0 / 6.0),
            Preset::EightyTwenty => Some(0.20),
            Preset::Thirds => Some(1.0 / 3.0),
            Preset::ThirtySixtyTen => Some(0.10),
            Preset::Custom => None,
        }
    }
}

/// Everything the user can set. Stored as JSON in extension storage under `settings`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Layout version of the stored value (see [`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Show "no replies yet — say hello" on fresh posts nobody answered.
    pub show_no_replies: bool,
    /// How long after posting a post still gets the say-hello hint, in hours.
    pub say_hello_hours: u32,
    /// Show "waiting on you" on posts addressed to you that you have not answered.
    pub show_awaiting_you: bool,
    /// How long a post addressed to you keeps waiting, in days.
    pub waiting_days: u32,
    /// Warn in the composer when a draft is a pitch or would push you over your target.
    pub show_pitch_warning: bool,
    /// The rule of thumb for your pitch share.
    pub pitch_preset: Preset,
    /// Your own pitch-share target, used when the preset is `custom`.
    pub pitch_custom_target: f64,
    /// How many of your latest posts the pitch ratio is taken over.
    pub pitch_window_posts: u32,
    /// Show the mix panel on profile pages.
    pub show_mix_panel: bool,
    /// Also show the mix panel on other people's profiles.
    pub mix_on_others: bool,
    /// Outline recognised posts and log what was read (for diagnosing breakage).
    pub debug: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            schema_version: SCHEMA_VERSION,
            show_no_replies: true,
            say_hello_hours: 24,
            show_awaiting_you: true,
            waiting_days: 14,
            show_pitch_warning: true,
            pitch_preset: Preset::FourOneOne,
            pitch_custom_target: 0.2,
            pitch_window_posts: 30,
            show_mix_panel: true,
            mix_on_others: true,
            debug: false,
        }
    }
}

/// What kind of control a setting needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// On or off.
    Bool,
    /// A whole number within bounds.
    Integer {
        /// Smallest accepted value.
        min: u32,
        /// Largest accepted value.
        max: u32,
    },
    /// A share between bounds, shown as a percentage.
    Ratio {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
    },
    /// One of a fixed list of names.
    Choice {
        /// The accepted names, in display order.
        options: Vec<&'static str>,
    },
}

/// One setting as the options page shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// The key in [`Settings`]' JSON form.
    pub key: &'static str,
    /// The control and its bounds.
    pub kind: FieldKind,
    /// The `messages.json` key of the label.
    pub label: &'static str,
    /// The group heading's `messages.json` key.
    pub group: &'static str,
}

/// The schema the options page renders, in display order.
pub fn schema() -> Vec<Field> {
    use FieldKind::*;
    let int = |min, max| Integer { min, max };
    vec![
        field(
            "show_awaiting_you",
            Bool,
            "optAwaitingYou",
            "groupUnanswered",
        ),
        field(
            "waiting_days",
            int(1, 90),
            "optWaitingDays",
            "groupUnanswered",
        ),
        field("show_no_replies", Bool, "optNoReplies", "groupUnanswered"),
        field(
            "say_hello_hours",
            int(1, 168),
            "optSayHelloHours",
            "groupUnanswered",
        ),
        field("show_pitch_warning", Bool, "optPitchWarning", "groupRatio"),
        field(
            "pitch_preset",
            Choice {
                options: Preset::ALL.iter().map(|p| p.name()).collect(),
            },
            "optPitchPreset",
            "groupRatio",
        ),
        field(
            "pitch_custom_target",
            Ratio { min: 0.0, max: 1.0 },
            "optPitchCustomTarget",
            "groupRatio",
        ),
        field(
            "pitch_window_posts",
            int(5, 500),
            "optPitchWindow",
            "groupRatio",
        ),
        field("show_mix_panel", Bool, "optMixPanel", "groupRatio"),
        field("mix_on_others", Bool, "optMixOnOthers", "groupRatio"),
        field("debug", Bool, "optDebug", "groupAdvanced"),
    ]
}

fn field(key: &'static str, kind: FieldKind, label: &'static str, group: &'static str) -> Field {
    Field {
        key,
        kind,
        label,
        group,
    }
}

/// A value the options page must not save, with the `messages.json` key of the explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    /// The setting's key.
    pub key: String,
    /// The `messages.json` key of the message to show.
    pub message: &'static str,
}

impl Settings {
    /// The pitch-share target in force (preset or custom).
    pub fn pitch_target(&self) -> f64 {
        self.pitch_preset
            .target()
            .unwrap_or(self.pitch_custom_target)
    }

    /// Checks a JSON object from the options form field by field against [`schema`].
    /// Returns the settings to save, or every field that is wrong.
    pub fn validate(value: &Value) -> Result<Settings, Vec<FieldError>> {
        let Some(obj) = value.as_object() else {
            return Err(vec![FieldError {
                key: String::new(),
                message: "errNotAnObject",
            }]);
        };
        let mut errors = Vec::new();
        for f in schema() {
            let Some(v) = obj.get(f.key) else { continue };
            if !valid_value(&f.kind, v) {
                errors.push(FieldError {
                    key: f.key.to_string(),
                    message: match f.kind {
                        FieldKind::Bool => "errBool",
                        FieldKind::Integer { .. } => "errInteger",
                        FieldKind::Ratio { .. } => "errRatio",
                        FieldKind::Choice { .. } => "errChoice",
                    },
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (settings, _) = Settings::from_stored(value);
        Ok(settings)
    }

    /// Reads whatever was stored (possibly by an older or newer build, possibly damaged):
    /// known, valid fields are kept; anything missing or invalid falls back to its default.
    /// Returns the settings and the keys that were reset, so nothing changes silently.
    pub fn from_stored<V: Stored>(value: &V) -> (Settings, Vec<String>) {
        let mut out = Settings::default();
        let mut reset = Vec::new();
        if !value.is_object() {
            if !value.is_null() {
                reset.push(String::from("*"));
            }
            return (out, reset);
        }
        for f in schema() {
            if let Some(v) = value.field(f.key) {
                if valid_value(&f.kind, &v) {
                    out.set(f.key, &v);
                } else {
                    reset.push(f.key.to_string());
                }
            }
        }
        (out, reset)
    }

    /// Sets the field `key` to `v`, a value [`valid_value`] accepted for it. (Field by field
    /// rather than through `serde_json::from_value`: that would add a deserializer to the wasm.)
    fn set<V: Stored>(&mut self, key: &str, v: &V) {
        let flag = v.as_bool().unwrap_or_default();
        let int = v.as_u64().map_or(0, |n| n as u32);
        match key {
            "show_no_replies" => self.show_no_replies = flag,
            "say_hello_hours" => self.say_hello_hours = int,
            "show_awaiting_you" => self.show_awaiting_you = flag,
            "waiting_days" => self.waiting_days = int,
            "show_pitch_warning" => self.show_pitch_warning = flag,
            "pitch_preset" => {
                if let Some(p) = v.as_str().as_deref().and_then(Preset::from_name) {
                    self.pitch_preset = p;
                }
            }
            "pitch_custom_target" => {
                self.pitch_custom_target = v.as_f64().unwrap_or(self.pitch_custom_target);
            }
            "pitch_window_posts" => self.pitch_window_posts = int,
            "show_mix_panel" => self.show_mix_panel = flag,
            "mix_on_others" => self.mix_on_others = flag,
            "debug" => self.debug = flag,
            _ => {}
        }
    }
}

fn valid_value<V: Stored>(kind: &FieldKind, v: &V) -> bool {
    match kind {
        FieldKind::Bool => v.as_bool().is_some(),
        FieldKind::Integer { min, max } => v
            .as_u64()
            .is_some_and(|n| n >= u64::from(*min) && n <= u64::from(*max)),
        FieldKind::Ratio { min, max } => v
            .as_f64()
            .is_some_and(|x| x.is_finite() && x >= *min && x <= *max),
        FieldKind::Choice { options } => v.as_str().is_some_and(|s| options.contains(&s.as_ref())),
    }
}

/// A stored settings value as [`Settings::from_stored`] reads it: JSON's data model, seen
/// the way `serde_json::Value` sees it. `Value` is one; the content script reads the JS
/// object from extension storage in place through another (no deserializer in its wasm).
pub trait Stored: Sized {
    /// `null` (or absent).
    fn is_null(&self) -> bool;
    /// An object (not an array).
    fn is_object(&self) -> bool;
    /// The object's own field `key`, if it has one.
    fn field(&self, key: &str) -> Option<Self>;
    /// The boolean, if it is one.
    fn as_bool(&self) -> Option<bool>;
    /// The number, if it is a whole number from 0 to `u64::MAX` (as `Value::as_u64`).
    fn as_u64(&self) -> Option<u64>;
    /// The number, if it is one (as `Value::as_f64`).
    fn as_f64(&self) -> Option<f64>;
    /// The string, if it is one.
    fn as_str(&self) -> Option<std::borrow::Cow<'_, str>>;
}

impl Stored for Value {
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn field(&self, key: &str) -> Option<Value> {
        self.as_object()?.get(key).cloned()
    }
    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn as_u64(&self) -> Option<u64> {
        Value::as_u64(self)
    }
    fn as_f64(&self) -> Option<f64> {
        Value::as_f64(self)
    }
    fn as_str(&self) -> Option<std::borrow::Cow<'_, str>> {
        Value::as_str(self).map(std::borrow::Cow::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_match_the_design() {
        let s = Settings::default();
        assert_eq!(s.say_hello_hours, 24);
        assert_eq!(s.waiting_days, 14);
        assert_eq!(s.pitch_window_posts, 30);
        assert_eq!(s.pitch_preset, Preset::FourOneOne);
        assert!((s.pitch_target() - 1.0 / 6.0).abs() < 1e-9);
        assert!(!s.debug);
    }

    #[test]
    fn every_schema_field_is_a_settings_key_and_defaults_are_valid() {
        let d = serde_json::to_value(Settings::default()).unwrap();
        for f in schema() {
            let v = d.get(f.key).unwrap_or_else(|| panic!("{} missing", f.key));
            assert!(valid_value(&f.kind, v), "default of {} invalid", f.key);
        }
        // and every settings key but the version is in the schema
        let keys: Vec<_> = schema().iter().map(|f| f.key).collect();
        for k in d.as_object().unwrap().keys() {
            assert!(k == "schema_version" || keys.contains(&k.as_str()), "{k}");
        }
    }

    #[test]
    fn validate_rejects_out_of_range_and_wrong_types() {
        let bad = json!({"waiting_days": 0, "show_no_replies": "yes", "pitch_preset": "90/10",
                         "pitch_custom_target": 1.5});
        let errs = Settings::validate(&bad).unwrap_err();
        let keys: Vec<_> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "waiting_days",
                "show_no_replies",
                "pitch_preset",
                "pitch_custom_target"
            ]
        );
        let ok = Settings::validate(&json!({"waiting_days": 7, "pitch_preset": "custom",
                                            "pitch_custom_target": 0.25}))
        .unwrap();
        assert_eq!(ok.waiting_days, 7);
        assert!((ok.pitch_target() - 0.25).abs() < 1e-9);
    }

    /// `from_stored` as it was written first: defaults overlaid with the valid fields, read
    /// back through serde. Setting fields one by one must give the same settings.
    fn from_stored_by_serde(value: &Value) -> Settings {
        let mut merged = serde_json::to_value(Settings::default()).unwrap();
        let obj = merged.as_object_mut().unwrap();
        for f in schema() {
            if let Some(v) = value.get(f.key).filter(|v| valid_value(&f.kind, *v)) {
                obj.insert(f.key.to_string(), v.clone());
            }
        }
        serde_json::from_value(merged).unwrap()
    }

    #[test]
    fn from_stored_sets_every_field_as_serde_would() {
        let values = [
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(7),
            json!(90),
            json!(168),
            json!(500),
            json!(501),
            json!(-3),
            json!(0.25),
            json!(1.0),
            json!(0.0),
            json!("custom"),
            json!("thirds"),
            json!("30/60/10"),
            json!("90/10"),
            json!(null),
            json!([]),
        ];
        for f in schema() {
            for v in &values {
                let stored = json!({ f.key: v, "schema_version": 9 });
                let (s, _) = Settings::from_stored(&stored);
                assert_eq!(s, from_stored_by_serde(&stored), "{} = {v}", f.key);
            }
        }
        let all = serde_json::to_value(Settings {
            pitch_preset: Preset::Custom,
            pitch_custom_target: 0.3,
            debug: true,
            waiting_days: 3,
            say_hello_hours: 5,
            pitch_window_posts: 6,
            show_no_replies: false,
            show_awaiting_you: false,
            show_pitch_warning: false,
            show_mix_panel: false,
            mix_on_others: false,
            schema_version: 1,
        })
        .unwrap();
        assert_eq!(
            Settings::from_stored(&all),
            (from_stored_by_serde(&all), vec![])
        );
    }

    #[test]
    fn from_stored_keeps_valid_fields_and_reports_resets() {
        let (s, reset) = Settings::from_stored(&json!({"waiting_days": 30, "say_hello_hours": -3,
                                                       "unknown_future_key": 1}));
        assert_eq!(s.waiting_days, 30);
        assert_eq!(s.say_hello_hours, 24);
        assert_eq!(reset, ["say_hello_hours"]);
        let (s, reset) = Settings::from_stored(&Value::Null);
        assert_eq!(s, Settings::default());
        assert!(reset.is_empty());
        let (_, reset) = Settings::from_stored(&json!("garbage"));
        assert_eq!(reset, ["*"]);
    }
}
