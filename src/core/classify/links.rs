//! What a link says about a post: a shop or checkout, an affiliate link, a booking page,
//! a content platform (videos, posts, podcasts), a post on X, or the author's own site.
//!
//! Works on the URL as written (with or without scheme) without allocating.

/// What kind of place a link points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LinkKind {
    /// A shop, checkout or payment page (gumroad.com, checkout.stripe.com, etsy.com…).
    Shop,
    /// A link that pays the poster per sale (amzn.to, `?ref=`, `tag=…-20`).
    Affiliate,
    /// A booking or scheduling page (calendly.com, cal.com).
    Booking,
    /// Asking for money: crowdfunding, tips, memberships (gofundme.com, patreon.com…).
    Funding,
    /// A product page on a marketplace (amazon.com/dp/…, ebay.com/itm/…).
    Product,
    /// Tickets for an event (eventbrite.com).
    Tickets,
    /// Freelance gig pages (fiverr.com, upwork.com).
    Gig,
    /// A page whose path says pricing, checkout, cart or subscribe.
    PricingPage,
    /// The author's own site (from `PostInput::own_domains`).
    Own,
    /// A platform for articles, videos, talks, podcasts, code (youtube.com, substack.com…).
    Content,
    /// A post on X.
    Post,
    /// Anything else.
    Other,
}

impl LinkKind {
    /// Pitch evidence the link gives (0 for links that are not about selling).
    pub(super) fn pitch_weight(self) -> f32 {
        match self {
            LinkKind::Affiliate => 1.0,
            LinkKind::Shop => 0.8,
            LinkKind::Booking => 0.6,
            LinkKind::Gig => 0.6,
            LinkKind::Funding => 0.75,
            LinkKind::Product => 0.4,
            LinkKind::Tickets => 0.4,
            LinkKind::PricingPage => 0.4,
            _ => 0.0,
        }
    }
}

/// A link, classified: its kind and the site's name for the evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LinkInfo<'a> {
    /// What kind of place.
    pub kind: LinkKind,
    /// The known site's domain (`"gumroad.com"`) or the link's host as written.
    pub site: &'a str,
}

