//! Reads of one RCI's records that its writers and its summary both need. Only reads live here,
//! so the arrows run one way: a writer calls `summaries::refresh`, the summary reads through
//! these, and nothing here calls a writer back.

pub(crate) mod checklists;
pub(crate) mod counts;
pub(crate) mod follow_ups;
pub(crate) mod placements;
pub(crate) mod rcis;
pub(crate) mod readiness;
pub(crate) mod regulation;
pub(crate) mod signoffs;
pub(crate) mod targets;
pub(crate) mod transformation;
