//! The cue table: every phrase the classifier knows, with the signal it gives and its weight.
//!
//! Phrases are written lowercase; matching is ASCII case-insensitive with word-boundary checks
//! (see `scan`), so `"sign up"` matches "Sign up" but not "signed up" or "design upgrades".
//! A phrase's edge that is punctuation (`"% off"`, `"meet @"`, `"#ad"`) needs no boundary there.
//! Weights are in "evidence units": a pitch needs about 0.7 of pitch evidence (see
//! `PITCH_THRESHOLD`), other kinds compete by their summed weights.

/// What a matched phrase is evidence of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sig {
    /// An amount of money ("$49", "49 €", "19 USD"); found by special rules.
    Price,
    /// A discount ("20% off", "promo code").
    Discount,
    /// An offer or something for sale ("free trial", "pre-order", "taking new clients").
    Offer,
    /// A call to buy, book, sign up, subscribe, DM for rates ("buy now", "link in bio").
    Call,
    /// Urgency ("today only", "last chance", "limited spots").
    Urgency,
    /// Money-making schemes and requests for money ("make money from home", "donate").
    Scheme,
    /// Someone buying rather than selling ("I'm buying", "where can I buy"): lowers the pitch.
    Consumer,
    /// Own work being announced ("my new post", "new video", "I wrote").
    OwnWork,
    /// Asking for attention to oneself ("subscribe to my channel", "follow me").
    SelfPromo,
    /// A general call for attention ("check out", "watch here").
    Attention,
    /// Connecting people ("meet @", "you two should talk").
    Intro,
    /// Words that connect people only when two or more people are mentioned ("both", "meet").
    IntroWeak,
    /// Encouragement and aphorisms ("keep going", "you've got this").
    Encourage,
    /// Passing on others' work ("great thread", "worth reading", "h/t").
    Share,
    /// Greetings and thanks ("good morning", "congrats").
    Greet,
    /// Questions ("?", "what do you think").
    Ask,
    /// Chat ("haha", "totally agree").
    Chat,
    /// A piece of work one can make (video, essay, episode): promotion when made by the author.
    Artifact,
    /// Making something, said before the work ("recorded", "put out", "new").
    Create,
    /// Releasing something, said after the work ("is out", "went live").
    Released,
    /// The author speaking of themselves ("I", "we", "our").
    Own,
    /// The vocabulary of encouragement ("progress", "dreams", "courage"), weak on its own.
    Uplift,
}

/// The number of [`Sig`] variants (size of per-signal tables).
pub(super) const N_SIG: usize = 22;

impl Sig {
    /// Index into per-signal tables.
    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// Languages the cues and the language guess know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lang {
    /// Not tied to a language (symbols, hashtags, punctuation).
    Any,
    /// English.
    En,
    /// German.
    De,
    /// Spanish.
    Es,
    /// French.
    Fr,
    /// Portuguese.
    Pt,
    /// Another language (only ever the language of a post, never of a cue).
    Other,
}

/// Phrases that need more than a word-boundary check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Special {
    /// An ordinary phrase.
    No,
    /// A currency symbol: counts only next to a number, which joins the evidence.
    CurrencySymbol,
    /// A currency word ("usd", "euros"): counts only after a number.
    CurrencyWord,
    /// `%`: a discount only as "-20%" or "save 20%" (plain percentages are statistics).
    Percent,
    /// A percentage phrase ("% off"): counts only after a number.
    PercentPhrase,
    /// A billing period ("/mo", "per month"): counts only when the post names a price.
    Period,
    /// A question mark: shown as "question".
    Question,
    /// A quotation followed by its author ("” —"): shown as "quotation".
    QuoteMark,
}

/// One group of phrases with the same signal, language and special rule.
pub(super) struct Group {
    /// What the phrases are evidence of.
    pub sig: Sig,
    /// Their language.
    pub lang: Lang,
    /// Any special rule.
    pub special: Special,
    /// Phrase and weight.
    pub cues: &'static [(&'static str, f32)],
}

const fn g(sig: Sig, lang: Lang, cues: &'static [(&'static str, f32)]) -> Group {
    Group {
        sig,
        lang,
        special: Special::No,
        cues,
    }
}

const fn sp(sig: Sig, lang: Lang, special: Special, cues: &'static [(&'static str, f32)]) -> Group {
    Group {
        sig,
        lang,
        special,
        cues,
    }
}

use Lang::*;
use Sig::*;

