//! A small Aho-Corasick automaton for cue phrases (the classifier's, and the life moments of
//! introductions): every match, overlapping, with ASCII case ignored, reported in the order
//! of the `aho-corasick` crate's overlapping search (by end, then longest first, then by
//! pattern number), which it replaces and is tested against.
//!
//! Why not the crate: its builders, automaton kinds and prefilters add about 40 KB to the
//! wasm, for one fixed set of patterns searched one way. This is a trie with failure links
//! (Aho and Corasick, 1975): a dense table for the root, sorted edge lists elsewhere.

/// One state of the automaton.
#[derive(Clone, Copy, Default)]
struct State {
    /// Its edges: `edges[first..first + count]`, sorted by byte.
    first: u32,
    count: u32,
    /// Where to go when no edge fits.
    fail: u32,
    /// The patterns that end here: `matches[out..out + n_out]`, this state's own first,
    /// then those of its failure state.
    out: u32,
    n_out: u32,
}

/// States this shallow (the root is depth 0) get a full row of transitions, failures
/// resolved: where nearly all of a search's steps are taken.
const DENSE_DEPTH: usize = 2;

/// No dense row (in [`Automaton::rows`]).
const SPARSE: u32 = u32::MAX;

/// The automaton over a fixed list of patterns.
pub(crate) struct Automaton {
    /// Bytes by class: bytes that occur in no pattern share class 0.
    class: [u8; 256],
    /// Per state: where its dense row starts in `dense`, or [`SPARSE`].
    rows: Vec<u32>,
    /// Rows of `classes` next states, for the states of depth up to [`DENSE_DEPTH`].
    dense: Vec<u32>,
    states: Vec<State>,
    edges: Vec<(u8, u32)>,
    matches: Vec<u32>,
    /// Each pattern's length in bytes.
    lens: Vec<u32>,
}

/// A node of the trie while building.
#[derive(Default)]
struct Node {
    children: Vec<(u8, u32)>,
    own: Vec<u32>,
}

fn child(children: &[(u8, u32)], b: u8) -> Option<u32> {
    children
        .binary_search_by_key(&b, |e| e.0)
        .ok()
        .map(|i| children[i].1)
}

impl Automaton {
    /// Builds the automaton for `patterns` (non-empty), matched with ASCII case ignored.
    pub(crate) fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Automaton {
        let mut nodes = vec![Node::default()];
        let mut lens = Vec::new();
        for (id, p) in patterns.into_iter().enumerate() {
            let mut at = 0;
            for b in p.bytes().map(|b| b.to_ascii_lowercase()) {
                at = match nodes[at].children.binary_search_by_key(&b, |e| e.0) {
                    Ok(i) => nodes[at].children[i].1 as usize,
                    Err(i) => {
                        let new = nodes.len();
                        nodes[at].children.insert(i, (b, new as u32));
                        nodes.push(Node::default());
                        new
                    }
                };
            }
            nodes[at].own.push(id as u32);
            lens.push(p.len() as u32);
        }

        // Failure links and match lists, breadth first (a failure state is always shallower).
        let mut states = vec![State::default(); nodes.len()];
        let mut matches = Vec::new();
        let mut queue = vec![0u32];
        let mut next = 0;
        while next < queue.len() {
            let u = queue[next] as usize;
            next += 1;
            let fail = states[u].fail as usize;
            let out = matches.len() as u32;
            matches.extend_from_slice(&nodes[u].own);
            if u != 0 {
                let inherited =
                    states[fail].out as usize..(states[fail].out + states[fail].n_out) as usize;
                matches.extend_from_within(inherited);
            }
            states[u].out = out;
            states[u].n_out = matches.len() as u32 - out;
            for &(b, v) in &nodes[u].children {
                states[v as usize].fail = if u == 0 {
                    0
                } else {
                    let mut f = fail;
                    loop {
                        if let Some(w) = child(&nodes[f].children, b) {
                            break w;
                        }
                        if f == 0 {
                            break 0;
                        }
                        f = states[f].fail as usize;
                    }
                };
                queue.push(v);
            }
        }

        let mut edges = Vec::new();
        for (u, node) in nodes.iter().enumerate() {
            states[u].first = edges.len() as u32;
            states[u].count = node.children.len() as u32;
            edges.extend_from_slice(&node.children);
        }

        // Byte classes, then dense rows breadth first (a failure state's row comes first).
        let mut class = [0u8; 256];
        let mut classes = 1;
        for e in &edges {
            if class[usize::from(e.0)] == 0 {
                class[usize::from(e.0)] = classes as u8;
                classes += 1;
            }
        }
        let mut depth = vec![0usize; nodes.len()];
        let mut rows = vec![SPARSE; nodes.len()];
        let mut dense: Vec<u32> = Vec::new();
        for &u in &queue {
            let u = u as usize;
            for &(_, v) in &nodes[u].children {
                depth[v as usize] = depth[u] + 1;
            }
            if depth[u] > DENSE_DEPTH {
                continue;
            }
            let row = dense.len();
            if u == 0 {
                dense.resize(row + classes, 0);
            } else {
                let fail_row = rows[states[u].fail as usize] as usize;
                dense.extend_from_within(fail_row..fail_row + classes);
            }
            for &(b, v) in &nodes[u].children {
                dense[row + usize::from(class[usize::from(b)])] = v;
            }
            rows[u] = row as u32;
        }
        Automaton {
            class,
            rows,
            dense,
            states,
            edges,
            matches,
            lens,
        }
    }

