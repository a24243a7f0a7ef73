//! Unanswered conversations: which posts wait on you and which got no reply yet.