/// Every cue, grouped. Order does not matter.
pub(super) const GROUPS: &[Group] = &[
    // ---------------------------------------------------------------- prices
    sp(
        Price,
        Any,
        Special::CurrencySymbol,
        &[
            ("$", 0.45),
            ("€", 0.45),
            ("£", 0.45),
            ("₹", 0.45),
            ("¥", 0.45),
        ],
    ),
    sp(
        Price,
        Any,
        Special::CurrencyWord,
        &[
            ("usd", 0.45),
            ("eur", 0.45),
            ("euro", 0.45),
            ("euros", 0.45),
            ("dollar", 0.45),
            ("dollars", 0.45),
            ("bucks", 0.4),
            ("cents", 0.3),
            ("gbp", 0.45),
            ("pounds", 0.3),
            ("reais", 0.45),
            ("pesos", 0.4),
        ],
    ),
    sp(
        Price,
        Any,
        Special::Period,
        &[
            ("/mo", 0.3),
            ("/month", 0.3),
            ("/yr", 0.3),
            ("/year", 0.3),
            ("/hr", 0.3),
            ("/hour", 0.3),
            ("per month", 0.3),
            ("a month", 0.2),
            ("per year", 0.3),
            ("per hour", 0.3),
            ("per project", 0.3),
            ("per person", 0.3),
            ("each", 0.1),
            ("im monat", 0.3),
            ("pro monat", 0.3),
            ("al mes", 0.3),
            ("par mois", 0.3),
            ("por mês", 0.3),
        ],
    ),
    // ---------------------------------------------------------------- discounts
    sp(Discount, Any, Special::Percent, &[("%", 0.8)]),
    sp(
        Discount,
        Any,
        Special::PercentPhrase,
        &[
            ("% off", 0.9),
            ("%off", 0.9),
            ("% discount", 0.9),
            ("percent off", 0.9),
            ("% rabatt", 0.9),
            ("% de descuento", 0.9),
            ("% de réduction", 0.9),
            ("% de remise", 0.9),
            ("% de desconto", 0.9),
            ("% dto", 0.9),
        ],
    ),
    g(
        Discount,
        En,
        &[
            ("discount", 0.5),
            ("discounted", 0.5),
            ("discount code", 0.8),
            ("promo code", 0.8),
            ("coupon", 0.6),
            ("coupon code", 0.8),
            ("use code", 0.8),
            ("use my code", 0.9),
            ("with code", 0.6),
            ("with the code", 0.6),
            ("on sale", 0.5),
            ("flash sale", 0.8),
            ("summer sale", 0.7),
            ("sale ends", 0.8),
            ("sale starts", 0.7),
            ("black friday", 0.4),
            ("cyber monday", 0.4),
            ("half price", 0.6),
            ("half off", 0.7),
            ("bogo", 0.7),
            ("buy one get one", 0.8),
            ("clearance", 0.4),
            ("instead of", 0.2),
            ("regular price", 0.5),
            ("for the price of", 0.6),
        ],
    ),
    g(
        Discount,
        De,
        &[
            ("rabatt", 0.5),
            ("rabattcode", 0.8),
            ("gutschein", 0.4),
            ("gutscheincode", 0.8),
            ("mit dem code", 0.7),
            ("reduziert", 0.3),
            ("sonderangebot", 0.6),
            ("schnäppchen", 0.4),
        ],
    ),
    g(
        Discount,
        Es,
        &[
            ("descuento", 0.5),
            ("código de descuento", 0.8),
            ("cupón", 0.6),
            ("rebajas", 0.4),
            ("oferta especial", 0.7),
            ("con el código", 0.7),
        ],
    ),
    g(
        Discount,
        Fr,
        &[
            ("réduction", 0.4),
            ("code promo", 0.8),
            ("soldes", 0.4),
            ("remise", 0.4),
            ("avec le code", 0.7),
        ],
    ),
    g(
        Discount,
        Pt,
        &[
            ("desconto", 0.5),
            ("cupom", 0.6),
            ("cupom de desconto", 0.8),
            ("promoção", 0.5),
            ("promoção relâmpago", 0.8),
            ("com o cupom", 0.8),
        ],
    ),
    // ---------------------------------------------------------------- offers
    g(
        Offer,
        En,
        &[
            ("free trial", 0.6),
            ("free shipping", 0.7),
            ("ships free", 0.6),
            ("special offer", 0.7),
            ("limited offer", 0.8),
            ("limited-time offer", 0.8),
            ("limited time offer", 0.8),
            ("exclusive offer", 0.7),
            ("early bird", 0.5),
            ("early-bird", 0.5),
            ("pre-order", 0.6),
            ("preorder", 0.6),
            ("pre-order now", 0.8),
            ("preorder now", 0.8),
            ("pre-orders are open", 0.8),
            ("now available", 0.35),
            ("available now", 0.35),
            ("back in stock", 0.6),
            ("in stock", 0.4),
            ("for sale", 0.6),
            ("selling my", 0.6),
            ("i'm selling", 0.6),
            ("we're selling", 0.6),
            ("in my shop", 0.6),
            ("in our shop", 0.6),
            ("in the shop", 0.35),
            ("my store", 0.5),
            ("our store", 0.4),
            ("money-back guarantee", 0.7),
            ("money back guarantee", 0.7),
            ("lifetime access", 0.6),
            ("lifetime deal", 0.7),
            ("first week free", 0.6),
            ("first month free", 0.6),
            ("free consultation", 0.6),
            ("free quote", 0.5),
            ("discovery call", 0.6),
            ("giveaway", 0.3),
            ("free download", 0.5),
            ("free downloads", 0.5),
            ("free beta", 0.4),
            ("plans start at", 0.7),
            ("prices start at", 0.7),
            ("starting at", 0.3),
            ("starting from", 0.3),
            ("pricing", 0.3),
            ("new clients", 0.5),
            ("taking on new clients", 0.8),
            ("taking clients", 0.7),
            ("accepting clients", 0.7),
            ("accepting new clients", 0.8),
            ("open for commissions", 0.8),
            ("commissions are open", 0.8),
            ("commissions open", 0.8),
            ("availability for", 0.4),
            ("hire me", 0.8),
            ("available for hire", 0.8),
            ("for hire", 0.5),
            ("my services", 0.6),
            ("our services", 0.5),
            ("i offer", 0.4),
            ("we offer", 0.4),
            ("all included", 0.3),
            ("gear included", 0.3),
            ("shipping included", 0.5),
            ("turnaround", 0.4),
            ("slot open", 0.6),
            ("slots open", 0.6),
            ("spots open", 0.6),
            ("my agency", 0.4),
            ("our agency", 0.4),
            ("first consultation", 0.5),
            ("first session", 0.4),
            ("local pickup", 0.5),
            ("if interested", 0.3),
            ("for only", 0.3),
            ("just $", 0.2),
            ("only $", 0.2),
            ("our products", 0.5),
            ("our clothing", 0.5),
            ("our collection", 0.4),
            ("our designs", 0.4),
            ("my products", 0.5),
            ("we sell", 0.6),
            ("i sell", 0.6),
        ],
    ),
    g(
        Offer,
        De,
        &[
            ("im angebot", 0.5),
            ("angebot", 0.3),
            ("jetzt neu", 0.3),
            ("versandkostenfrei", 0.7),
            ("kostenloser versand", 0.7),
            ("kostenlos testen", 0.6),
            ("gratis testen", 0.6),
            ("im shop", 0.4),
            ("in unserem shop", 0.6),
            ("vorbestellen", 0.6),
            ("zu verkaufen", 0.6),
            ("verkaufe", 0.4),
        ],
    ),
    g(
        Offer,
        Es,
        &[
            ("envío gratis", 0.7),
            ("prueba gratis", 0.6),
            ("en oferta", 0.5),
            ("oferta", 0.3),
            ("a la venta", 0.5),
            ("se vende", 0.6),
            ("preventa", 0.6),
            ("por solo", 0.3),
        ],
    ),
    g(
        Offer,
        Fr,
        &[
            ("livraison gratuite", 0.7),
            ("essai gratuit", 0.6),
            ("en promo", 0.5),
            ("offre spéciale", 0.7),
            ("précommande", 0.6),
            ("en vente", 0.5),
            ("à vendre", 0.6),
        ],
    ),
    g(
        Offer,
        Pt,
        &[
            ("frete grátis", 0.7),
            ("teste grátis", 0.6),
            ("em oferta", 0.5),
            ("pré-venda", 0.6),
            ("à venda", 0.5),
            ("por apenas", 0.3),
        ],
    ),
    g(Offer, Es, &[("vendo", 0.5)]),
    // ---------------------------------------------------------------- calls to buy, book, sign up
    g(
        Call,
        En,
        &[
            ("buy now", 0.8),
            ("buy it now", 0.8),
            ("buy here", 0.8),
            ("buy it here", 0.8),
            ("buy my", 0.6),
            ("buy our", 0.6),
            ("buy", 0.15),
            ("purchase", 0.3),
            ("order now", 0.8),
            ("order here", 0.8),
            ("order today", 0.8),
            ("order yours", 0.8),
            ("shop now", 0.8),
            ("shop the", 0.4),
            ("get yours", 0.7),
            ("grab yours", 0.7),
            ("grab your copy", 0.8),
            ("get your copy", 0.8),
            ("grab a copy", 0.6),
            ("get it here", 0.5),
            ("get it now", 0.6),
            ("get it today", 0.6),
            ("checkout", 0.3),
            ("at checkout", 0.6),
            ("add to cart", 0.8),
            ("book a call", 0.8),
            ("book a free call", 0.8),
            ("book now", 0.8),
            ("book your", 0.5),
            ("book a demo", 0.8),
            ("request a demo", 0.7),
            ("schedule a call", 0.6),
            ("sign up", 0.4),
            ("sign up now", 0.7),
            ("sign up today", 0.7),
            ("sign up here", 0.7),
            ("signup", 0.4),
            ("register now", 0.7),
            ("register today", 0.7),
            ("register here", 0.7),
            ("enroll now", 0.8),
            ("enrol now", 0.8),
            ("enroll today", 0.8),
            ("enrollment", 0.4),
            ("enrolment", 0.4),
            ("join now", 0.6),
            ("join today", 0.5),
            ("join the waitlist", 0.5),
            ("waitlist", 0.3),
            ("subscribe", 0.4),
            ("subscribe now", 0.6),
            ("upgrade now", 0.7),
            ("upgrade to", 0.3),
            ("try it free", 0.6),
            ("try it for free", 0.6),
            ("start your free", 0.7),
            ("dm me for", 0.8),
            ("dm for", 0.6),
            ("dm me if", 0.5),
            ("dm if interested", 0.6),
            ("dm to book", 0.8),
            ("dm to order", 0.8),
            ("dm me to", 0.5),
            ("dm me", 0.3),
            ("message me for", 0.7),
            ("inbox me", 0.5),
            ("for rates", 0.7),
            ("my rates", 0.6),
            ("rates start", 0.8),
            ("link in bio", 0.7),
            ("link in my bio", 0.7),
            ("link in profile", 0.6),
            ("click the link", 0.5),
            ("click here", 0.6),
            ("click the link in", 0.6),
            ("use my link", 0.8),
            ("use my referral", 0.8),
            ("my referral link", 0.9),
            ("referral code", 0.8),
            ("affiliate link", 0.9),
            ("#ad", 1.0),
            ("#sponsored", 1.0),
            ("#affiliate", 1.0),
            ("sponsored by", 0.5),
            ("paid partnership", 0.8),
            ("visit our website", 0.6),
            ("visit our store", 0.8),
            ("upgrade your", 0.3),
            ("apply here", 0.5),
            ("apply now", 0.6),
            ("book a session", 0.7),
            ("book a", 0.3),
            ("download now", 0.6),
            ("download it now", 0.6),
            ("install now", 0.6),
            ("suscribe", 0.4),
            ("try it out", 0.5),
            ("click on the link", 0.5),
            ("please click", 0.5),
            ("go here", 0.4),
            ("now click", 0.5),
            ("click now", 0.5),
        ],
    ),
    g(
        Call,
        De,
        &[
            ("jetzt kaufen", 0.8),
            ("jetzt bestellen", 0.8),
            ("jetzt buchen", 0.8),
            ("jetzt anmelden", 0.7),
            ("jetzt sichern", 0.8),
            ("hier kaufen", 0.8),
            ("hier bestellen", 0.8),
            ("kaufen", 0.15),
            ("bestellen", 0.2),
            ("anmelden", 0.2),
            ("buchen", 0.2),
            ("link in der bio", 0.7),
            ("schreib mir eine dm", 0.5),
            ("sichere dir", 0.6),
            ("sichert euch", 0.6),
            ("#werbung", 1.0),
            ("#anzeige", 1.0),
        ],
    ),
    g(
        Call,
        Es,
        &[
            ("compra ahora", 0.8),
            ("cómpralo", 0.7),
            ("compra ya", 0.8),
            ("reserva ya", 0.8),
            ("reserva tu", 0.6),
            ("regístrate", 0.6),
            ("inscríbete", 0.6),
            ("suscríbete", 0.4),
            ("link en la bio", 0.7),
            ("enlace en la bio", 0.7),
            ("escríbeme", 0.3),
            ("pide el tuyo", 0.7),
            ("consigue el tuyo", 0.7),
            ("#publicidad", 1.0),
        ],
    ),
    g(
        Call,
        Fr,
        &[
            ("achetez", 0.6),
            ("commandez", 0.7),
            ("commander maintenant", 0.8),
            ("réservez", 0.6),
            ("inscrivez-vous", 0.6),
            ("abonnez-vous", 0.4),
            ("lien en bio", 0.7),
            ("lien dans la bio", 0.7),
            ("écrivez-moi", 0.3),
            ("#publicité", 1.0),
        ],
    ),
    g(
        Call,
        Pt,
        &[
            ("compre agora", 0.8),
            ("compre já", 0.8),
            ("compre aqui", 0.8),
            ("garanta o seu", 0.8),
            ("garanta a sua", 0.8),
            ("garanta já", 0.8),
            ("inscreva-se", 0.5),
            ("cadastre-se", 0.6),
            ("link na bio", 0.7),
            ("chama no direct", 0.6),
            ("me chama no dm", 0.6),
            ("#publi", 0.9),
        ],
    ),
    // ---------------------------------------------------------------- urgency
    g(
        Urgency,
        En,
        &[
            ("only today", 0.6),
            ("today only", 0.6),
            ("last chance", 0.6),
            ("limited spots", 0.6),
            ("limited seats", 0.6),
            ("limited time", 0.5),
            ("limited stock", 0.6),
            ("limited availability", 0.5),
            ("spots left", 0.6),
            ("seats left", 0.6),
            ("spots available", 0.4),
            ("only a few left", 0.6),
            ("while supplies last", 0.7),
            ("while stocks last", 0.7),
            ("ends tonight", 0.6),
            ("ends today", 0.6),
            ("ends soon", 0.6),
            ("ends at midnight", 0.6),
            ("end tonight", 0.6),
            ("until midnight", 0.5),
            ("hurry", 0.4),
            ("don't miss out", 0.5),
            ("don't miss", 0.25),
            ("before it's gone", 0.6),
            ("before they're gone", 0.6),
            ("selling fast", 0.6),
            ("almost sold out", 0.6),
            ("price goes up", 0.7),
            ("prices go up", 0.7),
            ("closes tonight", 0.6),
            ("closes friday", 0.5),
            ("doors close", 0.6),
            ("enrollment closes", 0.7),
            ("registration closes", 0.7),
            ("next 24 hours", 0.4),
            ("next 48 hours", 0.4),
            ("act now", 0.25),
            ("first 100", 0.4),
            ("first 50", 0.4),
            ("offer ends", 0.7),
            ("offer valid", 0.6),
            ("this weekend only", 0.6),
            ("until friday", 0.4),
            ("until sunday", 0.4),
            ("until monday", 0.4),
            ("through sunday", 0.4),
            ("through monday", 0.4),
            ("ends friday", 0.5),
            ("ends sunday", 0.5),
            ("ends monday", 0.5),
        ],
    ),
    g(
        Urgency,
        De,
        &[
            ("nur heute", 0.6),
            ("letzte chance", 0.6),
            ("begrenzte plätze", 0.6),
            ("nur noch wenige", 0.6),
            ("solange der vorrat reicht", 0.7),
        ],
    ),
    g(
        Urgency,
        Es,
        &[
            ("solo hoy", 0.6),
            ("última oportunidad", 0.6),
            ("plazas limitadas", 0.6),
            ("últimas plazas", 0.6),
            ("por tiempo limitado", 0.6),
            ("hasta agotar existencias", 0.7),
        ],
    ),
    g(
        Urgency,
        Fr,
        &[
            ("aujourd'hui seulement", 0.6),
            ("dernière chance", 0.6),
            ("places limitées", 0.6),
            ("dernières places", 0.6),
            ("offre limitée", 0.7),
            ("jusqu'à épuisement des stocks", 0.7),
        ],
    ),
    g(
        Urgency,
        Pt,
        &[
            ("só hoje", 0.6),
            ("última chance", 0.6),
            ("vagas limitadas", 0.6),
            ("últimas vagas", 0.6),
            ("por tempo limitado", 0.6),
            ("enquanto durarem os estoques", 0.7),
        ],
    ),
    // ---------------------------------------------------------------- schemes and asks for money
    g(
        Scheme,
        En,
        &[
            ("make money", 0.7),
            ("making money", 0.5),
            ("earn money", 0.7),
            ("earn extra", 0.6),
            ("work from home", 0.6),
            ("working from home today", 0.7),
            ("comfort of your home", 0.6),
            ("passive income", 0.5),
            ("get paid", 0.5),
            ("paid surveys", 0.8),
            ("free gift card", 0.8),
            ("gift card codes", 0.8),
            ("free bitcoin", 0.8),
            ("double your money", 0.8),
            ("financial freedom", 0.4),
            ("free money", 0.8),
            ("real money", 0.5),
            ("extra money", 0.6),
            ("get money", 0.5),
            ("need money", 0.6),
            ("gift cards", 0.5),
            ("giftcard", 0.5),
            ("giftcard codes", 0.8),
            ("itunes code", 0.6),
            ("itunes codes", 0.7),
            ("free itunes", 0.7),
            ("paypal money", 0.7),
            ("pay pal money", 0.7),
            ("free leads", 0.6),
            ("chance to win", 0.5),
            ("chance of winning", 0.5),
            ("make a lot of money", 0.7),
            ("money fast", 0.6),
            ("making income", 0.6),
            ("earning income", 0.6),
            ("earn lots of money", 0.7),
            ("online work", 0.4),
            ("enter to win", 0.6),
            ("win an iphone", 0.7),
            ("free robux", 0.8),
            ("free followers", 0.8),
            ("free likes", 0.8),
            ("donate", 0.2),
            ("donations", 0.2),
            ("please donate", 0.8),
            ("donate to me", 0.8),
            ("donate here", 0.8),
        ],
    ),
    // ---------------------------------------------------------------- buying, not selling
    g(
        Consumer,
        En,
        &[
            ("i bought", 0.6),
            ("i just bought", 0.6),
            ("just bought", 0.6),
            ("i'm buying", 0.6),
            ("im buying", 0.6),
            ("i am buying", 0.6),
            ("we bought", 0.6),
            ("i ordered", 0.6),
            ("just ordered", 0.6),
            ("i paid", 0.6),
            ("i spent", 0.4),
            ("should i buy", 0.7),
            ("where can i buy", 0.7),
            ("where to buy", 0.5),
            ("worth buying", 0.5),
            ("i signed up", 0.6),
            ("just signed up", 0.6),
            ("i subscribed", 0.5),
            ("i booked", 0.5),
            ("i registered", 0.5),
            ("any recommendations", 0.5),
            ("recommendations for", 0.3),
            ("i got mine", 0.4),
            ("bought the same", 0.6),
            ("just got my", 0.4),
            ("i want to buy", 0.6),
            ("i need to buy", 0.6),
        ],
    ),
    g(Consumer, De, &[("gekauft", 0.4), ("bestellt", 0.3)]),
    g(Consumer, Es, &[("compré", 0.5)]),
    g(Consumer, Fr, &[("j'ai acheté", 0.6)]),
    g(Consumer, Pt, &[("comprei", 0.5)]),
    // ---------------------------------------------------------------- own work
    g(
        OwnWork,
        En,
        &[
            ("my new post", 1.2),
            ("new blog post", 1.1),
            ("new post", 0.7),
            ("my latest", 0.9),
            ("my new", 0.6),
            ("my article", 1.0),
            ("my blog", 0.9),
            ("my post", 0.6),
            ("on my blog", 1.0),
            ("my essay", 1.0),
            ("i wrote", 1.0),
            ("i've written", 1.0),
            ("wrote about", 0.8),
            ("wrote a", 0.5),
            ("i made", 0.5),
            ("i built", 0.5),
            ("i recorded", 0.8),
            ("new video", 1.0),
            ("my video", 1.0),
            ("my videos", 1.0),
            ("my new video", 1.2),
            ("latest video", 0.9),
            ("my first video", 1.1),
            ("new episode", 1.0),
            ("latest episode", 0.9),
            ("this week's episode", 0.9),
            ("my podcast", 1.0),
            ("our podcast", 1.0),
            ("on the podcast", 0.6),
            ("my talk", 1.0),
            ("my keynote", 1.0),
            ("my slides", 1.0),
            ("slides from my", 1.0),
            ("i'm speaking", 1.0),
            ("i spoke", 0.9),
            ("i'll be speaking", 1.0),
            ("i was on", 0.6),
            ("my newsletter", 0.9),
            ("newsletter issue", 0.9),
            ("new issue", 0.6),
            ("my channel", 1.1),
            ("our channel", 1.1),
            ("on the channel", 0.8),
            ("my book", 0.7),
            ("my paper", 0.9),
            ("our paper", 0.9),
            ("preprint", 0.6),
            ("my thesis", 0.8),
            ("just published", 0.9),
            ("just released", 0.7),
            ("just launched", 0.7),
            ("just shipped", 0.6),
            ("we launched", 0.7),
            ("we just launched", 0.8),
            ("launching today", 0.7),
            ("introducing", 0.6),
            ("out now", 0.6),
            ("now live", 0.6),
            ("my series", 0.9),
            ("my music", 1.0),
            ("my song", 1.0),
            ("my songs", 1.0),
            ("my new song", 1.1),
            ("my track", 1.0),
            ("new track", 0.9),
            ("my cover", 1.0),
            ("my covers", 1.0),
            ("my album", 1.0),
            ("new album", 0.8),
            ("my mixtape", 1.0),
            ("my playlist", 0.8),
            ("my stream", 1.0),
            ("i'm streaming", 1.0),
            ("i'm live", 0.9),
            ("going live", 0.9),
            ("we're live", 0.9),
            ("live now", 0.6),
            ("my website", 0.9),
            ("my site", 0.8),
            ("my page", 0.8),
            ("my app", 0.6),
            ("our app", 0.5),
            ("open-sourced", 0.7),
            ("open sourced", 0.7),
            ("my project", 0.6),
            ("our new", 0.5),
            ("my work", 0.5),
            ("my art", 0.8),
            ("my portfolio", 0.9),
            ("my photos", 0.7),
            ("my drawing", 0.8),
            ("my latest piece", 1.0),
            ("today's piece", 0.8),
            ("new piece", 0.7),
            ("new article", 0.9),
            ("latest article", 0.9),
            ("my remix", 1.0),
            ("my remixes", 1.0),
            ("my rap", 1.0),
            ("my youtube", 1.0),
            ("my instagram", 0.9),
            ("my tiktok", 0.9),
            ("my twitch", 1.0),
            ("my facebook", 0.8),
            ("our music", 1.0),
            ("our songs", 1.0),
            ("our song", 1.0),
            ("our video", 1.0),
            ("our new video", 1.1),
            ("our blog", 1.0),
            ("on our blog", 1.0),
            ("our newest", 0.9),
            ("on the blog", 0.8),
            ("new on the blog", 1.0),
            ("my newest", 0.9),
        ],
    ),
    g(
        OwnWork,
        De,
        &[
            ("mein neuer artikel", 1.2),
            ("mein neues video", 1.2),
            ("neues video", 1.0),
            ("neuer blogpost", 1.1),
            ("neuer artikel", 1.0),
            ("neue folge", 1.0),
            ("mein blog", 0.9),
            ("meinem blog", 0.9),
            ("mein kanal", 1.0),
            ("meinem kanal", 1.0),
            ("mein podcast", 1.0),
            ("unser podcast", 1.0),
            ("ich habe geschrieben", 1.0),
            ("mein vortrag", 1.0),
            ("meinen vortrag", 1.0),
            ("mein buch", 0.7),
        ],
    ),
    g(
        OwnWork,
        Es,
        &[
            ("mi nuevo artículo", 1.2),
            ("mi nuevo video", 1.2),
            ("mi nuevo vídeo", 1.2),
            ("nuevo video", 1.0),
            ("nuevo vídeo", 1.0),
            ("nuevo episodio", 1.0),
            ("mi canal", 1.0),
            ("mi blog", 0.9),
            ("mi podcast", 1.0),
            ("escribí", 0.8),
            ("mi charla", 1.0),
            ("mi libro", 0.7),
        ],
    ),
    g(
        OwnWork,
        Fr,
        &[
            ("mon nouvel article", 1.2),
            ("ma nouvelle vidéo", 1.2),
            ("nouvelle vidéo", 1.0),
            ("nouvel épisode", 1.0),
            ("nouvel article", 1.0),
            ("ma chaîne", 1.0),
            ("mon blog", 0.9),
            ("mon podcast", 1.0),
            ("j'ai écrit", 1.0),
            ("ma conférence", 0.9),
            ("mon livre", 0.7),
        ],
    ),
    g(
        OwnWork,
        Pt,
        &[
            ("meu novo artigo", 1.2),
            ("meu novo vídeo", 1.2),
            ("novo vídeo", 1.0),
            ("novo episódio", 1.0),
            ("novo artigo", 1.0),
            ("meu canal", 1.0),
            ("meu blog", 0.9),
            ("meu podcast", 1.0),
            ("nosso podcast", 1.0),
            ("eu escrevi", 1.0),
            ("escrevi", 0.8),
            ("minha palestra", 1.0),
            ("meu livro", 0.7),
            ("no ar", 0.4),
        ],
    ),
    // ---------------------------------------------------------------- asking attention for oneself
    g(
        SelfPromo,
        En,
        &[
            ("subscribe to my", 1.3),
            ("subscribe to me", 1.3),
            ("subscribe to our", 1.2),
            ("sub to my", 1.2),
            ("sub to me", 1.2),
            ("sub me", 1.0),
            ("sub 4 sub", 1.2),
            ("sub4sub", 1.2),
            ("please subscribe", 1.1),
            ("pls subscribe", 1.1),
            ("plz subscribe", 1.1),
            ("and subscribe", 0.9),
            ("like and subscribe", 1.2),
            ("follow me", 0.9),
            ("follow me for", 1.0),
            ("follow for more", 1.0),
            ("give me a follow", 1.0),
            ("check out my", 1.2),
            ("check out our", 1.1),
            ("check my", 0.9),
            ("check me out", 1.1),
            ("checking out my", 1.1),
            ("checked out my", 1.1),
            ("visit my", 1.1),
            ("watch my", 1.1),
            ("listen to my", 1.1),
            ("read my", 1.0),
            ("like my", 0.8),
            ("share my", 0.9),
            ("support my", 0.9),
            ("support me", 0.8),
            ("like this comment", 0.8),
            ("like and share", 0.9),
            ("share and like", 0.9),
            ("please share", 0.6),
            ("please like", 0.7),
            ("give it a like", 0.8),
            ("leave a like", 0.9),
            ("smash that like", 1.0),
            ("hit the like", 0.9),
            ("hit subscribe", 1.0),
            ("my profile", 0.6),
            ("link below", 0.5),
            ("link in thread", 0.4),
            ("link in the replies", 0.4),
            ("links below", 0.4),
            ("new youtuber", 1.0),
            ("small youtuber", 1.0),
            ("my subscribers", 0.8),
            ("subscribe me", 1.2),
            ("subscribe my", 1.2),
            ("subscribe please", 1.1),
            ("subscribe and like", 1.1),
            ("subscribe back", 1.1),
            ("sub back", 1.0),
            ("subscribe for more", 1.1),
            ("follow my", 1.0),
            ("follow us", 0.9),
            ("follow 4 follow", 1.2),
            ("follow4follow", 1.2),
            ("f4f", 1.0),
            ("like 4 like", 1.0),
            ("l4l", 1.0),
            ("add me", 0.8),
            ("like my page", 1.0),
            ("like our page", 1.0),
            ("like this page", 0.8),
            ("like us", 0.7),
            ("vote for me", 1.0),
            ("vote for us", 1.0),
            ("new channel", 0.9),
            ("check us out", 1.1),
            ("suscribe to my", 1.3),
            ("please suscribe", 1.1),
            ("subscribes to me", 1.1),
            ("could subscribe", 0.9),
            ("help me get", 0.7),
            ("help me reach", 0.8),
            ("become my first", 0.9),
            ("checking me out", 1.0),
            ("i upload", 0.8),
            ("please visit", 0.8),
            ("visit our", 0.9),
            ("visit this", 0.6),
            // engagement bait: asking for likes and reposts of this very post
            ("thumbs up if", 0.6),
            ("like if", 0.6),
            ("like this if", 0.6),
            ("rt if", 0.6),
            ("retweet if", 0.6),
        ],
    ),
    g(
        SelfPromo,
        Es,
        &[
            ("suscríbete a mi canal", 1.3),
            ("suscribirse a mi canal", 1.3),
            ("sígueme", 0.9),
        ],
    ),
    g(
        SelfPromo,
        De,
        &[("abonniert meinen kanal", 1.3), ("folgt mir", 0.9)],
    ),
    g(
        SelfPromo,
        Fr,
        &[("abonnez-vous à ma chaîne", 1.3), ("suivez-moi", 0.9)],
    ),
    g(
        SelfPromo,
        Pt,
        &[
            ("se inscreva no meu canal", 1.3),
            ("me segue", 0.9),
            ("me sigam", 0.9),
        ],
    ),
    // ---------------------------------------------------------------- calls for attention
    g(
        Attention,
        En,
        &[
            ("check out", 0.8),
            ("check it out", 0.7),
            ("come check", 0.8),
            ("go check", 0.7),
            ("check this out", 0.5),
            ("take a look at", 0.4),
            ("come watch", 0.7),
            ("come hang out", 0.6),
            ("come say hi", 0.5),
            ("go watch", 0.6),
            ("go listen", 0.6),
            ("give it a listen", 0.8),
            ("give it a watch", 0.8),
            ("give it a read", 0.7),
            ("watch here", 0.8),
            ("watch it here", 0.8),
            ("watch now", 0.7),
            ("listen here", 0.8),
            ("listen now", 0.7),
            ("read here", 0.6),
            ("read it here", 0.6),
            ("read more", 0.4),
            ("full video", 0.6),
            ("full episode", 0.6),
            ("full article", 0.5),
            ("watch?v=", 0.5),
            ("would love your thoughts", 0.3),
            ("check this", 0.5),
            ("please vote", 0.6),
            ("share this", 0.6),
            ("pls share", 0.6),
            ("plz share", 0.6),
            ("take a listen", 0.8),
        ],
    ),
    // ---------------------------------------------------------------- introductions
    g(
        Intro,
        En,
        &[
            ("meet @", 1.6),
            (", meet", 1.2),
            ("you two should", 1.6),
            ("you two need to", 1.6),
            ("you two would", 1.4),
            ("you both should", 1.4),
            ("you both would", 1.2),
            ("should meet", 1.2),
            ("you should meet", 1.4),
            ("need to meet", 1.2),
            ("to meet", 0.6),
            ("should connect", 1.2),
            ("should definitely connect", 1.4),
            ("should talk", 0.8),
            ("should know each other", 1.6),
            ("get to know each other", 0.8),
            ("introducing @", 1.5),
            ("introduce you to", 1.5),
            ("introduce @", 1.5),
            ("want to introduce", 1.4),
            ("let me introduce", 1.4),
            ("i'd like to introduce", 1.4),
            ("i'd like you to meet", 1.6),
            ("i'd love for", 0.4),
            ("putting you in touch", 1.6),
            ("putting you two in touch", 1.6),
            ("put you in touch", 1.5),
            ("connecting @", 1.3),
            ("connecting you", 1.4),
            ("connecting two", 1.4),
            ("connect you with", 1.5),
            ("looping in @", 1.0),
            ("looping in", 0.8),
            ("compare notes", 0.8),
            ("comparing notes", 0.8),
            ("would get along", 1.0),
            ("get along great", 1.0),
            ("intro:", 1.0),
            ("small intro", 1.2),
            ("quick intro", 1.2),
            ("e-intro", 1.4),
            ("double opt-in", 1.0),
            ("two people who should", 1.6),
            ("you should follow", 0.7),
            ("#ff", 0.6),
            ("#followfriday", 0.8),
            ("both of you", 0.7),
            ("the two of you", 0.8),
            ("would be perfect for", 0.8),
            ("would be great for", 0.6),
            ("if anyone needs a", 0.6),
            ("have you met", 1.2),
            ("this is @", 0.9),
            ("introducing two", 1.4),
            ("you should talk to", 1.2),
            ("you two are going to", 1.4),
            ("playing matchmaker", 1.2),
        ],
    ),
    g(
        Intro,
        De,
        &[
            ("ihr zwei solltet", 1.6),
            ("ihr beide solltet", 1.6),
            ("solltet euch kennenlernen", 1.6),
            ("darf ich vorstellen", 1.4),
            ("ich möchte euch vorstellen", 1.4),
            ("kennt ihr euch", 1.2),
            ("vernetzen", 0.8),
        ],
    ),
    g(
        Intro,
        Es,
        &[
            ("les presento", 1.5),
            ("te presento", 1.3),
            ("deberían conocerse", 1.6),
            ("deberían hablar", 1.3),
            ("tienen que conocerse", 1.6),
        ],
    ),
    g(
        Intro,
        Fr,
        &[
            ("je vous présente", 1.5),
            ("je te présente", 1.3),
            ("vous devriez vous rencontrer", 1.6),
            ("vous devriez vous parler", 1.4),
            ("mettre en relation", 1.2),
        ],
    ),
    g(
        Intro,
        Pt,
        &[
            ("apresento", 1.0),
            ("quero apresentar", 1.4),
            ("vocês deveriam se conhecer", 1.6),
            ("vocês precisam se conhecer", 1.6),
            ("vocês dois", 0.6),
        ],
    ),
    g(
        IntroWeak,
        En,
        &[
            ("meet", 0.5),
            ("both", 0.3),
            ("you two", 0.8),
            ("each other", 0.5),
            ("connect", 0.5),
            ("talk to", 0.3),
            ("in touch", 0.5),
            ("you both", 0.6),
            ("you're both", 0.8),
            ("you are both", 0.8),
        ],
    ),
    // ---------------------------------------------------------------- encouragement
    sp(
        Encourage,
        Any,
        Special::QuoteMark,
        &[
            ("\" —", 1.0),
            ("\" –", 1.0),
            ("\" -", 0.9),
            ("\" ~", 0.9),
            ("\"—", 1.0),
            ("” —", 1.0),
            ("” –", 1.0),
            ("” -", 0.9),
            ("”—", 1.0),
            ("“ —", 0.2),
        ],
    ),
    g(
        Encourage,
        Any,
        &[
            ("#motivation", 1.0),
            ("#mondaymotivation", 1.2),
            ("#motivationmonday", 1.2),
            ("#inspiration", 1.0),
            ("#quote", 0.8),
            ("#quotes", 0.8),
            ("#quoteoftheday", 1.0),
            ("#mindset", 0.6),
        ],
    ),
    g(
        Encourage,
        En,
        &[
            ("you've got this", 1.4),
            ("you got this", 1.4),
            ("keep going", 1.2),
            ("keep pushing", 1.2),
            ("keep at it", 1.0),
            ("keep moving forward", 1.2),
            ("never give up", 1.4),
            ("don't give up", 1.3),
            ("do not give up", 1.3),
            ("never stop", 0.8),
            ("believe in yourself", 1.4),
            ("you can do it", 1.2),
            ("you can do this", 1.2),
            ("proud of you", 0.8),
            ("proud of yourself", 1.2),
            ("be proud", 0.9),
            ("be kind to yourself", 1.3),
            ("you are enough", 1.3),
            ("you're enough", 1.3),
            ("you are not alone", 1.1),
            ("you're not alone", 1.1),
            ("stay strong", 1.1),
            ("stay positive", 1.1),
            ("stay focused", 0.8),
            ("dream big", 1.2),
            ("follow your dreams", 1.2),
            ("your dreams", 0.6),
            ("one step at a time", 1.1),
            ("small steps", 0.8),
            ("every day is a", 0.8),
            ("progress is progress", 1.2),
            ("progress over perfection", 1.3),
            ("done is better than perfect", 1.3),
            ("rejection is redirection", 1.3),
            ("the best time to", 0.6),
            ("every expert was once", 1.3),
            ("success is", 0.7),
            ("failure is", 0.7),
            ("it always seems impossible", 1.3),
            ("doing better than you think", 1.3),
            ("rest is part of", 1.0),
            ("your worth", 0.9),
            ("comeback", 0.5),
            ("setback", 0.6),
            ("consistency beats", 1.1),
            ("consistency is", 0.8),
            ("show up", 0.6),
            ("show up again", 0.8),
            ("mindset", 0.5),
            ("motivation", 0.4),
            ("reminder:", 0.6),
            ("friendly reminder", 0.6),
            ("daily reminder", 0.8),
            ("gentle reminder", 0.8),
            ("you matter", 1.1),
            ("be yourself", 1.0),
            ("believe you can", 1.3),
            ("the only way to", 0.6),
            ("never too late", 1.0),
            ("keep your head up", 1.2),
            ("chin up", 1.0),
            ("hard work pays off", 1.2),
            ("good things take time", 1.2),
            ("trust the process", 1.2),
            ("be patient with yourself", 1.2),
            ("celebrate small wins", 1.2),
            ("small wins", 0.8),
            ("you are capable", 1.2),
            ("don't compare", 1.0),
            ("start where you are", 1.2),
            ("it gets better", 0.9),
            ("you don't have to be", 0.6),
            ("you have to start", 0.5),
            ("to everyone who", 0.4),
            ("stronger than", 0.4),
        ],
    ),
    g(
        Encourage,
        De,
        &[
            ("gib nicht auf", 1.4),
            ("du schaffst das", 1.4),
            ("ihr schafft das", 1.4),
            ("glaub an dich", 1.4),
            ("jeder kleine schritt", 1.2),
            ("bleib dran", 1.2),
            ("niemals aufgeben", 1.4),
            ("nicht aufgeben", 1.2),
        ],
    ),
    g(
        Encourage,
        Es,
        &[
            ("no te rindas", 1.4),
            ("tú puedes", 1.3),
            ("sigue adelante", 1.3),
            ("cree en ti", 1.4),
            ("nunca te rindas", 1.4),
            ("paso a paso", 1.0),
            ("tus sueños", 0.8),
        ],
    ),
    g(
        Encourage,
        Fr,
        &[
            ("n'abandonne jamais", 1.4),
            ("n'abandonne pas", 1.4),
            ("tu peux le faire", 1.3),
            ("crois en toi", 1.4),
            ("ne lâche rien", 1.3),
            ("chaque jour est", 0.9),
            ("tes rêves", 0.8),
        ],
    ),
    g(
        Encourage,
        Pt,
        &[
            ("não desista", 1.4),
            ("você consegue", 1.3),
            ("acredite em você", 1.4),
            ("nunca desista", 1.4),
            ("seus sonhos", 0.8),
            ("siga em frente", 1.2),
        ],
    ),
    // ---------------------------------------------------------------- sharing others' work
    g(
        Share,
        En,
        &[
            ("great thread", 1.2),
            ("thread by", 0.9),
            ("this thread", 0.6),
            ("amazing thread", 1.2),
            ("great read", 1.2),
            ("good read", 1.2),
            ("great article", 1.1),
            ("great post", 1.0),
            ("great piece", 1.1),
            ("great talk", 1.0),
            ("great video", 0.9),
            ("great interview", 1.0),
            ("great explanation", 1.0),
            ("brilliant essay", 1.1),
            ("brilliant", 0.3),
            ("fantastic", 0.3),
            ("excellent", 0.3),
            ("worth reading", 1.3),
            ("worth a read", 1.3),
            ("worth your time", 1.2),
            ("worth watching", 1.3),
            ("worth a watch", 1.3),
            ("worth a listen", 1.3),
            ("worth listening", 1.2),
            ("must read", 1.3),
            ("must-read", 1.3),
            ("must watch", 1.3),
            ("must-watch", 1.3),
            ("highly recommend", 1.0),
            ("i recommend", 0.8),
            ("recommended reading", 1.3),
            ("recommended", 0.6),
            ("h/t", 1.2),
            ("hat tip", 1.2),
            ("via @", 1.2),
            ("by @", 0.6),
            ("from @", 0.4),
            ("bookmark this", 0.9),
            ("bookmarking this", 1.0),
            ("saving this", 1.0),
            ("save this", 0.6),
            ("sharing this", 1.0),
            ("i'm sharing", 0.8),
            ("passing this on", 1.0),
            ("found this", 0.8),
            ("this gem", 0.8),
            ("today i learned", 0.8),
            ("love this", 0.7),
            ("this is great", 0.8),
            ("this is gold", 1.0),
            ("this is brilliant", 1.0),
            ("this is so good", 0.9),
            ("this is amazing", 0.8),
            ("clearest explanation", 1.2),
            ("best explanation", 1.1),
            ("should read this", 1.2),
            ("read this", 0.7),
            ("watch this", 0.7),
            ("listen to this", 0.7),
            ("everyone should read", 1.2),
            ("everyone should watch", 1.2),
            ("this is such a good", 0.9),
            ("such a good point", 0.8),
            ("incredible work", 0.8),
            ("great work by", 1.0),
            ("this 👇", 0.8),
            ("lovely", 0.3),
            ("interview with", 0.6),
            ("documentary", 0.3),
            ("free book", 0.5),
            ("for later", 0.6),
            ("well spent", 0.6),
        ],
    ),
    g(
        Share,
        De,
        &[
            ("lesenswert", 1.3),
            ("sehr lesenswert", 1.4),
            ("sehenswert", 1.3),
            ("hörenswert", 1.3),
            ("empfehlenswert", 1.1),
            ("leseempfehlung", 1.3),
            ("guter artikel", 1.1),
            ("guter thread", 1.2),
        ],
    ),
    g(
        Share,
        Es,
        &[
            ("vale la pena leer", 1.3),
            ("vale la pena", 0.8),
            ("recomiendo", 0.9),
            ("hilo de", 0.9),
            ("este hilo", 0.9),
            ("muy recomendable", 1.2),
            ("oro puro", 1.0),
            ("gran artículo", 1.1),
            ("buen artículo", 1.1),
        ],
    ),
    g(
        Share,
        Fr,
        &[
            ("à lire absolument", 1.4),
            ("à lire", 0.9),
            ("à voir", 0.9),
            ("je recommande", 0.9),
            ("excellent article", 1.1),
            ("très bon article", 1.1),
            ("ce fil", 0.8),
        ],
    ),
    g(
        Share,
        Pt,
        &[
            ("vale a pena ler", 1.3),
            ("vale a pena", 0.8),
            ("recomendo", 0.9),
            ("leitura obrigatória", 1.3),
            ("ótimo artigo", 1.1),
            ("excelente artigo", 1.1),
            ("essa thread", 0.8),
            ("este fio", 0.8),
        ],
    ),
    // ---------------------------------------------------------------- conversation
    sp(Ask, Any, Special::Question, &[("?", 0.4), ("¿", 0.4)]),
    g(
        Ask,
        En,
        &[
            ("what do you think", 1.0),
            ("what are you", 0.8),
            ("anyone else", 0.8),
            ("anyone here", 0.8),
            ("has anyone", 0.9),
            ("does anyone", 0.9),
            ("who else", 0.8),
            ("how do you", 0.7),
            ("what's your", 0.7),
            ("which do you", 0.7),
            ("would love to hear", 0.8),
            ("let me know", 0.6),
            ("question for", 1.0),
            ("quick question", 1.0),
            ("curious", 0.5),
            ("i wonder", 0.6),
            ("fight me", 0.8),
            ("hot take", 0.8),
            ("unpopular opinion", 0.8),
            ("am i the only one", 1.0),
        ],
    ),
    g(
        Ask,
        De,
        &[
            ("was meint ihr", 1.0),
            ("kennt jemand", 0.9),
            ("weiß jemand", 0.9),
            ("frage an", 0.8),
        ],
    ),
    g(Ask, Es, &[("qué opinan", 1.0), ("alguien sabe", 0.9)]),
    g(
        Ask,
        Fr,
        &[
            ("qu'en pensez-vous", 1.0),
            ("quelqu'un a", 0.8),
            ("quelqu'un sait", 0.9),
        ],
    ),
    g(
        Ask,
        Pt,
        &[
            ("o que vocês acham", 1.0),
            ("alguém sabe", 0.9),
            ("alguém já", 0.8),
        ],
    ),
    g(
        Greet,
        En,
        &[
            ("good morning", 0.9),
            ("morning all", 0.9),
            ("gm", 0.7),
            ("hello", 0.4),
            ("hi", 0.3),
            ("hey", 0.3),
            ("hey everyone", 0.8),
            ("hi all", 0.8),
            ("happy friday", 0.8),
            ("happy monday", 0.6),
            ("happy weekend", 0.7),
            ("have a great", 0.7),
            ("good night", 0.7),
            ("welcome", 0.6),
            ("nice to meet you", 1.0),
            ("thanks", 0.5),
            ("thank you", 0.7),
            ("thx", 0.5),
            ("congrats", 1.0),
            ("congratulations", 1.0),
            ("well done", 0.7),
            ("so happy for you", 1.1),
            ("happy for you", 1.0),
            ("means a lot", 0.9),
            ("appreciate it", 0.9),
            ("appreciate you", 0.9),
            ("sorry to hear", 1.0),
            ("hope you", 0.6),
            ("get well soon", 1.0),
            ("happy birthday", 1.1),
        ],
    ),
    g(
        Greet,
        De,
        &[
            ("guten morgen", 0.9),
            ("hallo", 0.6),
            ("moin", 0.7),
            ("servus", 0.7),
            ("danke", 0.9),
            ("vielen dank", 1.0),
            ("glückwunsch", 1.0),
            ("herzlichen glückwunsch", 1.1),
        ],
    ),
    g(
        Greet,
        Es,
        &[
            ("buenos días", 0.9),
            ("hola", 0.6),
            ("gracias", 0.9),
            ("felicidades", 1.0),
            ("enhorabuena", 1.0),
        ],
    ),
    g(
        Greet,
        Fr,
        &[
            ("bonjour", 0.8),
            ("salut", 0.6),
            ("bonsoir", 0.7),
            ("merci", 0.9),
            ("félicitations", 1.0),
        ],
    ),
    g(
        Greet,
        Pt,
        &[
            ("bom dia", 0.9),
            ("olá", 0.6),
            ("boa noite", 0.7),
            ("obrigado", 0.9),
            ("obrigada", 0.9),
            ("parabéns", 1.0),
        ],
    ),
    g(
        Chat,
        En,
        &[
            ("haha", 0.7),
            ("lol", 0.7),
            ("lmao", 0.7),
            ("same", 0.3),
            ("agree", 0.6),
            ("agreed", 0.8),
            ("totally agree", 1.0),
            ("exactly", 0.5),
            ("so true", 0.8),
            ("me too", 0.7),
            ("ouch", 0.7),
            ("oh no", 0.7),
            ("omg", 0.5),
            ("wow", 0.4),
            ("happy to help", 0.9),
            ("sounds good", 0.8),
            ("good luck", 0.8),
        ],
    ),
    // ---------------------------------------------------------------- own work, composed
    g(Artifact, Any, &[("🧵", 1.0), ("🎧", 1.0), ("🎙️", 1.0)]),
    g(
        Artifact,
        En,
        &[
            ("video", 1.0),
            ("videos", 1.0),
            ("post", 1.0),
            ("blog post", 1.0),
            ("article", 1.0),
            ("essay", 1.0),
            ("newsletter", 1.0),
            ("episode", 1.0),
            ("podcast", 1.0),
            ("talk", 1.0),
            ("keynote", 1.0),
            ("tutorial", 1.0),
            ("slides", 1.0),
            ("thread", 1.0),
            ("paper", 1.0),
            ("research", 1.0),
            ("study", 1.0),
            ("blog", 1.0),
            ("guide", 1.0),
            ("write-up", 1.0),
            ("writeup", 1.0),
            ("stream", 1.0),
            ("livestream", 1.0),
            ("song", 1.0),
            ("album", 1.0),
            ("track", 1.0),
            ("interview", 1.0),
            ("webinar", 1.0),
            ("walkthrough", 1.0),
            ("case study", 1.0),
            ("piece", 1.0),
            ("story", 1.0),
            ("comic", 1.0),
            ("drawing", 1.0),
            ("painting", 1.0),
            ("library", 1.0),
            ("plugin", 1.0),
            ("app", 1.0),
            ("tool", 1.0),
        ],
    ),
    g(
        Artifact,
        De,
        &[
            ("artikel", 1.0),
            ("beitrag", 1.0),
            ("folge", 1.0),
            ("vortrag", 1.0),
        ],
    ),
    g(
        Artifact,
        Es,
        &[
            ("vídeo", 1.0),
            ("artículo", 1.0),
            ("episodio", 1.0),
            ("charla", 1.0),
        ],
    ),
    g(
        Artifact,
        Fr,
        &[("vidéo", 1.0), ("épisode", 1.0), ("conférence", 1.0)],
    ),
    g(
        Artifact,
        Pt,
        &[("artigo", 1.0), ("episódio", 1.0), ("palestra", 1.0)],
    ),
    g(
        Create,
        En,
        &[
            ("wrote", 1.0),
            ("written", 1.0),
            ("writing", 1.0),
            ("writing up", 1.0),
            ("wrote up", 1.0),
            ("published", 1.0),
            ("recorded", 1.0),
            ("recording", 1.0),
            ("put out", 1.0),
            ("released", 1.0),
            ("launched", 1.0),
            ("shipped", 1.0),
            ("made", 1.0),
            ("built", 1.0),
            ("finished", 1.0),
            ("giving", 1.0),
            ("gave", 1.0),
            ("presenting", 1.0),
            ("presented", 1.0),
            ("uploaded", 1.0),
            ("dropped", 1.0),
            ("filmed", 1.0),
            ("streaming", 1.0),
            ("hosting", 1.0),
            ("new", 1.0),
            ("latest", 1.0),
            ("today's", 1.0),
            ("this week's", 1.0),
        ],
    ),
    g(
        Released,
        En,
        &[
            ("is out", 1.0),
            ("are out", 1.0),
            ("is live", 1.0),
            ("are live", 1.0),
            ("went live", 1.0),
            ("now online", 1.0),
            ("are online", 1.0),
            ("is online", 1.0),
            ("up now", 1.0),
            ("is up", 1.0),
            ("are up", 1.0),
            ("online now", 1.0),
            ("got published", 1.0),
            ("got accepted", 1.0),
            ("just dropped", 1.0),
        ],
    ),
    g(
        Released,
        De,
        &[("ist online", 1.0), ("ist da", 1.0), ("ist raus", 1.0)],
    ),
    g(
        Released,
        Es,
        &[("ya está disponible", 1.0), ("ya está online", 1.0)],
    ),
    g(Released, Fr, &[("est en ligne", 1.0), ("est sorti", 1.0)]),
    g(Released, Pt, &[("está no ar", 1.0), ("saiu", 1.0)]),
    g(
        Create,
        De,
        &[
            ("geschrieben", 1.0),
            ("veröffentlicht", 1.0),
            ("aufgenommen", 1.0),
            ("neues", 1.0),
            ("neuer", 1.0),
            ("neue", 1.0),
        ],
    ),
    g(
        Create,
        Es,
        &[
            ("publiqué", 1.0),
            ("grabé", 1.0),
            ("nuevo", 1.0),
            ("nueva", 1.0),
        ],
    ),
    g(
        Create,
        Fr,
        &[
            ("publié", 1.0),
            ("enregistré", 1.0),
            ("nouveau", 1.0),
            ("nouvelle", 1.0),
        ],
    ),
    g(
        Create,
        Pt,
        &[
            ("publiquei", 1.0),
            ("gravei", 1.0),
            ("novo", 1.0),
            ("nova", 1.0),
        ],
    ),
    g(
        Own,
        En,
        // A lone "I" is checked in the text where needed (`compose`): as a pattern it would
        // match inside every word with an "i".
        &[
            ("i'm", 1.0),
            ("i've", 1.0),
            ("i'll", 1.0),
            ("we", 1.0),
            ("we're", 1.0),
            ("we've", 1.0),
            ("we'll", 1.0),
            ("my", 1.0),
            ("our", 1.0),
        ],
    ),
    g(
        Own,
        De,
        &[
            ("ich", 1.0),
            ("mein", 1.0),
            ("meine", 1.0),
            ("meinen", 1.0),
            ("unser", 1.0),
            ("unsere", 1.0),
        ],
    ),
    g(
        Own,
        Es,
        &[
            ("mi", 1.0),
            ("mis", 1.0),
            ("nuestro", 1.0),
            ("nuestra", 1.0),
        ],
    ),
    g(
        Own,
        Fr,
        &[("mon", 1.0), ("ma", 1.0), ("mes", 1.0), ("notre", 1.0)],
    ),
    g(
        Own,
        Pt,
        &[("meu", 1.0), ("minha", 1.0), ("nosso", 1.0), ("nossa", 1.0)],
    ),
    // ---------------------------------------------------------------- words of encouragement
    g(
        Uplift,
        En,
        &[
            ("progress", 0.3),
            ("growth", 0.3),
            ("grow", 0.3),
            ("succeed", 0.3),
            ("success", 0.3),
            ("dream", 0.3),
            ("dreams", 0.3),
            ("courage", 0.3),
            ("believe", 0.3),
            ("beginner", 0.3),
            ("perfect", 0.2),
            ("journey", 0.3),
            ("fail", 0.3),
            ("failure", 0.3),
            ("mistakes", 0.3),
            ("patience", 0.3),
            ("kindness", 0.3),
            ("gentle", 0.3),
            ("strength", 0.3),
            ("brave", 0.3),
            ("potential", 0.3),
            ("purpose", 0.3),
            ("passion", 0.3),
            ("gratitude", 0.3),
            ("grateful", 0.3),
            ("discipline", 0.3),
            ("consistency", 0.3),
            ("effort", 0.3),
            ("persevere", 0.3),
            ("perseverance", 0.3),
            ("resilience", 0.3),
            ("overcome", 0.3),
            ("obstacles", 0.3),
            ("comfort zone", 0.5),
            ("future self", 0.6),
            ("keep moving", 0.6),
            ("stay the course", 0.8),
            ("don't wait", 0.4),
            ("starts somewhere", 0.6),
            ("you are allowed", 0.6),
            ("you're allowed", 0.6),
            ("it's okay to", 0.5),
            ("it's ok to", 0.5),
            ("you deserve", 0.5),
            ("best version", 0.5),
            ("hard days", 0.4),
            ("tough times", 0.4),
            ("to anyone feeling", 0.6),
            ("the people who", 0.3),
            ("showing up", 0.4),
            ("proof that", 0.3),
            ("celebrate it", 0.4),
        ],
    ),
    g(
        Uplift,
        De,
        &[
            ("erfolg", 0.3),
            ("träume", 0.3),
            ("mut", 0.3),
            ("fortschritt", 0.3),
        ],
    ),
    g(
        Uplift,
        Es,
        &[
            ("éxito", 0.3),
            ("sueños", 0.3),
            ("esfuerzo", 0.3),
            ("valor", 0.2),
        ],
    ),
    g(Uplift, Fr, &[("succès", 0.3), ("rêves", 0.3)]),
    g(
        Uplift,
        Pt,
        &[("sucesso", 0.3), ("sonhos", 0.3), ("esforço", 0.3)],
    ),
];