    /// The state after `s` on byte `b`, if it has that edge.
    fn edge(&self, s: &State, b: u8) -> Option<u32> {
        let edges = self
            .edges
            .get(s.first as usize..(s.first + s.count) as usize)?;
        if edges.len() <= 8 {
            edges.iter().find(|e| e.0 == b).map(|e| e.1)
        } else {
            child(edges, b)
        }
    }

    /// Calls `f(start, end, pattern)` for every match in `haystack`, overlapping ones too,
    /// by end position, then longest first, then by pattern number.
    pub(crate) fn for_each_match(&self, haystack: &[u8], f: &mut dyn FnMut(usize, usize, usize)) {
        let mut s = 0;
        for (i, &b) in haystack.iter().enumerate() {
            let b = b.to_ascii_lowercase();
            loop {
                let row = self.rows[s];
                if row != SPARSE {
                    let c = usize::from(self.class[usize::from(b)]);
                    s = self.dense[row as usize + c] as usize;
                    break;
                }
                let state = &self.states[s];
                if let Some(n) = self.edge(state, b) {
                    s = n as usize;
                    break;
                }
                s = state.fail as usize;
            }
            let state = &self.states[s];
            let out = state.out as usize..(state.out + state.n_out) as usize;
            for &p in self.matches.get(out).unwrap_or_default() {
                let p = p as usize;
                f(i + 1 - self.lens[p] as usize, i + 1, p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::automaton::{Automaton as _, OverlappingState};
    use aho_corasick::nfa::contiguous::NFA;
    use aho_corasick::{Input, MatchKind};

    /// Every match as the crate reports it.
    fn crate_matches(nfa: &NFA, text: &str) -> Vec<(usize, usize, usize)> {
        let input = Input::new(text);
        let mut state = OverlappingState::start();
        let mut out = Vec::new();
        loop {
            nfa.try_find_overlapping(&input, &mut state).unwrap();
            let Some(m) = state.get_match() else { break };
            out.push((m.start(), m.end(), m.pattern().as_usize()));
        }
        out
    }

    fn check(patterns: &[&str], texts: &[&str]) {
        let nfa = NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .unwrap();
        let mine = Automaton::new(patterns.iter().copied());
        for t in texts {
            let mut got = Vec::new();
            mine.for_each_match(t.as_bytes(), &mut |s, e, p| got.push((s, e, p)));
            assert_eq!(got, crate_matches(&nfa, t), "{t:?}");
        }
    }

    #[test]
    fn matches_like_the_crate() {
        let patterns = [
            "he", "she", "his", "hers", "HERS", "h", "é", "É", "ab", "abc", "bc", "c", "abcd", "b",
            "ca", "aa", "aaa", "ß", "’s", "a b", "$", "% off",
        ];
        check(
            &patterns,
            &[
                "",
                "ushers",
                "USHERS and hishers",
                "abcd abc ab a",
                "aaaaaa",
                "caab cabcd",
                "Éé ß ’s 20% off $5",
                "a b a  b",
            ],
        );
    }

    #[test]
    fn matches_the_cue_table_like_the_crate() {
        let texts: Vec<String> = [
            include_str!("../../../tests/eval/devset.jsonl"),
            include_str!("../../../tests/eval/holdout.jsonl"),
        ]
        .iter()
        .flat_map(|f| f.lines())
        .map(str::to_string)
        .collect();
        let phrases: Vec<String> = super::super::scan::all_variants();
        let patterns: Vec<&str> = phrases.iter().map(String::as_str).collect();
        let mut all: Vec<&str> = texts.iter().map(String::as_str).collect();
        // The phrases themselves, in upper case, and run together.
        let upper: Vec<String> = patterns.iter().map(|p| p.to_ascii_uppercase()).collect();
        let joined = patterns.join(" ");
        let glued = patterns.concat();
        all.extend(upper.iter().map(String::as_str));
        all.push(&joined);
        all.push(&glued);
        check(&patterns, &all);
    }
}

#[cfg(test)]
mod speed {
    use super::*;

    #[test]
    #[ignore]
    fn speed_against_the_crate() {
        use aho_corasick::automaton::{Automaton as _, OverlappingState};
        use aho_corasick::nfa::contiguous::NFA;
        use aho_corasick::{Input, MatchKind};
        let phrases = super::super::scan::all_variants();
        let texts: Vec<&str> = include_str!("../../../tests/eval/devset.jsonl")
            .lines()
            .collect();
        let nfa = NFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .unwrap();
        let mine = Automaton::new(phrases.iter().map(String::as_str));
        for _ in 0..3 {
            let t = std::time::Instant::now();
            let mut n = 0;
            for _ in 0..200 {
                for text in &texts {
                    let input = Input::new(*text);
                    let mut state = OverlappingState::start();
                    loop {
                        nfa.try_find_overlapping(&input, &mut state).unwrap();
                        if state.get_match().is_none() {
                            break;
                        }
                        n += 1;
                    }
                }
            }
            let a = t.elapsed();
            let t = std::time::Instant::now();
            let mut m = 0;
            for _ in 0..200 {
                for text in &texts {
                    mine.for_each_match(text.as_bytes(), &mut |_, _, _| m += 1);
                }
            }
            println!(
                "crate {:?} mine {:?} ({n} {m}); states {} dense {} edges {} matches {}",
                a,
                t.elapsed(),
                mine.states.len(),
                mine.dense.len(),
                mine.edges.len(),
                mine.matches.len()
            );
        }
    }
}
