//! `apply` in tail position (`Prim::Apply`: the prelude's `apply` and
//! `call-with-values`, and calls too wide for registers).
//!
//! A tail call leaves the caller's frame, so an error raised by
//! `closc_apply` (not a procedure, wrong number of arguments, not a proper
//! list) would show neither the call's position nor the caller in its
//! backtrace. So the call first asks the runtime, directly (no safepoint, no
//! spills), whether `closc_apply` will call the procedure
//! (`closc_rt_apply_fits`): if so, it is tail-called as before, and tail
//! calls through `apply` still run in constant stack; if not, it is called,
//! from this frame stopped at the call, and raises there.

use super::lower::FnCx;
use super::runtime_abi::c_signature;
use super::shared::Shared;
use crate::ir::Expr;
use closcrt::abi::RtEntry;
use cranelift_codegen::ir::InstBuilder;
use cranelift_module::{FuncId, Linkage, Module};

impl<'m, M: Module> Shared<'m, M> {
    /// `closc_rt_apply_fits`, declared on first use: only programs with an
    /// `apply` in tail position import it.
    fn apply_fits(&mut self) -> FuncId {
        let entry = RtEntry::ApplyFits;
        let sig = c_signature(self.call_conv_c, entry.params());
        let module = &mut *self.module;
        *self.apply_fits_func.get_or_insert_with(|| {
            module
                .declare_function(entry.symbol(), Linkage::Import, &sig)
                .expect("runtime symbols are unique")
        })
    }
}

impl<'a, 'm, M: Module> FnCx<'a, 'm, M> {
    /// `(apply f list)` (`args`) in tail position.
    pub(super) fn tail_apply(&mut self, args: &[Expr]) {
        let vals = self.values(args);
        let apply = self.sh.apply();
        let apply = self.func_ref(apply);
        let fits = self.sh.apply_fits();
        let fits = self.direct_call(fits, vals[0], vals[1]);
        let tail = self.b.create_block();
        let error = self.b.create_block();
        self.b.set_cold_block(error);
        self.b.ins().brif(fits, tail, &[], error, &[]);
        self.b.switch_to_block(tail);
        self.b.ins().return_call(apply, &vals);
        self.b.switch_to_block(error);
        self.budget = 0;
        let call = self.b.ins().call(apply, &vals);
        let r = self.b.inst_results(call)[0];
        self.b.ins().return_(&[r]);
    }
}