/// Known sites: domain (matches itself and its subdomains), optional path prefix, kind.
const SITES: &[(&str, &str, LinkKind)] = &[
    // shops and checkouts
    ("gumroad.com", "", LinkKind::Shop),
    ("gum.co", "", LinkKind::Shop),
    ("buy.stripe.com", "", LinkKind::Shop),
    ("checkout.stripe.com", "", LinkKind::Shop),
    ("myshopify.com", "", LinkKind::Shop),
    ("shopify.com", "", LinkKind::Shop),
    ("shop.app", "", LinkKind::Shop),
    ("etsy.com", "", LinkKind::Shop),
    ("etsy.me", "", LinkKind::Shop),
    ("lemonsqueezy.com", "", LinkKind::Shop),
    ("payhip.com", "", LinkKind::Shop),
    ("sellfy.com", "", LinkKind::Shop),
    ("teachable.com", "", LinkKind::Shop),
    ("kajabi.com", "", LinkKind::Shop),
    ("mykajabi.com", "", LinkKind::Shop),
    ("podia.com", "", LinkKind::Shop),
    ("thinkific.com", "", LinkKind::Shop),
    ("appsumo.com", "", LinkKind::Shop),
    ("bigcartel.com", "", LinkKind::Shop),
    ("square.site", "", LinkKind::Shop),
    ("paypal.me", "", LinkKind::Shop),
    ("sunfrogshirts.com", "", LinkKind::Shop),
    ("teespring.com", "", LinkKind::Shop),
    ("redbubble.com", "", LinkKind::Shop),
    ("audiojungle.net", "", LinkKind::Shop),
    ("themeforest.net", "", LinkKind::Shop),
    ("aliexpress.com", "", LinkKind::Shop),
    // affiliate networks and short links
    ("amzn.to", "", LinkKind::Affiliate),
    ("amzn.eu", "", LinkKind::Affiliate),
    ("amzn.com", "", LinkKind::Affiliate),
    ("shareasale.com", "", LinkKind::Affiliate),
    ("clickbank.net", "", LinkKind::Affiliate),
    ("awin1.com", "", LinkKind::Affiliate),
    ("go.skimresources.com", "", LinkKind::Affiliate),
    ("rstyle.me", "", LinkKind::Affiliate),
    ("ltk.app", "", LinkKind::Affiliate),
    ("liketk.it", "", LinkKind::Affiliate),
    // link shorteners that pay the poster per click
    ("adf.ly", "", LinkKind::Affiliate),
    ("linkbucks.com", "", LinkKind::Affiliate),
    ("sh.st", "", LinkKind::Affiliate),
    ("shorte.st", "", LinkKind::Affiliate),
    ("ouo.io", "", LinkKind::Affiliate),
    ("bc.vc", "", LinkKind::Affiliate),
    ("adfoc.us", "", LinkKind::Affiliate),
    // booking
    ("calendly.com", "", LinkKind::Booking),
    ("cal.com", "", LinkKind::Booking),
    ("tidycal.com", "", LinkKind::Booking),
    ("savvycal.com", "", LinkKind::Booking),
    // asking for money
    ("gofundme.com", "", LinkKind::Funding),
    ("patreon.com", "", LinkKind::Funding),
    ("ko-fi.com", "", LinkKind::Funding),
    ("buymeacoffee.com", "", LinkKind::Funding),
    ("kickstarter.com", "", LinkKind::Funding),
    ("indiegogo.com", "", LinkKind::Funding),
    // marketplaces (product pages only)
    ("amazon.com", "/dp/", LinkKind::Product),
    ("amazon.com", "/gp/product", LinkKind::Product),
    ("amazon.de", "/dp/", LinkKind::Product),
    ("amazon.co.uk", "/dp/", LinkKind::Product),
    ("amazon.fr", "/dp/", LinkKind::Product),
    ("amazon.es", "/dp/", LinkKind::Product),
    ("amazon.com", "/gp/offer-listing", LinkKind::Product),
    ("amazon.co.uk", "/gp/offer-listing", LinkKind::Product),
    ("ebay.com", "/itm/", LinkKind::Product),
    ("play.google.com", "/store/apps", LinkKind::Product),
    ("apps.apple.com", "", LinkKind::Product),
    ("itunes.apple.com", "/app/", LinkKind::Product),
    ("ebay.de", "/itm/", LinkKind::Product),
    // tickets, gigs
    ("eventbrite.com", "", LinkKind::Tickets),
    ("ti.to", "", LinkKind::Tickets),
    ("fiverr.com", "", LinkKind::Gig),
    ("upwork.com", "", LinkKind::Gig),
    // content platforms
    ("youtube.com", "", LinkKind::Content),
    ("youtu.be", "", LinkKind::Content),
    ("substack.com", "", LinkKind::Content),
    ("medium.com", "", LinkKind::Content),
    ("beehiiv.com", "", LinkKind::Content),
    ("ghost.io", "", LinkKind::Content),
    ("wordpress.com", "", LinkKind::Content),
    ("blogspot.com", "", LinkKind::Content),
    ("dev.to", "", LinkKind::Content),
    ("hashnode.dev", "", LinkKind::Content),
    ("podcasts.apple.com", "", LinkKind::Content),
    ("open.spotify.com", "", LinkKind::Content),
    ("anchor.fm", "", LinkKind::Content),
    ("soundcloud.com", "", LinkKind::Content),
    ("bandcamp.com", "", LinkKind::Content),
    ("vimeo.com", "", LinkKind::Content),
    ("twitch.tv", "", LinkKind::Content),
    ("tiktok.com", "", LinkKind::Content),
    ("instagram.com", "", LinkKind::Content),
    ("facebook.com", "", LinkKind::Content),
    ("linkedin.com", "", LinkKind::Content),
    ("github.com", "", LinkKind::Content),
    ("speakerdeck.com", "", LinkKind::Content),
    ("slideshare.net", "", LinkKind::Content),
    ("arxiv.org", "", LinkKind::Content),
    // X itself
    ("x.com", "/status/", LinkKind::Post),
    ("twitter.com", "/status/", LinkKind::Post),
];

