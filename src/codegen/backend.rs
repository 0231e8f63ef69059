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
//! Only defining the results in the module is sequential, so the output does
//! not depend on the number of threads. Functions travel in batches of about
//! `BATCH_INSTS` IR instructions (one message and one wake-up per batch, not
//! per function), and helpers start with the first full batch. A program
//! under `PARALLEL_MIN_NODES` expression nodes (a script, a REPL input) is
//! compiled on the calling thread alone, each function as soon as it is built.

use super::shared::CodeInfo;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::Function;
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::Context;
use cranelift_module::{FuncId, Module, ModuleReloc};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// IR instructions per batch of functions handed to a compiling thread
/// (a few milliseconds of Cranelift's work).
const BATCH_INSTS: usize = 5_000;

/// Programs of at least this many expression nodes are compiled in parallel.
const PARALLEL_MIN_NODES: usize = 2_000;

/// Every function starts on a cache line. Cranelift's own minimum is one
/// byte, so functions were packed end to end and any change anywhere moved
/// every later function to another offset within its lines: the same
/// machine code of ack, fib or tak ran 8-20% faster or slower after an
/// unrelated change (ack 0.49 s at a line's start, 0.59 s 32 bytes into
/// one). At 64 bytes a function's timing depends on its own code alone; 16
/// and 32 bytes still left ack's two placements 20% apart. The padding costs
/// 32 bytes per function on average.
const FUNCTION_ALIGNMENT: u64 = 64;

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
    /// The IR of a function a helper compiled, handed back so that the
    /// thread that built it frees it: glibc's malloc locks the allocating
    /// thread's arena on each free, and freeing the IR on a helper contended
    /// with the building thread (about 9,700 futex calls for the 10,000-line
    /// program).
    ir: Option<Function>,
}

type Outcomes = Vec<(usize, Result<Machine, String>)>;

/// Compiles submitted functions: at once on the calling thread for a small
/// program, in batches on helper threads for a large one.
pub(super) struct Backend {
    isa: OwnedTargetIsa,
    /// Functions go to helper threads (see `Backend::new`).
    parallel: bool,
    submitted: usize,
    /// Jobs not yet handed to a thread.
    batch: Vec<Job>,
    batch_insts: usize,
    helpers: Option<Helpers>,
    /// Jobs the calling thread compiled itself, by index.
    compiled_here: Outcomes,
}

struct Helpers {
    batches: Sender<Vec<Job>>,
    /// Shared by the helpers and, at the end, the calling thread.
    queue: Arc<Mutex<Receiver<Vec<Job>>>>,
    outcomes: Receiver<Outcomes>,
    outcome_sender: Sender<Outcomes>,
    threads: Vec<JoinHandle<()>>,
}

