//! Life moments: a small list of cue phrases (English first, with German, Spanish, French
//! and Portuguese) for what people go through — a new job, a move, a launch, a graduation,
//! a new baby — found in one pass with Aho-Corasick (ASCII case ignored), at word
//! boundaries.
//!
//! Sensitive moments (illness, loss) are left out on purpose: an introduction post is public.

use std::sync::OnceLock;

use crate::core::classify::ac::Automaton;

/// A kind of life moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Moment {
    NewJob,
    JobSearch,
    Moved,
    Launched,
    Founded,
    Graduated,
    NewBaby,
    Married,
    Retired,
    Marathon,
}

impl Moment {
    /// The key of the moment in reasons (`"new-job"` …).
    pub(crate) fn key(self) -> &'static str {
        match self {
            Moment::NewJob => "new-job",
            Moment::JobSearch => "job-search",
            Moment::Moved => "moved",
            Moment::Launched => "launched",
            Moment::Founded => "founded",
            Moment::Graduated => "graduated",
            Moment::NewBaby => "new-baby",
            Moment::Married => "married",
            Moment::Retired => "retired",
            Moment::Marathon => "marathon",
        }
    }

    /// The moment for a key, if any.
    pub(crate) fn from_key(key: &str) -> Option<Moment> {
        ALL.iter().copied().find(|m| m.key() == key)
    }

    /// A short label (`"a new job"`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            Moment::NewJob => "a new job",
            Moment::JobSearch => "looking for work",
            Moment::Moved => "a move",
            Moment::Launched => "a launch",
            Moment::Founded => "founding a company",
            Moment::Graduated => "graduating",
            Moment::NewBaby => "a new baby",
            Moment::Married => "getting married",
            Moment::Retired => "retiring",
            Moment::Marathon => "running marathons",
        }
    }

    /// What both people do, after "you both" / "who both".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            Moment::NewJob => "just started new jobs",
            Moment::JobSearch => "are looking for your next role",
            Moment::Moved => "just moved",
            Moment::Launched => "just launched something",
            Moment::Founded => "founded companies",
            Moment::Graduated => "just graduated",
            Moment::NewBaby => "just had a baby",
            Moment::Married => "just got married or engaged",
            Moment::Retired => "are retiring",
            Moment::Marathon => "run marathons",
        }
    }
}

const ALL: [Moment; 10] = [
    Moment::NewJob,
    Moment::JobSearch,
    Moment::Moved,
    Moment::Launched,
    Moment::Founded,
    Moment::Graduated,
    Moment::NewBaby,
    Moment::Married,
    Moment::Retired,
    Moment::Marathon,
];

