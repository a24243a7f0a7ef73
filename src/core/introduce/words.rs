//! Words for common ground: a Unicode-aware segmenter over character classes, stop words in
//! five languages, and a light plural fold.
//!
//! Why not `unicode-segmentation`: its UAX #29 word tables add about 28 KB to the wasm after
//! `wasm-opt -Oz` (measured on a minimal crate: 3.4 KB → 31.1 KB), while this segmenter
//! builds on the `char` classes the wasm already carries. It also suits matching better:
//! - a word is a run of letters and digits (`char::is_alphanumeric`) with the combining marks
//!   that belong to it (Indic vowel signs, Hebrew points, Arabic harakat, Thai and Khmer
//!   signs, combining accents, joiners), so Devanagari, Arabic or Hangul words stay whole;
//! - apostrophes split (`l'économie` → `l`, `économie`; `don't` → `don`, `t`), so French and
//!   Italian elisions match the bare word, and the short pieces fall away;
//! - Han ideographs and Hiragana, written without spaces, give overlapping **bigrams**
//!   (`機械学習` → `機械`, `械学`, `学習`): UAX #29 would give single ideographs, too
//!   ambiguous to mean a shared interest. Katakana and Hangul runs stay whole words.
//!
//! Scripts written without spaces and no dictionary (Thai, Lao, Khmer, Myanmar) give long
//! runs, as UAX #29 does; they rarely match, which errs on the side of saying nothing.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Whether `c` continues a word although it is not alphanumeric: a combining mark or joiner.
fn is_word_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489
        | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8 | 0x06EA..=0x06ED | 0x0711 | 0x0730..=0x074A | 0x07A6..=0x07B0
        | 0x0F18..=0x0F19 | 0x0F35 | 0x0F37 | 0x0F39 | 0x0F3E..=0x0F3F | 0x0F71..=0x0F84
        | 0x0F86..=0x0F87 | 0x0F8D..=0x0FBC
        | 0x102B..=0x103E | 0x1056..=0x1059 | 0x105E..=0x1060 | 0x1062..=0x1064
        | 0x1067..=0x106D | 0x1071..=0x1074 | 0x1082..=0x108D | 0x108F | 0x109A..=0x109D
        | 0x17B4..=0x17D3 | 0x17DD
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20F0
        | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
        // Indic scripts (Devanagari … Sinhala) and Thai/Lao: everything but their
        // punctuation, digits aside, belongs to words.
        || (matches!(c as u32, 0x0900..=0x0EFF)
            && !matches!(c as u32, 0x0964..=0x0965 | 0x0970 | 0x0DF4 | 0x0E3F | 0x0E4F | 0x0E5A..=0x0E5B))
}

/// Han ideographs and Hiragana: written without spaces, cut into bigrams.
fn is_bigram_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x309F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Characters of scripts where short words carry meaning (two characters are enough).
fn is_wide_script(c: char) -> bool {
    is_bigram_script(c) || matches!(c as u32, 0x30A0..=0x30FF | 0x1100..=0x11FF | 0xAC00..=0xD7AF)
}

/// Calls `f` with each word of `text`, lower-cased, in order (bigrams for Han and Hiragana).
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush_run = |run: &mut Vec<char>, f: &mut dyn FnMut(&str)| {
        match run.len() {
            0 => {}
            1 => f(&run[0].to_string()),
            _ => {
                for w in run.windows(2) {
                    f(&w.iter().collect::<String>());
                }
            }
        }
        run.clear();
    };
    for c in text.chars() {
        if is_bigram_script(c) {
            if !word.is_empty() {
                f(&word);
                word.clear();
            }
            run.push(c);
            continue;
        }
        flush_run(&mut run, &mut f);
        if c.is_alphanumeric() || (!word.is_empty() && is_word_mark(c)) {
            word.extend(crate::core::text::case::lower(c));
        } else if !word.is_empty() {
            f(&word);
            word.clear();
        }
    }
    flush_run(&mut run, &mut f);
    if !word.is_empty() {
        f(&word);
    }
}

/// The words of `text` (see [`for_each_word`]).
#[cfg(test)]
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut v = Vec::new();
    for_each_word(text, |w| v.push(w.to_string()));
    v
}

/// The longest term kept, in characters.
const MAX_TERM_CHARS: usize = 40;

/// Whether a (lower-case) word can be a distinctive term: long enough (3 characters; 2 in
/// CJK and Hangul), not a number, not a stop word, not absurdly long.
pub(crate) fn is_term(word: &str) -> bool {
    let n = word.chars().count();
    let min = if word.chars().any(is_wide_script) {
        2
    } else {
        3
    };
    n >= min
        && n <= MAX_TERM_CHARS
        && !word.chars().all(|c| c.is_numeric())
        && !stop_words().contains(word)
}

