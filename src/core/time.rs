//! Time: X's two date formats (ISO in the page, the archive's `created_at`) as Unix milliseconds,
//! and short human ages ("3h").

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type Millis = i64;

/// Days from 1970-01-01 to the civil date (proleptic Gregorian; Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn from_parts(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32, ms: u32) -> Option<Millis> {
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    Some(
        ((days * 24 + i64::from(h)) * 60 + i64::from(mi)) * 60_000
            + i64::from(s) * 1000
            + i64::from(ms),
    )
}

/// Parses the UTC ISO time X puts in `time[datetime]`, e.g. `2025-10-23T19:34:00.000Z`.
/// Also accepts a missing fraction and a `+00:00` offset.
pub fn parse_iso(s: &str) -> Option<Millis> {
    let s = s.trim();
    let (date, rest) = s.split_once('T')?;
    let mut dp = date.split('-');
    let y: i64 = dp.next()?.parse().ok()?;
    let mo = num(dp.next()?)?;
    let d = num(dp.next()?)?;
    if dp.next().is_some() {
        return None;
    }
    let (clock, offset_min) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0i64)
    } else if rest.len() > 6 {
        let (c, off) = rest.split_at(rest.len() - 6);
        let sign = match off.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (oh, om) = off[1..].split_once(':')?;
        (c, sign * i64::from(num(oh)? * 60 + num(om)?))
    } else {
        return None;
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut t = hms.split(':');
    let h = num(t.next()?)?;
    let mi = num(t.next()?)?;
    let sec = num(t.next().unwrap_or("0"))?;
    let ms = if frac.is_empty() {
        0
    } else {
        let f: String = frac.chars().chain("000".chars()).take(3).collect();
        num(&f)?
    };
    Some(from_parts(y, mo, d, h, mi, sec, ms)? - offset_min * 60_000)
}

/// Parses the archive's `created_at`, e.g. `Fri Mar 06 13:02:05 +0000 2026`.
pub fn parse_archive(s: &str) -> Option<Millis> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, mon, day, clock, off, year] = parts.as_slice() else {
        return None;
    };
    let mo = MONTHS.iter().position(|m| m == mon)? as u32 + 1;
    let mut t = clock.split(':');
    let (h, mi, sec) = (num(t.next()?)?, num(t.next()?)?, num(t.next()?)?);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits = off.trim_start_matches(['+', '-']);
    let offset = if digits.len() == 4 {
        i64::from(num(&digits[..2])? * 60 + num(&digits[2..])?)
    } else {
        return None;
    };
    Some(from_parts(year.parse().ok()?, mo, num(day)?, h, mi, sec, 0)? - sign * offset * 60_000)
}

/// Formats Unix milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn to_iso(ms: Millis) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

/// A short age: "now", "5m", "3h", "2d", "6w".
pub fn short_age(age_ms: Millis) -> String {
    let m = age_ms.max(0) / 60_000;
    match m {
        0 => "now".into(),
        1..=59 => format!("{m}m"),
        60..=1439 => format!("{}h", m / 60),
        1440..=20159 => format!("{}d", m / 1440),
        _ => format!("{}w", m / 10080),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trips() {
        let t = parse_iso("2025-10-23T19:34:00.000Z").unwrap();
        assert_eq!(t, 1_761_248_040_000);
        assert_eq!(to_iso(t), "2025-10-23T19:34:00.000Z");
        assert_eq!(parse_iso("2025-10-23T21:34:00+02:00"), Some(t));
        assert_eq!(parse_iso("1969-12-31T23:59:59.5Z"), Some(-500));
        assert_eq!(to_iso(-500), "1969-12-31T23:59:59.500Z");
        assert_eq!(
            parse_iso("2024-02-29T00:00:00Z").map(to_iso).unwrap(),
            "2024-02-29T00:00:00.000Z"
        );
    }

    #[test]
    fn iso_rejects_garbage() {
        for s in [
            "",
            "yesterday",
            "2025-13-01T00:00:00Z",
            "2025-10-23",
            "2025-10-23T19:34:00",
            "2025-1x-23T19:34:00Z",
        ] {
            assert_eq!(parse_iso(s), None, "{s}");
        }
    }

    #[test]
    fn archive_dates() {
        let t = parse_archive("Fri Mar 06 13:02:05 +0000 2026").unwrap();
        assert_eq!(to_iso(t), "2026-03-06T13:02:05.000Z");
        let t2 = parse_archive("Fri Mar 06 14:02:05 +0100 2026").unwrap();
        assert_eq!(t, t2);
        assert_eq!(parse_archive("Fri Mar 06 13:02:05 2026"), None);
    }

    #[test]
    fn ages() {
        assert_eq!(short_age(-5), "now");
        assert_eq!(short_age(59_000), "now");
        assert_eq!(short_age(5 * 60_000), "5m");
        assert_eq!(short_age(3 * 3_600_000 + 1), "3h");
        assert_eq!(short_age(2 * 86_400_000), "2d");
        assert_eq!(short_age(20 * 86_400_000), "2w");
    }
}
