//! Post text the way X reads it: entities (mentions, hashtags, cashtags, URLs) and weighted length.