/// Splits a URL as written into host and the rest (path, query, fragment).
/// The scheme, `www.`, user info and port are dropped.
pub(super) fn split_url(url: &str) -> (&str, &str) {
    let mut s = url.trim();
    if let Some(i) = s.find("://") {
        if s[..i].bytes().all(|b| b.is_ascii_alphabetic()) {
            s = &s[i + 3..];
        }
    } else if let Some(rest) = s.strip_prefix("//") {
        s = rest;
    }
    let end = s.find(['/', '?', '#']).unwrap_or(s.len());
    let (mut host, rest) = s.split_at(end);
    if let Some(at) = host.rfind('@') {
        host = &host[at + 1..];
    }
    if let Some(colon) = host.find(':') {
        host = &host[..colon];
    }
    host = host.trim_end_matches('.');
    if host.len() > 4 && host[..4].eq_ignore_ascii_case("www.") {
        host = &host[4..];
    }
    (host, rest)
}

/// Whether `host` is `domain` or one of its subdomains (ASCII case-insensitive).
pub(super) fn host_is(host: &str, domain: &str) -> bool {
    if host.len() == domain.len() {
        return host.eq_ignore_ascii_case(domain);
    }
    host.len() > domain.len()
        && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
        && host[host.len() - domain.len()..].eq_ignore_ascii_case(domain)
}

/// Whether `haystack` contains `needle` (ASCII lowercase), ignoring ASCII case.
fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether the query string has a parameter that marks an affiliate or referral link.
fn affiliate_query(rest: &str) -> bool {
    let Some(q) = rest.find('?') else {
        return false;
    };
    let query = &rest[q + 1..];
    let query = &query[..query.find('#').unwrap_or(query.len())];
    query.split('&').any(|param| {
        let (key, value) = param.split_once('=').unwrap_or((param, ""));
        let key_is = |k: &str| key.eq_ignore_ascii_case(k);
        let key_has = |k: &str| contains_ci(key, k);
        key_is("ref")
            || key_has("affiliate")
            || key_has("referr")
            || key_is("campid")
            || contains_ci(value, "referafriend")
            || key_is("aff")
            || key_is("affiliate")
            || key_is("aff_id")
            || key_is("affid")
            || key_is("referral")
            || key_is("ref_id")
            || key_is("via")
            || key_is("irgwc")
            || (key_is("tag")
                && value.len() > 3
                && value.as_bytes()[value.len() - 3] == b'-'
                && value[value.len() - 2..].bytes().all(|b| b.is_ascii_digit()))
    })
}

/// Whether the path has a referral segment (`/ref/name`, `/refer/name`, `/referral/…`).
fn referral_path(rest: &str) -> bool {
    let path = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    let first_ref = |seg: &str| {
        ["ref", "refer", "referral", "aff", "affiliate"]
            .iter()
            .any(|w| seg.eq_ignore_ascii_case(w))
    };
    // Only as a segment followed by a name: "/ref/anna".
    let mut prev_ref = false;
    for seg in segs.by_ref() {
        if prev_ref {
            return true;
        }
        prev_ref = first_ref(seg);
    }
    false
}

/// Whether the path names a pricing, checkout, cart or subscription page.
fn pricing_path(rest: &str) -> bool {
    let path = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    path.split('/').any(|seg| {
        [
            "pricing",
            "checkout",
            "cart",
            "buy",
            "subscribe",
            "order",
            "shop",
            "store",
            "pay",
            "register",
            "signup",
            "sign-up",
            "join",
        ]
        .iter()
        .any(|w| seg.eq_ignore_ascii_case(w))
    })
}

/// Whether the link is on one of the author's own sites: each entry is a domain
/// (`example.com`, matching its subdomains) or a domain with a path prefix
/// (`youtube.com/@me`).
fn is_own(host: &str, rest: &str, own: &[String]) -> bool {
    own.iter().any(|o| {
        let (oh, orest) = split_url(o);
        !oh.is_empty()
            && host_is(host, oh)
            && (orest.is_empty()
                || orest == "/"
                || (rest.len() >= orest.len()
                    && rest.is_char_boundary(orest.len())
                    && rest[..orest.len()].eq_ignore_ascii_case(orest)
                    && (orest.ends_with('/')
                        || rest[orest.len()..].is_empty()
                        || rest[orest.len()..].starts_with(['/', '?', '#']))))
    })
}

