//! The post classifier: one kind per post, a pitch score and the evidence behind it.