/// Common words that tell the language of a post (each listed under one language only).
pub(super) const STOPWORDS: &[(Lang, &[&str])] = &[
    (
        En,
        &[
            "the", "and", "is", "are", "you", "your", "with", "this", "that", "it's", "for",
            "have", "what", "just", "about", "of", "to", "my", "i'm", "it", "be", "not", "they",
            "will", "can", "all",
        ],
    ),
    (
        De,
        &[
            "und", "der", "die", "das", "ist", "nicht", "ich", "ein", "eine", "mit", "auf", "auch",
            "aber", "wenn", "noch", "sind", "wir", "sie", "dass", "oder", "zu", "von", "bei",
            "schon", "kein", "keine", "doch", "jetzt", "hier", "wie", "für", "dem", "den", "ja",
            "nur", "mal", "wird", "werden", "hat", "haben", "sich", "uns", "euch", "dich",
        ],
    ),
    (
        Es,
        &[
            "el", "los", "las", "que", "por", "para", "con", "una", "pero", "muy", "está", "lo",
            "del", "como", "su", "yo", "mi", "tu", "más", "hay",
        ],
    ),
    (
        Fr,
        &[
            "le", "les", "et", "est", "une", "des", "pour", "dans", "pas", "je", "vous", "nous",
            "avec", "sur", "ce", "qui", "au", "ne", "il", "elle", "mais", "très", "c'est",
        ],
    ),
    (
        Pt,
        &[
            "os", "não", "um", "uma", "mas", "muito", "você", "em", "é", "eu", "isso", "ele",
            "ela", "tem", "são", "também", "vocês",
        ],
    ),
];

