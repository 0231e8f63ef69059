//! The data objects codegen defines once every function is compiled:
//! `closc_globals`, `closc_constants` (zeroed, filled by `closc_entry`),
//! `closc_code_table` (each function's size, frame layout and stack maps, for
//! the collector), `closc_direct_targets` and the string bytes; the
//! positions table is in `positions.rs`.
//!
//! Invariant: a table holding function addresses is defined with contents,
//! never zero-initialised, because relocations do not apply to .bss.

use super::shared::Shared;
use closcrt::memory::value as v;
use cranelift_module::{DataDescription, FuncId, Module};

impl<'m, M: Module> Shared<'m, M> {
    pub(super) fn define_data(&mut self) -> Result<(), String> {
        if !self.program.link.external_globals {
            self.define_globals()?;
        }
        self.define_constants_and_code_table()
    }

    pub(super) fn define_globals(&mut self) -> Result<(), String> {
        let mut globals = DataDescription::new();
        let words = self.program.globals.len().max(1);
        let bytes: Vec<u8> = std::iter::repeat_n(v::UNBOUND.to_le_bytes(), words)
            .flatten()
            .collect();
        globals.define(bytes.into_boxed_slice());
        globals.set_align(8);
        self.module
            .define_data(self.globals_data, &globals)
            .map_err(|e| e.to_string())
    }

    pub(super) fn define_constants_and_code_table(&mut self) -> Result<(), String> {
        let mut consts = DataDescription::new();
        consts.define_zeroinit(self.constants.len().max(1) * 8);
        consts.set_align(8);
        self.module
            .define_data(self.constants_data, &consts)
            .map_err(|e| e.to_string())?;
        let mut words: Vec<u64> = vec![self.code_infos.len() as u64];
        let mut funcs = Vec::new();
        for info in &self.code_infos {
            funcs.push((words.len(), info.func));
            words.extend([
                0,
                info.len as u64,
                info.fp_to_sp as u64,
                info.safepoints.len() as u64,
            ]);
            for (offset, slots) in &info.safepoints {
                words.push(*offset as u64);
                words.push(slots.len() as u64);
                words.extend(slots.iter().map(|&o| o as u64));
            }
        }
        let table = self.word_table(&words, &funcs);
        self.module
            .define_data(self.code_table, &table)
            .map_err(|e| e.to_string())?;
        self.define_positions_table()?;
        let words = vec![0; self.direct_targets.len().max(1)];
        let funcs: Vec<(usize, FuncId)> = self.direct_targets.iter().copied().enumerate().collect();
        let targets = self.word_table(&words, &funcs);
        self.module
            .define_data(self.direct_targets_data, &targets)
            .map_err(|e| e.to_string())?;
        let mut strings = DataDescription::new();
        let mut bytes = std::mem::take(&mut self.string_bytes);
        bytes.push(0);
        strings.define(bytes.into_boxed_slice());
        self.module
            .define_data(self.string_data, &strings)
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// A data object of 64-bit words in which word `i` of each `(i, f)` in
    /// `funcs` is relocated to the address of function `f`. (Always defined
    /// with contents: zero-initialised data is .bss, where no relocation
    /// applies.)
    pub(super) fn word_table(
        &mut self,
        words: &[u64],
        funcs: &[(usize, FuncId)],
    ) -> DataDescription {
        let mut table = DataDescription::new();
        table.define(
            words
                .iter()
                .flat_map(|w| w.to_le_bytes())
                .collect::<Vec<u8>>()
                .into_boxed_slice(),
        );
        table.set_align(8);
        for &(word, func) in funcs {
            let fref = self.module.declare_func_in_data(func, &mut table);
            table.write_function_addr((word * 8) as u32, fref);
        }
        table
    }
}