/// Classifies one URL (as written or expanded) for a post by someone whose own sites are `own`.
pub(super) fn classify_link<'a>(url: &'a str, own: &[String]) -> Option<LinkInfo<'a>> {
    let (host, rest) = split_url(url);
    if host.is_empty() || !host.contains('.') {
        return None;
    }
    if is_own(host, rest, own) {
        return Some(LinkInfo {
            kind: LinkKind::Own,
            site: host,
        });
    }
    if affiliate_query(rest) || referral_path(rest) {
        return Some(LinkInfo {
            kind: LinkKind::Affiliate,
            site: host,
        });
    }
    for &(domain, prefix, kind) in SITES {
        if host_is(host, domain) && (prefix.is_empty() || contains_ci(rest, prefix)) {
            // A newsletter's subscribe page is a call to subscribe, not content.
            if kind == LinkKind::Content && pricing_path(rest) {
                return Some(LinkInfo {
                    kind: LinkKind::PricingPage,
                    site: domain,
                });
            }
            return Some(LinkInfo { kind, site: domain });
        }
    }
    let kind = if pricing_path(rest) {
        LinkKind::PricingPage
    } else {
        LinkKind::Other
    };
    Some(LinkInfo { kind, site: host })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(url: &str) -> LinkKind {
        classify_link(url, &[]).unwrap().kind
    }

    #[test]
    fn splits_urls() {
        assert_eq!(
            split_url("https://www.Example.com:8080/a?b#c"),
            ("Example.com", "/a?b#c")
        );
        assert_eq!(split_url("gumroad.com/l/x"), ("gumroad.com", "/l/x"));
        assert_eq!(split_url("http://user@host.io"), ("host.io", ""));
    }

    #[test]
    fn hosts_and_subdomains() {
        assert!(host_is("anna.gumroad.com", "gumroad.com"));
        assert!(host_is("GUMROAD.com", "gumroad.com"));
        assert!(!host_is("notgumroad.com", "gumroad.com"));
    }

    #[test]
    fn kinds_of_links() {
        assert_eq!(kind("https://learn.gumroad.com/l/abc"), LinkKind::Shop);
        assert_eq!(kind("https://amzn.to/3xY"), LinkKind::Affiliate);
        assert_eq!(
            kind("https://www.amazon.com/dp/B0?tag=me-20"),
            LinkKind::Affiliate
        );
        assert_eq!(kind("https://www.amazon.com/dp/B0"), LinkKind::Product);
        assert_eq!(kind("https://www.amazon.com/books"), LinkKind::Other);
        assert_eq!(kind("https://example.com/?ref=anna"), LinkKind::Affiliate);
        assert_eq!(kind("https://example.com/?tag=news"), LinkKind::Other);
        assert_eq!(kind("https://example.com/ref/anna"), LinkKind::Affiliate);
        assert_eq!(
            kind("https://example.com/x?AffiliateID=9"),
            LinkKind::Affiliate
        );
        assert_eq!(kind("https://example.com/ref"), LinkKind::Other);
        assert_eq!(kind("https://calendly.com/me/30"), LinkKind::Booking);
        assert_eq!(kind("https://youtu.be/abc"), LinkKind::Content);
        assert_eq!(
            kind("https://x.substack.com/subscribe"),
            LinkKind::PricingPage
        );
        assert_eq!(kind("https://tool.io/pricing"), LinkKind::PricingPage);
        assert_eq!(kind("https://x.com/a/status/1"), LinkKind::Post);
        assert_eq!(kind("https://x.com/a"), LinkKind::Other);
        assert!(classify_link("not a url", &[]).is_none());
    }

    #[test]
    fn own_sites() {
        let own = vec!["anna.dev".to_string(), "youtube.com/@anna".to_string()];
        let k = |u: &str| classify_link(u, &own).unwrap().kind;
        assert_eq!(k("https://blog.anna.dev/post"), LinkKind::Own);
        assert_eq!(k("https://youtube.com/@anna/videos"), LinkKind::Own);
        assert_eq!(k("https://youtube.com/@bob"), LinkKind::Content);
        assert_eq!(k("https://youtube.com/@annabelle"), LinkKind::Content);
    }
}