// ------------------------------------------------------------------ packed at compile time
//
// The tables above are for people to read and edit. At run time the classifier reads them
// packed, built from them by the compiler: every phrase in one string, with 2-byte ends and
// 1-byte weight numbers. (As written, each phrase costs a 12-byte record in the wasm beside
// its text: about 14 KB more for the cue table.)

/// What the classifier needs of a group at run time (its phrases are packed apart).
#[derive(Clone, Copy, Debug)]
pub(super) struct GroupInfo {
    /// What the phrases are evidence of.
    pub sig: Sig,
    /// Their language.
    pub lang: Lang,
    /// Any special rule.
    pub special: Special,
}

const N_GROUPS: usize = GROUPS.len();
const N_LANGS: usize = STOPWORDS.len();

/// Cue phrases, then common words.
const N_PHRASES: usize = {
    let mut n = 0;
    let mut g = 0;
    while g < N_GROUPS {
        n += GROUPS[g].cues.len();
        g += 1;
    }
    let mut l = 0;
    while l < N_LANGS {
        n += STOPWORDS[l].1.len();
        l += 1;
    }
    n
};

/// The phrase with this number (cue phrases first, in group order, then common words).
const fn phrase_at(mut i: usize) -> &'static str {
    let mut g = 0;
    while g < N_GROUPS {
        if i < GROUPS[g].cues.len() {
            return GROUPS[g].cues[i].0;
        }
        i -= GROUPS[g].cues.len();
        g += 1;
    }
    let mut l = 0;
    while l < N_LANGS {
        if i < STOPWORDS[l].1.len() {
            return STOPWORDS[l].1[i];
        }
        i -= STOPWORDS[l].1.len();
        l += 1;
    }
    panic!("no such phrase")
}