/// The matching key of a term: a final plural `s` dropped from words of five characters or
/// more (`startups` → `startup`, `empresas` → `empresa`), but not from `-ss`, `-us`, `-is`.
pub(crate) fn fold(word: &str) -> &str {
    if word.chars().count() >= 5
        && word.ends_with('s')
        && !(word.ends_with("ss") || word.ends_with("us") || word.ends_with("is"))
    {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Stop words: English, German, Spanish, French, Portuguese, and the words of X itself.
/// Pieces left by splitting at apostrophes (`don`, `isn`, `aujourd`) are included.
const STOP_WORDS: &str = "
a about above across actually after again against ago ah all almost along already also
although always am among an and another any anybody anyone anything anyway anyways are
aren around as ask asked at away back bad be became because become been before behind
being believe below best better between big bit both but by call came can cannot cant
case certainly change come comes coming could couldn course day days did didn different
do does doesn doing don done down during each easy either else end enough especially
even ever every everybody everyone everything exactly example far feel felt few find
first for found from full fully gave get gets getting give given go goes going gone
good got great guess had hadn half happen happened hardly has hasn have haven having he
hear heard hello help her here hers herself hey hi him himself his hope how however
idea if im in indeed instead into is isn it its itself just keep kind knew know known
last later least less let lets like likely little live long look looking looks lot lots
made make makes making many may maybe me mean means might mine more most mostly much
must my myself need needs never new next nice no nobody none nor not nothing now of off
often oh ok okay old on once one ones only onto or other others otherwise ought our ours
ourselves out over own part people perhaps place point pretty probably put quite rather
read real really right said same saw say saying says see seem seemed seems seen self
several shall she should shouldn show since so some somebody someone something sometimes
soon sorry still stuff such sure take taken talk tell than thank thanks that thats the
their theirs them themselves then there these they thing things think this those though
thought through thus till time times to today together told too took toward true try
trying two under until up upon us use used using very want wanted wants was wasn way we
week well went were weren what whatever when where whether which while who whole whom
whose why will with within without won wonder word words work would wouldn wow yeah year
years yes yet you your yours yourself yourselves
lol lmao omg haha hahaha rofl btw imo imho tbh idk via amp rt http https www com
tweet tweets tweeted retweet post posts posted reply replies thread follow following
versus etc yep yup nope
aber alle allem allen aller alles als also am an ander andere anderen anderer anderes
auch auf aus bei beim bin bis bist bitte bloß da dabei dadurch dafür dagegen daher
damit danach dann dar daran darauf darum das dass davon dazu dein deine deinem deinen
deiner dem den denen denn der deren des deshalb dessen die dies diese diesem diesen
dieser dieses doch dort du durch eben ein eine einem einen einer eines einfach einige
einmal er es etwa etwas euch euer eure für gab ganz gar gegen gehabt geht gerade gern
gewesen gibt gleich gut habe haben hat hatte hätte hier hin hinter ich ihm ihn ihnen
ihr ihre ihrem ihren ihrer im immer in ins ist ja jede jedem jeden jeder jedes jetzt
kann kannst kein keine keinem keinen keiner klar können könnte machen macht mal man
manche mehr mein meine meinem meinen meiner meist mich mir mit muss musst müssen nach
nein nicht nichts noch nun nur ob oder ohne schon sehr sei sein seine seinem seinen
seiner seit selbst sich sie sind so sogar solche soll sollen sollte sondern sonst
sowie später statt über um und uns unser unsere unter viel viele vom von vor wann war
waren warum was weil weit welche welchem welchen welcher welches wenig wenn wer werde
werden wie wieder will wir wird wirklich wo wohl wollen würde würden zu zum zur zwar
zwischen heute morgen genau leider danke natürlich eigentlich halt eher immer dieses
al algo algunos ante antes así aun aunque bien cada casi como con contra cual cuando
de del desde donde dos el ella ellas ello ellos en entre era eran es esa esas ese eso
esos esta estaba estado están estar este esto estos estoy fue fueron ha había han hasta
hay la las le les lo los más me mi mis mucho muy nada ni no nos nosotros nuestra
nuestro o otra otro otros para pero poco por porque puede pues que qué quien se sea
ser si sí sido sin sobre solo son su sus también tan tanto te tener tengo ti tiene
tienen todo todos tu tus un una uno unos usted va vamos y ya yo hoy gracias hace
ai alors au aucun aujourd aussi autre autres aux avait avant avec avoir bon car ce
cela celle celui ces cet cette chaque chez comme comment dans des deux dire doit donc
dont du elle elles en encore est et été être eu fait faire faut il ils je jusqu la le
les leur leurs lui mais me même merci mes moi moins mon ne ni nos notre nous on ont ou
où par parce pas peu peut plus pour pourquoi quand que quel quelle quelque qui quoi sa
sans se ses si son sont sous sur ta te tes toi ton tous tout toute toutes très tu un
une vos votre vous hui voilà ça
ao aos as até com como da das de dele dela deles do dos e ela elas ele eles em entre
era essa esse esta está estão este eu foi foram há isso isto já lhe mais mas me mesmo
meu minha muito na nas nem no nos nós num numa não o obrigado obrigada os ou para pela
pelas pelo pelos por porque quando que quem se sem ser seu seus sua suas só também
te tem têm tinha tu tua um uma você vocês vai hoje ainda agora aqui assim bem
";

/// Common words that are not stop words but say little about a shared interest: general
/// verbs, adjectives and nouns of the five languages. A shared common word counts half
/// ([`COMMON_FACTOR`]).
const COMMON_WORDS: &str = "
able accept account act action add admit age agree allow answer anyone appear apply area
argue arrive based basic beautiful begin beginning belong bigger biggest bring brought
build building buy called calls care carry cause certain chance check choice choose
claim clear close common compare complete consider continue correct cost couple create
current cut dead deal decide decision deep describe die difference difficult direct
drop early easier eat effect effort else end entire everywhere evidence exist expect
explain face fact fail fair fake fall false fast fear fight figure fill final finally fine
finish fix follow force forget form forward free friend front funny future game general
happy hard hate head hear heart heavy high hold huge human hundred idea imagine important
include instead issue join kill kind large late laugh lead learn leave left level lie
life light line list listen lose loss love low main major matter mind minute miss moment
money month morning move name natural near nearly necessary news night normal note number
offer open order original pay person personal pick piece plan play please poor possible
power problem proof prove provide pull push question quick quickly rate reach ready reason
receive recent remember report rest result return rich rise risk rule run safe save scene
second seriously serious set short sign similar simple simply single sit situation size
small smart sound source speak special spend stand start state stay step stop story
strange strong stupid success suddenly support system talk team tell term test third
thousand three top total trust truth turn type understand usually value view wait walk
watch win wish woman women men world worse worst write wrong young advice cheap planned
crazy shit fuck damn guys topic
alt arbeit bald besser beste bleiben brauchen bringen dafür denken deutlich eigene eigenen
ende endlich erst falsch finden frage fragen ganze gehen gesagt geben gleich groß große
großen grund gute guten hand hilft hoffnung holen jahr jahre jahren kommen kommt kurz lang
lange lassen lasse leben lesen leute lieber liegt machen meinung mensch menschen möchte
nehmen neue neuen nie oben problem recht reden reichen rein richtig sache sagen sagt schnell
schlecht schön schwer sehen seite sicher sinn spielen stellen stimmt tag tage teil tun
wahr weg weiter welt wenige wichtig wissen wollte zeit zeigen ziel lachen kaufe kaufen
lass helfen automatisch scheiss scheisse wegen
año años cosa cosas decir gente hacer mundo parte tiempo vida vez veces
chose choses dire gens faire monde partie temps vie fois
coisa coisas dizer fazer gente mundo parte tempo vida vez
";

/// How much a shared common word counts.
pub(crate) const COMMON_FACTOR: f64 = 0.5;

/// How much a short word (under five characters, outside CJK and Hangul) counts: short
/// words are the frequent ones.
pub(crate) const SHORT_FACTOR: f64 = 0.75;

/// How much a term counts for its own sake: common and short words less.
pub(crate) fn term_factor(word: &str) -> f64 {
    let common = if common_words().contains(word) {
        COMMON_FACTOR
    } else {
        1.0
    };
    let short = word.chars().count() < 5 && !word.chars().any(is_wide_script);
    common * if short { SHORT_FACTOR } else { 1.0 }
}

fn common_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON_WORDS.split_whitespace().collect())
}

