//! The compiler's passes after expansion, one module each, named by the verb
//! they perform; `crate::pipeline::STAGES` runs them in order. Two are
//! analyses that change no expression: `flonum_hints`, the last pass, whose
//! result the program keeps, and `fixnum_facts`, which the pipeline does not
//! run: codegen and `closc explain` compute it from the program.

pub mod alpha_rename;
pub mod convert_assignments;
pub mod convert_closures;
pub mod fixnum_facts;
pub mod flonum_hints;
pub mod inline;
pub mod letrec_order;
pub mod lift_lambdas;
pub mod prelude_tail_calls;
pub mod propagate_constants;
pub mod prune_definitions;
pub mod receive_values;
pub mod split_wide_calls;
pub mod uncover_free;
pub mod well_known;