const TEXT_LEN: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < N_PHRASES {
        n += phrase_at(i).len();
        i += 1;
    }
    n
};

static TEXT_BYTES: [u8; TEXT_LEN] = {
    let mut out = [0u8; TEXT_LEN];
    let mut at = 0;
    let mut i = 0;
    while i < N_PHRASES {
        let p = phrase_at(i).as_bytes();
        let mut k = 0;
        while k < p.len() {
            out[at] = p[k];
            at += 1;
            k += 1;
        }
        i += 1;
    }
    out
};

/// Every phrase, one after another.
static TEXT: &str = match std::str::from_utf8(&TEXT_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("phrases are UTF-8"),
};

/// Where each phrase ends in [`TEXT`] (it starts where the one before ends).
static ENDS: [u16; N_PHRASES] = {
    assert!(TEXT_LEN <= u16::MAX as usize);
    let mut out = [0u16; N_PHRASES];
    let mut end = 0;
    let mut i = 0;
    while i < N_PHRASES {
        end += phrase_at(i).len();
        out[i] = end as u16;
        i += 1;
    }
    out
};

/// The number of the first phrase of each group, and of the common words of each language
/// (then one past the last phrase).
static FIRST: [u16; N_GROUPS + N_LANGS + 1] = {
    assert!(N_PHRASES <= u16::MAX as usize);
    let mut out = [0u16; N_GROUPS + N_LANGS + 1];
    let mut n = 0;
    let mut g = 0;
    while g < N_GROUPS {
        out[g] = n as u16;
        n += GROUPS[g].cues.len();
        g += 1;
    }
    let mut l = 0;
    while l < N_LANGS {
        out[N_GROUPS + l] = n as u16;
        n += STOPWORDS[l].1.len();
        l += 1;
    }
    out[N_GROUPS + N_LANGS] = n as u16;
    out
};

