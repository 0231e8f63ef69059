//! The compiler's passes after expansion, one module each, named by the verb
//! they perform. `crate::pipeline::STAGES` runs them in order.

pub mod alpha_rename;
pub mod convert_assignments;
pub mod convert_closures;
pub mod flonum_hints;
pub mod inline;
pub mod lift_lambdas;
pub mod uncover_free;
pub mod well_known;
