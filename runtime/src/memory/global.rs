//! `Global<T>`: a mutable global owned by the runtime.
//!
//! Scheme code runs on one thread, so runtime state (the heap, the symbol table,
//! the output buffer, ...) lives in plain statics wrapped in this type instead of
//! behind locks. Invariants: a `Global` is only touched from the thread running
//! Scheme code (unit tests serialize themselves with `test_lock`), and `with`
//! is never nested on the same global (checked in debug builds), so the `&mut T`
//! it hands out is unique.

use std::cell::UnsafeCell;

pub struct Global<T> {
    value: UnsafeCell<T>,
    #[cfg(debug_assertions)]
    busy: UnsafeCell<bool>,
}

// SAFETY: see the module documentation: only one thread uses runtime state.
unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    pub const fn new(value: T) -> Self {
        Global {
            value: UnsafeCell::new(value),
            #[cfg(debug_assertions)]
            busy: UnsafeCell::new(false),
        }
    }

    /// Runs `f` with exclusive access to the value. `f` must not call `with` on
    /// the same global.
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        #[cfg(debug_assertions)]
        // SAFETY: single-threaded use (module invariant).
        unsafe {
            assert!(!*self.busy.get(), "re-entrant access to a runtime global");
            *self.busy.get() = true;
        }
        // SAFETY: single-threaded use and no nesting (module invariant), so this
        // is the only live reference.
        let r = f(unsafe { &mut *self.value.get() });
        #[cfg(debug_assertions)]
        // SAFETY: as above.
        unsafe {
            *self.busy.get() = false;
        }
        r
    }

    /// Raw pointer to the value, for signal handlers that must read it without
    /// the nesting check (they may interrupt a `with`).
    pub fn as_ptr(&self) -> *mut T {
        self.value.get()
    }
}

/// Serializes unit tests that use runtime globals (cargo runs tests on several
/// threads).
#[cfg(test)]
pub fn test_lock() -> std::sync::MutexGuard<'static, ()> {
    crate::control::run::install_services();
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}