/// The distinct cue weights (at most 64), and how many there are.
const WEIGHT_SET: ([f32; 64], usize) = {
    let mut out = [0.0f32; 64];
    let mut n = 0;
    let mut g = 0;
    while g < N_GROUPS {
        let mut c = 0;
        while c < GROUPS[g].cues.len() {
            let w = GROUPS[g].cues[c].1;
            let mut k = 0;
            while k < n && out[k] != w {
                k += 1;
            }
            if k == n {
                out[n] = w;
                n += 1;
            }
            c += 1;
        }
        g += 1;
    }
    (out, n)
};

/// The distinct cue weights.
static WEIGHTS: [f32; WEIGHT_SET.1] = {
    let mut out = [0.0f32; WEIGHT_SET.1];
    let mut k = 0;
    while k < WEIGHT_SET.1 {
        out[k] = WEIGHT_SET.0[k];
        k += 1;
    }
    out
};

/// Each cue's weight, as an index into [`WEIGHTS`].
static WEIGHT_OF: [u8; N_PHRASES] = {
    let mut out = [0u8; N_PHRASES];
    let mut i = 0;
    let mut g = 0;
    while g < N_GROUPS {
        let mut c = 0;
        while c < GROUPS[g].cues.len() {
            let w = GROUPS[g].cues[c].1;
            let mut k = 0;
            while WEIGHT_SET.0[k] != w {
                k += 1;
            }
            out[i] = k as u8;
            i += 1;
            c += 1;
        }
        g += 1;
    }
    out
};