impl Backend {
    /// A backend for a program of `nodes` expression nodes. Below
    /// `PARALLEL_MIN_NODES`, or on one core, each function is compiled as
    /// soon as it is built, in the builder's own context: keeping functions
    /// for helpers means fresh memory per function (for hello, 47 more page
    /// faults at start-up).
    pub fn new(isa: OwnedTargetIsa, nodes: usize) -> Backend {
        let parallel = nodes >= PARALLEL_MIN_NODES
            && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2);
        Backend {
            isa,
            parallel,
            submitted: 0,
            batch: Vec::new(),
            batch_insts: 0,
            helpers: None,
            compiled_here: Vec::new(),
        }
    }

    /// Takes the function built in `ctx` to be compiled as function `id`;
    /// the caller clears `ctx` for the next one.
    pub fn submit(&mut self, id: FuncId, ctx: &mut Context) {
        let index = self.submitted;
        self.submitted += 1;
        if !self.parallel {
            let m = compile(&*self.isa, ctx, id);
            self.compiled_here.push((index, m));
            return;
        }
        let func = std::mem::replace(&mut ctx.func, Function::new());
        self.batch_insts += func.dfg.num_insts();
        self.batch.push(Job { index, id, func });
        if self.batch_insts >= BATCH_INSTS {
            self.hand_over_batch();
        }
    }

    /// Sends the batch to the helpers, starting them if need be.
    fn hand_over_batch(&mut self) {
        if self.helpers.is_none() {
            self.helpers = Some(start_helpers(&self.isa));
        }
        let Some(h) = &self.helpers else { return };
        let batch = std::mem::take(&mut self.batch);
        self.batch_insts = 0;
        // A send fails only if every helper has gone, which happens only after
        // a panic in Cranelift: compile the batch here instead.
        if let Err(unsent) = h.batches.send(batch) {
            let mut ctx = Context::new();
            self.compiled_here
                .extend(compile_batch(&*self.isa, &mut ctx, unsent.0));
        }
    }

    /// Compiles every submitted function not yet compiled, defines them all in
    /// `module` in submission order and returns their `CodeInfo`s.
    pub fn finish<M: Module>(&mut self, module: &mut M) -> Result<Vec<CodeInfo>, String> {
        let mut machines: Vec<Option<Result<Machine, String>>> =
            (0..self.submitted).map(|_| None).collect();
        let mut outcomes = std::mem::take(&mut self.compiled_here);
        if !self.batch.is_empty() {
            let batch = std::mem::take(&mut self.batch);
            outcomes.extend(compile_batch(&*self.isa, &mut Context::new(), batch));
        }
        if let Some(h) = self.helpers.take() {
            drop(h.batches);
            drain(&*self.isa, &h.queue, &h.outcome_sender);
            drop(h.outcome_sender);
            for t in h.threads {
                // A helper that panicked left its batch without outcomes,
                // reported below.
                let _ = t.join();
            }
            outcomes.extend(h.outcomes.iter().flatten());
        }
        for (index, m) in outcomes {
            machines[index] = Some(m);
        }
        self.submitted = 0;
        self.batch_insts = 0;
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

/// One helper per core beyond the first (the calling thread is busy building
/// IR).
fn start_helpers(isa: &OwnedTargetIsa) -> Helpers {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get().max(2));
    let (batches, queue) = channel::<Vec<Job>>();
    let queue = Arc::new(Mutex::new(queue));
    let (outcome_sender, outcomes) = channel::<Outcomes>();
    let threads = (1..cores)
        .map(|_| {
            let isa = isa.clone();
            let queue = Arc::clone(&queue);
            let sender = outcome_sender.clone();
            std::thread::spawn(move || drain(&*isa, &queue, &sender))
        })
        .collect();
    Helpers {
        batches,
        queue,
        outcomes,
        outcome_sender,
        threads,
    }
}

/// Compiles batches from `queue` until it is closed and empty.
fn drain(isa: &dyn TargetIsa, queue: &Mutex<Receiver<Vec<Job>>>, outcomes: &Sender<Outcomes>) {
    let mut ctx = Context::new();
    loop {
        let next = queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .recv();
        let Ok(batch) = next else { return };
        if outcomes.send(compile_batch(isa, &mut ctx, batch)).is_err() {
            return;
        }
    }
}

fn compile_batch(isa: &dyn TargetIsa, ctx: &mut Context, batch: Vec<Job>) -> Outcomes {
    batch
        .into_iter()
        .map(|job| {
            ctx.clear();
            ctx.func = job.func;
            let mut m = compile(isa, ctx, job.id);
            if let Ok(m) = &mut m {
                m.ir = Some(std::mem::replace(&mut ctx.func, Function::new()));
            }
            (job.index, m)
        })
        .collect()
}

/// Compiles the function in `ctx` and collects what defining it and the
/// runtime need.
fn compile(isa: &dyn TargetIsa, ctx: &mut Context, id: FuncId) -> Result<Machine, String> {
    ctx.compile(isa, &mut ControlPlane::default())
        .map_err(|e| format!("{:?}", e.inner))?;
    let code = ctx.compiled_code().expect("compile succeeded");
    let relocs = code
        .buffer
        .relocs()
        .iter()
        .map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, id))
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
    let alignment = (code.buffer.alignment as u64).max(FUNCTION_ALIGNMENT);
    let bytes = code.code_buffer().to_vec();
    let len = code.code_info().total_size;
    Ok(Machine {
        alignment,
        bytes,
        relocs,
        info: CodeInfo {
            func: id,
            len,
            fp_to_sp,
            safepoints,
            srclocs,
        },
        ir: None,
    })
}