/// The cue phrases, lower case.
const CUES: &[(&str, Moment)] = &[
    ("new job", Moment::NewJob),
    ("started a new job", Moment::NewJob),
    ("starting a new job", Moment::NewJob),
    ("first day at", Moment::NewJob),
    ("excited to join", Moment::NewJob),
    ("i'm joining", Moment::NewJob),
    ("i joined", Moment::NewJob),
    ("new role", Moment::NewJob),
    ("neuen job", Moment::NewJob),
    ("neuer job", Moment::NewJob),
    ("neue stelle", Moment::NewJob),
    ("nuevo trabajo", Moment::NewJob),
    ("nouveau poste", Moment::NewJob),
    ("nouvel emploi", Moment::NewJob),
    ("novo emprego", Moment::NewJob),
    ("novo trabalho", Moment::NewJob),
    ("laid off", Moment::JobSearch),
    ("open to work", Moment::JobSearch),
    ("looking for a new role", Moment::JobSearch),
    ("looking for a job", Moment::JobSearch),
    ("job hunting", Moment::JobSearch),
    ("job search", Moment::JobSearch),
    ("#opentowork", Moment::JobSearch),
    ("auf jobsuche", Moment::JobSearch),
    ("busco trabajo", Moment::JobSearch),
    ("je cherche un emploi", Moment::JobSearch),
    ("procurando emprego", Moment::JobSearch),
    ("moved to", Moment::Moved),
    ("moving to", Moment::Moved),
    ("relocated to", Moment::Moved),
    ("relocating to", Moment::Moved),
    ("just moved", Moment::Moved),
    ("umgezogen", Moment::Moved),
    ("ziehe nach", Moment::Moved),
    ("me mudé", Moment::Moved),
    ("nos mudamos", Moment::Moved),
    ("déménagé", Moment::Moved),
    ("je déménage", Moment::Moved),
    ("me mudei", Moment::Moved),
    ("mudei para", Moment::Moved),
    ("just launched", Moment::Launched),
    ("we launched", Moment::Launched),
    ("i launched", Moment::Launched),
    ("launching today", Moment::Launched),
    ("launched today", Moment::Launched),
    ("is now live", Moment::Launched),
    ("just shipped", Moment::Launched),
    ("gelauncht", Moment::Launched),
    ("hemos lanzado", Moment::Launched),
    ("lanzamos", Moment::Launched),
    ("nous lançons", Moment::Launched),
    ("lançamos", Moment::Launched),
    ("co-founded", Moment::Founded),
    ("i founded", Moment::Founded),
    ("we founded", Moment::Founded),
    ("started my own company", Moment::Founded),
    ("started a company", Moment::Founded),
    ("gegründet", Moment::Founded),
    ("fundé", Moment::Founded),
    ("j'ai fondé", Moment::Founded),
    ("fundei", Moment::Founded),
    ("graduated", Moment::Graduated),
    ("my graduation", Moment::Graduated),
    ("defended my thesis", Moment::Graduated),
    ("defended my phd", Moment::Graduated),
    ("abschluss geschafft", Moment::Graduated),
    ("me gradué", Moment::Graduated),
    ("diplômé", Moment::Graduated),
    ("diplômée", Moment::Graduated),
    ("me formei", Moment::Graduated),
    ("new baby", Moment::NewBaby),
    ("baby girl", Moment::NewBaby),
    ("baby boy", Moment::NewBaby),
    ("became a dad", Moment::NewBaby),
    ("became a mom", Moment::NewBaby),
    ("became a father", Moment::NewBaby),
    ("became a mother", Moment::NewBaby),
    ("welcomed our", Moment::NewBaby),
    ("papa geworden", Moment::NewBaby),
    ("mama geworden", Moment::NewBaby),
    ("vater geworden", Moment::NewBaby),
    ("mutter geworden", Moment::NewBaby),
    ("he sido padre", Moment::NewBaby),
    ("he sido madre", Moment::NewBaby),
    ("devenu papa", Moment::NewBaby),
    ("devenue maman", Moment::NewBaby),
    ("virei pai", Moment::NewBaby),
    ("virei mãe", Moment::NewBaby),
    ("got married", Moment::Married),
    ("just married", Moment::Married),
    ("got engaged", Moment::Married),
    ("we're engaged", Moment::Married),
    ("geheiratet", Moment::Married),
    ("verlobt", Moment::Married),
    ("nos casamos", Moment::Married),
    ("me casé", Moment::Married),
    ("on s'est mariés", Moment::Married),
    ("me casei", Moment::Married),
    ("i retired", Moment::Retired),
    ("i'm retiring", Moment::Retired),
    ("my retirement", Moment::Retired),
    ("in rente", Moment::Retired),
    ("im ruhestand", Moment::Retired),
    ("me jubilé", Moment::Retired),
    ("à la retraite", Moment::Retired),
    ("me aposentei", Moment::Retired),
    ("first marathon", Moment::Marathon),
    ("ran a marathon", Moment::Marathon),
    ("ran the marathon", Moment::Marathon),
    ("marathon gelaufen", Moment::Marathon),
    ("corrí un maratón", Moment::Marathon),
    ("couru un marathon", Moment::Marathon),
    ("corri uma maratona", Moment::Marathon),
];

/// The cue automaton: the classifier's own Aho-Corasick (ASCII case ignored, overlapping
/// matches), so that the wasm carries no second kind of automaton.
struct Cues {
    ac: Automaton,
    /// The moment of each pattern.
    moments: Vec<Moment>,
}

fn automaton() -> &'static Cues {
    static CUES_NFA: OnceLock<Cues> = OnceLock::new();
    CUES_NFA.get_or_init(|| {
        let mut texts = Vec::new();
        let mut moments = Vec::new();
        for (phrase, m) in CUES {
            texts.push(phrase.to_string());
            moments.push(*m);
            if phrase.contains('\'') {
                // The typographic apostrophe too.
                texts.push(phrase.replace('\'', "\u{2019}"));
                moments.push(*m);
            }
        }
        let ac = Automaton::new(texts.iter().map(String::as_str));
        Cues { ac, moments }
    })
}

/// Whether `c` may stand next to a cue (it must not glue the cue to a longer word).
fn is_boundary(c: Option<char>) -> bool {
    c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
}

/// The moments `text` shows, in their order, unique (ASCII case ignored).
pub(crate) fn moments(text: &str) -> Vec<Moment> {
    let cues = automaton();
    let mut found = 0u32;
    cues.ac
        .for_each_match(text.as_bytes(), &mut |start, end, pattern| {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if is_boundary(before) && is_boundary(after) {
                found |= 1 << cues.moments[pattern] as u32;
            }
        });
    ALL.iter()
        .copied()
        .filter(|&m| found & (1 << m as u32) != 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_moments_at_word_boundaries() {
        assert_eq!(
            moments("Excited: I started a new job today!"),
            [Moment::NewJob]
        );
        assert_eq!(moments("We MOVED TO Lisbon"), [Moment::Moved]);
        assert_eq!(moments("I’m joining Acme"), [Moment::NewJob]);
        assert_eq!(moments("Ich bin nach Berlin umgezogen"), [Moment::Moved]);
        assert_eq!(
            moments("just launched my app, and graduated!"),
            [Moment::Launched, Moment::Graduated]
        );
        assert!(moments("a renew jobs board").is_empty());
        assert!(moments("undergraduated").is_empty());
        assert!(moments("nothing here").is_empty());
        for m in ALL {
            assert_eq!(Moment::from_key(m.key()), Some(m));
            assert!(!m.label().is_empty() && !m.phrase().is_empty());
        }
    }
}