/// Signal, language and rule of each group.
pub(super) static GROUP_INFO: [GroupInfo; N_GROUPS] = {
    let mut out = [GroupInfo {
        sig: Sig::Price,
        lang: Lang::Any,
        special: Special::No,
    }; N_GROUPS];
    let mut g = 0;
    while g < N_GROUPS {
        out[g] = GroupInfo {
            sig: GROUPS[g].sig,
            lang: GROUPS[g].lang,
            special: GROUPS[g].special,
        };
        g += 1;
    }
    out
};

/// Phrase number `i` of [`TEXT`].
fn phrase(i: usize) -> &'static str {
    let start = if i == 0 { 0 } else { ENDS[i - 1] };
    TEXT.get(usize::from(start)..usize::from(ENDS[i]))
        .unwrap_or_default()
}

/// The phrases of group `group`, in order.
pub(super) fn cues(group: usize) -> impl Iterator<Item = &'static str> {
    (usize::from(FIRST[group])..usize::from(FIRST[group + 1])).map(phrase)
}

/// The weight of cue `cue` of group `group`.
pub(super) fn weight(group: u16, cue: u16) -> f32 {
    let i = usize::from(FIRST[usize::from(group)]) + usize::from(cue);
    WEIGHTS[usize::from(WEIGHT_OF[i])]
}

