//! Compiling built functions to machine code, on several threads.
//!
//! In: Cranelift functions whose IR codegen has finished building, submitted
//! in the order they were built. Out: each one defined in the module (as
//! bytes plus relocations), in that same order, and the `CodeInfo` the
//! collector and the backtrace printer need about it.
//!
//! Cranelift compiles one function without looking at any other, so a large
//! program's functions are compiled by helper threads while codegen builds
//! the next ones; when building is done the calling thread compiles too.
//! Only defining the results in the module is sequential. Helpers start once
//! the submitted functions reach `PARALLEL_MIN_INSTS` instructions: a small
//! script or a REPL input is compiled on the calling thread alone, since
//! starting threads would cost more than it saves.

use super::CodeInfo;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::Function;
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::Context;
use cranelift_module::{FuncId, Module, ModuleReloc};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// Helpers start once this many IR instructions wait to be compiled.
const PARALLEL_MIN_INSTS: usize = 20_000;

/// A function whose IR is complete, waiting to be compiled.
struct Job {
    index: usize,
    id: FuncId,
    func: Function,
}

/// What compiling one function produced.
struct Machine {
    alignment: u64,
    bytes: Vec<u8>,
    relocs: Vec<ModuleReloc>,
    info: CodeInfo,
}

type Outcome = (usize, Result<Machine, String>);

/// Compiles submitted functions, in helper threads once there is enough work.
pub(super) struct Backend {
    isa: OwnedTargetIsa,
    submitted: usize,
    /// Jobs not handed to helpers (all of them until helpers start).
    waiting: Vec<Job>,
    waiting_insts: usize,
    helpers: Option<Helpers>,
}

struct Helpers {
    jobs: Sender<Job>,
    /// Shared by the helpers and, at the end, the calling thread.
    queue: Arc<Mutex<Receiver<Job>>>,
    outcomes: Receiver<Outcome>,
    outcome_sender: Sender<Outcome>,
    threads: Vec<JoinHandle<()>>,
}

impl Backend {
    pub fn new(isa: OwnedTargetIsa) -> Backend {
        Backend {
            isa,
            submitted: 0,
            waiting: Vec::new(),
            waiting_insts: 0,
            helpers: None,
        }
    }

    pub fn submit(&mut self, id: FuncId, func: Function) {
        let job = Job {
            index: self.submitted,
            id,
            func,
        };
        self.submitted += 1;
        if let Some(h) = &self.helpers {
            // A send fails only if every helper has gone, which happens only
            // after a panic in Cranelift; `finish` compiles what is left.
            if let Err(e) = h.jobs.send(job) {
                self.waiting.push(e.0);
            }
            return;
        }
        self.waiting_insts += job.func.dfg.num_insts();
        self.waiting.push(job);
        if self.waiting_insts >= PARALLEL_MIN_INSTS {
            self.start_helpers();
        }
    }

    fn start_helpers(&mut self) {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores < 2 {
            return;
        }
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let (outcome_sender, outcomes) = channel::<Outcome>();
        // The calling thread is busy building IR, so `cores - 1` helpers.
        let threads = (1..cores)
            .map(|_| {
                let isa = self.isa.clone();
                let queue = Arc::clone(&queue);
                let sender = outcome_sender.clone();
                std::thread::spawn(move || drain(&*isa, &queue, &sender))
            })
            .collect();
        for job in self.waiting.drain(..) {
            jobs.send(job).expect("helpers have just started");
        }
        self.waiting_insts = 0;
        self.helpers = Some(Helpers {
            jobs,
            queue,
            outcomes,
            outcome_sender,
            threads,
        });
    }

    /// Compiles every submitted function not yet compiled, defines them all in
    /// `module` in submission order and returns their `CodeInfo`s.
    pub fn finish<M: Module>(&mut self, module: &mut M) -> Result<Vec<CodeInfo>, String> {
        let mut machines: Vec<Option<Result<Machine, String>>> =
            (0..self.submitted).map(|_| None).collect();
        self.submitted = 0;
        self.waiting_insts = 0;
        let mut ctx = Context::new();
        for job in std::mem::take(&mut self.waiting) {
            let index = job.index;
            machines[index] = Some(compile(&*self.isa, &mut ctx, job));
        }
        if let Some(h) = self.helpers.take() {
            drop(h.jobs);
            drain(&*self.isa, &h.queue, &h.outcome_sender);
            drop(h.outcome_sender);
            for t in h.threads {
                // A helper that panicked left its job without an outcome,
                // reported below.
                let _ = t.join();
            }
            for (index, m) in h.outcomes.iter() {
                machines[index] = Some(m);
            }
        }
        let mut infos = Vec::with_capacity(machines.len());
        for m in machines {
            let m = m.ok_or("a function was lost: a compiler thread failed")??;
            module
                .define_function_bytes(m.info.func, m.alignment, &m.bytes, &m.relocs)
                .map_err(|e| format!("{e:?}"))?;
            infos.push(m.info);
        }
        Ok(infos)
    }
}

/// Compiles jobs from `queue` until it is closed and empty.
fn drain(isa: &dyn TargetIsa, queue: &Mutex<Receiver<Job>>, outcomes: &Sender<Outcome>) {
    let mut ctx = Context::new();
    loop {
        let next = queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .recv();
        let Ok(job) = next else { return };
        let index = job.index;
        if outcomes.send((index, compile(isa, &mut ctx, job))).is_err() {
            return;
        }
    }
}

/// Compiles one function with `ctx` (reused across functions for its
/// allocations) and collects what defining it and the runtime need.
fn compile(isa: &dyn TargetIsa, ctx: &mut Context, q: Job) -> Result<Machine, String> {
    ctx.clear();
    ctx.func = q.func;
    ctx.compile(isa, &mut ControlPlane::default())
        .map_err(|e| format!("{:?}", e.inner))?;
    let code = ctx.compiled_code().expect("compile succeeded");
    let relocs = code
        .buffer
        .relocs()
        .iter()
        .map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, q.id))
        .collect();
    let safepoints: Vec<(u32, Vec<u32>)> = code
        .buffer
        .user_stack_maps()
        .iter()
        .map(|(offset, _, map)| {
            (
                *offset,
                map.entries().map(|(_, sp_offset)| sp_offset).collect(),
            )
        })
        .collect();
    let fp_to_sp = code
        .buffer
        .frame_layout()
        .map(|l| l.frame_to_fp_offset)
        .ok_or("cranelift reported no frame layout")?;
    let mut srclocs: Vec<(u32, u32, u32)> = Vec::new();
    for s in code.buffer.get_srclocs_sorted() {
        if s.loc.is_default() {
            continue;
        }
        let loc = s.loc.bits();
        match srclocs.last_mut() {
            Some(last) if last.1 == s.start && last.2 == loc => last.1 = s.end,
            _ => srclocs.push((s.start, s.end, loc)),
        }
    }
    Ok(Machine {
        alignment: code.buffer.alignment as u64,
        bytes: code.code_buffer().to_vec(),
        relocs,
        info: CodeInfo {
            func: q.id,
            len: code.code_info().total_size,
            fp_to_sp,
            safepoints,
            srclocs,
        },
    })
}