fn stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_scripts() {
        assert_eq!(
            words("Hello, World! it's 2024."),
            ["hello", "world", "it", "s", "2024"]
        );
        assert_eq!(
            words("l'économie ÜBER Straße"),
            ["l", "économie", "über", "straße"]
        );
        assert_eq!(
            words("機械学習が好き"),
            ["機械", "械学", "学習", "習が", "が好", "好き"]
        );
        assert_eq!(
            words("カタカナ 한국어 Москва"),
            ["カタカナ", "한국어", "москва"]
        );
        // Devanagari vowel signs stay inside their word; combining accents too.
        assert_eq!(words("नमस्ते दुनिया"), ["नमस्ते", "दुनिया"]);
        assert_eq!(words("cafe\u{301} ok"), ["cafe\u{301}", "ok"]);
        assert_eq!(words("مرحبا بالعالم"), ["مرحبا", "بالعالم"]);
        assert_eq!(words("a—b…c 🎉 d"), ["a", "b", "c", "d"]);
        assert_eq!(words(""), Vec::<String>::new());
    }

    #[test]
    fn terms_and_folds() {
        assert!(is_term("sourdough") && is_term("機械") && is_term("한국"));
        for w in [
            "the", "und", "que", "les", "não", "2024", "ab", "thanks", "don",
        ] {
            assert!(!is_term(w), "{w}");
        }
        assert!(!is_term(&"x".repeat(41)));
        assert_eq!(fold("startups"), "startup");
        assert_eq!(fold("empresas"), "empresa");
        assert_eq!(fold("business"), "business");
        assert_eq!(fold("virus"), "virus");
        assert_eq!(fold("analysis"), "analysis");
        assert_eq!(fold("bus"), "bus");
    }
}