/// The language of each list of common words.
static STOP_LANGS: [Lang; N_LANGS] = {
    let mut out = [Lang::Any; N_LANGS];
    let mut l = 0;
    while l < N_LANGS {
        out[l] = STOPWORDS[l].0;
        l += 1;
    }
    out
};

/// Each language's common words.
pub(super) fn stopwords() -> impl Iterator<Item = (Lang, &'static str)> {
    (0..N_LANGS).flat_map(|l| {
        let first = usize::from(FIRST[N_GROUPS + l]);
        let end = usize::from(FIRST[N_GROUPS + l + 1]);
        (first..end).map(move |i| (STOP_LANGS[l], phrase(i)))
    })
}

#[cfg(test)]
mod packed_tests {
    use super::*;

    #[test]
    fn packed_tables_hold_the_written_ones() {
        for (g, group) in GROUPS.iter().enumerate() {
            let info = GROUP_INFO[g];
            assert_eq!(
                (info.sig, info.lang, info.special),
                (group.sig, group.lang, group.special)
            );
            let got: Vec<&str> = cues(g).collect();
            let want: Vec<&str> = group.cues.iter().map(|c| c.0).collect();
            assert_eq!(got, want);
            for (c, (_, w)) in group.cues.iter().enumerate() {
                assert_eq!(weight(g as u16, c as u16).to_bits(), w.to_bits());
            }
        }
        let want: Vec<(Lang, &str)> = STOPWORDS
            .iter()
            .flat_map(|(l, ws)| ws.iter().map(move |w| (*l, *w)))
            .collect();
        assert_eq!(stopwords().collect::<Vec<_>>(), want);
    }
}
